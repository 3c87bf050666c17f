"""
Translating a page with wagtail-localize's "Translate" action, as an editor does in the admin:
the English page is made as a draft that holds the Lithuanian words, and it reaches the English
site only when an editor publishes it in English.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import Translation

from calls.models import CallPage

from .factories.calls import CallPageFactory, call_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("verteja", "", "slaptazodis-123")
    client.force_login(user)
    return user


@pytest.fixture
def call_lt(lt):
    return CallPageFactory(
        parent=call_index("lt"),
        title="Vietos kultūros renginiai 2027",
        slug="vietos-kulturos-renginiai-2027",
    )


def translate_into_english(client, page, en, on_commit):
    # wagtail-localize publishes (when it publishes) once the request's transaction commits.
    with on_commit(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return CallPage.objects.get(translation_key=page.translation_key, locale=en)


def test_translate_makes_a_draft_that_the_english_site_does_not_show(
    client, editor, call_lt, en, django_capture_on_commit_callbacks
):
    translation = translate_into_english(client, call_lt, en, django_capture_on_commit_callbacks)

    assert translation.live is False
    assert translation.has_unpublished_changes
    client.logout()
    listing = client.get("/en/calls/").content.decode()
    assert "Vietos kultūros renginiai 2027" not in listing
    assert client.get(f"/en/calls/{translation.slug}/").status_code == 404
    # Nor the feeds or the API.
    assert "Vietos kultūros renginiai 2027" not in client.get("/en/calls/ics/").content.decode()
    api = client.get("/api/v1/calls?locale=en&limit=100").json()
    assert "Vietos kultūros renginiai 2027" not in [call["title"] for call in api["results"]]
    # The Lithuanian call stays as it was.
    assert "Vietos kultūros renginiai 2027" in client.get("/kvietimai/").content.decode()


def test_the_translation_goes_live_when_an_editor_publishes_it_in_english(
    client, editor, call_lt, en, django_capture_on_commit_callbacks
):
    translation = translate_into_english(client, call_lt, en, django_capture_on_commit_callbacks)
    record = Translation.objects.get(source__object_id=call_lt.translation_key, target_locale=en)

    # The translation editor's own "Publish in English" (the page's edit view, which
    # wagtail-localize turns into its translation editor).
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[translation.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.live is True
    assert record.enabled

    client.logout()
    listing = client.get("/en/calls/").content.decode()
    assert f"/en/calls/{translation.slug}/" in listing
    assert client.get(f"/en/calls/{translation.slug}/").status_code == 200


def test_new_pages_get_ascii_addresses_from_their_lithuanian_titles(client, editor, home_lt):
    """The admin's slug field makes ASCII as the editor types (its script reads the setting from
    the widget), and a page saved without a slug gets one from its title, in ASCII too."""
    from home.models import ContentPage

    add_url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", home_lt.pk])
    form = client.get(add_url).content.decode()
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', form).group(0)
    # Stimulus reads a missing boolean value as false: ASCII only.
    assert 'data-controller="w-slug"' in slug_input
    assert "allow-unicode" not in slug_input

    page = home_lt.add_child(
        instance=ContentPage(title="Vietos kultūros renginiai: ąčęėįšųūž 2027", live=True)
    )
    assert page.slug == "vietos-kulturos-renginiai-aceeisuuz-2027"
    assert client.get("/vietos-kulturos-renginiai-aceeisuuz-2027/").status_code == 200
