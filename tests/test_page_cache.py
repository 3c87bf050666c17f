"""The full-page cache for anonymous visitors: fast, and never stale."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from portal.cache import AnonymousPageCacheMiddleware, content_version
from portal.settings.base import REDIS_CACHE_OPTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE = True
    caches["default"].clear()


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    first = client.get("/apie/")
    assert first["X-Portal-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/apie/")
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_a_change_shows_at_once(client, page_at):
    client.get("/apie/")
    about = page_at("/apie/")
    about.title = "Apie mus"
    about.save_revision().publish()
    response = client.get("/apie/")
    assert response["X-Portal-Cache"] == "miss"
    assert "<h1>Apie mus</h1>" in response.content.decode()
    # The menu on every other page changed too.
    assert "Apie mus" in client.get("/strategija/").content.decode()


def test_unpublishing_removes_the_page_at_once(client, page_at):
    assert client.get("/apie/musu-siekis/").status_code == 200
    page_at("/apie/musu-siekis/").unpublish()
    assert client.get("/apie/musu-siekis/").status_code == 404


def test_snippet_and_settings_changes_invalidate(client, home_lt):
    from portal.models import SiteSettings
    from strategy.models import Priority

    before = content_version()
    Priority.objects.create(code="9", title="Bandomasis tikslas", locale=home_lt.locale)
    after_snippet = content_version()
    assert after_snippet != before
    site_settings = SiteSettings.for_site(home_lt.get_site())
    site_settings.phone = "+370 313 00000"
    site_settings.save()
    assert content_version() != after_snippet
    assert "+370 313 00000" in client.get("/").content.decode()


def test_signed_in_users_are_never_served_from_the_cache(client):
    client.get("/apie/")
    user = get_user_model().objects.create_user("redaktorius", password="x-1234-slapta")
    client.force_login(user)
    response = client.get("/apie/")
    assert "X-Portal-Cache" not in response


def test_responses_with_a_csrf_token_or_cookies_are_not_stored():
    factory = RequestFactory()

    def form_page(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = AnonymousPageCacheMiddleware(form_page)
    assert "X-Portal-Cache" not in middleware(factory.get("/idejos/"))
    assert "X-Portal-Cache" not in middleware(factory.get("/idejos/"))

    def sets_cookie(request):
        response = HttpResponse("ok")
        response.set_cookie("choice", "1")
        return response

    middleware = AnonymousPageCacheMiddleware(sets_cookie)
    middleware(factory.get("/kitas/"))
    assert "X-Portal-Cache" not in middleware(factory.get("/kitas/"))


def test_admin_api_and_documents_are_never_cached(client):
    for path in ("/admin/login/", "/api/v1/locales"):
        client.get(path)
        assert "X-Portal-Cache" not in client.get(path)


@override_settings(
    CACHES={
        "default": {
            # The production backend and options, but nothing listens on port 9: Redis is down.
            "BACKEND": "portal.cache_backend.OutageLoggingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
)
def test_pages_are_served_when_the_cache_server_is_down(client):
    for _ in range(2):
        response = client.get("/apie/")
        assert response.status_code == 200
        assert "Apie VVG" in response.content.decode()
        assert response.get("X-Portal-Cache") != "hit"
    assert client.get("/en/about/").status_code == 200


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "portal.cache_backend.OutageLoggingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
)
def test_pages_are_cached_in_redis_and_invalidated_across_processes(client, page_at):
    """With the production backend (a real Redis), a publish elsewhere invalidates here."""
    caches["default"].clear()
    assert client.get("/en/about/")["X-Portal-Cache"] == "miss"
    assert client.get("/en/about/")["X-Portal-Cache"] == "hit"
    about = page_at("/en/about/")
    about.title = "About us"
    about.save_revision().publish()
    response = client.get("/en/about/")
    assert response["X-Portal-Cache"] == "miss"
    assert "<h1>About us</h1>" in response.content.decode()
    caches["default"].clear()


def test_pages_that_change_with_time_are_kept_no_longer_than_their_max_age():
    import time_machine
    from django.utils.cache import patch_cache_control

    def countdown(request):
        response = HttpResponse("Liko 2 dienos")
        patch_cache_control(response, max_age=30)
        return response

    middleware = AnonymousPageCacheMiddleware(countdown)
    request = RequestFactory().get("/kvietimai/")
    with time_machine.travel("2026-11-24 12:00:00+00:00", tick=False) as traveller:
        assert middleware(request)["X-Portal-Cache"] == "miss"
        traveller.shift(10)
        assert middleware(request)["X-Portal-Cache"] == "hit"
        traveller.shift(21)
        assert middleware(request)["X-Portal-Cache"] == "miss"

    def no_store(request):
        response = HttpResponse("ok")
        patch_cache_control(response, max_age=0)
        return response

    middleware = AnonymousPageCacheMiddleware(no_store)
    request = RequestFactory().get("/kvietimai/rss/")
    middleware(request)
    assert "X-Portal-Cache" not in middleware(request)


def test_home_page_is_kept_only_until_a_call_on_it_changes_status(client):
    from django.utils.cache import get_max_age

    response = client.get("/")
    max_age = get_max_age(response)
    # The demo has an open call (its countdown changes within a day) and an upcoming one.
    assert max_age is not None
    assert 0 < max_age <= 24 * 60 * 60


def test_a_new_idea_leaves_the_caches_and_its_moderation_renews_them(client):
    from engagement.models import Idea, IdeaStatus

    from .test_engagement_ideas import idea_data

    version = content_version()
    assert client.post("/idejos/", idea_data(title="Laukia moderavimo")).status_code == 302
    assert content_version() == version  # nothing visitors see has changed
    idea = Idea.objects.get(title="Laukia moderavimo")
    idea.status = IdeaStatus.UNDER_REVIEW
    idea.save()
    assert content_version() == version
    idea.status = IdeaStatus.PUBLISHED
    idea.save()
    published = content_version()
    assert published != version  # on the wall now
    idea = Idea.objects.get(pk=idea.pk)
    idea.status = IdeaStatus.UNDER_REVIEW
    idea.save()
    assert content_version() != published  # and off it again
    hidden = content_version()
    Idea.objects.get(pk=idea.pk).delete()
    assert content_version() == hidden  # deleting an idea nobody sees changes nothing
