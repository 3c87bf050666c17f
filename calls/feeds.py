"""
Feeds of the calls, one per language: RSS 2.0 at <calls page>rss/ (Django's syndication
framework) and iCalendar at <calls page>ics/ with each call's opening, its deadline and its
information events, in the Europe/Vilnius time zone (icalendar). Each call page also offers
its own events as <call page>ics/.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .listing import CallFilters, absolute_url
from .status import CALL_TIME_ZONE

RSS_ITEMS = 50
CALENDAR_REFRESH = timedelta(hours=6)


def announced(call):
    """When a call (a page or a listing's row) was first published, or else when it opens."""
    return call.first_published_at or call.opens_at


class CallsRssFeed(Feed):
    """The calls of one language, the most recently announced first."""

    feed_type = Rss201rev2Feed
    description_template = "calls/feeds/rss_item.html"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None
        self.listed_calls = []

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} · {_('Druskininkai city LAG')}"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.intro

    def feed_url(self):
        return self.index_page.get_url(self.request) + "rss/"

    def items(self):
        listing = CallFilters().apply(self.index_page.locale_id)
        self.listed_calls = listing.rows
        rows = sorted(listing.rows, key=announced, reverse=True)
        return listing.fetch(rows[:RSS_ITEMS])

    def item_title(self, call):
        return _("Call No. %(number)s: %(title)s") % {
            "number": call.call_number,
            "title": call.title,
        }

    def item_link(self, call):
        return call.get_url(self.request)

    def item_pubdate(self, call):
        return announced(call)

    def item_categories(self, call):
        return [str(call.status.label), *(link.measure.code for link in call.measure_links.all())]


# iCalendar --------------------------------------------------------------------------------


def _local(moment):
    return timezone.localtime(moment, CALL_TIME_ZONE)


def _uid(call, kind: str, request) -> str:
    language = translation.get_language()
    return f"{call.translation_key}-{kind}-{language}@{request.get_host().split(':')[0]}"


def call_events(call, request) -> list[Event]:
    """One call's calendar events: opening, deadline (with a reminder), information events."""
    url = absolute_url(call, request)
    values = {"number": call.call_number, "title": call.title}
    stamp = call.last_published_at or timezone.now()
    opening = Event.new(
        uid=_uid(call, "opens", request),
        summary=_("Call No. %(number)s opens: %(title)s") % values,
        start=_local(call.opens_at),
        stamp=stamp,
        url=url,
        description=call.intro,
        categories=[_("Funding calls")],
    )
    deadline = Event.new(
        uid=_uid(call, "closes", request),
        summary=_("Deadline of call No. %(number)s: %(title)s") % values,
        start=_local(call.closes_at),
        stamp=stamp,
        url=url,
        description=call.intro,
        categories=[_("Funding calls")],
    )
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", timedelta(days=-1))
    reminder.add("description", deadline["SUMMARY"])
    deadline.add_component(reminder)
    events = [opening, deadline]
    for info in call.events.all():
        event = Event.new(
            uid=_uid(call, f"event-{info.translation_key}", request),
            summary=info.title,
            start=_local(info.starts_at),
            end=_local(info.ends_at) if info.ends_at else None,
            stamp=stamp,
            url=info.url or url,
            location=info.place or None,
            description=_("Information event of call No. %(number)s: %(title)s") % values,
            categories=[_("Funding calls")],
        )
        events.append(event)
    return events


def _transition_instant(onset_day, offset_from, offset_to) -> datetime:
    """The UTC instant, to the second, when Vilnius changed from one offset to the other
    around `onset_day` (a binary search in the tz database)."""
    low = datetime(onset_day.year, onset_day.month, onset_day.day, tzinfo=UTC) - timedelta(hours=36)
    high = low + timedelta(hours=72)
    if low.astimezone(CALL_TIME_ZONE).utcoffset() != offset_from or (
        high.astimezone(CALL_TIME_ZONE).utcoffset() != offset_to
    ):
        raise ValueError(f"no change-over from {offset_from} to {offset_to} near {onset_day}")
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(CALL_TIME_ZONE).utcoffset() == offset_from:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def vilnius_timezone(first_date, last_date) -> Timezone:
    """
    The VTIMEZONE block of Europe/Vilnius for the dates the events span, as icalendar makes it
    from the tz database, in the form every reader takes the same way: one observance per
    change-over (icalendar gathers the later ones of a kind in an RDATE list, which ical.js
    reads wrongly), each starting at the local time before the change (RFC 5545 3.6.5: the
    spring one at 03:00, not at 04:00 as icalendar writes it).
    """
    generated = Timezone.from_tzid(
        str(CALL_TIME_ZONE.key), first_date=first_date, last_date=last_date
    )
    block = Timezone()
    block.add("TZID", generated["TZID"])
    onsets = []
    for observance in generated.walk():
        if observance.name not in ("STANDARD", "DAYLIGHT"):
            continue
        offset_from = observance["TZOFFSETFROM"].td
        offset_to = observance["TZOFFSETTO"].td
        starts = [observance["DTSTART"].dt]
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            starts += [period.dt for period in rdate.dts]
        for start in starts:
            if offset_from == offset_to:  # the block's first observance: no change-over
                local_start = start
            else:
                instant = _transition_instant(start.date(), offset_from, offset_to)
                local_start = (instant + offset_from).replace(tzinfo=None)
            onsets.append((local_start, observance.name, offset_from, offset_to, observance))
    for local_start, kind, offset_from, offset_to, observance in sorted(onsets):
        part = TimezoneStandard() if kind == "STANDARD" else TimezoneDaylight()
        part.DTSTART = local_start
        part.TZOFFSETFROM = offset_from
        part.TZOFFSETTO = offset_to
        part.add("TZNAME", observance["TZNAME"])
        block.add_component(part)
    return block


def build_calendar(*, name: str, description: str, uid: str, url: str, events) -> Calendar:
    calendar = Calendar.new(
        prodid="-//Druskininku miesto VVG//Kvietimai//LT",
        name=name,
        description=description or None,
        uid=uid,
        url=url,
        refresh_interval=CALENDAR_REFRESH,
        method="PUBLISH",
        subcomponents=events,
    )
    starts = [event.start for event in events]
    if starts:
        # Only the change-overs of the years the events span, not 1970 to 2038.
        calendar.add_component(
            vilnius_timezone(
                first_date=min(starts).date() - timedelta(days=1),
                last_date=max(starts).date() + timedelta(days=366),
            )
        )
    return calendar


def calendar_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def index_calendar_response(index_page, request) -> HttpResponse:
    calls = CallFilters().apply(index_page.locale_id).fetch(with_measures=False, with_events=True)
    events = [event for call in calls for event in call_events(call, request)]
    calendar = build_calendar(
        name=f"{index_page.title} · {_('Druskininkai city LAG')}",
        description=index_page.intro,
        uid=f"{index_page.translation_key}-{translation.get_language()}",
        url=absolute_url(index_page, request),
        events=events,
    )
    return calendar_response(calendar, f"{index_page.slug}.ics")


def call_calendar_response(call, request) -> HttpResponse:
    calendar = build_calendar(
        name=_("Call No. %(number)s: %(title)s")
        % {"number": call.call_number, "title": call.title},
        description=call.intro,
        uid=f"{call.translation_key}-{translation.get_language()}",
        url=absolute_url(call, request),
        events=call_events(call, request),
    )
    return calendar_response(calendar, f"{call.slug}.ics")
