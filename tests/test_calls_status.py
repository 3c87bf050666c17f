"""A call's status at the boundaries of its dates, in Vilnius time, across daylight saving."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from calls.status import CALL_TIME_ZONE, CallStatus, call_status, closing_soon_from, time_left

from .factories.calls import CallPageFactory, call_index

SECOND = timedelta(seconds=1)


def vilnius(*args):
    """A Vilnius wall-clock time as a UTC instant, so that adding a second is exact."""
    # (Python adds timedeltas to zoneinfo datetimes on the wall clock, even across a gap.)
    return datetime(*args, tzinfo=CALL_TIME_ZONE).astimezone(UTC)


# Daylight saving in Vilnius in 2026 starts on 29 March (03:00 EET becomes 04:00 EEST) and
# ends on 25 October (04:00 EEST becomes 03:00 EET).
SPRING_OPENING = vilnius(2026, 3, 29, 4, 0)  # the first hour of summer time, 01:00 UTC
SPRING_DEADLINE = vilnius(2026, 4, 2, 16, 0)  # EEST; seven days earlier is EET
AUTUMN_OPENING = vilnius(2026, 10, 25, 3, 30)  # in the repeated hour, its first pass (EEST)
AUTUMN_DEADLINE = vilnius(2026, 10, 30, 16, 0)  # EET; seven days earlier is EEST


def test_opening_moment_is_an_absolute_instant_across_the_spring_change():
    assert SPRING_OPENING.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    # One second before opening is 02:59:59 winter time: the clock then jumps to 04:00.
    before = SPRING_OPENING - SECOND
    assert before.astimezone(CALL_TIME_ZONE).strftime("%H:%M:%S %Z") == "02:59:59 EET"
    closes = vilnius(2026, 5, 1, 16, 0)
    assert call_status(SPRING_OPENING, closes, None, before) == CallStatus.UPCOMING
    assert call_status(SPRING_OPENING, closes, None, SPRING_OPENING) == CallStatus.OPEN
    assert call_status(SPRING_OPENING, closes, None, SPRING_OPENING + SECOND) == CallStatus.OPEN


@pytest.mark.parametrize(
    ("opens_at", "closes_at"),
    [
        (vilnius(2026, 3, 1, 9, 0), SPRING_DEADLINE),
        (vilnius(2026, 10, 1, 9, 0), AUTUMN_DEADLINE),
        (AUTUMN_OPENING, vilnius(2026, 12, 1, 16, 0)),
        (SPRING_OPENING, vilnius(2026, 5, 1, 16, 0)),
    ],
)
def test_status_one_second_around_opening_and_closing(opens_at, closes_at):
    assert call_status(opens_at, closes_at, None, opens_at - SECOND) == CallStatus.UPCOMING
    assert call_status(opens_at, closes_at, None, opens_at) == CallStatus.OPEN
    assert call_status(opens_at, closes_at, None, opens_at + SECOND) == CallStatus.OPEN
    assert call_status(opens_at, closes_at, None, closes_at - SECOND) == CallStatus.CLOSING_SOON
    assert call_status(opens_at, closes_at, None, closes_at) == CallStatus.CLOSED
    assert call_status(opens_at, closes_at, None, closes_at + SECOND) == CallStatus.CLOSED


def test_closing_soon_starts_at_the_deadlines_hour_seven_calendar_days_before_in_spring():
    start = closing_soon_from(SPRING_DEADLINE)
    # 26 March is still winter time: 16:00 EET is 14:00 UTC, not 13:00 UTC (168 hours).
    assert start.astimezone(UTC) == datetime(2026, 3, 26, 14, 0, tzinfo=UTC)
    assert SPRING_DEADLINE - start == timedelta(days=7, hours=-1)
    opens = vilnius(2026, 3, 1, 9, 0)
    assert call_status(opens, SPRING_DEADLINE, None, start - SECOND) == CallStatus.OPEN
    assert call_status(opens, SPRING_DEADLINE, None, start) == CallStatus.CLOSING_SOON
    # 168 hours before the deadline, an hour earlier on the wall clock, it is still open.
    assert call_status(opens, SPRING_DEADLINE, None, SPRING_DEADLINE - timedelta(hours=168)) == (
        CallStatus.OPEN
    )


def test_closing_soon_starts_at_the_deadlines_hour_seven_calendar_days_before_in_autumn():
    start = closing_soon_from(AUTUMN_DEADLINE)
    # 23 October is still summer time: 16:00 EEST is 13:00 UTC.
    assert start.astimezone(UTC) == datetime(2026, 10, 23, 13, 0, tzinfo=UTC)
    assert AUTUMN_DEADLINE - start == timedelta(days=7, hours=1)
    opens = vilnius(2026, 10, 1, 9, 0)
    assert call_status(opens, AUTUMN_DEADLINE, None, start - SECOND) == CallStatus.OPEN
    assert call_status(opens, AUTUMN_DEADLINE, None, start) == CallStatus.CLOSING_SOON


def test_results_count_from_the_moment_of_their_publication():
    opens, closes = vilnius(2026, 3, 1, 9, 0), SPRING_DEADLINE
    published = vilnius(2026, 5, 4, 12, 0)
    assert call_status(opens, closes, published, published - SECOND) == CallStatus.CLOSED
    assert call_status(opens, closes, published, published) == CallStatus.RESULTS_PUBLISHED
    assert call_status(opens, closes, published, published + SECOND) == (
        CallStatus.RESULTS_PUBLISHED
    )


def test_time_left_in_whole_days_and_hours():
    closes = SPRING_DEADLINE
    assert time_left(closes, closes - timedelta(days=3, hours=5, minutes=10)) == (3, 5)
    assert time_left(closes, closes - timedelta(minutes=10)) == (0, 0)
    assert time_left(closes, closes) is None


ORDER = [
    CallStatus.UPCOMING,
    CallStatus.OPEN,
    CallStatus.CLOSING_SOON,
    CallStatus.CLOSED,
    CallStatus.RESULTS_PUBLISHED,
]
moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@given(
    opens_at=moments,
    length=st.timedeltas(min_value=timedelta(hours=1), max_value=timedelta(days=120)),
    results_after=st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=90)),
    first=moments,
    second=moments,
)
def test_status_never_goes_back_in_time(opens_at, length, results_after, first, second):
    closes_at = opens_at + length
    results = closes_at + results_after if results_after is not None else None
    earlier, later = sorted([first, second])
    assert ORDER.index(call_status(opens_at, closes_at, results, earlier)) <= ORDER.index(
        call_status(opens_at, closes_at, results, later)
    )


PAGE_OPENING = vilnius(2026, 3, 2, 9, 0)
CLOSING_SOON_START = closing_soon_from(SPRING_DEADLINE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "label_lt"),
    [
        (PAGE_OPENING - SECOND, "Netrukus prasidės"),
        (PAGE_OPENING, "Priimamos paraiškos"),
        (CLOSING_SOON_START - SECOND, "Priimamos paraiškos"),
        (CLOSING_SOON_START, "Netrukus baigsis"),
        (SPRING_DEADLINE - SECOND, "Netrukus baigsis"),
        (SPRING_DEADLINE, "Baigtas, vertinamos paraiškos"),
    ],
)
def test_pages_show_the_status_at_the_moment_of_the_request(client, moment, label_lt):
    """The page, the index and the API agree, second by second, across the spring change."""
    call = CallPageFactory(
        parent=call_index("lt"),
        slug="dst-kvietimas",
        opens_at=PAGE_OPENING,
        closes_at=SPRING_DEADLINE,
    )
    with time_machine.travel(moment, tick=False):
        for path in (call.url, "/kvietimai/", "/api/v1/calls"):
            response = client.get(path)
            assert response.status_code == 200
            text = response.content.decode() if path != "/api/v1/calls" else response.json()
            if isinstance(text, str):
                assert f'call-status--{call.status_at(moment)}">{label_lt}<' in text, path
            else:
                item = next(i for i in text["results"] if i["id"] == call.pk)
                assert item["status"]["label"] == label_lt


def test_next_change_is_the_next_boundary_or_countdown_tick():
    from calls.status import next_change

    opens, closes = vilnius(2026, 3, 1, 9, 0), SPRING_DEADLINE
    assert next_change(opens, closes, None, opens - timedelta(hours=2)) == opens
    # While open, the countdown of days changes when a whole number of days remains.
    moment = closes - timedelta(days=10, hours=3)
    assert next_change(opens, closes, None, moment) == moment + timedelta(hours=3)
    # In the last day, it ticks every hour.
    moment = closes - timedelta(hours=5, minutes=20)
    assert next_change(opens, closes, None, moment) == moment + timedelta(minutes=20)
    published = closes + timedelta(days=20)
    assert next_change(opens, closes, published, closes + SECOND) == published
    assert next_change(opens, closes, published, published) is None
    # Closed with no time set for its results: nothing changes with time any more.
    assert next_change(opens, closes, None, closes) is None
    assert next_change(opens, closes, None, closes - SECOND) == closes


@pytest.mark.django_db
def test_pages_tell_caches_when_a_status_will_change(client):
    from calls.status import FRESHNESS_CAP

    call = CallPageFactory(parent=call_index("lt"), slug="greitai-atsidarys")
    with time_machine.travel(call.opens_at - timedelta(minutes=10), tick=False):
        for path in (call.url, "/kvietimai/", "/kvietimai/rss/"):
            cache_control = client.get(path)["Cache-Control"]
            max_age = int(cache_control.split("max-age=")[1].split(",")[0])
            assert 0 < max_age <= 10 * 60 + 1, path
    with time_machine.travel(call.opens_at + timedelta(hours=1), tick=False):
        max_age = int(client.get(call.url)["Cache-Control"].split("max-age=")[1])
        assert max_age <= FRESHNESS_CAP
