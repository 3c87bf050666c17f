import re

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: url for url, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}


def test_switcher_links_each_page_to_its_translation(client):
    html = client.get("/apie/miesto-bendruomene/").content.decode()
    assert switcher_links(html) == {"en": "/en/about/city-community/"}
    html = client.get("/en/about/city-community/").content.decode()
    assert switcher_links(html) == {"lt": "/apie/miesto-bendruomene/"}


def test_switcher_falls_back_to_the_home_page_without_a_translation(client, home_lt):
    ContentPageFactory(parent=home_lt, slug="tik-lietuviskai", title="Tik lietuviškai")
    html = client.get("/tik-lietuviskai/").content.decode()
    assert switcher_links(html) == {"en": "/en/"}
    # No hreflang alternate promises a translation that does not exist.
    assert 'hreflang="en" href=' not in html


def test_hreflang_alternates_name_both_versions(client):
    html = client.get("/strategija/").content.decode()
    assert '<link rel="alternate" hreflang="lt" href="http://testserver/strategija/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/strategy/">' in html


def test_search_page_switches_language_on_the_same_path(client):
    html = client.get("/en/search/?q=city").content.decode()
    assert switcher_links(html) == {"lt": "/search/?q=city"}


def test_unprefixed_addresses_are_lithuanian_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="lt">' in response.content.decode()


def test_admin_speaks_lithuanian_by_default(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="lt"' in html
    assert "Prisijungti" in html


def test_an_editor_can_choose_english_for_the_admin(client):
    user = get_user_model().objects.create_superuser("redaktore", "", "slaptazodis-123")
    client.force_login(user)
    assert '<html lang="lt"' in client.get("/admin/").content.decode()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    assert '<html lang="en"' in client.get("/admin/").content.decode()


@pytest.mark.parametrize("app", ["portal", *settings.PORTAL_PLUGINS])
def test_lithuanian_catalogue_translates_every_message(app):
    path = settings.BASE_DIR / app / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "lt"
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not missing
    assert not catalogue.fuzzy_entries()
    assert (path.with_suffix(".mo")).exists()


def test_templates_are_translated_into_lithuanian(client):
    html = client.get("/").content.decode()
    assert "Pereiti prie pagrindinio turinio" in html  # the skip link
    assert "Skip to main content" not in html


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "rezultatas"),
        (2, "rezultatai"),
        (12, "rezultatų"),
        (20, "rezultatų"),
        (21, "rezultatas"),
    ],
)
def test_lithuanian_counts_take_the_right_plural_form(client, count, word):
    """Lithuanian has three forms for whole numbers: 1 and 21, 2–9, and 10–20 (and 30, 40…)."""
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("lt"):
        text = ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count
        ) % {"counter": count, "query": "miesto"}
    assert text.startswith(f"{count} {word} ")
