import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "For local development only: creates an administrator with a generated password, "
        "printed once, unless an administrator already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="where the site is served (make run passes its HOST and PORT)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_admin is for local development (DEBUG=True). In production create "
                "accounts with `manage.py createsuperuser`."
            )
        admin_url = f"{options['site_url'].rstrip('/')}/admin/"
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An administrator already exists; its password is unchanged. "
                f"Sign in at {admin_url}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=options["username"], email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrator created. Sign in at {admin_url} with\n"
                f"  user name: {options['username']}\n  password:  {password}\n"
                "This password is shown only now."
            )
        )
