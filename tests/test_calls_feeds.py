"""RSS and iCalendar feeds, parsed back with an XML parser and with icalendar."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from icalendar import Calendar

from calls.models import CallEvent, CallPage
from calls.status import CALL_TIME_ZONE

from .factories.calls import CallPageFactory, call_index

pytestmark = pytest.mark.django_db


def vilnius(*args):
    return datetime(*args, tzinfo=CALL_TIME_ZONE)


def parse_rss(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def dst_call():
    """A call opening in winter time and closing in summer time, with an information event."""
    call = CallPageFactory(
        parent=call_index("lt"),
        title="Vasaros kvietimas",
        slug="vasaros-kvietimas",
        call_number="2027-01",
        opens_at=vilnius(2027, 3, 1, 9, 0),
        closes_at=vilnius(2027, 4, 15, 16, 0),
    )
    call.events = [
        CallEvent(
            title="Informacinis seminaras",
            starts_at=vilnius(2027, 3, 10, 17, 0),
            ends_at=vilnius(2027, 3, 10, 19, 0),
            place="Druskininkų kultūros centras",
        ),
        CallEvent(
            title="Nuotolinė konsultacija",
            starts_at=vilnius(2027, 4, 1, 15, 0),
            url="https://example.org/susitikimas",
        ),
    ]
    call.save_revision().publish()
    return call


def test_rss_lists_the_calls_of_its_language(client, dst_call):
    dst_call.refresh_from_db()
    channel = parse_rss(client.get("/kvietimai/rss/"))
    assert channel.findtext("language") == "lt"
    assert channel.findtext("link") == "http://testserver/kvietimai/"
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    assert "Kvietimas Nr. 2027-01: Vasaros kvietimas" in titles
    assert len(items) == CallPage.objects.live().filter(locale__language_code="lt").count()
    item = items[titles.index("Kvietimas Nr. 2027-01: Vasaros kvietimas")]
    assert item.findtext("link") == "http://testserver/kvietimai/vasaros-kvietimas/"
    assert "Netrukus prasidės" in [c.text for c in item.findall("category")]
    description = item.findtext("description")
    assert "Trumpas kvietimo aprašymas." in description
    assert "50\u00a0000,00\u00a0€" in description
    assert parsedate_to_datetime(item.findtext("pubDate")) == dst_call.first_published_at.replace(
        microsecond=0
    )


def test_english_rss_has_english_titles(client):
    channel = parse_rss(client.get("/en/calls/rss/"))
    assert channel.findtext("language") == "en"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert "Call No. DRU-VVG-2026-01: Example: Neighbourhood and community initiatives" in titles
    assert not [title for title in titles if "Pavyzdys" in title]


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_calendar_has_opening_deadline_and_information_events_in_vilnius_time(client, dst_call):
    calendar = parse_ics(client.get("/kvietimai/ics/"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Vilnius"]
    events = events_by_summary(calendar)

    opening = events["Prasideda kvietimas Nr. 2027-01: Vasaros kvietimas"]
    assert opening.start == vilnius(2027, 3, 1, 9, 0)
    assert opening.start.utcoffset() == timedelta(hours=2)
    assert opening["DTSTART"].params["TZID"] == "Europe/Vilnius"
    assert str(opening["URL"]) == "http://testserver/kvietimai/vasaros-kvietimas/"

    deadline = events["Baigiamos teikti paraiškos pagal kvietimą Nr. 2027-01: Vasaros kvietimas"]
    assert deadline.start == vilnius(2027, 4, 15, 16, 0)
    assert deadline.start.utcoffset() == timedelta(hours=3)  # summer time by then
    assert deadline.start.astimezone(CALL_TIME_ZONE).hour == 16
    (alarm,) = deadline.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(days=-1)

    seminar = events["Informacinis seminaras"]
    assert (seminar.start, seminar.end) == (vilnius(2027, 3, 10, 17), vilnius(2027, 3, 10, 19))
    assert str(seminar["LOCATION"]) == "Druskininkų kultūros centras"
    online = events["Nuotolinė konsultacija"]
    assert online.start == vilnius(2027, 4, 1, 15, 0)
    assert str(online["URL"]) == "https://example.org/susitikimas"

    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_calendar_has_events_of_every_live_call_and_stable_uids(client, dst_call):
    first = parse_ics(client.get("/kvietimai/ics/"))
    second = parse_ics(client.get("/kvietimai/ics/"))
    uids = sorted(str(event["UID"]) for event in first.walk("VEVENT"))
    assert uids == sorted(str(event["UID"]) for event in second.walk("VEVENT"))
    calls = CallPage.objects.live().filter(locale__language_code="lt")
    events = CallEvent.objects.filter(page__in=calls).count()
    assert len(uids) == 2 * calls.count() + events


def test_english_calendar_is_in_english(client):
    calendar = parse_ics(client.get("/en/calls/ics/"))
    summaries = set(events_by_summary(calendar))
    assert "Information event for applicants" in summaries
    assert any(s.startswith("Deadline of call No. DRU-VVG-2026-01") for s in summaries)
    assert not [s for s in summaries if "Pavyzdys" in s or "kvietimas" in s.lower()]


def test_each_call_offers_its_own_calendar_file(client, dst_call):
    response = client.get("/kvietimai/vasaros-kvietimas/ics/")
    assert response["Content-Disposition"] == 'attachment; filename="vasaros-kvietimas.ics"'
    calendar = parse_ics(response)
    assert sorted(events_by_summary(calendar)) == [
        "Baigiamos teikti paraiškos pagal kvietimą Nr. 2027-01: Vasaros kvietimas",
        "Informacinis seminaras",
        "Nuotolinė konsultacija",
        "Prasideda kvietimas Nr. 2027-01: Vasaros kvietimas",
    ]


def test_unpublished_call_has_no_calendar_file(client, dst_call):
    dst_call.unpublish()
    assert client.get("/kvietimai/vasaros-kvietimas/ics/").status_code == 404
    assert "Vasaros kvietimas" not in client.get("/kvietimai/ics/").content.decode()
    assert "Vasaros kvietimas" not in client.get("/kvietimai/rss/").content.decode()
