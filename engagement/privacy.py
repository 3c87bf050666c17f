"""
Personal data of residents: what is kept about one person, and how it is removed.

An idea's personal data are the author's name and e-mail address, the attachment and the
digest of the client's address. Removing them keeps the anonymised idea (its words, theme,
status and consent record), which the VVG keeps as part of the strategy's public record.
Submissions of editor-built forms are kept whole by the form builder; an e-mail address in any
answer ties a submission to a person. E-mails sent to the person, or quoting their address, are
kept in the outbox (outbox/privacy.py) and exported and erased with the rest.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from outbox import privacy as outbox_privacy

from .models import Idea

IDEA_PERSONAL_FIELDS = [
    "name",
    "show_name",
    "email",
    "attachment",
    "attachment_type",
    "client_hash",
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
    return Idea.objects.filter(email__iexact=email.strip())


def submissions_of(email: str) -> list[FormSubmission]:
    """Form-builder submissions with this e-mail address as one of the answers."""
    wanted = email.strip().lower()
    found = []
    for submission in FormSubmission.objects.select_related("page").iterator():
        values = submission.form_data.values() if isinstance(submission.form_data, dict) else []
        if any(isinstance(value, str) and value.strip().lower() == wanted for value in values):
            found.append(submission)
    return found


def export_for(email: str) -> dict:
    ideas = []
    for idea in ideas_of(email).select_related("theme").order_by("created_at"):
        ideas.append(
            {
                "id": idea.pk,
                "submitted_at": idea.created_at.isoformat(),
                "language": idea.language,
                "title": idea.title,
                "description": idea.description,
                "theme": idea.theme.title if idea.theme else None,
                "location": idea.location,
                "name": idea.name,
                "show_name": idea.show_name,
                "email": idea.email,
                "attachment": idea.attachment.name or None,
                "attachment_type": idea.attachment_type or None,
                "client_address_digest": idea.client_hash or None,
                "consent_text": idea.consent_text,
                "consented_at": idea.consented_at.isoformat(),
                "status": idea.status,
                "public_reason": idea.public_reason,
                "published_at": idea.published_at.isoformat() if idea.published_at else None,
            }
        )
    submissions = [
        {
            "id": submission.pk,
            "form": submission.page.title,
            "submitted_at": submission.submit_time.isoformat(),
            "answers": submission.form_data,
        }
        for submission in submissions_of(email)
    ]
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "ideas": ideas,
        "form_submissions": submissions,
        "outgoing_messages": outbox_privacy.export_for(email),
    }


@transaction.atomic
def erase_for(email: str) -> dict:
    ideas = list(ideas_of(email))
    for idea in ideas:
        anonymise(idea)
    submissions = submissions_of(email)
    FormSubmission.objects.filter(pk__in=[s.pk for s in submissions]).delete()
    return {
        "ideas_anonymised": len(ideas),
        "form_submissions_deleted": len(submissions),
        "outgoing_messages_deleted": outbox_privacy.erase_for(email),
    }
