"""Page serving is Wagtail's (portal/routing.py, portal/urls.py): its /_util/ views, view
restrictions, redirects, RoutablePage routes and schedule all work, and the route found in
one query is the one Wagtail's own walk finds."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from portal import ledger
from portal.navigation import site_for_request, site_navigation, site_root_paths
from portal.routing import route_page

from .factories.calls import CallPageFactory, call_index
from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def restrict(page, kind, password=""):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password=password)


@pytest.fixture
def resident():
    return get_user_model().objects.create_user("gyventoja", password="Slaptas-2026-zodis")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_wagtails_sign_in_view_is_served_in_both_languages(client, prefix):
    response = client.get(f"{prefix}/_util/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert ("Prisijungti" in html) if not prefix else ("Sign in" in html)


def test_a_login_restricted_page_opens_after_signing_in_and_for_nobody_else(
    client, home_lt, resident
):
    page = ContentPageFactory(parent=home_lt, slug="nariams", title="Tik nariams")
    restrict(page, PageViewRestriction.LOGIN)
    response = client.get("/nariams/")
    assert response.status_code == 302
    assert response["Location"].startswith("/_util/login/?next=/nariams/")
    assert "Tik nariams" not in client.get(response["Location"]).content.decode()
    response = client.post(
        "/_util/login/",
        {"username": "gyventoja", "password": "neteisingas", "next": "/nariams/"},
    )
    assert response.status_code == 200  # the form again, with its message
    assert client.get("/nariams/").status_code == 302
    response = client.post(
        "/_util/login/",
        {"username": "gyventoja", "password": "Slaptas-2026-zodis", "next": "/nariams/"},
    )
    assert response.status_code == 302 and response["Location"] == "/nariams/"
    assert "Tik nariams</h1>" in client.get("/nariams/").content.decode()


@pytest.mark.parametrize(
    ("language", "path", "wrong_message"),
    [
        ("lt", "/slaptas/", "Slaptažodis, kurį įvedėte, neteisingas"),
        ("en", "/en/secret/", "is not correct"),
    ],
)
def test_a_password_page_opens_with_its_password_only(
    client, home_lt, home_en, language, path, wrong_message
):
    home = home_lt if language == "lt" else home_en
    page = ContentPageFactory(parent=home, slug=path.strip("/").split("/")[-1], title="Slapta")
    restriction = restrict(page, PageViewRestriction.PASSWORD, password="vvg-2026")
    form = client.get(path)
    assert form.status_code == 200
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    if language == "en":
        action = "/en" + action
    html = form.content.decode()
    assert f'action="{action}"' in html and "Slapta</h1>" not in html
    wrong = client.post(action, {"password": "spėjimas", "return_url": path})
    assert wrong.status_code == 200
    assert wrong_message.lower() in wrong.content.decode().lower()
    assert "Slapta</h1>" not in client.get(path).content.decode()
    right = client.post(action, {"password": "vvg-2026", "return_url": path})
    assert right.status_code == 302 and right["Location"] == path
    assert "Slapta</h1>" in client.get(path).content.decode()


def test_a_document_in_a_login_only_collection_sends_visitors_to_sign_in(client, resident):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Valdybai")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Protokolas", collection=private, file=ContentFile(b"Turinys", name="protokolas.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the sign-in page, not a 404
    client.force_login(resident)
    assert client.get(document.url).status_code == 200


def test_redirects_are_wagtails(client, page_at):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/senas-adresas", redirect_page=page_at("/apie/"))
    response = client.get("/senas-adresas/")
    assert response.status_code == 301 and response["Location"].endswith("/apie/")


def test_a_routable_page_route_wins_over_a_child_of_the_same_name_as_in_wagtail(client):
    """Wagtail asks an ancestor's route() first: the calls index's RSS route answers rss/."""
    ContentPageFactory(parent=call_index(), slug="rss", title="Puslapis vardu rss")
    response = client.get("/kvietimai/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def wagtails_own_route(path, language):
    request = RequestFactory().get(path)
    with translation.override(language):
        site = Site.find_for_request(request)
        components = [part for part in path.removeprefix("/en").split("/") if part]
        try:
            return site.root_page.localized.specific.route(request, components)
        except Exception:  # noqa: BLE001 - Http404 and its kin: "no page"
            return None


def described(route):
    """A route result with RoutablePage views by name (bound methods differ per call)."""
    page, args, kwargs = route
    args = [getattr(arg, "__name__", arg) for arg in args]
    return page.pk, type(page), args, kwargs


def test_every_address_routes_as_wagtails_own_walk_would(client):
    """A differential check over every live page and a few sub-routes and unknown paths."""
    paths = []
    for page in Page.objects.live().filter(depth__gt=2).select_related("locale"):
        url = page.get_url()
        if url:
            paths.append((url, page.locale.language_code))
    paths += [
        ("/kvietimai/rss/", "lt"),
        ("/kvietimai/ics/", "lt"),
        ("/en/calls/rss/", "en"),
        ("/idejos/1/", "lt"),
        ("/nera/", "lt"),
        ("/apie/nera/", "lt"),
    ]
    assert len(paths) > 20
    for path, language in paths:
        with translation.override(language):
            ours = route_page(RequestFactory().get(path), path.removeprefix("/en"))
        theirs = wagtails_own_route(path, language)
        if theirs is None:
            assert ours is None, path
            continue
        assert ours is not None, path
        assert described(ours) == described(theirs), path


def test_the_wagtail_attributes_the_router_sets_are_the_ones_wagtail_reads(
    django_assert_num_queries, page_at
):
    """The router hands Wagtail what it found through three attributes that are not Wagtail's
    public API: pinned here, so a Wagtail upgrade that stops reading them fails this test."""
    request = RequestFactory().get("/apie/miesto-bendruomene/")
    with translation.override("lt"):
        site = site_for_request(request)
        result = route_page(request, "/apie/miesto-bendruomene/")
    # request._wagtail_site: Wagtail's Site.find_for_request answers it without a query.
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
    # request._wagtail_route_for_request: Wagtail's serve view uses this route.
    request._wagtail_route_for_request = result
    with django_assert_num_queries(0):
        assert Page.route_for_request(request, "/apie/miesto-bendruomene/") is result
    # page._cached_parent_obj: treebeard's get_parent() reads it, as after Wagtail's route().
    about = page_at("/apie/")
    with django_assert_num_queries(0):
        parent = result[0].get_parent()
    assert parent.pk == about.pk
    # request._wagtail_cached_site_root_paths: Page.get_url(request) reads the site root
    # paths that came with the navigation, instead of asking for the sites again.
    with translation.override("lt"):
        site_navigation(RequestFactory().get("/"))  # the navigation, now in the cache
        cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
        request = RequestFactory().get("/apie/")
        site_navigation(request)
    with django_assert_num_queries(0):
        assert about.get_url(request) == "/apie/"


def test_the_site_root_paths_read_with_the_navigation_are_wagtails_own(lt, en, home_lt):
    """On several sites, with an unpublished translation of a root: the same list, in the
    same order, as Wagtail's Site.get_site_root_paths()."""
    other_root = ContentPageFactory(parent=home_lt.get_parent(), title="Kita svetainė")
    other_root.copy_for_translation(en).save_revision()  # a draft: a root path all the same
    Site.objects.create(hostname="kita.example", port=80, root_page=other_root)
    Site.objects.create(hostname="zeta.example", port=8080, root_page=home_lt)
    cache.clear()
    ledger.forget_version()
    theirs = Site.get_site_root_paths()
    assert len(theirs) >= 6
    for host in ("testserver", "kita.example", "zeta.example:8080"):
        request = RequestFactory().get("/", HTTP_HOST=host)
        with translation.override("lt"):
            assert site_root_paths(request) == theirs, host


def test_a_page_past_its_expiry_is_gone_at_that_second(client, time_machine):
    moment = timezone.now() + timedelta(hours=2)
    call = CallPageFactory(parent=call_index(), slug="baigiasi", expire_at=moment)
    time_machine.move_to(moment - timedelta(seconds=1))
    assert client.get("/kvietimai/baigiasi/").status_code == 200
    time_machine.move_to(moment + timedelta(seconds=1))
    assert client.get("/kvietimai/baigiasi/").status_code == 404
    assert client.get("/kvietimai/baigiasi/ics/").status_code == 404
    call.refresh_from_db()
    assert call.live  # publish_scheduled has not run yet
