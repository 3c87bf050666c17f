"""
Enqueueing background tasks so that a queue that cannot take work never costs anything that
was already stored: the one way the portal enqueues after a commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger("outbox.queue")


def enqueue_safely(task_, *args, run_after=None, repair="", **kwargs):
    """
    Enqueue `task_`; return its result, or None if the queue refused it.

    A refusal (the queue's table cannot be written, the backend is misconfigured) is logged
    once, as an error naming the task and `repair`, what puts things right later (e.g.
    "`manage.py send_queued_messages` enqueues it again"), and goes no further: the caller
    has already stored what the task works on.
    """
    try:
        if run_after is not None:
            task_ = task_.using(run_after=run_after)
        if not connection.in_atomic_block:
            return task_.enqueue(*args, **kwargs)
        # Inside a transaction, a savepoint: a refused write must not spoil the caller's.
        with transaction.atomic():
            return task_.enqueue(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - whatever the queue raises, what was stored stays
        logger.error(
            "Could not enqueue %s%s: %s: %s. What was stored is kept%s.",
            task_.module_path,
            args,
            type(error).__name__,
            error,
            f"; {repair}" if repair else "",
        )
        return None


def next_attempt_after(attempts: int, delays) -> datetime | None:
    """When to try again after `attempts` failed attempts, waiting each of `delays` (seconds)
    in turn; None once every delay is used (the last attempt has failed: give up)."""
    if attempts > len(delays):
        return None
    return timezone.now() + timedelta(seconds=delays[attempts - 1])
