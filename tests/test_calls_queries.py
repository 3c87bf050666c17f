"""The calls' pages, feeds and API cost the same number of queries for 3 calls as for 50."""

import pytest

from calls.models import CallEvent, CallMeasure, CallPage

from .factories.calls import CallPageFactory, call_index, make_measure
from .queries import cold_queries

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 12
LISTINGS = [
    "/kvietimai/",
    "/kvietimai/?status=open&measure=5.1",
    "/en/calls/",
    "/",
    "/en/",
    "/kvietimai/rss/",
    "/kvietimai/ics/",
    "/en/calls/ics/",
    "/api/v1/calls",
    "/api/v1/calls?locale=en&limit=100",
]


count_queries = cold_queries


def add_calls(count, start, measure_lt, measure_en):
    """Calls in both languages, each with a measure and an information event."""
    index_lt, index_en = call_index("lt"), call_index("en")
    for n in range(start, start + count):
        for index, measure, prefix in ((index_lt, measure_lt, "k"), (index_en, measure_en, "c")):
            call = CallPageFactory(
                parent=index, locale=index.locale, slug=f"{prefix}-{n}", title=f"Kvietimas {n}"
            )
            call.measure_links = [CallMeasure(measure=measure)]
            call.events = [CallEvent(title=f"Renginys {n}", starts_at=call.opens_at)]
            call.save()


@pytest.fixture
def measures():
    for call in CallPage.objects.all():
        call.delete()
    measure_lt = make_measure("5.1")
    return measure_lt, make_measure("5.1", "en", "Measure 5.1", source=measure_lt)


def test_listings_feeds_and_api_do_not_grow_with_the_number_of_calls(client, measures):
    add_calls(3, 0, *measures)
    few = {path: count_queries(client, path) for path in LISTINGS}
    add_calls(47, 3, *measures)
    many = {path: count_queries(client, path) for path in LISTINGS}
    assert many == few
    # ... and they did list them all.
    assert client.get("/api/v1/calls?limit=100").json()["count"] == 50
    assert client.get("/kvietimai/ics/").content.decode().count("BEGIN:VEVENT") == 150
    assert "50 kvietimų" in client.get("/kvietimai/").content.decode()


@pytest.mark.parametrize("path", LISTINGS[:5])
def test_call_pages_stay_within_the_page_budget(client, measures, path):
    add_calls(12, 0, *measures)
    assert count_queries(client, path) <= PAGE_QUERY_BUDGET


@pytest.mark.parametrize(
    "path",
    [
        "/kvietimai/2026-01-kaimynystes-iniciatyvos/",
        "/en/calls/2025-03-seniors-inclusion/",
        "/kvietimai/2026-01-kaimynystes-iniciatyvos/ics/",
    ],
)
def test_call_page_stays_within_the_page_budget(client, path):
    assert count_queries(client, path) <= PAGE_QUERY_BUDGET


def test_call_page_queries_do_not_grow_with_its_events_and_measures(client):
    call = CallPage.objects.get(slug="2026-01-kaimynystes-iniciatyvos")
    few = count_queries(client, call.url)
    call.events = [CallEvent(title=f"Renginys {n}", starts_at=call.opens_at) for n in range(20)]
    call.measure_links = [CallMeasure(measure=make_measure(f"6.{n}")) for n in range(10)]
    call.save_revision().publish()
    assert count_queries(client, call.url) == few
    detail = f"/api/v1/calls/{call.pk}"
    assert len(client.get(detail).json()["events"]) == 20
