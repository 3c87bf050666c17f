"""
A call's status, derived at the moment of the request from its dates and published results.

Nobody types a status: `call_status()` is the one place that decides it, and every listing, the
home page, the feeds and the API ask it. Times are compared as instants; the start of the
"closing soon" period is counted in Vilnius wall-clock days, so it begins at the same hour of
the day as the deadline even when a daylight-saving change falls within the last week.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CALL_TIME_ZONE = ZoneInfo("Europe/Vilnius")
CLOSING_SOON_DAYS = 7


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for applications")
    CLOSING_SOON = "closing_soon", _("Closing soon")
    CLOSED = "closed", _("Closed, under evaluation")
    RESULTS_PUBLISHED = "results_published", _("Results published")

    @property
    def is_open(self) -> bool:
        return self in (CallStatus.OPEN, CallStatus.CLOSING_SOON)


# What a status filter matches: "open" also finds the calls that are closing soon.
STATUS_FILTERS = {
    CallStatus.UPCOMING: {CallStatus.UPCOMING},
    CallStatus.OPEN: {CallStatus.OPEN, CallStatus.CLOSING_SOON},
    CallStatus.CLOSING_SOON: {CallStatus.CLOSING_SOON},
    CallStatus.CLOSED: {CallStatus.CLOSED},
    CallStatus.RESULTS_PUBLISHED: {CallStatus.RESULTS_PUBLISHED},
}


def closing_soon_from(closes_at: datetime) -> datetime:
    """The start of the last CLOSING_SOON_DAYS calendar days before the deadline, in Vilnius."""
    # Arithmetic on a zoneinfo-aware datetime is wall-clock arithmetic: 16:00 stays 16:00.
    local = timezone.localtime(closes_at, CALL_TIME_ZONE) - timedelta(days=CLOSING_SOON_DAYS)
    return local.astimezone(UTC)


def call_status(
    opens_at: datetime,
    closes_at: datetime,
    results_published_at: datetime | None,
    moment: datetime | None = None,
) -> CallStatus:
    """The status of a call at `moment` (now by default)."""
    # Compare instants in UTC: Python compares two datetimes that share a tzinfo by their
    # wall-clock readings, which would be an hour off across a daylight-saving change.
    moment = (moment or timezone.now()).astimezone(UTC)
    opens_at, closes_at = opens_at.astimezone(UTC), closes_at.astimezone(UTC)
    if results_published_at is not None and results_published_at.astimezone(UTC) <= moment:
        return CallStatus.RESULTS_PUBLISHED
    if moment < opens_at:
        return CallStatus.UPCOMING
    if moment >= closes_at:
        return CallStatus.CLOSED
    if moment >= closing_soon_from(closes_at):
        return CallStatus.CLOSING_SOON
    return CallStatus.OPEN


def time_left(closes_at: datetime, moment: datetime | None = None) -> tuple[int, int] | None:
    """Whole days and hours until the deadline, or None once it has passed."""
    moment = moment or timezone.now()
    remaining = closes_at.astimezone(UTC) - moment.astimezone(UTC)
    if remaining <= timedelta(0):
        return None
    hours = int(remaining.total_seconds() // 3600)
    return hours // 24, hours % 24


# How long a page that shows statuses stays true --------------------------------------------

FRESHNESS_CAP = 60 * 60  # seconds; a page is at most an hour old even without a boundary


def next_change(
    opens_at: datetime,
    closes_at: datetime,
    results_published_at: datetime | None,
    moment: datetime | None = None,
) -> datetime | None:
    """The next instant at which the call's status or its countdown (days, then hours) changes."""
    moment = (moment or timezone.now()).astimezone(UTC)
    # Most calls of a listing are long past: once a call has opened, closed and published its
    # results (if it has set a time for them), no boundary is left, since the closing-soon one
    # comes before the deadline. Say so without working out that boundary.
    if (
        opens_at.astimezone(UTC) <= moment
        and closes_at.astimezone(UTC) <= moment
        and (results_published_at is None or results_published_at.astimezone(UTC) <= moment)
    ):
        return None
    boundaries = [opens_at, closing_soon_from(closes_at), closes_at, results_published_at]
    later = [b.astimezone(UTC) for b in boundaries if b is not None and b.astimezone(UTC) > moment]
    remaining = closes_at.astimezone(UTC) - moment
    if remaining > timedelta(0) and moment >= opens_at.astimezone(UTC):
        unit = timedelta(days=1) if remaining >= timedelta(days=1) else timedelta(hours=1)
        later.append(moment + (remaining % unit or unit))
    return min(later) if later else None


def seconds_fresh(calls, moment: datetime | None = None) -> int:
    """For how many seconds a page showing these calls' statuses stays true (Cache-Control)."""
    moment = (moment or timezone.now()).astimezone(UTC)
    seconds = FRESHNESS_CAP
    for call in calls:
        change = next_change(call.opens_at, call.closes_at, call.results_published_at, moment)
        if change is not None:
            seconds = min(seconds, int((change - moment).total_seconds()) + 1)
    return max(0, seconds)
