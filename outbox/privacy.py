"""
Outgoing messages hold e-mail addresses (and, in form notifications, residents' answers):
what is kept about one person, how it is removed, and how long sent mail is kept. Called by
engagement's privacy commands (export_personal_data, erase_personal_data, purge_personal_data).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import MessageState, OutgoingMessage


def messages_about(email: str) -> list[OutgoingMessage]:
    """Messages to this address, or whose text holds it (a form's answers)."""
    wanted = email.strip().lower()
    if not wanted:
        return []
    candidates = OutgoingMessage.objects.filter(Q(to__icontains=wanted) | Q(body__icontains=wanted))
    return [
        message
        for message in candidates.order_by("created_at", "pk")
        if wanted in (address.lower() for address in message.recipients)
        or wanted in message.body.lower()
    ]


def export_for(email: str) -> list[dict]:
    return [
        {
            "id": message.pk,
            "created_at": message.created_at.isoformat(),
            "to": message.recipients,
            "subject": message.subject,
            "body": message.body,
            "state": message.state,
            "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        }
        for message in messages_about(email)
    ]


def erase_for(email: str) -> int:
    """Delete them, sent or not: an erased person is written to no more."""
    ids = [message.pk for message in messages_about(email)]
    deleted, _ = OutgoingMessage.objects.filter(pk__in=ids).delete()
    return deleted


def purge_older_than(days: int, *, dry_run: bool = False) -> int:
    """Sent and failed messages created more than `days` ago; queued ones are still due."""
    cutoff = timezone.now() - timedelta(days=days)
    old = OutgoingMessage.objects.filter(
        created_at__lt=cutoff, state__in=[MessageState.SENT, MessageState.FAILED]
    )
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted
