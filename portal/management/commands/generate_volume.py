from django.core.management.base import BaseCommand

from portal.demo import DemoLoader
from portal.registry import volume_generators


class Command(BaseCommand):
    help = (
        "Adds generated content in volume (on top of the demo content) for benchmarks and "
        "load tests. Each plugin generates its own part. Never run it on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--calls", type=int, default=200)
        parser.add_argument("--initiatives", type=int, default=2000)
        parser.add_argument("--ideas", type=int, default=10000)

    def handle(self, *args, **options):
        counts = {key: options[key] for key in ("calls", "initiatives", "ideas")}
        loader = DemoLoader(examples=True, stdout=self.stdout)
        if not len(volume_generators):
            self.stdout.write("No plugin generates volume; nothing added.")
        for name, generate in volume_generators.items():
            self.stdout.write(f"Generating {name} …")
            generate(loader, counts)
        self.stdout.write(self.style.SUCCESS("Volume ready."))
