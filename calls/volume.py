"""Generated calls for benchmarks and load tests (`manage.py generate_volume`), never for a site."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from .models import CallIndexPage, CallPage

TOPICS = [
    "bendruomenės renginiai",
    "jaunimo užimtumas",
    "senjorų įtraukimas",
    "kaimynystės iniciatyvos",
    "kultūros dirbtuvės",
    "sveika gyvensena",
    "savanorystė",
    "viešųjų erdvių gaivinimas",
]


def generate_calls(loader, counts):
    """counts["calls"] Lithuanian calls with dates spread over five years around today."""
    wanted = counts.get("calls", 0)
    index = CallIndexPage.objects.filter(locale=loader.lt).first()
    if index is None or not wanted:
        return
    rng = random.Random(2026)  # noqa: S311 (test data, not security)
    now = timezone.now()
    existing = CallPage.objects.child_of(index).filter(slug__startswith="generuotas-").count()
    for number in range(existing, wanted):
        opens = now + timedelta(days=rng.randint(-4 * 365, 180))
        topic = rng.choice(TOPICS)
        budget = Decimal(rng.randrange(20_000, 200_000, 1_000))
        index.add_child(
            instance=CallPage(
                title=f"Kvietimas Nr. G-{number + 1}: {topic}",
                slug=f"generuotas-{number + 1}",
                locale=loader.lt,
                intro=f"Finansavimas projektams, skirtiems temai „{topic}“.",
                call_number=f"G-{number + 1}",
                opens_at=opens,
                closes_at=opens + timedelta(days=rng.randint(20, 60)),
                budget=budget,
                max_grant=(budget / 4).quantize(Decimal("1")),
                co_funding_rate=Decimal("90.00"),
                live=True,
                first_published_at=opens - timedelta(days=14),
                last_published_at=opens - timedelta(days=14),
            )
        )
    loader.log(f"  {wanted} generated calls")
