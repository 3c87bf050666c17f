from django.core.management.base import BaseCommand

from portal.privacy import erase_for


class Command(BaseCommand):
    help = (
        "Erase the personal data of the person with this e-mail address, in every model "
        "registered in portal/privacy.py: ideas are anonymised (and kept), form submissions and "
        "other records deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        for key, (action, count) in erase_for(email).items():
            self.stdout.write(f"{key}: {count} {action}")
