from django.core.management.base import BaseCommand

from portal.demo import DemoLoader
from portal.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Creates the demo site in Lithuanian and English from the client's own text. "
        "Idempotent: existing pages are kept, only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-examples",
            action="store_true",
            help="Leave out example content that is not the client's own (example calls, ...).",
        )

    def handle(self, *args, **options):
        loader = DemoLoader(examples=not options["no_examples"], stdout=self.stdout)
        for name, load in demo_loaders.items():
            self.stdout.write(f"Loading {name} …")
            load(loader)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({loader.created} created)."))
