"""
Storing a message and handing it to the queue: `send_message`, and the staff's "Retry".

A message is stored in the caller's transaction, so it exists exactly when what caused it was
committed; delivery is enqueued only after that commit (outbox/tasks.py delivers it).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import MessageState, OutgoingMessage
from .queue import enqueue_safely


def send_message(
    *,
    key: str,
    to: Iterable[str] | str,
    subject: str,
    body: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
    language: str = "",
) -> OutgoingMessage:
    """
    Store an e-mail and deliver it after the current transaction commits.

    `key` names the message for good (e.g. "idea:42:confirmation"): storing the same key
    again returns the message stored first and sends nothing more. `headers` are extra
    headers (e.g. List-Unsubscribe); the Message-ID is derived from the key.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in recipients if address and address.strip()]
    if not recipients:
        raise ValueError("A message needs at least one recipient.")
    message, created = OutgoingMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": ", ".join(recipients),
            "subject": " ".join(subject.split()),
            "body": body,
            "html_body": html_body,
            "headers": dict(headers or {}),
            "language": language,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue_delivery(message.pk), robust=True)
    return message


def enqueue_delivery(message_id: int, *, run_after=None) -> bool:
    """Enqueue the delivery task and remember its id; False if the queue refused it."""
    from .tasks import deliver

    result = enqueue_safely(
        deliver,
        message_id,
        run_after=run_after,
        repair="`manage.py send_queued_messages` enqueues the message again",
    )
    if result is None:
        return False
    OutgoingMessage.objects.filter(pk=message_id).update(task_id=str(result.id))
    return True


def retry(message_id: int) -> bool:
    """
    Staff's "Retry" of a failed message: one more attempt now. Only a failed message is
    retried, and the change of state is atomic, so a double click enqueues it once; a
    message that was sent is never sent again.
    """
    with transaction.atomic():
        retried = OutgoingMessage.objects.filter(pk=message_id, state=MessageState.FAILED).update(
            state=MessageState.QUEUED, next_attempt_at=timezone.now()
        )
        if retried:
            transaction.on_commit(lambda: enqueue_delivery(message_id), robust=True)
    return bool(retried)


def unsubscribe_headers(one_click_url: str) -> dict[str, str]:
    """The headers that let a mail app show its own unsubscribe button (RFC 2369, RFC 8058):
    the app POSTs `List-Unsubscribe=One-Click` to `one_click_url`, an absolute https address
    that ends the subscription it names without asking anything (it must accept a POST without
    a CSRF token). Pass them as `headers` to `send_message`."""
    return {
        "List-Unsubscribe": f"<{one_click_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
