"""
What `send_queued_messages` repairs: messages whose delivery task was lost, and messages a
stopped worker left half-sent.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext

from . import conf
from .models import MessageState, OutgoingMessage
from .sending import enqueue_delivery


def task_is_waiting(task_id: str, stale_before, task_=None) -> bool:
    """True if the task (by default a message's delivery) is still in the queue, or running
    and not stale."""
    if task_ is None:
        from .tasks import deliver as task_

    backend = task_.get_backend()
    if not task_id or not backend.supports_get_result:
        return False
    try:
        result = backend.get_result(task_id)
    except Exception:  # noqa: BLE001 - a task the backend cannot read is not waiting
        return False
    if result.status == "READY":
        return True
    return result.status == "RUNNING" and (result.started_at or stale_before) > stale_before


def fail_interrupted() -> int:
    """Messages left "sending" by a worker that stopped: failed, never sent a second time."""
    stale_before = timezone.now() - timedelta(seconds=conf.get("OUTBOX_SENDING_TIMEOUT"))
    return OutgoingMessage.objects.filter(
        state=MessageState.SENDING, last_attempt_at__lt=stale_before
    ).update(
        state=MessageState.FAILED,
        next_attempt_at=None,
        last_error=gettext(
            "The worker stopped while sending it: it may or may not have been delivered. "
            "Retry only if the recipient did not get it."
        ),
    )


def enqueue_lost() -> tuple[int, int]:
    """Due queued messages without a waiting task are enqueued again: (enqueued, waiting)."""
    now = timezone.now()
    stale_before = now - timedelta(seconds=conf.get("OUTBOX_SENDING_TIMEOUT"))
    due = OutgoingMessage.objects.filter(state=MessageState.QUEUED, next_attempt_at__lte=now)
    enqueued = waiting = 0
    for message_id, task_id in due.values_list("pk", "task_id").iterator():
        if task_is_waiting(task_id, stale_before):
            waiting += 1
        elif enqueue_delivery(message_id):
            enqueued += 1
    return enqueued, waiting
