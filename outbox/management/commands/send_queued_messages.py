from django.core.management.base import BaseCommand

from outbox.recovery import enqueue_lost, fail_interrupted


class Command(BaseCommand):
    help = (
        "Enqueue due outgoing messages whose delivery task was lost (e.g. the queue could not "
        "be written), and mark messages a stopped worker left half-sent as failed. Run it "
        "every few minutes from cron, beside publish_scheduled."
    )

    def handle(self, *args, **options):
        interrupted = fail_interrupted()
        enqueued, waiting = enqueue_lost()
        self.stdout.write(
            f"Enqueued {enqueued} message(s) again; {waiting} due message(s) wait in the queue; "
            f"marked {interrupted} interrupted message(s) as failed."
        )
