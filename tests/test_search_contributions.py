"""
The search contract: plugins name page types and add sources of their own, and search/ finds
them without knowing the plugins. The examples here stand in for the plugins' real ones
(legal documents, published ideas): strategy's priorities are a translatable source with a
section page to link to, Wagtail's documents a source filtered to what is published.
"""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from portal.registry import SearchPageType, SearchSource, search_contributors
from search.query import run_search
from strategy.models import Priority

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_collection(db):
    root = Collection.get_first_root_node()
    return root.add_child(name="Vieši dokumentai")


@pytest.fixture
def contributions(public_collection, settings, tmp_path):
    """Example contributions, registered as a plugin's AppConfig.ready() would, in place of
    the plugins' own (so these tests see only what they register)."""
    settings.MEDIA_ROOT = tmp_path
    plugins_own = search_contributors.items()
    for name, _contribution in plugins_own:
        search_contributors.unregister(name)
    search_contributors.register(
        "example-pages",
        SearchPageType(
            key="content",
            label="Turinio puslapis",
            plural_label="Turinio puslapiai",
            models=("home.ContentPage",),
        ),
    )
    search_contributors.register(
        "example-sources",
        [
            SearchSource(
                key="priority",
                label="Prioritetas",
                queryset=lambda locale: Priority.objects.filter(locale=locale),
                url=lambda obj, context: (
                    f"{context.section_url('strategy')}#prioritetas-{obj.code}"
                ),
                title=lambda obj: obj.title,
            ),
            SearchSource(
                key="document",
                label="Dokumentas",
                queryset=lambda locale: Document.objects.filter(collection=public_collection),
                url=lambda obj, context: obj.url,
                title=lambda obj: obj.title,
                date=lambda obj: obj.created_at,
                text=lambda obj: f"{obj.title}. Dokumentas PDF formatu.",
                boost=50.0,
            ),
        ],
    )
    yield
    search_contributors.unregister("example-pages")
    search_contributors.unregister("example-sources")
    for name, contribution in plugins_own:
        search_contributors.register(name, contribution)


def priority(locale, code, title, description=""):
    return Priority.objects.create(locale=locale, code=code, title=title, description=description)


def document(title, collection):
    doc = Document(title=title, collection=collection)
    doc.file.save("nuostatai.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    doc.save()
    return doc


def result_links(html):
    return re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', html)


def test_sources_are_found_typed_and_linked(client, contributions, lt):
    priority(lt, "7", "Dviračių takų tinklas", "Jungsime miesto dviračių takus su Nemuno krantine.")
    html = client.get("/search/?q=dviračių").content.decode()
    assert result_links(html) == ["/strategija/#prioritetas-7"]
    assert '<span class="badge">Prioritetas</span>' in html
    assert "miesto <mark>dviračių</mark> takus" in html


def test_sources_keep_to_the_visitors_language(contributions, lt, en):
    priority(lt, "8", "Šaškių klubai", "Šaškių turnyrai.")
    priority(en, "8", "Draughts clubs", "Draughts tournaments.")
    lt_hits = run_search("šaškių", "lt").results
    en_hits = run_search("draughts", "en").results
    assert [hit.title for hit in lt_hits] == ["Šaškių klubai"]
    assert [hit.title for hit in en_hits] == ["Draughts clubs"]
    assert run_search("draughts", "lt").count == 0
    assert en_hits[0].url == "/en/strategy/#prioritetas-8"


def test_unpublished_source_objects_are_never_found(contributions, public_collection):
    drafts = Collection.get_first_root_node().add_child(name="Juodraščiai")
    document("VVG nuostatai", public_collection)
    document("VVG nuostatų projektas", drafts)
    outcome = run_search("nuostatai", "lt")
    assert [hit.title for hit in outcome.results] == ["VVG nuostatai"]
    hit = outcome.results[0]
    assert hit.type == "document" and hit.date is not None
    assert hit.snippet_html == "VVG <mark>nuostatai</mark>. Dokumentas PDF formatu."


def test_pages_are_labelled_by_registered_type(contributions, home_lt):
    ContentPageFactory(parent=home_lt, slug="laivyba", title="Laivyba Nemunu")
    hit = run_search("laivyba", "lt").results[0]
    assert (hit.type, hit.type_label) == ("content", "Turinio puslapis")


def test_filter_by_type_with_counts(client, contributions, lt, home_lt, public_collection):
    ContentPageFactory(parent=home_lt, slug="baidares", title="Baidarių žygis")
    priority(lt, "9", "Baidarių prieplauka", "Baidarių nuoma Nemune.")
    document("Baidarių nuomos taisyklės", public_collection)
    everything = run_search("baidarės", "lt")
    assert everything.count == 3
    counts = {item.key: item.count for item in everything.types}
    assert counts == {"content": 1, "priority": 1, "document": 1, "page": 0}
    only_sources = run_search("baidarės", "lt", types=["priority", "document"])
    assert only_sources.count == 2
    assert {hit.type for hit in only_sources.results} == {"priority", "document"}
    # The heavily boosted source comes first.
    assert only_sources.results[0].type == "document"
    # Unknown types are ignored rather than failing.
    assert run_search("baidarės", "lt", types=["nope"]).count == 3

    html = client.get("/search/?q=baidar%C4%97s&type=priority").content.decode()
    assert result_links(html) == ["/strategija/#prioritetas-9"]
    assert '<a href="?q=baidar%C4%97s&amp;type=priority" aria-current="page">' in html
    assert "Turinio puslapiai <span" in html  # the plural label names the filter
    other_pages = run_search("baidarės", "lt", types=["page"])
    assert other_pages.count == 0  # the content page has a type of its own now


def test_a_contribution_must_be_one_of_the_two_kinds():
    from django.core.exceptions import ImproperlyConfigured

    search_contributors.register("broken", {"key": "x"})
    try:
        with pytest.raises(ImproperlyConfigured):
            run_search("vvg", "lt")
    finally:
        search_contributors.unregister("broken")


# The API ---------------------------------------------------------------------------------


def test_api_search_returns_typed_results(client, contributions, lt):
    priority(lt, "10", "Jaunimo erdvės", "Jaunimo iniciatyvų erdvės mikrorajonuose.")
    body = client.get("/api/v1/search", {"q": "iniciatyva", "locale": "lt"}).json()
    assert body["query"] == "iniciatyva"
    # The priority, the strategy page and whatever demo pages use the word (calls, ...).
    assert body["count"] == len(body["results"]) >= 3
    first = {hit["url"]: hit for hit in body["results"]}
    hit = first["http://testserver/strategija/#prioritetas-10"]
    assert hit["type"] == "priority" and hit["type_label"] == "Prioritetas"
    assert "<mark>iniciatyvų</mark>" in hit["snippet_html"]
    assert "<mark>" not in hit["snippet"]
    assert {t["key"] for t in body["types"]} == {"content", "priority", "document", "page"}


def test_api_search_pages_and_filters(client, home_lt):
    for n in range(5):
        ContentPageFactory(parent=home_lt, slug=f"zuvys-{n}", title=f"Žvejyba Nemune {n}")
    body = client.get("/api/v1/search", {"q": "žvejyba", "limit": 2, "offset": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert "offset=4" in body["next"] and "offset=0" in body["previous"]
    english = client.get("/api/v1/search", {"q": "fishing", "locale": "en"}).json()
    assert english["count"] == 0
    assert english["suggestions"]  # section pages, in English
    assert all("/en/" in hit["url"] for hit in english["suggestions"])


@pytest.mark.parametrize("query", ["", "'; DROP TABLE x; --", "<b>", "a" * 200])
def test_api_odd_queries(client, query):
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_api_refuses_a_query_too_long_instead_of_cutting_it(client):
    response = client.get("/api/v1/search", {"q": "a" * 10_000})
    assert response.status_code == 400
    assert response.json()["details"][0]["type"] == "string_too_long"


def test_api_refuses_a_null_character_with_the_documented_400(client):
    # Every /api/ address answers 400 to a NUL character (portal/api_http.py, docs/api.md).
    response = client.get("/api/v1/search", {"q": "x\x00y"})
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_api_rejects_an_unknown_language(client):
    response = client.get("/api/v1/search", {"q": "vvg", "locale": "fr"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_api_searches_are_not_counted(client):
    from wagtail.contrib.search_promotions.models import QueryDailyHits

    client.get("/api/v1/search", {"q": "strategija"})
    assert not QueryDailyHits.objects.exists()


def test_a_source_can_search_only_some_fields(lt):
    search_contributors.register(
        "titles-only",
        SearchSource(
            key="priority",
            label="Prioritetas",
            queryset=lambda locale: Priority.objects.filter(locale=locale),
            url=lambda obj, context: "#",
            fields=("title",),
        ),
    )
    try:
        priority(lt, "11", "Upės pakrantės", "Tvarkysime paplūdimius ir prieplaukas.")
        found = run_search("pakrantės", "lt").results
        assert [hit.title for hit in found if hit.type == "priority"] == ["11. Upės pakrantės"]
        found = run_search("paplūdimius", "lt").results
        assert [hit for hit in found if hit.type == "priority"] == []
    finally:
        search_contributors.unregister("titles-only")
