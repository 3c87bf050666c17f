from django.core.management.base import BaseCommand, CommandError

from engagement import conf
from engagement.privacy import purge_older_than
from outbox import conf as outbox_conf
from outbox.privacy import purge_older_than as purge_messages_older_than


class Command(BaseCommand):
    help = (
        "Remove names, e-mail addresses, attachments and address digests of ideas older than "
        "the retention period, keeping the anonymised ideas, and sent or failed e-mails older "
        "than OUTBOX_RETENTION_DAYS. Run it daily (cron, a scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=None,
            help="Retention period in days (default: ENGAGEMENT_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, older_than=None, dry_run=False, **options):
        days = conf.get("ENGAGEMENT_RETENTION_DAYS") if older_than is None else older_than
        if days < 0:
            raise CommandError("--older-than must be zero or more days.")
        count = purge_older_than(days, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(f"{verb} {count} idea(s) submitted more than {days} days ago.")
        message_days = outbox_conf.get("OUTBOX_RETENTION_DAYS")
        messages = purge_messages_older_than(message_days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {messages} outgoing message(s) sent or failed more than {message_days} "
            "days ago."
        )
