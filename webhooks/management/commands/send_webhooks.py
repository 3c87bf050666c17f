"""Repairs what a lost enqueue or a stopped worker left: run it every few minutes from cron."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from outbox.recovery import task_is_waiting
from webhooks import conf
from webhooks.dispatch import enqueue_delivery, fan_out
from webhooks.models import DeliveryState, WebhookDelivery
from webhooks.tasks import deliver


class Command(BaseCommand):
    help = (
        "Store the deliveries of changes not yet considered, enqueue due waiting deliveries "
        "whose task was lost, and put back in the queue the ones a stopped worker left "
        "half-sent (a receiver drops a repeat by its webhook-id); remove delivered and failed "
        "deliveries older than WEBHOOKS_DELIVERY_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        stored = fan_out(enqueue=False)  # enqueued below with every other due delivery
        now = timezone.now()
        stale = now - timedelta(seconds=conf.get("WEBHOOKS_SENDING_TIMEOUT"))
        interrupted = WebhookDelivery.objects.filter(
            state=DeliveryState.SENDING, last_attempt_at__lt=stale
        ).update(state=DeliveryState.PENDING, next_attempt_at=now)
        due = WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        enqueued = waiting = 0
        for delivery_id, task_id in due.values_list("pk", "task_id").iterator():
            if task_is_waiting(task_id, stale, deliver):
                waiting += 1
            elif enqueue_delivery(delivery_id):
                enqueued += 1
        kept_since = now - timedelta(days=conf.get("WEBHOOKS_DELIVERY_RETENTION_DAYS"))
        removed, _ = WebhookDelivery.objects.filter(
            state__in=[DeliveryState.DELIVERED, DeliveryState.FAILED], created_at__lt=kept_since
        ).delete()
        self.stdout.write(
            f"{stored} stored, {interrupted} interrupted put back, {enqueued} enqueued, "
            f"{waiting} already waiting, {removed} older than "
            f"{conf.get('WEBHOOKS_DELIVERY_RETENTION_DAYS')} days removed."
        )
