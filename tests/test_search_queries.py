"""Query budgets of search: the same number of queries whatever the page size or matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents.models import Document

from portal.registry import SearchPageType, SearchSource, search_contributors
from search.query import run_search
from strategy.models import Priority

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 12


@pytest.fixture
def sources():
    search_contributors.register(
        "budget-example",
        [
            SearchPageType(key="content", label="Turinio puslapis", models=("home.ContentPage",)),
            SearchSource(
                key="priority",
                label="Prioritetas",
                queryset=lambda locale: Priority.objects.filter(locale=locale),
                url=lambda obj, context: f"{context.section_url('strategy')}#{obj.code}",
            ),
            SearchSource(
                key="document",
                label="Dokumentas",
                queryset=lambda locale: Document.objects.all(),
                url=lambda obj, context: obj.url,
            ),
        ],
    )
    yield
    search_contributors.unregister("budget-example")


def fill(home, locale, n, start=0):
    for i in range(start, start + n):
        ContentPageFactory(parent=home, slug=f"pyragas-{i}", title=f"Obuolių pyragas {i}")
        Priority.objects.create(locale=locale, code=f"P{i}", title=f"Pyragų mugė {i}")


def count(callable_):
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


@pytest.fixture(autouse=True)
def searches_not_remembered(settings):
    # These count the queries of the search itself, not of an answer remembered from before.
    settings.PORTAL_SEARCH_RESULT_CACHE = False


def test_run_search_queries_do_not_grow_with_page_size_or_matches(sources, home_lt, lt):
    fill(home_lt, lt, 4)
    run_search("pyragas", "lt", limit=50)  # warm the content types, locales, section pages
    small = count(lambda: run_search("pyragas", "lt", limit=2))
    fill(home_lt, lt, 26, start=4)
    run_search("pyragas", "lt", limit=100)  # new pages: the section pages are cached anew
    large = count(lambda: run_search("pyragas", "lt", limit=25))
    outcome = run_search("pyragas", "lt", limit=25)
    assert outcome.count == 60 and len(outcome.results) == 25
    assert small == large
    deeper = count(lambda: run_search("pyragas", "lt", limit=10, offset=40))
    assert deeper == large


def test_search_page_stays_within_the_budget(client, sources, home_lt, lt):
    fill(home_lt, lt, 15)
    SearchPromotion.objects.create(query=Query.get("pyragas"), page=home_lt, sort_order=0)
    for path in [
        "/search/?q=pyragas",
        "/search/?q=pyragas&page=2",
        "/en/search/?q=cake",
        "/search/?q=xyzzy",
        "/search/?q=pyragas&type=priority",
        "/search/",
    ]:
        client.get(path)  # warm the caches (site root paths, section pages, statistics row)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert len(queries) <= PAGE_QUERY_BUDGET, (path, [q["sql"][:90] for q in queries])


def test_search_page_queries_do_not_grow_with_the_results(client, sources, home_lt, lt):
    fill(home_lt, lt, 3)
    client.get("/search/?q=pyragas")
    few = count(lambda: client.get("/search/?q=pyragas"))
    fill(home_lt, lt, 20, start=3)
    client.get("/search/?q=pyragas")
    many = count(lambda: client.get("/search/?q=pyragas"))
    assert few == many


def test_api_queries_do_not_grow_with_the_limit(client, sources, home_lt, lt):
    fill(home_lt, lt, 30)
    client.get("/api/v1/search?q=pyragas&limit=50")
    small = count(lambda: client.get("/api/v1/search?q=pyragas&limit=5"))
    large = count(lambda: client.get("/api/v1/search?q=pyragas&limit=50"))
    assert small == large
    assert large <= PAGE_QUERY_BUDGET
