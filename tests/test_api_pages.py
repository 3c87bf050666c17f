"""The core content endpoints of /api/v1/: pages, navigation, search, in both languages."""

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from portal.demo import paragraph

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lithuanian_afterwards():
    """Fetching /en/ pages leaves English active in this thread; later tests expect Lithuanian."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    ("locale", "home_title", "about"),
    [("lt", "Pradžia", "/apie/"), ("en", "Home", "/about/")],
)
def test_pages_list_one_language_in_tree_order(client, locale, home_title, about):
    data = get(client, "/api/v1/pages", locale=locale, limit=100)
    results = data["results"]
    assert data["count"] == len(results) > 5
    assert results[0]["title"] == home_title
    assert results[0]["path"] == "/"
    assert {item["locale"] for item in results} == {locale}
    assert about in [item["path"] for item in results]
    assert len({item["translation_key"] for item in results}) == len(results)


def test_every_item_links_its_translations(client):
    item = next(
        page
        for page in get(client, "/api/v1/pages", locale="en", limit=100)["results"]
        if page["path"] == "/about/city-community/"
    )
    assert item["url"] == "http://testserver/en/about/city-community/"
    [lithuanian] = item["translations"]
    assert lithuanian["locale"] == "lt"
    assert lithuanian["url"] == "http://testserver/apie/miesto-bendruomene/"
    switched = get(client, lithuanian["api_url"])
    assert switched["translation_key"] == item["translation_key"]
    assert switched["title"] == "Miesto bendruomenė — kas tai?"


def test_pagination_has_count_next_previous_and_a_maximum(client):
    first = get(client, "/api/v1/pages", locale="lt", limit=2)
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/pages?")
    second = get(client, first["next"])
    assert second["previous"] is not None
    assert {p["id"] for p in second["results"]}.isdisjoint({p["id"] for p in first["results"]})
    too_many = client.get("/api/v1/pages", {"limit": 101})
    assert too_many.status_code == 400
    assert too_many.json()["code"] == "invalid_request"


def test_pages_filter_by_type_and_parent(client, page_at):
    about = page_at("/apie/")
    children = get(client, "/api/v1/pages", child_of=about.pk)["results"]
    assert children
    assert all(item["path"].startswith("/apie/") for item in children)
    homes = get(client, "/api/v1/pages", type="home.HomePage", locale="en")["results"]
    assert [item["title"] for item in homes] == ["Home"]
    # An unknown type is a mistake in the request, not an empty list: 400, saying which.
    unknown = client.get("/api/v1/pages", {"type": "nope.Nothing", "locale": "en"})
    assert unknown.status_code == 400
    assert unknown.json()["details"] == [
        {
            "loc": ["query", "type"],
            "msg": "Not a value this parameter takes (its pattern is in /api/v1/openapi.json).",
            "type": "string_pattern_mismatch",
        }
    ]
    lithuanian = client.get("/api/v1/pages", {"type": "bogus"})
    assert lithuanian.status_code == 400
    assert lithuanian.json()["details"][0]["msg"].startswith("Netinkama šio parametro reikšmė")
    both = get(client, "/api/v1/pages", type="home.HomePage,calls.CallIndexPage", locale="en")
    assert {item["type"] for item in both["results"]} == {"home.HomePage", "calls.CallIndexPage"}


@pytest.mark.parametrize(
    ("path", "locale", "title"),
    [
        ("/", "lt", "Pradžia"),
        ("/apie/miesto-bendruomene/", "lt", "Miesto bendruomenė — kas tai?"),
        ("/about/city-community/", "en", "The city community — what is it?"),
        ("/en/about/city-community/", "en", "The city community — what is it?"),
        ("about/city-community", "en", "The city community — what is it?"),
    ],
)
def test_page_by_path_within_a_language(client, path, locale, title):
    data = get(client, "/api/v1/pages/by-path", path=path, locale=locale)
    assert data["title"] == title
    assert data["locale"] == locale


def test_page_by_path_of_the_other_language_is_not_found(client):
    response = client.get("/api/v1/pages/by-path", {"path": "/apie/", "locale": "en"})
    assert response.status_code == 404


def test_page_detail_has_the_full_body_with_block_representations(client, page_at):
    page = page_at("/en/about/city-community/")
    data = get(client, f"/api/v1/pages/{page.pk}")
    assert data["locale"] == "en"
    assert data["parent"]["title"] == "About the LAG"
    assert data["fields"]["intro"] == page.intro
    body = data["fields"]["body"]
    assert [block["type"] for block in body] == [child.block_type for child in page.body]
    assert all(set(block) == {"type", "value", "id"} for block in body)


def test_page_detail_expands_links_and_gives_image_renditions(client, page_at):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Pušynas", file=get_test_image_file(size=(1200, 800)))
    target = page_at("/strategija/")
    page = page_at("/apie/")
    page.body = [
        paragraph(f'<p><a linktype="page" id="{target.pk}">Strategija</a></p>'),
        {
            "type": "figure",
            "value": {
                "image": {"image": image.pk, "alt_text": "Pušys", "decorative": False},
                "caption": "",
            },
        },
    ]
    page.save_revision().publish()
    body = get(client, f"/api/v1/pages/{page.pk}")["fields"]["body"]
    assert body[0]["value"] == '<p><a href="/strategija/">Strategija</a></p>'
    figure = body[1]["value"]["image"]
    assert figure["alt"] == "Pušys"
    assert (figure["width"], figure["height"]) == (1200, 800)
    assert figure["url"].startswith("http://testserver/media/images/")


def test_page_by_id_switches_to_its_translation(client, page_at):
    lithuanian = page_at("/strategija/")
    data = get(client, f"/api/v1/pages/{lithuanian.pk}", locale="en")
    assert data["title"] == "Strategy"
    assert data["translation_key"] == str(lithuanian.translation_key)


def test_page_without_the_requested_translation_is_not_found(client, home_lt):
    only_lt = ContentPageFactory(parent=home_lt, slug="tik-lt", title="Tik lietuviškai")
    assert client.get(f"/api/v1/pages/{only_lt.pk}").status_code == 200
    assert get(client, f"/api/v1/pages/{only_lt.pk}")["translations"] == []
    assert client.get(f"/api/v1/pages/{only_lt.pk}", {"locale": "en"}).status_code == 404


@pytest.mark.parametrize(
    ("locale", "menu"),
    [("lt", "Apie VVG"), ("en", "About the LAG")],
)
def test_navigation_is_the_menu_tree_of_a_language(client, locale, menu):
    data = get(client, "/api/v1/navigation", locale=locale)
    assert data["locale"] == locale
    home = data["home"]
    assert home["path"] == "/"
    titles = [item["title"] for item in home["children"]]
    assert menu in titles
    assert all(item["translations"] for item in home["children"])


def test_navigation_leaves_out_pages_not_in_menus_and_goes_as_deep_as_asked(client, home_lt):
    parent = ContentPageFactory(parent=home_lt, slug="skyrius", title="Skyrius", show_in_menus=True)
    ContentPageFactory(parent=parent, slug="poskyris", title="Poskyris", show_in_menus=True)
    ContentPageFactory(parent=home_lt, slug="slaptas", title="Ne meniu", show_in_menus=False)
    shallow = get(client, "/api/v1/navigation", depth=1)["home"]["children"]
    section = next(item for item in shallow if item["title"] == "Skyrius")
    assert section["children"] == []
    assert "Ne meniu" not in [item["title"] for item in shallow]
    deep = get(client, "/api/v1/navigation", depth=2)["home"]["children"]
    section = next(item for item in deep if item["title"] == "Skyrius")
    assert [item["title"] for item in section["children"]] == ["Poskyris"]


@pytest.mark.parametrize(
    ("locale", "query", "title"),
    [
        ("lt", "bendruomenė", "Miesto bendruomenė — kas tai?"),
        ("en", "community", "The city community — what is it?"),
    ],
)
def test_search_finds_pages_of_one_language(client, locale, query, title):
    """The search plugin's /api/v1/search (search/api.py) keeps to the asked language."""
    data = get(client, "/api/v1/search", q=query, locale=locale)
    assert data["count"] >= 1
    assert title in [item["title"] for item in data["results"]]
    in_english = ["/en/" in item["url"] for item in data["results"]]
    assert all(in_english) if locale == "en" else not any(in_english)


# Query counts: the same for 5 and for 50 items ---------------------------------------------


def count_queries(client, url, params):
    client.get(url, params)  # warm the navigation cache and Wagtail's site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.fixture
def many_pages(home_lt, home_en):
    for home, prefix in ((home_lt, "puslapis"), (home_en, "page")):
        parent = ContentPageFactory(
            parent=home, slug=f"{prefix}-tevas", title=f"Tėvas {prefix}", locale=home.locale
        )
        for n in range(55):
            ContentPageFactory(
                parent=parent,
                slug=f"{prefix}-{n}",
                title=f"Bendruomenės {prefix} {n}",
                locale=home.locale,
                search_description="Bendruomenės puslapis",
            )


@pytest.mark.parametrize("locale", ["lt", "en"])
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/pages", {}),
        ("/api/v1/search", {"q": "Bendruomenės"}),
    ],
)
def test_list_queries_do_not_grow_with_the_page_size(client, many_pages, locale, url, params):
    few, few_data = count_queries(client, url, {**params, "locale": locale, "limit": 5})
    many, many_data = count_queries(client, url, {**params, "locale": locale, "limit": 50})
    assert len(few_data["results"]) == 5
    assert len(many_data["results"]) == 50
    assert many == few
    # Search also reads the sources plugins register (legal acts): a fixed few more queries.
    assert few <= (9 if url.endswith("/search") else 6)


@pytest.mark.parametrize("params", [{}, {"search": "Bendruomenės"}, {"type": "home.ContentPage"}])
def test_wagtail_api_v2_list_queries_do_not_grow_with_the_page_size(client, many_pages, params):
    few, few_data = count_queries(client, "/api/v2/pages/", {**params, "limit": 5})
    many, many_data = count_queries(client, "/api/v2/pages/", {**params, "limit": 50})
    assert (len(few_data["items"]), len(many_data["items"])) == (5, 50)
    assert many == few


def test_navigation_queries_do_not_grow_with_the_menu(client, home_lt):
    few, _ = count_queries(client, "/api/v1/navigation", {"depth": 2})
    for n in range(12):
        ContentPageFactory(
            parent=home_lt, slug=f"meniu-{n}", title=f"Meniu {n}", show_in_menus=True
        )
    many, data = count_queries(client, "/api/v1/navigation", {"depth": 2})
    assert "Meniu 11" in [item["title"] for item in data["home"]["children"]]
    assert many == few


def test_page_detail_stays_within_the_page_budget(client, page_at):
    page = page_at("/apie/miesto-bendruomene/")
    count, _ = count_queries(client, f"/api/v1/pages/{page.pk}", {})
    assert count <= 12


def test_every_listed_page_is_served_on_the_site(client):
    for item in get(client, "/api/v1/pages", locale="en", limit=100)["results"]:
        path = item["url"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path
        assert Page.objects.get(pk=item["id"]).live


def test_a_page_type_can_shape_its_own_fields(client, page_at, monkeypatch):
    """The hook's values are served, within the shape the document gives the type's fields."""
    from home.models import ContentPage

    monkeypatch.setattr(
        ContentPage,
        "api_detail_fields",
        lambda self, request: {"intro": self.intro.upper(), "body": []},
        raising=False,
    )
    page = page_at("/apie/")
    assert get(client, f"/api/v1/pages/{page.pk}")["fields"] == {
        "intro": page.intro.upper(),
        "body": [],
    }


def test_a_page_type_with_its_own_fields_states_their_shape_or_they_stay_open(monkeypatch):
    from home.models import ContentPage
    from portal.api_content import LinkItem, _fields_schema

    build = _fields_schema.__wrapped__
    assert set(build(ContentPage).model_fields) == {"intro", "body"}
    monkeypatch.setattr(ContentPage, "api_detail_fields", lambda self, r: {}, raising=False)
    assert build(ContentPage) == dict[str, Any]
    monkeypatch.setattr(ContentPage, "api_detail_schema", LinkItem, raising=False)
    assert build(ContentPage) is LinkItem


def test_page_fields_and_blocks_are_typed_in_the_document(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    detail = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/pages/{page_id}"]
    one_of = detail["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert one_of["discriminator"]["propertyName"] == "type"
    assert one_of["discriminator"]["mapping"]["home.HomePage"] == (
        "#/components/schemas/HomePageDetail"
    )
    home_fields = schemas["HomePageFields"]["properties"]
    assert home_fields["hero_title"]["type"] == "string"
    body = home_fields["body"]["items"]
    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == {
        "heading",
        "paragraph",
        "figure",
        "quote",
        "call_to_action",
        "key_figures",
        "accordion",
        "link_list",
        "embed",
    }
    assert schemas["HeadingBlock"]["properties"]["type"]["const"] == "heading"
    assert schemas["HeadingValue"]["properties"]["level"]["enum"] == ["h2", "h3", "h4"]
    assert schemas["FigureValue"]["properties"]["image"]["anyOf"][0] == {
        "$ref": "#/components/schemas/ImageSchema"
    }


@pytest.mark.parametrize(("locale", "title"), [("lt", "Pradžia"), ("en", "Home")])
def test_wagtail_api_v2_serves_each_language_with_api_fields(client, locale, title):
    listing = get(client, "/api/v2/pages/", locale=locale, type="home.HomePage")
    [home] = listing["items"]
    assert home["title"] == title
    detail = get(client, f"/api/v2/pages/{home['id']}/")
    assert detail["hero_title"] and detail["hero_lead"]
    # The demo home page's body is empty (its introduction is the hero's lead), but served.
    assert detail["body"] == []
    assert detail["meta"]["locale"] == locale
