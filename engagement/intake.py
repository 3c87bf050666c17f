"""
Receiving an idea: store it first, in one transaction of its own, then everything else.

The order is the promise "nothing valid is ever lost": once `store_idea` returns, the idea is
committed; the e-mails that follow are background tasks whose failure cannot undo it.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone, translation

from . import spam
from .models import Idea
from .tasks import confirm_idea_to_resident, enqueue_safely, notify_staff_of_idea

logger = logging.getLogger(__name__)


def store_idea(form, request) -> Idea:
    data = form.cleaned_data
    attachment = data.get("attachment")
    idea = Idea(
        title=data["title"],
        description=data["description"],
        theme=data.get("theme"),
        location=data.get("location", ""),
        name=data.get("name", ""),
        show_name=bool(data.get("show_name")),
        email=data.get("email", ""),
        language=translation.get_language(),
        consent_text=form.consent_text(),
        consented_at=timezone.now(),
        client_hash=spam.client_digest(request),
    )
    # durable: this must be the outermost transaction, so leaving the block means committed.
    with transaction.atomic(durable=True):
        # The form's token is spent with the idea, or the idea is not stored (FillTokenUsed).
        spam.spend_fill_token(form.data.get(spam.FILL_TOKEN_FIELD, ""))
        if attachment is not None:
            idea.attachment_type = attachment.content_type
            idea.attachment.save(attachment.content.name, attachment.content, save=False)
        idea.save()
    return idea


def after_idea_stored(idea: Idea, request) -> None:
    spam.count_submission(request)
    enqueue_safely(notify_staff_of_idea, idea.pk)
    if idea.email:
        enqueue_safely(confirm_idea_to_resident, idea.pk)
