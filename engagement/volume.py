"""Generated ideas for benchmarks and load tests (`manage.py generate_volume`), never for a site."""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.search.backends import get_search_backend

from .models import Idea, IdeaStatus

WORDS = [
    "miestas",
    "parkas",
    "suoliukai",
    "jaunimas",
    "senjorai",
    "kiemas",
    "dviračiai",
    "takas",
    "šviestuvai",
    "medžiai",
    "gėlynai",
    "aikštelė",
    "bendruomenė",
    "renginys",
    "biblioteka",
    "upė",
    "pakrantė",
    "šaligatvis",
    "autobusas",
    "stotelė",
    "vaikai",
    "žaidimų",
    "sportas",
    "krepšinis",
    "koncertas",
    "muziejus",
    "kavinė",
    "turgus",
    "šventė",
]


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate_ideas(loader, counts):
    """counts["ideas"] ideas, three in four of them published, in both languages."""
    wanted = counts.get("ideas", 0) - Idea.objects.filter(consent_text="generated").count()
    if wanted <= 0:
        return
    rng = random.Random(2026)  # noqa: S311 (test data, not security)
    now = timezone.now()
    statuses = [IdeaStatus.PUBLISHED] * 3 + [IdeaStatus.NEW]
    batch = []
    for _ in range(wanted):
        created = now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        status = rng.choice(statuses)
        batch.append(
            Idea(
                title=sentence(rng, 5)[:150],
                description=" ".join(sentence(rng, 12) for _ in range(3)),
                language=rng.choice(["lt", "lt", "en"]),
                consent_text="generated",
                consented_at=created,
                created_at=created,
                status=status,
                published_at=created if status == IdeaStatus.PUBLISHED else None,
            )
        )
    Idea.objects.bulk_create(batch, batch_size=1000)
    # bulk_create sends no signals: index the public ones as moderation would have.
    get_search_backend().add_bulk(
        Idea, list(Idea.objects.public().filter(consent_text="generated"))
    )
    loader.log(f"  {wanted} generated ideas")
