from django.core.management.base import BaseCommand

from engagement.privacy import erase_for


class Command(BaseCommand):
    help = (
        "Erase the personal data of the person with this e-mail address: their ideas are "
        "anonymised (and kept), their form submissions and the e-mails to or about them deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        result = erase_for(email)
        self.stdout.write(
            f"Anonymised {result['ideas_anonymised']} idea(s); deleted "
            f"{result['form_submissions_deleted']} form submission(s) and "
            f"{result['outgoing_messages_deleted']} outgoing message(s)."
        )
