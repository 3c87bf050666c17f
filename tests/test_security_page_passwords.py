"""Shared passwords of private pages and document collections cannot be guessed without limit."""

import pytest
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from security.models import PasswordFailure

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "bendruomene-2026"


@pytest.fixture
def limit(settings):
    settings.VIEW_PASSWORD_FAILURE_LIMIT = 10
    return 10


@pytest.fixture
def private_page(home_lt):
    page = ContentPageFactory(parent=home_lt, slug="nariams", title="Nariams")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def page_password(client, page, restriction, password, prefix=""):
    return client.post(
        f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


def test_the_password_form_works(client, private_page):
    page, restriction = private_page
    assert "password" in client.get(page.url).content.decode()
    response = page_password(client, page, restriction, PASSWORD)
    assert response.status_code == 302
    assert client.get(page.url).status_code == 200


def test_wrong_page_passwords_are_limited_per_client_and_page(client, private_page, limit, home_lt):
    page, restriction = private_page
    for _ in range(limit):
        assert page_password(client, page, restriction, "spejimas").status_code == 200
    response = page_password(client, page, restriction, "spejimas")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    html = response.content.decode()
    assert '<html lang="lt">' in html
    assert "Per daug neteisingų slaptažodžių" in html
    assert "15 minučių" in html
    # While locked, even the right password is not checked...
    assert page_password(client, page, restriction, PASSWORD).status_code == 429
    # ...but only for that client and that page.
    assert (
        page_password(Client(REMOTE_ADDR="203.0.113.5"), page, restriction, PASSWORD).status_code
        == 302
    )
    other = ContentPageFactory(parent=home_lt, slug="valdybai", title="Valdybai")
    other_restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    assert page_password(client, other, other_restriction, PASSWORD).status_code == 302


def test_the_message_is_in_english_on_english_addresses(client, private_page, settings):
    settings.VIEW_PASSWORD_FAILURE_LIMIT = 1
    page, restriction = private_page
    page_password(client, page, restriction, "spejimas", prefix="/en")
    response = page_password(client, page, restriction, "spejimas", prefix="/en")
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_the_right_password_clears_the_count(client, private_page, limit):
    page, restriction = private_page
    for _ in range(limit - 1):
        page_password(client, page, restriction, "spejimas")
    assert page_password(client, page, restriction, PASSWORD).status_code == 302
    assert not PasswordFailure.objects.exists()
    for _ in range(limit - 1):
        assert page_password(client, page, restriction, "spejimas").status_code == 200


def test_failures_stop_counting_after_the_cooloff(client, private_page, limit):
    from datetime import timedelta

    from django.utils import timezone

    page, restriction = private_page
    for _ in range(limit):
        page_password(client, page, restriction, "spejimas")
    PasswordFailure.objects.update(failed_at=timezone.now() - timedelta(minutes=16))
    assert page_password(client, page, restriction, "spejimas").status_code == 200
    # The old ones are removed as a new one is recorded.
    assert PasswordFailure.objects.count() == 1


def test_collection_passwords_are_limited_too(client, limit):
    collection = Collection.get_first_root_node().add_child(name="Valdybos dokumentai")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for _ in range(limit):
        response = client.post(url, {"password": "spejimas", "return_url": "/"})
        assert response.status_code == 200
    response = client.post(url, {"password": PASSWORD, "return_url": "/"})
    assert response.status_code == 429
    assert "Per daug neteisingų slaptažodžių" in response.content.decode()
    response = Client(REMOTE_ADDR="203.0.113.5").post(
        url, {"password": PASSWORD, "return_url": "/"}
    )
    assert response.status_code == 302
