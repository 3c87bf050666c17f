"""Repairs what a lost enqueue or a stopped worker left: run it every few minutes from cron."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from webhooks import conf
from webhooks.dispatch import enqueue_delivery, fan_out
from webhooks.models import DeliveryState, WebhookDelivery


class Command(BaseCommand):
    help = (
        "Store the deliveries of changes not yet considered, enqueue due waiting deliveries, "
        "and put back in the queue the ones a stopped worker left half-sent."
    )

    def handle(self, *args, **options):
        stored = fan_out()
        now = timezone.now()
        stale = now - timedelta(seconds=conf.get("WEBHOOKS_SENDING_TIMEOUT"))
        interrupted = WebhookDelivery.objects.filter(
            state=DeliveryState.SENDING, last_attempt_at__lt=stale
        ).update(state=DeliveryState.PENDING, next_attempt_at=now)
        due = WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        enqueued = sum(enqueue_delivery(pk) for pk in due.values_list("pk", flat=True))
        self.stdout.write(
            f"{stored} stored, {interrupted} interrupted put back, {enqueued} enqueued."
        )
