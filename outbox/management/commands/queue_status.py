from django.core.management.base import BaseCommand
from django.db.models import Count, Min
from django.utils import timezone

from outbox.models import MessageState, OutgoingMessage


class Command(BaseCommand):
    help = (
        "How long the task queue is (tasks waiting, running, the oldest waiting) and the "
        "outgoing messages by state: is the queue backing up?"
    )

    def handle(self, *args, **options):
        from django.apps import apps

        now = timezone.now()
        if apps.is_installed("django_tasks_db"):
            from django_tasks_db.models import DBTaskResult

            ready = DBTaskResult.objects.ready()
            deferred = DBTaskResult.objects.filter(status="READY").count() - ready.count()
            oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
            waited = f"{(now - oldest).total_seconds():.0f} s" if oldest else "-"
            self.stdout.write(
                f"tasks ready to run: {ready.count()} (the oldest waiting {waited}); "
                f"running: {DBTaskResult.objects.running().count()}; "
                f"deferred to later: {deferred}"
            )
        else:
            self.stdout.write("The task queue is not kept in the database (TASKS_BACKEND).")
        states = dict(
            OutgoingMessage.objects.values_list("state").annotate(count=Count("pk")).order_by()
        )
        self.stdout.write(
            "outgoing messages: "
            + ", ".join(f"{state} {states.get(state, 0)}" for state in MessageState)
        )
