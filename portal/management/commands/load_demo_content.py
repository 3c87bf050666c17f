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
        verbose = options["verbosity"] > 0
        loader = DemoLoader(
            examples=not options["no_examples"], stdout=self.stdout if verbose else None
        )
        for name, load in demo_loaders.items():
            loader.log(f"Loading {name} …")
            load(loader)
        loader.log(self.style.SUCCESS(f"Demo content ready ({loader.created} created)."))
