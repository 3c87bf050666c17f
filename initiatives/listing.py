"""
The one place that lists initiatives: the index page, its map, the summary, the CSV, the home
page and the API all ask here, so they agree on which initiatives are public, how filters
work and in which order they come.

Unlike calls (a handful a year), initiatives accumulate into the thousands, so filtering,
ordering and paging happen in SQL, and the latest reported progress of each initiative comes
in the same query as a subquery (initiatives/progress.py decides what it means).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import ExtractYear

from portal.cache import remember
from portal.navigation import restricted_paths
from portal.schedule import on_schedule_q

from .models import InitiativeMeasure, InitiativePage, ProgressUpdate
from .progress import LATEST_FIRST, InitiativeStatus

INITIATIVES_PER_PAGE = 12


def public_q(prefix: str = "") -> Q:
    """Visible pages (live, within their schedule) outside any view restriction (the
    restrictions come from the core's cache)."""
    q = Q(**{f"{prefix}live": True}) & on_schedule_q(prefix=prefix)
    for path in restricted_paths():
        q &= ~Q(**{f"{prefix}path__startswith": path})
    return q


def locale_id_of(locale) -> int:
    return getattr(locale, "pk", locale)


def public_initiatives(locale):
    """Every public initiative of a language, without annotations or related rows."""
    return InitiativePage.objects.filter(public_q(), locale_id=locale_id_of(locale))


def latest_progress_subquery():
    return Subquery(
        ProgressUpdate.objects.filter(page=OuterRef("pk"), progress__isnull=False)
        .order_by(*LATEST_FIRST)
        .values("progress")[:1]
    )


def latest_update_subquery(outer: str = "pk"):
    """The date of the latest progress update of the initiative whose id is `outer`."""
    return Subquery(
        ProgressUpdate.objects.filter(page=OuterRef(outer))
        .order_by(*LATEST_FIRST)
        .values("date")[:1]
    )


def measure_prefetch():
    return Prefetch(
        "measure_links",
        queryset=InitiativeMeasure.objects.select_related("measure").order_by("sort_order", "pk"),
    )


def _call_long_fields() -> list[str]:
    """The call's StreamFields and rich texts: a card, CSV row or API item shows none of them,
    and each would be parsed for every initiative listed."""
    from wagtail.fields import RichTextField, StreamField

    call_model = InitiativePage._meta.get_field("call").related_model
    return [
        f"call__{field.name}"
        for field in call_model._meta.concrete_fields
        if isinstance(field, (RichTextField, StreamField))
    ]


def for_listing(queryset):
    """What a card, a CSV row or an API item shows: call, measures, latest progress."""
    return (
        queryset.select_related("call")
        .defer_streamfields()
        .defer(*_call_long_fields())
        .annotate(
            latest_progress=latest_progress_subquery(), last_update_on=latest_update_subquery()
        )
        .prefetch_related(measure_prefetch())
    )


LISTING_ORDER = ("-starts_on", "title", "pk")


@dataclass
class InitiativeFilters:
    """What a reader or API client narrows the list to. Unknown values are ignored."""

    status: str | None = None
    call: int | None = None
    measure: str | None = None
    year: int | None = None

    @classmethod
    def from_query(cls, query) -> InitiativeFilters:
        status = query.get("status") or None
        call = str(query.get("call") or "")
        year = str(query.get("year") or "")
        return cls(
            status=status if status in InitiativeStatus.values else None,
            call=int(call) if call.isdigit() and len(call) < 10 else None,
            measure=(query.get("measure") or "").strip()[:20] or None,
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.call or self.measure or self.year)

    def query_string(self) -> str:
        params = {
            "status": self.status,
            "call": self.call,
            "measure": self.measure,
            "year": self.year,
        }
        return urlencode({name: value for name, value in params.items() if value})

    def apply(self, queryset):
        if self.status:
            queryset = queryset.filter(status=self.status)
        if self.call:
            queryset = queryset.filter(call_id=self.call)
        if self.measure:
            # A subquery rather than a join, so an initiative with two measures comes once.
            serving = InitiativeMeasure.objects.filter(measure__code=self.measure).values("page_id")
            queryset = queryset.filter(pk__in=serving)
        if self.year:
            queryset = queryset.filter(starts_on__year=self.year)
        return queryset

    def initiatives(self, locale):
        """The public initiatives of a language matching these filters, in listing order."""
        return self.apply(public_initiatives(locale)).order_by(*LISTING_ORDER)


def listing_ids(filters: InitiativeFilters, locale) -> list[int]:
    """The ids of the initiatives these filters list, in listing order.

    Cached under the content version (portal/cache.py): ordering thousands of wide rows to show
    twelve is the costly part of a page of the list, and the count comes with it.
    """
    return remember(
        "initiatives:listing-ids",
        locale_id_of(locale),
        filters.query_string(),
        build=lambda: list(filters.initiatives(locale).values_list("pk", flat=True)),
    )


def paginate_initiatives(filters: InitiativeFilters, locale, page_number):
    """One page of the list, with the ids of its initiatives as its `object_list`."""
    return Paginator(listing_ids(filters, locale), INITIATIVES_PER_PAGE).get_page(page_number)


def initiatives_for_cards(ids) -> list[InitiativePage]:
    """These initiatives as for_listing() gives them, in this order."""
    ids = list(ids)
    if not ids:
        return []
    found = {i.pk: i for i in for_listing(InitiativePage.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


@dataclass
class FilterOptions:
    calls: list[tuple[int, str]]
    measures: list[tuple[str, str]]
    years: list[int]


def filter_options(locale) -> FilterOptions:
    """The calls, measures and years that public initiatives of a language have.

    Cached under the content version (portal/cache.py), which any publication changes.
    """
    locale_id = locale_id_of(locale)
    return remember(
        "initiatives:filter-options", locale_id, build=lambda: _filter_options(locale_id)
    )


def _filter_options(locale_id) -> FilterOptions:
    public = public_initiatives(locale_id)
    # One row per initiative gives both its call and its year.
    rows = list(
        public.annotate(year=ExtractYear("starts_on"))
        .values_list("call_id", "call__title", "year")
        .order_by()
    )
    calls = sorted({(call, title) for call, title, _ in rows if call}, key=lambda c: c[1])
    years = {year for _, _, year in rows if year is not None}
    measures = (
        InitiativeMeasure.objects.filter(page__in=public.values("pk"))
        .values_list("measure__code", "measure__title")
        .distinct()
    )
    from calls.listing import code_order

    return FilterOptions(
        calls=calls,
        measures=sorted(set(measures), key=lambda m: code_order(m[0])),
        years=sorted(years, reverse=True),
    )


def map_markers(queryset, index_url: str) -> list[dict]:
    """The initiatives with coordinates, as the map script reads them (one query)."""
    rows = queryset.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "title", "slug", "latitude", "longitude", "status"
    )
    # Translated once, not once per initiative.
    labels = {value: str(label) for value, label in InitiativeStatus.choices}
    return [
        {
            "title": title,
            "url": f"{index_url}{slug}/",
            "lat": float(latitude),
            "lng": float(longitude),
            "status": labels.get(status, status),
        }
        for title, slug, latitude, longitude, status in rows
    ]
