import json

from django.core.management.base import BaseCommand

from portal.privacy import export_for


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything stored about the person with this e-mail address, from every "
        "model registered in portal/privacy.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(export_for(email), ensure_ascii=False, indent=2))
