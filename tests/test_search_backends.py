"""
Matching Lithuanian: PostgreSQL stems each language with its own configuration; SQLite, the
embedded fallback, matches words that begin with the query word's stem.
"""

import pytest
from django.db import connection
from wagtail.models import Page

from search.backends import backend_for_language
from search.query import run_search

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Lithuanian stemming is PostgreSQL's 'lithuanian' text search configuration; "
    "SQLite has no stemmer (see test_sqlite_* and docs/search.md)",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="describes the SQLite fallback only"
)


@pytest.fixture
def pages(home_lt, home_en, lt, en):
    ContentPageFactory(
        parent=home_lt,
        slug="dviraciai",
        title="Dviračių takai",
        intro="Gyventojų iniciatyvų dėka atnaujinti namų kiemai ir šakočių kepykla.",
    )
    ContentPageFactory(
        parent=home_en,
        locale=en,
        slug="bicycles",
        title="Cycling paths",
        intro="Thanks to residents' initiatives the courtyards of the houses were renewed.",
    )


def titles(query, language):
    return [hit.title for hit in run_search(query, language).results]


@pytest.mark.parametrize("query", ["iniciatyva", "iniciatyvos", "iniciatyvoms", "iniciatyvu"])
def test_every_form_of_a_word_finds_the_page(pages, query):
    assert "Dviračių takai" in titles(query, "lt")


@on_postgresql
@pytest.mark.parametrize(
    "query", ["dviratis", "dviračiai", "namas", "namai", "šakotis", "šakočiai", "takas"]
)
def test_postgresql_matches_inflected_lithuanian(pages, query):
    assert "Dviračių takai" in titles(query, "lt")


@on_postgresql
@pytest.mark.parametrize("query", ["initiative", "house", "renewing", "path"])
def test_postgresql_matches_inflected_english(pages, query):
    assert "Cycling paths" in titles(query, "en")


@on_postgresql
def test_each_page_is_indexed_with_its_languages_configuration(pages):
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects
    lithuanian = entries.get(object_id=str(Page.objects.get(slug="dviraciai").pk))
    english = entries.get(object_id=str(Page.objects.get(slug="bicycles").pk))
    assert "'iniciatyv'" in str(lithuanian.body)  # Lithuanian stem
    assert "'initi'" in str(english.body)  # English stem
    assert backend_for_language("lt").config == "lithuanian"
    assert backend_for_language("en").config == "english"


@on_postgresql
def test_the_searched_expression_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition


@on_postgresql
def test_the_admin_search_reads_a_query_in_every_language(pages):
    # Without a language (as in the admin) a word matches in whichever language it was indexed.
    found = {page.title for page in Page.objects.search("iniciatyva")}
    assert "Dviračių takai" in found
    found = {page.title for page in Page.objects.search("initiatives")}
    assert "Cycling paths" in found


@on_sqlite
@pytest.mark.parametrize("query", ["dviratis", "namas", "šakotis"])
def test_sqlite_misses_forms_that_change_the_stem_or_have_a_short_one(pages, query):
    # dviratis -> dviračių changes t to č; nam- and šak- are too short to use as prefixes.
    assert "Dviračių takai" not in titles(query, "lt")


@on_sqlite
def test_sqlite_ignores_diacritics_and_matches_stem_prefixes(pages):
    assert "Dviračių takai" in titles("dviraciu", "lt")
    assert "Dviračių takai" in titles("kiemas", "lt")
