"""
Delivering one stored webhook (a django-tasks task, run by `manage.py db_worker`).

The delivery is claimed (waiting -> sending) in a short transaction of its own, with the row
locked and other workers skipping it, then POSTed: signed as Standard Webhooks says, with a
short timeout (WEBHOOKS_TIMEOUT for the connection and for each read), never following a
redirect. A 2xx answer delivers it. A network error, a timeout, a 429 or a 5xx is retried after
each delay of WEBHOOKS_RETRY_DELAYS; any other answer (a redirect, another 4xx), an address
that may not receive webhooks, or the last failed attempt mark it failed, with the status code
and the error kept for staff to see.
"""

from __future__ import annotations

import json
import logging
import time

import requests
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from outbox.queue import next_attempt_after

from . import conf
from .addresses import address_problem
from .models import DeliveryState, WebhookDelivery
from .signing import signatures

logger = logging.getLogger("webhooks")

USER_AGENT = "VVG-portal-webhooks/1"


class Refused(Exception):
    """An answer or an address that another attempt would not change."""


class Temporary(Exception):
    """Worth another attempt later."""


def claim(delivery_id: int) -> WebhookDelivery | None:
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        delivery.state = DeliveryState.SENDING
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.save(update_fields=["state", "attempts", "last_attempt_at"])
    return delivery


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def post(delivery: WebhookDelivery) -> int:
    """One signed POST; its status code, or Refused / Temporary."""
    endpoint = delivery.endpoint
    problem = address_problem(endpoint.url)
    if problem:
        raise Refused(problem)
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signatures(
            endpoint.signing_secrets(), delivery.message_id, timestamp, body
        ),
    }
    timeout = conf.get("WEBHOOKS_TIMEOUT")
    try:
        response = requests.post(
            endpoint.url,
            data=body,
            headers=headers,
            timeout=(timeout, timeout),
            # A redirect could lead anywhere, another host included: it is never followed.
            allow_redirects=False,
        )
    except requests.RequestException as error:
        raise Temporary(f"{type(error).__name__}: {error}") from error
    status = response.status_code
    response.close()
    if 200 <= status < 300:
        return status
    if status == 429 or status >= 500:
        raise Temporary(f"HTTP {status}")
    if 300 <= status < 400:
        raise Refused(f"HTTP {status}: redirects are not followed")
    raise Refused(f"HTTP {status}")


def status_of(error: Exception) -> int | None:
    text = str(error)
    if text.startswith("HTTP "):
        return int(text[5:8])
    return None


@task()
def deliver(delivery_id: int) -> str:
    """POST one stored delivery if it is due and nobody is sending it; say what happened."""
    from .dispatch import enqueue_delivery

    delivery = claim(delivery_id)
    if delivery is None:
        return "skipped"
    try:
        status = post(delivery)
    except (Refused, Temporary) as error:
        changes = {"last_error": str(error)[:2000], "last_status_code": status_of(error)}
        next_attempt = next_attempt_after(delivery.attempts, conf.get("WEBHOOKS_RETRY_DELAYS"))
        if isinstance(error, Temporary) and next_attempt is not None:
            changes.update(state=DeliveryState.PENDING, next_attempt_at=next_attempt)
            WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)
            logger.warning(
                "Webhook delivery %s, attempt %s: %s; next attempt at %s.",
                delivery.pk,
                delivery.attempts,
                changes["last_error"],
                next_attempt.isoformat(timespec="seconds"),
            )
            # Backends that cannot defer a task (the immediate one) leave it to
            # `send_webhooks`, which enqueues due deliveries.
            if deliver.get_backend().supports_defer:
                enqueue_delivery(delivery.pk, run_after=next_attempt)
            return "retry"
        changes.update(state=DeliveryState.FAILED, next_attempt_at=None)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)
        logger.error(
            "Webhook delivery %s failed after %s attempt(s): %s",
            delivery.pk,
            delivery.attempts,
            changes["last_error"],
        )
        return "failed"
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.DELIVERED,
        delivered_at=timezone.now(),
        next_attempt_at=None,
        last_status_code=status,
        last_error="",
    )
    return "delivered"
