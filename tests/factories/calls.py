from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from wagtail.models import Locale

from calls.models import CallIndexPage, CallPage

from .base import LocalisedPageFactory


class CallIndexPageFactory(LocalisedPageFactory):
    title = "Kvietimai"

    class Meta:
        model = CallIndexPage


class CallPageFactory(LocalisedPageFactory):
    """An open call by default: opened ten days ago, closes in thirty days."""

    title = factory.Sequence(lambda n: f"Bandomasis kvietimas {n}")
    slug = factory.Sequence(lambda n: f"bandomasis-kvietimas-{n}")
    call_number = factory.Sequence(lambda n: f"T-{n:03d}")
    intro = "Trumpas kvietimo aprašymas."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    budget = Decimal("50000.00")
    max_grant = Decimal("5000.00")
    min_grant = Decimal("1000.00")
    co_funding_rate = Decimal("90.00")

    class Meta:
        model = CallPage


def call_index(language="lt"):
    return CallIndexPage.objects.get(locale__language_code=language)


def make_measure(code, language="lt", title=None, source=None):
    """A strategy measure (with its priority); `source` makes it that measure's translation."""
    from strategy.models import Measure, Priority

    locale = Locale.objects.get(language_code=language)
    priority, _ = Priority.objects.get_or_create(
        locale=locale, code=code.split(".")[0], defaults={"title": f"Tikslas {code[0]}"}
    )
    if source is not None:
        measure = source.copy_for_translation(locale)
        measure.priority = priority
        measure.title = title or measure.title
        measure.save()
        return measure
    return Measure.objects.create(
        locale=locale, priority=priority, code=code, title=title or f"Uždavinys {code}"
    )
