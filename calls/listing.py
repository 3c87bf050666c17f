"""
The one place that lists calls: the index page, the home page, the feeds and the API all ask
here, so they agree on which calls there are, their status and their order.

Choosing and ordering calls needs only a few values of each: its dates, its results' time of
publication and its measures' codes. Those light rows of a language's live calls are built in
one query and kept in the cache under the content version (portal/cache.py), so they are never
stale. At each request, calls.status.call_status gives every row its status for that moment,
the same function every other view uses, and the filters, the order, the filter options and
the page to show are decided on the rows in Python rather than in a second, SQL version of the
status rules. Only the calls actually shown are then fetched as pages (the calls, then their
measures if asked), whatever the number of calls, and those pages are kept in the cache under
the content version too: the set of calls a listing page shows changes only when a status does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone

from portal.cache import remember
from portal.navigation import private_pages_q as portal_private_pages_q
from portal.schedule import visible

from .models import CallMeasure, CallPage
from .status import CALL_TIME_ZONE, STATUS_FILTERS, CallStatus, call_status

CALLS_PER_PAGE = 10

# Long texts that no listing shows (StreamFields are left out by defer_streamfields()).
LISTING_DEFERRED_FIELDS = [
    "eligible_applicants",
    "eligible_partners",
    "eligible_activities",
    "target_groups",
    "requirements",
]


def private_pages_q():
    """Pages under a view restriction, to leave out of public listings (cached by the core)."""
    return portal_private_pages_q()


def call_year(call) -> int:
    """The year a call opens, in Vilnius."""
    return timezone.localtime(call.opens_at, CALL_TIME_ZONE).year


def code_order(code: str):
    """Measure codes in the strategy's order: 1.2 before 1.10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split(".")]


class CallRow(NamedTuple):
    """What choosing, ordering and paging calls needs of one live call, without its page."""

    pk: int
    opens_at: datetime
    closes_at: datetime
    results_published_at: datetime | None
    first_published_at: datetime | None
    year: int
    measure_codes: tuple[str, ...]

    def status_at(self, moment: datetime | None = None) -> CallStatus:
        return call_status(self.opens_at, self.closes_at, self.results_published_at, moment)


@dataclass(frozen=True)
class MeasureOption:
    """A strategy measure that some live call carries out, for the measure filter."""

    code: str
    title: str


@dataclass
class CallRows:
    """A language's live, public calls as light rows, in tree order, and their measures."""

    rows: list[CallRow]
    measures: list[MeasureOption]


def call_rows(locale) -> CallRows:
    """The light rows of a language's live, public calls, kept until any content changes."""
    locale_id = getattr(locale, "pk", locale)
    return remember("calls:rows", locale_id, build=lambda: build_call_rows(locale_id))


def build_call_rows(locale_id) -> CallRows:
    """One query: each call's dates, joined with its measures (one row per measure)."""
    values = (
        visible(CallPage.objects.all())
        .exclude(private_pages_q())
        .filter(locale_id=locale_id)
        .order_by("path", "measure_links__sort_order")
        .values_list(
            "pk",
            "opens_at",
            "closes_at",
            "results_published_at",
            "first_published_at",
            "measure_links__measure__code",
            "measure_links__measure__title",
        )
    )
    dates, codes, measures = {}, {}, {}
    for pk, opens_at, closes_at, results_at, published_at, code, title in values:
        dates.setdefault(pk, (opens_at, closes_at, results_at, published_at))
        codes.setdefault(pk, [])
        if code is not None:
            codes[pk].append(code)
            measures.setdefault(code, MeasureOption(code, title))
    rows = [
        CallRow(
            pk,
            opens_at,
            closes_at,
            results_at,
            published_at,
            timezone.localtime(opens_at, CALL_TIME_ZONE).year,
            tuple(codes[pk]),
        )
        for pk, (opens_at, closes_at, results_at, published_at) in dates.items()
    ]
    return CallRows(
        rows=rows,
        measures=sorted(measures.values(), key=lambda measure: code_order(measure.code)),
    )


def fetch_calls(pks, *, with_measures: bool, with_events: bool) -> dict[int, CallPage]:
    """The live calls with these ids, by id: two or three queries, whatever their number."""
    prefetches = []
    if with_measures:
        prefetches.append(
            Prefetch(
                "measure_links",
                queryset=CallMeasure.objects.select_related("measure").order_by("sort_order"),
            )
        )
    if with_events:
        prefetches.append("events")
    queryset = (
        visible(CallPage.objects.all())
        .filter(pk__in=pks)
        .order_by()  # the caller puts them in its own order
        .defer_streamfields()
        .defer(*LISTING_DEFERRED_FIELDS)
        .prefetch_related(*prefetches)
    )
    return {call.pk: call for call in queryset}


def listing_order(row: CallRow, status: CallStatus):
    """Open calls first (nearest deadline first), then upcoming, then past calls, newest first."""
    if status.is_open:
        return (0, row.closes_at.timestamp())
    if status == CallStatus.UPCOMING:
        return (1, row.opens_at.timestamp())
    return (2, -row.closes_at.timestamp())


@dataclass
class CallListing:
    """The calls matching some filters at one moment: rows to decide on, pages to show."""

    rows: list[CallRow]  # the matching calls, in listing order
    statuses: dict[int, CallStatus] = field(default_factory=dict)  # every live call's, by pk
    all_rows: list[CallRow] = field(default_factory=list)  # every live call of the language
    years: list[int] = field(default_factory=list)
    measures: list[MeasureOption] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    def fetch(
        self, rows=None, *, with_measures: bool = True, with_events: bool = False
    ) -> list[CallPage]:
        """
        The pages of these rows (all matching ones by default), in their order, each with its
        status at the listing's moment and its measures' codes.

        The pages a listing shows change only with the content, so they are kept in the cache
        under the content version, by the set of ids (a page of the index, the home page's
        calls, the RSS feed, a page of the API); only the calendar of every call with its
        events is always read afresh. Statuses are set here, for this moment, every time.
        """
        rows = self.rows if rows is None else rows
        if not rows:
            return []
        pks = [row.pk for row in rows]

        def build():
            return fetch_calls(pks, with_measures=with_measures, with_events=with_events)

        if with_events:
            found = build()
        else:
            found = remember(
                "calls:pages",
                int(with_measures),
                ",".join(str(pk) for pk in sorted(pks)),
                build=build,
            )
        calls = []
        for row in rows:
            call = found.get(row.pk)
            if call is not None:  # unpublished since the rows were read
                call.status = self.statuses[row.pk]
                call.measure_codes = row.measure_codes
                calls.append(call)
        return calls


@dataclass
class CallFilters:
    """What a reader or API client narrows the list to. Unknown values are ignored."""

    status: CallStatus | None = None
    year: int | None = None
    measure: str | None = None

    @classmethod
    def from_query(cls, query) -> CallFilters:
        status = query.get("status") or None
        year = query.get("year") or ""
        return cls(
            status=CallStatus(status) if status in CallStatus.values else None,
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            measure=(query.get("measure") or "").strip()[:20] or None,
        )

    def query_string(self) -> str:
        """The filters as a query string, for links to other pages of the list."""
        params = {"status": self.status, "year": self.year, "measure": self.measure}
        return urlencode({name: value for name, value in params.items() if value})

    @property
    def active(self) -> bool:
        return bool(self.status or self.year or self.measure)

    def matches(self, row: CallRow, status: CallStatus) -> bool:
        if self.status and status not in STATUS_FILTERS[self.status]:
            return False
        if self.year and row.year != self.year:
            return False
        return not (self.measure and self.measure not in row.measure_codes)

    def apply(self, locale, moment: datetime | None = None) -> CallListing:
        """The calls matching these filters at `moment` (now), in listing order."""
        moment = moment or timezone.now()
        index = call_rows(locale)
        statuses = {row.pk: row.status_at(moment) for row in index.rows}
        matching = [row for row in index.rows if self.matches(row, statuses[row.pk])]
        return CallListing(
            rows=sorted(matching, key=lambda row: listing_order(row, statuses[row.pk])),
            statuses=statuses,
            all_rows=index.rows,
            years=sorted({row.year for row in index.rows}, reverse=True),
            measures=index.measures,
        )


def calls_for_home(locale, moment: datetime | None = None, limit: int = 3) -> list[CallPage]:
    """Open and upcoming calls, open ones first (without their measures, which it does not show)."""
    listing = CallFilters().apply(locale, moment)
    current = [
        row
        for row in listing.rows
        if listing.statuses[row.pk].is_open or listing.statuses[row.pk] == CallStatus.UPCOMING
    ]
    return listing.fetch(current[:limit], with_measures=False)


def paginate_calls(listing: CallListing, page_number):
    """One page of the listing, its rows replaced by the calls' pages."""
    page = Paginator(listing.rows, CALLS_PER_PAGE).get_page(page_number)
    # The cards show measures by their codes, which the rows already have.
    page.object_list = listing.fetch(page.object_list, with_measures=False)
    return page


def absolute_url(page, request) -> str:
    """A page's address on the host the request came to, as the canonical link gives it."""
    return request.build_absolute_uri(page.get_url(request))
