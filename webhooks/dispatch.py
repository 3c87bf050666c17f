"""
From the ledger of visible changes to stored deliveries, and from them to the queue.

`fan_out()` runs after each transaction that wrote ledger rows commits (portal/ledger.py calls
the change listeners then, outside that transaction: a receiver that is down or slow never
holds a publish), and again from `send_webhooks`. In a short transaction of its own, with the
active endpoints locked, it reads the ledger after the oldest endpoint's cursor, builds each
row's item as the change feed shows it (tombstones included), stores one delivery per endpoint
that wants it and moves the cursors on; once that commits, each delivery's task is enqueued.
The ledger's ids commit in order (portal/ledger.py), so a cursor never passes a change that is
committed later.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from outbox.queue import enqueue_safely
from portal.changes import Links, change_items, feed_rows

from .models import DeliveryState, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger("webhooks")

# Ledger rows read at a time; fan_out goes on until it has caught up.
BATCH = 100


class SiteRequest(HttpRequest):
    """A request for the portal's public address (WAGTAILADMIN_BASE_URL): what a payload's
    addresses are made from when no visitor asked for them."""

    def __init__(self, base_url: str):
        super().__init__()
        parts = urlsplit(base_url)
        self.method = "GET"
        self.path = self.path_info = "/"
        self._base_scheme = parts.scheme or "https"
        self._base_host = parts.netloc
        self.META = {
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(parts.port or (443 if self._base_scheme == "https" else 80)),
            "HTTP_HOST": parts.netloc,
        }

    def _get_scheme(self):
        return self._base_scheme

    def get_host(self):
        return self._base_host


def site_links() -> Links:
    return Links(SiteRequest(settings.WAGTAILADMIN_BASE_URL))


def payload_of(item: dict) -> dict:
    """The JSON body: Standard Webhooks' {type, timestamp, data}, `data` being the item exactly
    as the change feed shows it."""
    from portal.api_changes import ChangeItem

    data = ChangeItem.model_validate(item).model_dump(mode="json")
    return {"type": f"{data['type']}.{data['kind']}", "timestamp": data["at"], "data": data}


def fan_out_after_commit() -> None:
    """The change listener: never lets a failure reach the transaction that just committed."""
    try:
        fan_out()
    except Exception:
        logger.exception("Webhook deliveries could not be stored; `send_webhooks` retries.")


def fan_out(*, enqueue: bool = True) -> int:
    """Store the deliveries of every committed change not yet considered; enqueue them once
    stored (unless the caller enqueues what is due itself). Returns how many were stored."""
    stored = 0
    while True:
        created, more = _fan_out_batch()
        stored += len(created)
        if created and enqueue:
            transaction.on_commit(lambda ids=created: enqueue_deliveries(ids))
        if not more:
            return stored


def _fan_out_batch() -> tuple[list[int], bool]:
    with transaction.atomic():
        endpoints = list(WebhookEndpoint.objects.select_for_update().filter(active=True))
        if not endpoints:
            return [], False
        start = min(endpoint.last_change_id for endpoint in endpoints)
        rows = feed_rows(start, BATCH)
        if not rows:
            return [], False
        items = change_items(rows, site_links())
        deliveries = []
        now = timezone.now()
        for endpoint in endpoints:
            for item in items:
                if item["id"] > endpoint.last_change_id and endpoint.wants(item):
                    payload = payload_of(item)
                    deliveries.append(
                        WebhookDelivery(
                            endpoint=endpoint,
                            change_id=item["id"],
                            event_type=payload["type"],
                            payload=payload,
                            next_attempt_at=now,
                        )
                    )
        created = WebhookDelivery.objects.bulk_create(deliveries)
        last = rows[-1].pk
        WebhookEndpoint.objects.filter(
            pk__in=[endpoint.pk for endpoint in endpoints], last_change_id__lt=last
        ).update(last_change_id=last)
        return [delivery.pk for delivery in created], len(rows) == BATCH


def enqueue_deliveries(delivery_ids) -> None:
    for delivery_id in delivery_ids:
        enqueue_delivery(delivery_id)


def enqueue_delivery(delivery_id: int, *, run_after=None) -> bool:
    """Enqueue the delivery task and remember its id; False if the queue refused it."""
    from .tasks import deliver

    result = enqueue_safely(
        deliver,
        delivery_id,
        run_after=run_after,
        repair="`manage.py send_webhooks` enqueues the delivery again",
    )
    if result is None:
        return False
    WebhookDelivery.objects.filter(pk=delivery_id).update(task_id=str(result.id))
    return True


def resend(delivery_id: int) -> bool:
    """Staff's "Send again": one more attempt now, with the same webhook-id (a receiver that
    got it already can tell). Not while it is being sent; the change of state is atomic, so a
    double click enqueues it once."""
    with transaction.atomic():
        resent = (
            WebhookDelivery.objects.filter(pk=delivery_id)
            .exclude(state=DeliveryState.SENDING)
            .update(state=DeliveryState.PENDING, next_attempt_at=timezone.now())
        )
        if resent:
            transaction.on_commit(lambda: enqueue_delivery(delivery_id), robust=True)
    return bool(resent)
