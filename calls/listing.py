"""
The one place that lists calls: the index page, the home page, the feeds and the API all ask
here, so they agree on which calls there are, their status and their order.

A VVG publishes a handful of calls a year, so a language's live calls are fetched whole in two
queries (the calls, then their measures), whatever their number, and each call's status is
computed once for the moment of the request by calls.status.call_status. Filtering by status
and ordering open calls first then happen in Python on that list, with the same function that
every other view uses, rather than in a second, SQL version of the status rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone

from portal.navigation import private_pages_q as portal_private_pages_q

from .models import CallMeasure, CallPage
from .status import CALL_TIME_ZONE, STATUS_FILTERS, CallStatus

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


def live_calls(
    locale, *, with_measures: bool = True, with_events: bool = False, private_q=None
) -> list[CallPage]:
    """Every live, public call in a language, with its measures and, if asked, its events."""
    locale_id = getattr(locale, "pk", locale)
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
        CallPage.objects.live()
        .exclude(private_pages_q() if private_q is None else private_q)
        .filter(locale_id=locale_id)
        .defer_streamfields()
        .defer(*LISTING_DEFERRED_FIELDS)
        .prefetch_related(*prefetches)
    )
    return list(queryset)


def call_year(call: CallPage) -> int:
    """The year a call opens, in Vilnius."""
    return timezone.localtime(call.opens_at, CALL_TIME_ZONE).year


def code_order(code: str):
    """Measure codes in the strategy's order: 1.2 before 1.10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split(".")]


def listing_order(call: CallPage):
    """Open calls first (nearest deadline first), then upcoming, then past calls, newest first."""
    status = call.status
    if status.is_open:
        return (0, call.closes_at.timestamp())
    if status == CallStatus.UPCOMING:
        return (1, call.opens_at.timestamp())
    return (2, -call.closes_at.timestamp())


@dataclass
class CallListing:
    calls: list[CallPage]
    all_calls: list[CallPage] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    measures: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.calls)


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

    def matches(self, call: CallPage) -> bool:
        if self.status and call.status not in STATUS_FILTERS[self.status]:
            return False
        if self.year and call_year(call) != self.year:
            return False
        return not (
            self.measure
            and self.measure not in {link.measure.code for link in call.measure_links.all()}
        )

    def apply(self, locale, moment: datetime | None = None, **fetch) -> CallListing:
        """The calls matching these filters, in listing order; `fetch` goes to live_calls."""
        moment = moment or timezone.now()
        calls = live_calls(locale, **fetch)
        measures = {}
        for call in calls:
            call.status = call.status_at(moment)
            if fetch.get("with_measures", True):
                for link in call.measure_links.all():
                    measures.setdefault(link.measure.code, link.measure)
        return CallListing(
            calls=sorted((call for call in calls if self.matches(call)), key=listing_order),
            all_calls=calls,
            years=sorted({call_year(call) for call in calls}, reverse=True),
            measures=sorted(measures.values(), key=lambda measure: code_order(measure.code)),
        )


def calls_for_home(
    locale, moment: datetime | None = None, limit: int = 3, private_q=None
) -> list[CallPage]:
    """Open and upcoming calls, open ones first (without their measures, which it does not show)."""
    listing = CallFilters().apply(locale, moment, with_measures=False, private_q=private_q)
    current = [
        call for call in listing.calls if call.status.is_open or call.status == CallStatus.UPCOMING
    ]
    return current[:limit]


def paginate_calls(calls: list[CallPage], page_number):
    return Paginator(calls, CALLS_PER_PAGE).get_page(page_number)


def absolute_url(page, request) -> str:
    """A page's address on the host the request came to, as the canonical link gives it."""
    return request.build_absolute_uri(page.get_url(request))
