from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale, Page

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site, loaded once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0, stdout=StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches, this process's copy of the content version
    included. What an earlier test cached is keyed by a ledger id that test wrote and rolled
    back, which the next test may write again for other content."""
    from portal import ledger

    cache.clear()
    ledger.forget_version()
    ledger._clear_pending()
    yield
    cache.clear()
    ledger.forget_version()


@pytest.fixture
def lt(db):
    return Locale.objects.get(language_code="lt")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_lt(lt):
    return HomePage.objects.get(locale=lt)


@pytest.fixture
def home_en(en):
    return HomePage.objects.get(locale=en)


@pytest.fixture
def page_at(db):
    """The live page at a public path such as '/apie/' or '/en/about/'."""
    from django.test import RequestFactory
    from django.utils import translation

    from portal.routing import route_page

    def find(path):
        language = "en" if path.startswith("/en/") else "lt"
        with translation.override(language):
            route = route_page(RequestFactory().get(path), path.removeprefix("/en"))
        assert route is not None, path
        return Page.objects.get(pk=route[0].pk).specific

    return find


@pytest.fixture
def committing_client(client, django_capture_on_commit_callbacks):
    """The test client, whose POSTs commit as they do outside tests: what runs after the commit
    (enqueueing e-mails from the outbox, the search index) has run when the response is read."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client
