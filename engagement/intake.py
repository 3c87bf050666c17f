"""
Receiving an idea: store it first, in one transaction of its own, then everything else.

The order is the promise "nothing valid is ever lost": once `store_idea` returns, the idea is
committed, with the e-mails about it stored beside it in the outbox; they are delivered in the
background afterwards, and neither a mail server nor the task queue can undo the idea.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone, translation

from . import spam
from .emails import mail_for_idea
from .models import Idea

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
        # In savepoints of their own: a message that cannot be stored never costs the idea.
        # Their delivery is enqueued once this block has committed.
        mail_for_idea(idea)
    return idea


def after_idea_stored(idea: Idea, request) -> None:
    """What follows a stored idea: it counts towards the sender's rate limit (its e-mails were
    stored with it, in store_idea)."""
    spam.count_submission(request)
