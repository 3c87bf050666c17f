"""GDPR: purging personal data after the retention period, exporting and erasing it on request."""

import io
import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from engagement.models import Idea, IdeaStatus

from .factories.engagement import FormPageFactory, IdeaFactory

pytestmark = pytest.mark.django_db

EMAIL = "Ona@Example.org"


def personal_idea(days_old=0, **kwargs):
    idea = IdeaFactory(
        name="Ona Onaitė",
        show_name=True,
        email=EMAIL.lower(),
        client_hash="b" * 64,
        attachment_type="application/pdf",
        status=IdeaStatus.PUBLISHED,
        **kwargs,
    )
    idea.attachment.save("x.pdf", ContentFile(b"%PDF-1.4 asmeniska"), save=False)
    idea.created_at = timezone.now() - timedelta(days=days_old)
    idea.save()
    return idea


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def assert_anonymised(idea, storage_name):
    idea.refresh_from_db()
    assert (idea.name, idea.email, idea.client_hash, idea.attachment.name) == ("", "", "", "")
    assert idea.show_name is False
    assert idea.anonymised_at is not None
    assert not idea.attachment.storage.exists(storage_name)
    # The idea itself stays, as the resident wrote it.
    assert idea.title and idea.description and idea.status == IdeaStatus.PUBLISHED


def test_purge_anonymises_ideas_past_the_retention_period_only():
    old = personal_idea(days_old=40, title="Sena")
    recent = personal_idea(days_old=10, title="Nauja")
    old_file = old.attachment.name
    output = run("purge_personal_data", "--older-than", "30")
    assert "1 idea" in output
    assert_anonymised(old, old_file)
    recent.refresh_from_db()
    assert recent.email and recent.name and recent.attachment
    recent.attachment.delete(save=False)


def test_purge_dry_run_changes_nothing_and_defaults_to_the_retention_setting(settings):
    settings.ENGAGEMENT_RETENTION_DAYS = 5
    idea = personal_idea(days_old=6)
    assert "Would anonymise 1" in run("purge_personal_data", "--dry-run")
    idea.refresh_from_db()
    assert idea.email
    assert "Anonymised 1" in run("purge_personal_data")
    idea.refresh_from_db()
    assert not idea.email
    with pytest.raises(CommandError):
        run("purge_personal_data", "--older-than", "-1")


def test_a_purged_name_leaves_the_public_wall(client):
    personal_idea(days_old=800, title="Senas pasiūlymas")
    assert "<dd>Ona Onaitė</dd>" in client.get("/idejos/").content.decode()
    run("purge_personal_data", "--older-than", "730")
    html = client.get("/idejos/").content.decode()
    assert "Senas pasiūlymas" in html
    assert "Ona Onaitė" not in html


@pytest.fixture
def survey_submission(home_lt):
    survey = FormPageFactory(parent=home_lt, slug="apklausa-privatumui")
    FormSubmission.objects.create(
        page=survey, form_data={"el_pastas": "ona@example.org", "atsakymas": "Taip"}
    )
    FormSubmission.objects.create(
        page=survey, form_data={"el_pastas": "kitas@example.org", "atsakymas": "Ne"}
    )
    return survey


def test_export_gives_everything_about_one_person_as_json(survey_submission):
    idea = personal_idea(title="Mano idėja")
    IdeaFactory(title="Kito idėja", email="kitas@example.org")
    data = json.loads(run("export_personal_data", EMAIL))
    assert data["email"] == EMAIL
    assert [item["title"] for item in data["ideas"]] == ["Mano idėja"]
    item = data["ideas"][0]
    assert item["name"] == "Ona Onaitė"
    assert item["email"] == "ona@example.org"
    assert item["client_address_digest"] == "b" * 64
    assert item["attachment"] == idea.attachment.name
    assert item["consent_text"]
    assert [s["answers"]["atsakymas"] for s in data["form_submissions"]] == ["Taip"]
    idea.attachment.delete(save=False)


def test_erase_anonymises_ideas_and_deletes_form_submissions(survey_submission):
    idea = personal_idea(title="Mano idėja")
    stored_file = idea.attachment.name
    other = IdeaFactory(title="Kito idėja", email="kitas@example.org", name="Kitas")
    output = run("erase_personal_data", EMAIL)
    assert "Anonymised 1 idea(s); deleted 1 form submission(s)" in output
    assert_anonymised(idea, stored_file)
    other.refresh_from_db()
    assert other.email == "kitas@example.org"
    assert FormSubmission.objects.filter(page=survey_submission).count() == 1
    data = json.loads(run("export_personal_data", EMAIL))
    assert data["ideas"] == [] and data["form_submissions"] == []
    assert Idea.objects.filter(title="Mano idėja").exists()


def test_the_privacy_notice_says_what_is_kept(client):
    html = client.get("/privatumo-pranesimas/").content.decode()
    for fact in ("IP adreso nesaugome", "24 mėnesiams", "nuotrauk", "viešai"):
        assert fact in html
    html = client.get("/en/privacy-notice/").content.decode()
    for fact in ("We do not store your IP address", "24 months", "photo", "publicly"):
        assert fact in html
