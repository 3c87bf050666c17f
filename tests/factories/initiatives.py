from datetime import date
from decimal import Decimal

import factory

from initiatives.models import InitiativeIndexPage, InitiativePage, ProgressUpdate

from .base import LocalisedPageFactory


class InitiativeIndexPageFactory(LocalisedPageFactory):
    title = "Iniciatyvos"

    class Meta:
        model = InitiativeIndexPage


class InitiativePageFactory(LocalisedPageFactory):
    """An initiative in progress, started on 1 March 2025."""

    title = factory.Sequence(lambda n: f"Bandomoji iniciatyva {n}")
    slug = factory.Sequence(lambda n: f"bandomoji-iniciatyva-{n}")
    intro = "Trumpas iniciatyvos aprašymas."
    beneficiary = factory.Sequence(lambda n: f"Bendruomenė {n}")
    status = "in_progress"
    total_value = Decimal("1000.00")
    grant = Decimal("900.00")
    starts_on = date(2025, 3, 1)
    ends_on = date(2025, 12, 31)

    class Meta:
        model = InitiativePage


def initiative_index(language="lt"):
    return InitiativeIndexPage.objects.get(locale__language_code=language)


def update(day, progress=None, text="Naujiena", sort_order=0, pk=None):
    """An unsaved progress update, for the progress rules."""
    return ProgressUpdate(date=day, progress=progress, text=text, sort_order=sort_order, pk=pk)
