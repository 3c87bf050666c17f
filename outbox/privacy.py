"""
Outgoing messages hold e-mail addresses (and, in form notifications, residents' answers):
registered with the portal's privacy registry (portal/privacy.py), so export_personal_data and
erase_personal_data find them; purge_personal_data deletes sent and failed ones after
OUTBOX_RETENTION_DAYS.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from portal import privacy

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


def describe_message(message: OutgoingMessage) -> dict:
    return {
        "created_at": message.created_at.isoformat(),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
    }


# An erased person is written to no more: their messages are deleted, sent or not.
privacy.register(
    OutgoingMessage,
    key="outgoing_messages",
    personal=["to", "subject", "body", "html_body", "headers"],
    not_personal=["key", "language", "state", "last_error", "task_id"],
    find=messages_about,
    describe=describe_message,
    erase="delete",
)


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
