from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from security.backups import BackupError, backup_directory, create_backup


class Command(BaseCommand):
    help = "Back up the database and the media files into one archive (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=None)

    def handle(self, *args, **options):
        try:
            path = create_backup(options["output_dir"] or backup_directory())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
