from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from security.backups import BackupError, latest_backup, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and write back the media files from a backup archive "
        "(default: the newest in backups/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, archive=None, interactive=True, **options):
        archive = archive or latest_backup()
        if archive is None or not archive.exists():
            raise CommandError("No backup archive found; name one, e.g. backups/portal-….tar.gz")
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{archive}: {manifest['engine']} database and {manifest['media_files']} media "
            f"files, made {manifest['created']}."
        )
        if interactive:
            answer = input("This replaces the current database. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database and {result['media_restored']} media files from {archive}."
            )
        )
