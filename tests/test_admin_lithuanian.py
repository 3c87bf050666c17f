"""
The admin in Lithuanian, as VVG staff use it: the main views render without English left over
(Wagtail's and wagtail-localize's missing strings come from the portal's own catalogue,
portal/locale_overrides/) and without the packages' ungrammatical Lithuanian; moderators get the
ideas that wait for them on the dashboard.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from calls.models import CallPage
from engagement.models import Idea, IdeaStatus

from .factories.calls import CallPageFactory, call_index
from .factories.engagement import IdeaFactory

pytestmark = pytest.mark.django_db

# What editors met in English (or in broken Lithuanian) in the Lithuanian admin.
ENGLISH = [
    "Pages",
    "Images",
    "Documents",
    "Search all pages",
    "editor guide",
    "Collapse all",
    "Set schedule",
    "Save schedule",
    "Switch locales",
    "Submit to",
    "Translation of",
    "into English",
    "More options for",
    "Toggle",
    "Visible to all",
    "Sort by",
    "Filter by",
    "Save changes",
    "Keyboard shortcuts",
    "Preview in",
    "Search…",
    "domain.com",
    "my-slug",
    "Moderators approval",
    "English",
    "Locale",
    "lokal",
    "Lokal",
]
UNGRAMMATICAL = [
    "Pridėti Uždavinys",
    "Pridėti Dokumentas",
    "Pridėti Renginys",
    "Pridėti Puslapis",
    "Pasirinkti idėjų tema",
    "Pasirinkti idėja",
    "Redaguoti šį idėja",
    "Lokalės",
]


def visible_text(html):
    """What an editor reads or hears: text, and the labels of controls."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    words = [" ".join(soup.get_text(" ").split())]
    for tag in soup.find_all(True):
        for attribute in ("placeholder", "aria-label", "title", "data-w-tooltip-content-value"):
            if tag.get(attribute):
                words.append(str(tag[attribute]))
    return "\n".join(words)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("redaktore", "", "slaptazodis-123")
    client.force_login(user)
    return user


@pytest.fixture
def translated_call(client, editor, en, django_capture_on_commit_callbacks):
    call = CallPageFactory(parent=call_index("lt"), title="Vietos renginiai", slug="renginiai")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[call.pk]),
            {"locales": [en.pk]},
        )
    return call, CallPage.objects.get(translation_key=call.translation_key, locale=en)


def admin_views(call, translation, idea):
    return {
        "dashboard": "/admin/",
        "page editor": reverse("wagtailadmin_pages:edit", args=[call.pk]),
        "translation editor": reverse("wagtailadmin_pages:edit", args=[translation.pk]),
        "page explorer": reverse("wagtailadmin_explore", args=[call_index("lt").pk]),
        "ideas": reverse(Idea.snippet_viewset.get_url_name("list")),
        "idea moderation": reverse(Idea.snippet_viewset.get_url_name("edit"), args=[idea.pk]),
        "idea themes": "/admin/snippets/engagement/theme/",
        "measures": "/admin/snippets/strategy/measure/",
        "legal documents": "/admin/snippets/strategy/legaldocument/",
        "locales": "/admin/locales/",
    }


def test_the_main_admin_views_speak_only_lithuanian(client, translated_call):
    call, translation = translated_call
    idea = IdeaFactory(name="Ona", show_name=True)
    found = {}
    for name, url in admin_views(call, translation, idea).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        text = visible_text(response.content.decode())
        left = [phrase for phrase in ENGLISH + UNGRAMMATICAL if phrase in text]
        if left:
            found[name] = left
    assert not found


def test_messages_name_the_language_in_lithuanian(client, editor, en):
    call = CallPageFactory(parent=call_index("lt"), title="Vietos renginiai", slug="renginiai")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[call.pk]),
        {"locales": [en.pk]},
        follow=True,
    )
    text = visible_text(response.content.decode())
    assert "Puslapis „Vietos renginiai“ pateiktas versti (kalba: anglų)." in text
    assert "„Vietos renginiai“ vertimas į anglų kalbą" in text


def test_the_translate_form_opens_with_its_only_language_ticked(client, editor, en):
    call = CallPageFactory(parent=call_index("lt"), title="Vietos renginiai", slug="renginiai")
    form = BeautifulSoup(
        client.get(
            reverse("wagtail_localize:submit_page_translation", args=[call.pk])
        ).content.decode(),
        "html.parser",
    )
    boxes = form.select('input[name="locales"]')
    assert [(box["value"], box.has_attr("checked")) for box in boxes] == [(str(en.pk), True)]


def test_moderation_shows_the_residents_name_and_choice_in_words(client, editor):
    idea = IdeaFactory(name="Ona Onaitė", show_name=True)
    html = client.get(
        reverse(Idea.snippet_viewset.get_url_name("edit"), args=[idea.pk])
    ).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    labels = [" ".join(label.get_text().split()) for label in soup.select(".w-field__label")]
    assert "Vardas" in labels
    assert labels.count("Pavadinimas") == 1  # the idea's title only
    label = next(h for h in soup.select(".w-field__label") if "Vardą galima rodyti" in h.text)
    value = soup.select_one(f'[aria-labelledby="{label["id"]}"]').get_text().strip()
    assert value == "Taip"


def test_the_dashboard_lists_ideas_waiting_for_moderation_oldest_first(client, editor):
    Idea.objects.filter(status=IdeaStatus.NEW).update(status=IdeaStatus.UNDER_REVIEW)
    now = timezone.now()
    for days, title in [(1, "Naujausia"), (9, "Seniausia"), (4, "Vidurinė")]:
        IdeaFactory(title=title, status=IdeaStatus.NEW, created_at=now - timedelta(days=days))
    IdeaFactory(title="Jau paskelbta", status=IdeaStatus.PUBLISHED)

    soup = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    panel = soup.select_one("#ideas-awaiting-moderation-section, #ideas-awaiting-moderation")
    assert panel is not None
    text = " ".join(panel.get_text().split())
    assert "3 naujos idėjos laukia moderavimo." in text
    assert [link.get_text() for link in panel.select("td.title a")] == [
        "Seniausia",
        "Vidurinė",
        "Naujausia",
    ]


def test_the_dashboard_panel_is_only_for_those_who_moderate(client, editor):
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user("rasytoja", "", "slaptazodis-123")
    group = Group.objects.create(name="Tik puslapiai")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert "ideas-awaiting-moderation" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_admin_catalogue_is_complete_and_compiled(domain):
    import polib
    from django.conf import settings

    path = settings.LOCALE_PATHS[0] / "lt" / "LC_MESSAGES" / f"{domain}.po"
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 40
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert {entry.msgid for entry in compiled} == {entry.msgid for entry in catalogue}


def test_the_default_workflow_has_a_lithuanian_name():
    from wagtail.models import Workflow

    assert list(Workflow.objects.values_list("name", flat=True)) == ["Moderatorių patvirtinimas"]
