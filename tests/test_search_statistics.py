"""Search statistics: counts per query and day, and nothing that could be personal."""

import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.statistics import is_recordable, record_search
from search.text import clean_query

pytestmark = pytest.mark.django_db


def hits(query_string):
    return sum(
        QueryDailyHits.objects.filter(query__query_string=query_string).values_list(
            "hits", flat=True
        )
    )


def test_searches_are_counted_per_query_and_day(client):
    client.get("/search/?q=Strategija")
    client.get("/search/?q=strategija!")
    client.get("/en/search/?q=strategy")
    assert hits("strategija") == 2
    assert hits("strategy") == 1
    assert QueryDailyHits.objects.filter(query__query_string="strategija").count() == 1


def test_search_pages_are_kept_by_no_shared_cache(client):
    # A CDN or page cache answering instead of the view would also skip the counting.
    assert "private" in client.get("/search/?q=vvg")["Cache-Control"]


def test_only_first_pages_of_unfiltered_searches_are_counted(client):
    client.get("/search/?q=vvg")
    client.get("/search/?q=vvg&page=2")
    client.get("/search/?q=vvg&type=page")
    client.get("/search/?q=")
    assert hits("vvg") == 1
    assert Query.objects.count() == 1


def test_the_statistics_models_hold_no_personal_fields():
    fields = {f.name for f in Query._meta.get_fields()} | {
        f.name for f in QueryDailyHits._meta.get_fields()
    }
    assert fields <= {"id", "query_string", "daily_hits", "editors_picks", "query", "date", "hits"}


@pytest.mark.parametrize(
    "query",
    [
        "jonas.jonaitis@example.lt",
        "+370 612 34567",
        "861234567",
        "39001011234",  # a personal code
        "LT12 1000 0111 0100 1000",  # an account
        "1990-01-01",
        "labai ilga užklausa " * 10,
    ],
)
def test_queries_that_may_be_personal_are_not_counted(client, query):
    assert not is_recordable(clean_query(query))
    client.get("/search/", {"q": query})
    assert not Query.objects.exists()
    assert not QueryDailyHits.objects.exists()


@pytest.mark.parametrize("query", ["strategija 2021-2027", "kvietimas nr. 3", "1.2 priemonė"])
def test_ordinary_queries_with_numbers_are_counted(query):
    assert record_search(clean_query(query))
    assert hits(clean_query(query).key) == 1
