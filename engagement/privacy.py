"""
Personal data of residents: what the engagement plugin keeps about one person, and how it is
removed (registered with the portal's registry, portal/privacy.py).

An idea's personal data are the author's name and e-mail address, the attachment, the digest
of the client's address and the moderators' note (which may name the author or say how to
reach them). Removing them keeps the anonymised idea (its words, theme, status and consent
record), which the VVG keeps as part of the strategy's public record. Submissions of
editor-built forms are kept whole by the form builder; an e-mail address in any answer ties a
submission to a person, and erasing deletes the submission. E-mails sent to the person are
kept in the outbox (outbox/privacy.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from portal import privacy

from .models import FormField, FormPage, Idea, IdeaPage, Theme, UsedFillToken

IDEA_PERSONAL_FIELDS = [
    "name",
    "show_name",
    "email",
    "attachment",
    "attachment_type",
    "client_hash",
    "moderator_note",
]


def anonymise(idea: Idea) -> None:
    """Remove the idea's personal data, keep the idea."""
    if idea.attachment:
        idea.attachment.delete(save=False)
    idea.name = ""
    idea.show_name = False
    idea.email = ""
    idea.attachment = ""
    idea.attachment_type = ""
    idea.client_hash = ""
    idea.moderator_note = ""
    idea.anonymised_at = timezone.now()
    idea.save(update_fields=[*IDEA_PERSONAL_FIELDS, "anonymised_at", "updated_at"])


def purge_older_than(days: int, *, dry_run: bool = False) -> int:
    cutoff = timezone.now() - timedelta(days=days)
    ideas = Idea.objects.filter(created_at__lt=cutoff).with_personal_data()
    count = 0
    for idea in ideas.iterator():
        if not dry_run:
            with transaction.atomic():
                anonymise(idea)
        count += 1
    return count


def ideas_of(email: str):
    return Idea.objects.filter(email__iexact=email.strip()).select_related("theme")


def submissions_of(email: str) -> list[FormSubmission]:
    """Form-builder submissions with this e-mail address as one of the answers."""
    wanted = email.strip().lower()
    found = []
    for submission in FormSubmission.objects.select_related("page").iterator():
        values = submission.form_data.values() if isinstance(submission.form_data, dict) else []
        if any(isinstance(value, str) and value.strip().lower() == wanted for value in values):
            found.append(submission)
    return found


def describe_idea(idea: Idea) -> dict:
    return {
        "submitted_at": idea.created_at.isoformat(),
        "theme": idea.theme.title if idea.theme else None,
        "consented_at": idea.consented_at.isoformat(),
        "published_at": idea.published_at.isoformat() if idea.published_at else None,
    }


def describe_submission(submission: FormSubmission) -> dict:
    return {"form": submission.page.title, "submitted_at": submission.submit_time.isoformat()}


privacy.register(
    Idea,
    key="ideas",
    personal=IDEA_PERSONAL_FIELDS,
    # The resident's words and what they agreed to: exported, and kept as the public record.
    kept=["title", "description", "location", "language", "consent_text", "public_reason"],
    not_personal=["status"],
    find=ideas_of,
    describe=describe_idea,
    # Anonymising also records when; the registry then clears every personal field.
    before_clear=lambda idea: setattr(idea, "anonymised_at", timezone.now()),
)
privacy.register(
    FormSubmission,
    key="form_submissions",
    personal=["form_data"],
    find=submissions_of,
    describe=describe_submission,
    erase="delete",
)
privacy.register(Theme, not_personal=["title"])
privacy.register(UsedFillToken, not_personal=["token_id"])  # random, tied to no one
privacy.register(IdeaPage, not_personal=["intro", "body", "thank_you_text"])
privacy.register(
    FormPage,
    # The VVG's own addresses that receive each submission, and the editors' texts.
    not_personal=["to_address", "from_address", "subject", "intro", "thank_you_text"],
)
privacy.register(
    FormField,
    not_personal=["clean_name", "label", "field_type", "choices", "default_value", "help_text"],
)
