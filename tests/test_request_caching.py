"""
What a page view no longer asks the database or Redis for (portal/cache.py, portal/navigation.py,
IntroBodyPage.get_view_restrictions): the site, the view restrictions, the language links and
the content version, each answered from a cache that is never stale.
"""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from portal import cache as portal_cache
from portal.navigation import match_site, site_for_request

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


# The site ---------------------------------------------------------------------------------


def wagtails_answer(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize(
    "sites",
    [
        [("localhost", 80, True)],
        [("vvg.example", 443, True), ("en.vvg.example", 443, False)],
        [("vvg.example", 443, False), ("vvg.example", 8080, False)],
        [("vvg.example", 443, True), ("vvg.example", 8080, False)],
        [("other.example", 80, True), ("vvg.example", 8080, False)],
        [("other.example", 80, True), ("vvg.example", 8080, False), ("vvg.example", 81, False)],
        [("vvg.example", 443, False)],
    ],
    ids=str,
)
def test_the_cached_site_is_the_one_wagtail_would_choose(home_lt, sites):
    Site.objects.all().delete()
    for hostname, port, default in sites:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=home_lt
        )
    known = list(Site.objects.all())
    for hostname in ("vvg.example", "en.vvg.example", "other.example", "unknown.example"):
        for port in (80, 81, 443, 8080):
            expected = wagtails_answer(hostname, port)
            found = match_site(known, hostname, str(port))
            assert (found.pk if found else None) == (expected.pk if expected else None), (
                hostname,
                port,
            )


def test_a_new_site_is_found_at_once(home_lt):
    request = RequestFactory().get("/", HTTP_HOST="naujas.example")
    first = site_for_request(request)
    assert first.is_default_site
    added = Site.objects.create(hostname="naujas.example", port=80, root_page=home_lt)
    request = RequestFactory().get("/", HTTP_HOST="naujas.example")
    assert site_for_request(request).pk == added.pk


def test_a_page_view_spends_no_query_on_the_site_or_restrictions(client, django_assert_num_queries):
    client.get("/apie/")  # warm the caches
    # Only the child pages of this content page: nothing for the site, the page and its
    # ancestors, the restrictions or the language links.
    with django_assert_num_queries(1):
        assert client.get("/apie/").status_code == 200


# View restrictions ------------------------------------------------------------------------


@pytest.fixture
def members_section(home_lt):
    section = ContentPageFactory(parent=home_lt, slug="nariams", title="Nariams")
    inner = ContentPageFactory(parent=section, slug="protokolai", title="Protokolai")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="slaptas"
    )
    return section, inner


def test_restricted_pages_and_pages_below_them_still_ask_for_the_password(client, members_section):
    section, inner = members_section
    for path in ("/nariams/", "/nariams/protokolai/"):
        response = client.get(path)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()
        assert "Protokolai</h1>" not in response.content.decode()
    assert list(inner.get_view_restrictions()) == list(
        PageViewRestriction.objects.filter(page=section)
    )


def test_an_alias_of_a_restricted_page_is_restricted_too(client, members_section, home_lt):
    section, _inner = members_section
    # The alias lives elsewhere in the tree, outside the restricted section.
    other = ContentPageFactory(parent=home_lt, slug="kita", title="Kita")
    alias = section.create_alias(parent=other, update_slug="nariu-kopija")
    response = client.get("/kita/nariu-kopija/")
    assert 'name="password"' in response.content.decode()
    assert list(Page.objects.get(pk=alias.pk).specific.get_view_restrictions())


def test_a_new_restriction_applies_at_once(client, home_lt):
    page = ContentPageFactory(parent=home_lt, slug="greitai", title="Greitai")
    assert "Greitai</h1>" in client.get("/greitai/").content.decode()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="slaptas"
    )
    assert 'name="password"' in client.get("/greitai/").content.decode()


# Language links ---------------------------------------------------------------------------


def test_the_language_switcher_follows_a_renamed_translation_at_once(client, page_at):
    assert 'href="/en/about/"' in client.get("/apie/").content.decode()
    about = page_at("/en/about/")
    about.slug = "about-the-group"
    about.save_revision().publish()
    html = client.get("/apie/").content.decode()
    assert 'href="/en/about-the-group/"' in html and 'href="/en/about/"' not in html


# The content version ------------------------------------------------------------------


def test_the_content_version_is_read_once_per_request_and_follows_a_change(
    django_assert_num_queries, home_lt
):
    def view(request):
        with django_assert_num_queries(1):  # the ledger, once
            first = portal_cache.content_version()
            assert portal_cache.content_version() == first
        ContentPageFactory(parent=home_lt, slug="naujas", title="Naujas")
        changed = portal_cache.content_version()
        assert changed != first  # a change made in this request is seen at once
        return changed

    middleware = portal_cache.ContentVersionMiddleware(view)
    changed = middleware(RequestFactory().get("/"))
    assert portal_cache.content_version() == changed


def test_a_process_keeps_the_version_no_longer_than_the_bound(settings, home_lt):
    """Another process's change (a row this process did not write) is seen within the bound."""
    from portal import ledger
    from portal.models import Change

    settings.PORTAL_CONTENT_VERSION_MAX_AGE = 0.2
    first = portal_cache.content_version()
    Change.objects.create(at=home_lt.last_published_at, kind=Change.Kind.CHANGED)  # no signal
    assert portal_cache.content_version() == first  # within the bound: the process's copy
    import time

    time.sleep(0.25)
    assert portal_cache.content_version() != first
    ledger.forget_version()


def test_cache_keys_carry_the_release(settings):
    portal_cache.release.cache_clear()
    try:
        settings.PORTAL_RELEASE = "a1b2c3"
        assert portal_cache.content_version().startswith("a1b2c3.")
        assert portal_cache.remember("example:release", build=lambda: "old") == "old"
        portal_cache.release.cache_clear()
        settings.PORTAL_RELEASE = "d4e5f6"
        # A new release reads nothing an older one pickled.
        assert portal_cache.remember("example:release", build=lambda: "new") == "new"
    finally:
        portal_cache.release.cache_clear()


def test_without_a_configured_release_a_changed_script_is_a_new_release(settings, tmp_path):
    """A cached page names its scripts and styles by their content's hash: a deploy that
    changes only a script must not serve pages that name the old one."""
    script = tmp_path / "portal" / "static" / "portal" / "map.js"
    script.parent.mkdir(parents=True)
    (tmp_path / "portal" / "views.py").write_text("VIEW = 1\n")
    script.write_text("draw(1);\n")
    settings.BASE_DIR = tmp_path
    settings.PORTAL_PLUGINS = []
    settings.PORTAL_RELEASE = ""
    portal_cache.release.cache_clear()
    try:
        before = portal_cache.release()
        script.write_text("draw(2);\n")
        portal_cache.release.cache_clear()
        assert portal_cache.release() != before
    finally:
        portal_cache.release.cache_clear()


# Routing -----------------------------------------------------------------------------------


def test_a_renamed_moved_or_unpublished_page_is_routed_anew_at_once(client, home_lt):
    section = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius")
    page = ContentPageFactory(parent=home_lt, slug="senas", title="Senas adresas")
    assert client.get("/senas/").status_code == 200  # now remembered
    page.slug = "naujas"
    page.save_revision().publish()
    assert client.get("/naujas/").status_code == 200
    assert client.get("/senas/").status_code in (301, 302, 404)  # a redirect or gone
    Page.objects.get(pk=page.pk).move(section, pos="last-child")
    assert "Senas adresas</h1>" in client.get("/skyrius/naujas/").content.decode()
    Page.objects.get(pk=page.pk).specific.unpublish()
    assert client.get("/skyrius/naujas/").status_code == 404


def test_unknown_addresses_are_not_remembered(client):
    client.get("/nera-0/")
    before = len(cache._cache)
    for n in range(1, 21):
        assert client.get(f"/nera-{n}/").status_code == 404
    assert len(cache._cache) - before < 5


def test_a_child_page_is_found_whatever_was_remembered_of_its_parent(
    client, home_lt, django_assert_max_num_queries
):
    section = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius")
    ContentPageFactory(parent=section, slug="vaikas", title="Vaikas")
    client.get("/skyrius/")  # the parent is remembered first
    assert "Vaikas</h1>" in client.get("/skyrius/vaikas/").content.decode()
    # ... and the child is remembered in turn: its next view asks nothing to route it.
    with django_assert_max_num_queries(1):  # its (absent) child pages only
        assert client.get("/skyrius/vaikas/").status_code == 200


def test_remember_keeps_none():
    calls = []

    def build():
        calls.append(1)
        return None

    assert portal_cache.remember("example:none", 1, build=build) is None
    assert portal_cache.remember("example:none", 1, build=build) is None
    assert len(calls) == 1  # a None answer is remembered, not rebuilt
