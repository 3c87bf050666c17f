"""
Every .ics file the portal serves, read by an independent parser that uses the file's own
VTIMEZONE block: ical.js (the library of many calendar web apps) through node, as the browser
tests use chromium. Each event must land on the same instant as its time in Europe/Vilnius.

ical.js is installed from tests/ical/package-lock.json (`make test` runs `npm ci` there when
it is missing).
"""

import json
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from django.conf import settings
from icalendar import Calendar

from calls.models import CallEvent, CallPage
from calls.status import CALL_TIME_ZONE

from .factories.calls import CallPageFactory, call_index

pytestmark = pytest.mark.django_db

READER = settings.BASE_DIR / "tests" / "ical" / "read_events.mjs"


def vilnius(*args):
    return datetime(*args, tzinfo=CALL_TIME_ZONE)


def read_with_ical_js(content: bytes):
    if shutil.which("node") is None or not (READER.parent / "node_modules" / "ical.js").is_dir():
        pytest.fail("ical.js is not installed: run `make test` (npm ci in tests/ical/)")
    result = subprocess.run(
        [shutil.which("node"), str(READER)], input=content, capture_output=True, check=True
    )
    return {event["uid"]: event for event in json.loads(result.stdout)}


def instants_in_vilnius(content: bytes):
    """Each event's start and end from icalendar, which reads TZID=Europe/Vilnius with the
    tz database (zoneinfo), not with the file's block: the times as they are in Vilnius."""
    events = {}
    for event in Calendar.from_ical(content).walk("VEVENT"):
        start = event.start
        assert start.tzinfo is not None and str(event["DTSTART"].params["TZID"]) == (
            "Europe/Vilnius"
        )
        end = event.get("DTEND")
        events[str(event["UID"])] = (start, end.dt if end else None)
    return events


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z") if moment else None


@pytest.fixture
def calls_across_the_year():
    """Calls whose dates fall in every season, around both change-overs, and a year ahead."""
    moments = [
        (vilnius(2027, 1, 12, 9, 0), vilnius(2027, 3, 28, 2, 30)),  # winter; the night before
        (vilnius(2027, 3, 28, 4, 0), vilnius(2027, 7, 1, 16, 0)),  # just after the spring one
        (vilnius(2027, 10, 31, 2, 0), vilnius(2027, 11, 15, 9, 0)),  # summer's last night
        (vilnius(2027, 12, 20, 9, 0), vilnius(2028, 6, 1, 9, 0)),
    ]
    calls = []
    for number, (opens, closes) in enumerate(moments):
        call = CallPageFactory(
            parent=call_index("lt"),
            title=f"Kalendoriaus kvietimas {number}",
            slug=f"kalendoriaus-kvietimas-{number}",
            opens_at=opens,
            closes_at=closes,
        )
        call.events = [
            CallEvent(
                title="Informacinis renginys",
                starts_at=vilnius(2027, 2, 2, 9, 0),
                ends_at=vilnius(2027, 8, 2, 9, 0),
            )
        ]
        call.save_revision().publish()
        calls.append(call)
    return calls


def served_calendars(client):
    """Every .ics address the portal serves: each language's calls feed and each call's file."""
    paths = ["/kvietimai/ics/", "/en/calls/ics/"]
    paths += [call.url + "ics/" for call in CallPage.objects.live().public()]
    return paths


def test_every_calendar_file_reads_as_vilnius_time_in_ical_js(client, calls_across_the_year):
    paths = served_calendars(client)
    assert len(paths) >= 6
    wrong = []
    counted = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        expected = instants_in_vilnius(response.content)
        read = read_with_ical_js(response.content)
        assert read.keys() == expected.keys(), path
        for uid, (start, end) in expected.items():
            counted += 1
            got = (read[uid]["start"], read[uid]["end"])
            if got != (iso(start), iso(end)):
                wrong.append((path, uid, got, (iso(start), iso(end))))
    assert counted > 20
    assert not wrong


def test_the_example_of_the_report_starts_at_nine_in_vilnius(client, calls_across_the_year):
    read = read_with_ical_js(client.get("/kvietimai/ics/").content)
    opening = next(
        event
        for uid, event in read.items()
        if uid.startswith(str(calls_across_the_year[0].translation_key)) and "-opens-" in uid
    )
    assert opening["start"] == "2027-01-12T07:00:00.000Z"  # 09:00 EET
