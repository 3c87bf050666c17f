"""
Generated initiatives in volume for benchmarks and load tests (`manage.py generate_volume`):
counts["initiatives"] initiatives (2,000 by default) in Lithuanian with their English
translations, each with measures, progress updates and an indicator contribution, spread over
the calls, the statuses and several years. Never on a real site.

Pages go into the tree one by one (Wagtail pages cannot be bulk-created), without revisions and
with search indexing paused, which keeps 2,000 initiatives (4,000 pages) to a minute or two.
"""

from __future__ import annotations

import random
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import (
    IndicatorContribution,
    InitiativeIndexPage,
    InitiativeMeasure,
    InitiativePage,
    ProgressUpdate,
)
from .progress import InitiativeStatus

SLUG_PREFIX = "sugeneruota-iniciatyva-"
BATCH = 200


@contextmanager
def search_indexing_paused():
    """Skip Wagtail's per-save search index update; the benchmark does not search these."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler

    post_save.disconnect(post_save_signal_handler, sender=InitiativePage)
    post_delete.disconnect(post_delete_signal_handler, sender=InitiativePage)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=InitiativePage)
        post_delete.connect(post_delete_signal_handler, sender=InitiativePage)


def pairs(model, lt, en, **filters):
    """(Lithuanian, English) pairs of translatable objects, matched by translation key."""
    english = {o.translation_key: o for o in model.objects.filter(locale=en, **filters)}
    return [(o, english.get(o.translation_key)) for o in model.objects.filter(locale=lt, **filters)]


def generate_initiatives(loader, counts) -> None:
    from calls.models import CallPage
    from strategy.models import Indicator, Measure

    total = counts.get("initiatives", 2000)
    lt, en = loader.lt, loader.en
    index_lt = InitiativeIndexPage.objects.filter(locale=lt).first()
    index_en = InitiativeIndexPage.objects.filter(locale=en).first()
    if index_lt is None or total <= 0:
        loader.log("  no initiatives page: load the demo content first")
        return
    calls = [(c.specific, e) for c, e in pairs(CallPage, lt, en)] or [(None, None)]
    measures = pairs(Measure, lt, en)
    indicators = pairs(Indicator, lt, en)
    start = InitiativePage.objects.filter(slug__startswith=SLUG_PREFIX, locale=lt).count()
    rng = random.Random(start)  # noqa: S311 (benchmark data, not security)
    today = timezone.localdate()
    statuses = list(InitiativeStatus.values)
    with search_indexing_paused():
        for batch_start in range(start, start + total, BATCH):
            with transaction.atomic():
                for number in range(batch_start, min(batch_start + BATCH, start + total)):
                    add_generated(
                        number,
                        rng,
                        today,
                        statuses,
                        index_lt,
                        index_en,
                        calls,
                        measures,
                        indicators,
                    )
            loader.log(f"  {min(batch_start + BATCH, start + total) - start} initiatives")


def add_generated(number, rng, today, statuses, index_lt, index_en, calls, measures, indicators):
    call_lt, call_en = calls[number % len(calls)]
    measure = measures[number % len(measures)] if measures else None
    indicator = indicators[number % len(indicators)] if indicators else None
    starts_on = date(today.year - number % 4, 1 + number % 12, 1 + number % 28)
    grant = Decimal(rng.randrange(100000, 1000000)) / 100
    status = statuses[number % len(statuses)]
    updates = [
        (starts_on + timedelta(days=7 * step), min(100, 20 * (step + 1)))
        for step in range(1 + number % 3)
    ]
    updates = [(day, progress) for day, progress in updates if day <= today]
    keys = {
        "measure": uuid.uuid4(),
        "contribution": uuid.uuid4(),
        "updates": [uuid.uuid4() for _ in updates],
    }
    common = {
        "slug": f"{SLUG_PREFIX}{number}",
        "live": True,
        "first_published_at": timezone.now(),
        "beneficiary": f"Bendruomenė Nr. {number}",
        "project_number": f"GEN-{number:05d}",
        "status": status,
        "grant": grant,
        "total_value": (grant * Decimal("1.05")).quantize(Decimal("0.01")),
        "starts_on": starts_on,
        "ends_on": starts_on + timedelta(days=300),
        "latitude": Decimal("54.0") + Decimal(rng.randrange(0, 30000)) / 1000000,
        "longitude": Decimal("23.95") + Decimal(rng.randrange(0, 50000)) / 1000000,
        "address": "Druskininkai",
        "translation_key": uuid.uuid4(),
    }
    for index, locale_number, call, title, text in (
        (index_lt, 0, call_lt, f"Sugeneruota iniciatyva {number}", "Atnaujinimas"),
        (index_en, 1, call_en, f"Generated initiative {number}", "Update"),
    ):
        if index is None:
            continue
        page = InitiativePage(
            **common,
            locale_id=index.locale_id,
            title=title,
            intro=f"{title}: {text.lower()}.",
            call=call,
        )
        if measure and measure[locale_number]:
            page.measure_links = [
                InitiativeMeasure(
                    measure=measure[locale_number],
                    locale_id=index.locale_id,
                    translation_key=keys["measure"],
                )
            ]
        page.progress_updates = [
            ProgressUpdate(
                date=day,
                text=f"{text} {step + 1}",
                progress=progress,
                sort_order=step,
                locale_id=index.locale_id,
                translation_key=keys["updates"][step],
            )
            for step, (day, progress) in enumerate(updates)
        ]
        if indicator and indicator[locale_number]:
            page.contributions = [
                IndicatorContribution(
                    indicator=indicator[locale_number],
                    amount=Decimal(1 + number % 5),
                    locale_id=index.locale_id,
                    translation_key=keys["contribution"],
                )
            ]
        index.add_child(instance=page)
