"""Moderation in the admin: the Moderatoriai group, the idea list, export and status changes."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from engagement.models import Idea, IdeaStatus

from .factories.engagement import IdeaFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/engagement/idea/"


@pytest.fixture
def moderator(client):
    user = get_user_model().objects.create_user("moderatore", "m@vvg.example.org", "slaptas-1")
    user.groups.add(Group.objects.get(name="Moderatoriai"))
    client.force_login(user)
    return user


def test_the_moderators_group_has_exactly_what_moderation_needs():
    group = Group.objects.get(name="Moderatoriai")
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("engagement", "view_idea"),
        ("engagement", "change_idea"),
        ("engagement", "delete_idea"),
        ("engagement", "view_theme"),
    }


def test_moderators_list_filter_and_search_ideas(client, moderator, lt):
    theme = ThemeFactory(locale=lt, title="Žaluma")
    IdeaFactory(title="Medžiai parke", theme=theme, email="ona@example.org")
    IdeaFactory(title="Koncertas", status=IdeaStatus.PUBLISHED)
    html = client.get(LIST_URL).content.decode()
    assert "Medžiai parke" in html and "Koncertas" in html
    html = client.get(LIST_URL, {"status": "published"}).content.decode()
    assert "Koncertas" in html and "Medžiai parke" not in html
    html = client.get(LIST_URL, {"theme": theme.pk}).content.decode()
    assert "Medžiai parke" in html and "Koncertas" not in html
    html = client.get(LIST_URL, {"q": "ona@example"}).content.decode()
    assert "Medžiai parke" in html and "Koncertas" not in html


def test_moderators_cannot_make_up_ideas(client, moderator):
    response = client.get(LIST_URL + "add/")
    assert response.status_code in (302, 403)
    assert not Idea.objects.filter(title="").exists()


def test_ideas_export_as_csv_and_xlsx(client, moderator):
    IdeaFactory(title="Eksportuojama", email="ona@example.org", client_hash="a" * 64)
    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Eksportuojama" in content
    assert "ona@example.org" in content
    assert "a" * 64 not in content  # the address digest stays out of exports
    response = client.get(LIST_URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "Eksportuojama" in values


def test_a_moderator_declines_with_a_public_reason_and_cannot_change_the_words(client, moderator):
    idea = IdeaFactory(title="Originalus pavadinimas")
    url = f"{LIST_URL}edit/{idea.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Pakeistas",
        "status": IdeaStatus.DECLINED,
        "public_reason": "",
        "moderator_note": "",
        "outcome_links-TOTAL_FORMS": "0",
        "outcome_links-INITIAL_FORMS": "0",
        "outcome_links-MIN_NUM_FORMS": "0",
        "outcome_links-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Viešai paaiškinkite" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW
    response = client.post(url, {**data, "public_reason": "Ne VVG kompetencija."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED
    assert idea.public_reason == "Ne VVG kompetencija."
    assert idea.title == "Originalus pavadinimas"  # the resident's words are read-only
    assert idea.published_at is not None


def test_merging_needs_another_idea(client, moderator):
    target = IdeaFactory(title="Pagrindinė", status=IdeaStatus.PUBLISHED)
    idea = IdeaFactory(title="Panaši")
    url = f"{LIST_URL}edit/{idea.pk}/"
    data = {
        "status": IdeaStatus.MERGED,
        "outcome_links-TOTAL_FORMS": "0",
        "outcome_links-INITIAL_FORMS": "0",
        "outcome_links-MIN_NUM_FORMS": "0",
        "outcome_links-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, data).status_code == 200
    response = client.post(url, {**data, "merged_into": target.pk})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.merged_into == target


def test_bulk_actions_publish_and_mark_for_review(client, moderator):
    ideas = [IdeaFactory(title=f"Masinė {n}") for n in range(3)]
    query = "&".join(f"id={idea.pk}" for idea in ideas)
    url = f"/admin/bulk/engagement/idea/publish_ideas/?{query}&next={LIST_URL}"
    assert "Masinė 0" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert set(
        Idea.objects.filter(pk__in=[i.pk for i in ideas]).values_list("status", flat=True)
    ) == {IdeaStatus.PUBLISHED}
    assert all(i.published_at for i in Idea.objects.filter(pk__in=[i.pk for i in ideas]))
    url = f"/admin/bulk/engagement/idea/review_ideas/?id={ideas[0].pk}&next={LIST_URL}"
    client.post(url)
    ideas[0].refresh_from_db()
    assert ideas[0].status == IdeaStatus.UNDER_REVIEW
    assert "Paskelbti" in client.get(LIST_URL).content.decode()


def test_attachments_are_served_to_moderators_only(client, moderator):
    idea = IdeaFactory(attachment_type="application/pdf")
    idea.attachment.save("x.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("engagement_idea_attachment", args=[idea.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login
    editor = get_user_model().objects.create_user("redaktorius", "", "slaptas-2")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code == 404
    idea.attachment.delete(save=False)


def test_the_edit_view_shows_where_to_download_the_attachment(client, moderator):
    idea = IdeaFactory(attachment_type="image/jpeg")
    idea.attachment.save("x.jpg", ContentFile(b"jpeg"), save=True)
    html = client.get(f"{LIST_URL}edit/{idea.pk}/").content.decode()
    assert reverse("engagement_idea_attachment", args=[idea.pk]) in html
    assert "Atsisiųsti nuotrauką" in html
    idea.attachment.delete(save=False)
