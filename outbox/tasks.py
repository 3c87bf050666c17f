"""
Delivering a stored message (a django-tasks task, run by `manage.py db_worker`).

At most once: the message is claimed (queued -> sending) in a short transaction of its own,
with the row locked and other workers skipping it, before the mail server is contacted; only
a claimed message is sent, and a message that is sent, failed or being sent is left alone.
Connection errors, timeouts and temporary (4xx) refusals are retried with backoff
(OUTBOX_RETRY_DELAYS); permanent refusals and the last failed attempt mark it failed, with the
error, for staff to see. A worker that stops mid-send leaves the message "sending", which
`send_queued_messages` later marks failed rather than risk a second copy.
"""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import conf
from .models import MessageState, OutgoingMessage
from .queue import next_attempt_after

logger = logging.getLogger("outbox")


def is_temporary(error: BaseException) -> bool:
    """Worth another attempt later: the connection failed or timed out, or a 4xx reply."""
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return False
    # Refused, reset, unreachable, timed out, name not resolved (smtplib's own errors are
    # OSErrors too, hence the cases above).
    return isinstance(error, OSError)


def claim(message_id: int) -> OutgoingMessage | None:
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=MessageState.QUEUED, next_attempt_at__lte=now)
            .first()
        )
        if message is None:
            return None
        message.state = MessageState.SENDING
        message.attempts += 1
        message.last_attempt_at = now
        message.save(update_fields=["state", "attempts", "last_attempt_at"])
    return message


def send_now(message: OutgoingMessage) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        to=message.recipients,
        headers={**message.headers, "Message-ID": message.message_id},
        connection=get_connection(fail_silently=False),  # EMAIL_TIMEOUT bounds every wait
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    email.send()


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


@task()
def deliver(message_id: int) -> str:
    """Send one stored message if it is due and nobody sent it; say what happened."""
    from .sending import enqueue_delivery

    message = claim(message_id)
    if message is None:
        return "skipped"
    try:
        send_now(message)
    except Exception as error:  # noqa: BLE001 - every failure is recorded and retried or shown
        next_attempt = next_attempt_after(message.attempts, conf.get("OUTBOX_RETRY_DELAYS"))
        changes = {"last_error": describe(error)}
        if is_temporary(error) and next_attempt is not None:
            changes.update(state=MessageState.QUEUED, next_attempt_at=next_attempt)
            OutgoingMessage.objects.filter(pk=message.pk).update(**changes)
            logger.warning(
                "Message %s, attempt %s: %s; next attempt at %s.",
                message.pk,
                message.attempts,
                changes["last_error"],
                next_attempt.isoformat(timespec="seconds"),
            )
            # Backends that cannot defer a task (the immediate one) leave it to
            # `send_queued_messages`, which enqueues due messages.
            if deliver.get_backend().supports_defer:
                enqueue_delivery(message.pk, run_after=next_attempt)
            return "retry"
        changes.update(state=MessageState.FAILED, next_attempt_at=None)
        OutgoingMessage.objects.filter(pk=message.pk).update(**changes)
        logger.error(
            "Message %s failed after %s attempt(s): %s",
            message.pk,
            message.attempts,
            changes["last_error"],
        )
        return "failed"
    OutgoingMessage.objects.filter(pk=message.pk).update(
        state=MessageState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return "sent"
