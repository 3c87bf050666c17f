"""The privacy registry (portal/privacy.py): every field that can hold text is classified, and
every personal one is exported and erased by the privacy commands."""

import io
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from wagtail.contrib.forms.models import FormSubmission
from wagtail.fields import StreamField

from engagement.models import Idea
from portal import privacy

from .factories.engagement import FormPageFactory, IdeaFactory

pytestmark = pytest.mark.django_db

OWN_APPS = ["portal", "security", *settings.PORTAL_PLUGINS]
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField, StreamField)
EMAIL = "ona@example.org"


def text_fields():
    for label in OWN_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.local_fields:
                if isinstance(field, TEXT_FIELDS):
                    yield model, field


def test_every_field_that_can_hold_text_is_classified():
    unclassified = []
    for model, field in text_fields():
        source = privacy.source_for(model)
        if source is None or source.classification(field.name) is None:
            unclassified.append(f"{model._meta.label}.{field.name}")
    assert unclassified == [], (
        "Say in the app's privacy.py whether these fields hold personal data "
        f"(portal/privacy.py explains how): {unclassified}"
    )


def test_the_walk_sees_the_fields_that_matter():
    walked = {f"{model._meta.label}.{field.name}" for model, field in text_fields()}
    assert {"engagement.Idea.moderator_note", "engagement.Idea.attachment"} <= walked


def test_a_field_is_classified_once_and_exists():
    for source in privacy.sources():
        names = [*source.personal, *source.kept, *source.not_personal]
        assert len(names) == len(set(names)), source.model
        for name in names:
            source.model._meta.get_field(name)  # raises for a misspelt name


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def marker(name):
    return f"Ona-{name}-+37060000000"


@pytest.fixture
def idea_with_every_personal_field():
    """An idea whose every personal field (as the registry lists them) holds something."""
    source = privacy.source_for(Idea)
    idea = IdeaFactory(email=EMAIL)
    for name in source.personal:
        field = Idea._meta.get_field(name)
        if isinstance(field, models.FileField):
            getattr(idea, name).save("x.pdf", ContentFile(b"%PDF-1.4 asmeniska"), save=False)
        elif isinstance(field, models.BooleanField):
            setattr(idea, name, True)
        elif name != "email":
            setattr(idea, name, marker(name)[: field.max_length or 100])
    idea.save()
    return idea


def test_export_gives_every_personal_field(idea_with_every_personal_field, home_lt):
    idea = idea_with_every_personal_field
    survey = FormPageFactory(parent=home_lt, slug="apklausa-registrui")
    FormSubmission.objects.create(page=survey, form_data={"el_pastas": EMAIL, "tel": "8600"})
    data = json.loads(run("export_personal_data", EMAIL))
    [record] = data["ideas"]
    for name in privacy.source_for(Idea).personal:
        value = getattr(idea, name)
        expected = value.name if isinstance(value, models.fields.files.FieldFile) else value
        assert record[name] == expected, name
    assert record["moderator_note"] == marker("moderator_note")
    assert [s["form_data"]["tel"] for s in data["form_submissions"]] == ["8600"]
    idea.attachment.delete(save=False)


def test_erase_leaves_no_personal_field_behind(idea_with_every_personal_field, home_lt):
    idea = idea_with_every_personal_field
    stored_file = idea.attachment.name
    survey = FormPageFactory(parent=home_lt, slug="apklausa-trynimui")
    FormSubmission.objects.create(page=survey, form_data={"el_pastas": EMAIL})
    output = run("erase_personal_data", EMAIL)
    assert "ideas: 1 cleared" in output and "form_submissions: 1 deleted" in output
    idea.refresh_from_db()
    for name in privacy.source_for(Idea).personal:
        assert not getattr(idea, name), name
    assert idea.moderator_note == ""  # what the outside test found left behind
    assert idea.anonymised_at is not None
    assert not idea.attachment.storage.exists(stored_file)
    assert idea.title and idea.description  # the idea's own words are kept
    assert not FormSubmission.objects.filter(page=survey).exists()
