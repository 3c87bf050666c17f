"""HTTP behaviour of everything under /api/: validators and 304, caching, CORS, throttling,
read-only methods and the one error shape in the request's language."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.http import http_date

pytestmark = pytest.mark.django_db

API_ADDRESSES = [
    "/api/v1/pages",
    "/api/v1/pages/by-path?path=/apie/",
    "/api/v1/navigation?locale=en",
    "/api/v1/search?q=miesto",
    "/api/v1/locales",
    "/api/v1/openapi.json",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
]


@pytest.mark.parametrize("url", API_ADDRESSES)
def test_every_answer_has_validators_and_a_304_for_a_repeat(client, url):
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"')
    assert response["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # A 304 keeps what makes the stored copy reusable (RFC 9111 section 4.3.4).
    for header in ("ETag", "Last-Modified", "Cache-Control"):
        assert again[header] == response[header], header
    assert again.get("Vary") == response.get("Vary")
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert by_date.status_code == 304
    assert by_date["Cache-Control"] == response["Cache-Control"]
    head = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert head.status_code == 304 and head["Cache-Control"] == response["Cache-Control"]


@pytest.mark.parametrize("url", API_ADDRESSES)
def test_content_varies_with_its_locale_not_with_the_browsers_language(client, url):
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    lithuanian = client.get(url, HTTP_ACCEPT_LANGUAGE="lt")
    assert english.content == lithuanian.content
    assert "accept-language" not in english.get("Vary", "").lower()


def test_an_error_varies_with_the_browsers_language(client):
    english = client.get("/api/v1/calls/999999", HTTP_ACCEPT_LANGUAGE="en")
    lithuanian = client.get("/api/v1/calls/999999", HTTP_ACCEPT_LANGUAGE="lt")
    assert english.status_code == lithuanian.status_code == 404
    assert english.json()["message"] != lithuanian.json()["message"]
    assert "Accept-Language" in english["Vary"]


def test_wagtails_api_gives_addresses_on_the_host_it_was_asked_on(client):
    from wagtail.models import Site

    from .factories.strategy import DocumentFactory

    DocumentFactory()
    assert Site.objects.get(is_default_site=True).hostname != "portal.example.lt"
    host = {"HTTP_HOST": "portal.example.lt", "secure": True}
    with override_settings(ALLOWED_HOSTS=["portal.example.lt"]):
        pages = client.get("/api/v2/pages/?limit=3", **host).json()["items"]
        page = client.get(f"/api/v2/pages/{pages[0]['id']}/", **host).json()
        documents = client.get("/api/v2/documents/", **host).json()["items"]
    urls = [item["meta"]["detail_url"] for item in pages + documents]
    urls += [page["meta"]["detail_url"], page["meta"]["html_url"]]
    urls += [item["meta"]["download_url"] for item in documents]
    assert documents and len(urls) >= 7
    assert all(url.startswith("https://portal.example.lt/") for url in urls), urls


def test_a_stale_etag_or_date_gets_the_full_answer(client):
    response = client.get("/api/v1/pages")
    assert client.get("/api/v1/pages", HTTP_IF_NONE_MATCH='"old"').status_code == 200
    long_ago = http_date(0)
    assert client.get("/api/v1/pages", HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200
    assert response.status_code == 200


def test_a_published_change_is_never_answered_with_304(client, page_at):
    page = page_at("/apie/")
    url = f"/api/v1/pages/{page.pk}"
    before = client.get(url)
    page.title = "Apie mus"
    page.save_revision().publish()
    # Within the same second as the first answer, by ETag and by date alike.
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["title"] == "Apie mus"
    assert after["ETag"] != before["ETag"]
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert by_date.status_code == 200
    assert by_date.json()["title"] == "Apie mus"
    # Lists and the menu change with it.
    titles = [item["title"] for item in client.get("/api/v1/navigation").json()["home"]["children"]]
    assert "Apie mus" in titles


def test_an_unpublished_page_disappears_at_once(client, page_at):
    page = page_at("/apie/musu-siekis/")
    url = f"/api/v1/pages/{page.pk}"
    etag = client.get(url)["ETag"]
    page.unpublish()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 404


@override_settings(PORTAL_API_CACHE_MAX_AGE=300)
def test_cache_control_max_age_comes_from_the_setting(client):
    assert client.get("/api/v1/pages")["Cache-Control"] == "public, max-age=300"
    assert client.get("/api/v2/pages/")["Cache-Control"] == "public, max-age=300"


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/api/v1/pages")
    head = client.head("/api/v1/pages")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/pages", "/api/v1/pages/3", "/api/v2/pages/"])
def test_the_api_is_read_only(client, admin_user, method, url):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(admin_user)
        response = getattr(client, method)(url, data={}, content_type="application/json")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json()["code"] == "method_not_allowed"


def test_options_lists_the_methods(client):
    response = client.options("/api/v1/pages")
    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


# CORS ----------------------------------------------------------------------------------------

ORIGIN = "https://www.druskininkai.lt"


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_cors_headers_for_an_allowed_origin_on_the_api(client):
    response = client.get("/api/v1/pages", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/pages",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    not_modified = client.get(
        "/api/v1/pages", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == ORIGIN


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_no_cors_headers_for_other_origins_or_outside_the_api(client):
    other = client.get("/api/v1/pages", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    site = client.get("/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in site


def test_no_cors_headers_when_no_origin_is_configured(client):
    response = client.get("/api/v1/pages", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


# Throttling ----------------------------------------------------------------------------------


@override_settings(PORTAL_API_THROTTLE_RATE="3/min")
def test_too_many_requests_from_one_client_get_429_with_retry_after(client):
    cache.clear()
    address = {"REMOTE_ADDR": "192.0.2.10"}
    for _ in range(3):
        assert client.get("/api/v1/locales", **address).status_code == 200
    response = client.get("/api/v1/pages", **address)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json() == {
        "status": 429,
        "code": "too_many_requests",
        "message": "Per daug užklausų. Palaukite ir bandykite dar kartą.",
        "details": None,
    }
    assert response["Cache-Control"] == "no-store"
    # The same bucket for Wagtail's API v2; another client is not affected.
    assert client.get("/api/v2/pages/", **address).status_code == 429
    assert client.get("/api/v1/locales", REMOTE_ADDR="192.0.2.11").status_code == 200
    # The site itself is not throttled.
    assert client.get("/", **address).status_code == 200


@override_settings(PORTAL_API_THROTTLE_RATE="2/min", NINJA_NUM_PROXIES=1)
def test_behind_a_proxy_the_forwarded_client_address_is_throttled(client):
    cache.clear()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        client.get("/api/v1/locales", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    blocked = client.get("/api/v1/locales", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert blocked.status_code == 429
    other = client.get("/api/v1/locales", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert other.status_code == 200


# Errors: one shape, the request's language ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "code", "lt", "en"),
    [
        ("/api/v1/pages/999999", 404, "not_found", "Nerasta.", "Not found."),
        ("/api/v1/nowhere", 404, "not_found", "Nerasta.", "Not found."),
        ("/api/v1/pages?limit=0", 400, "invalid_request", "Užklausa netinkama.", None),
        ("/api/v1/pages?locale=fr", 400, "invalid_request", "Užklausa netinkama.", None),
    ],
)
def test_errors_share_one_shape_in_the_request_language(client, url, status, code, lt, en):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"status", "code", "message", "details"}
    assert (body["status"], body["code"], body["message"]) == (status, code, lt)
    assert response["Content-Language"] == "lt"
    if en:
        english = client.get(url + ("&" if "?" in url else "?") + "locale=en").json()
        assert english["message"] == en
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["message"] == en


def test_validation_errors_say_which_parameter(client):
    body = client.get("/api/v1/pages?limit=500&locale=en").json()
    assert body["message"] == "The request is not valid."
    assert body["details"][0]["loc"][-1] == "limit"


def test_method_not_allowed_speaks_english_when_asked(client):
    body = client.post("/api/v1/pages?locale=en").json()
    assert (
        body["message"] == "The API is read-only: it answers GET, HEAD and OPTIONS requests only."
    )
    lithuanian = client.post("/api/v1/pages").json()
    assert lithuanian["message"].startswith("API skirta tik skaityti")


def test_a_nul_character_is_a_bad_request_not_a_server_error(client):
    response = client.get("/api/v1/search", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_unexpected_errors_come_out_in_the_same_shape(client, monkeypatch):
    from portal import api_pages

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api_pages, "locale_homes", broken)
    response = client.get("/api/v1/navigation?locale=en")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert response["Cache-Control"] == "no-store"


# One set of rules for every list and every id ------------------------------------------------

# Every list of /api/v1/ (test_every_list_is_named_here keeps this complete).
LIST_ENDPOINTS = [
    "/api/v1/pages",
    "/api/v1/calls",
    "/api/v1/initiatives",
    "/api/v1/ideas",
    "/api/v1/search",
    "/api/v1/strategy/measures",
    "/api/v1/strategy/steps",
    "/api/v1/strategy/legal-documents",
]
# Lists paged by a cursor instead of an offset (`after`, the id of the last item a client has).
CURSOR_ENDPOINTS = ["/api/v1/changes"]
# Every address with an id in its path, and the largest id the database can hold there.
ID_ENDPOINTS = {
    "/api/v1/pages/{page_id}": 2**31 - 1,
    "/api/v1/calls/{call_id}": 2**31 - 1,
    "/api/v1/initiatives/{initiative_id}": 2**31 - 1,
    "/api/v1/ideas/{idea_id}": 2**63 - 1,
    "/api/v1/strategy/legal-documents/{document_id}": 2**63 - 1,
}


def _document(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _resolve(document, schema) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _parameters(document, path) -> dict:
    return {p["name"]: p for p in document["paths"][path]["get"].get("parameters", [])}


def test_every_list_is_named_here(client):
    """A list is what answers `next` and `results`: a new one must join LIST_ENDPOINTS."""
    document = _document(client)
    lists = set()
    for path, operations in document["paths"].items():
        content = operations["get"]["responses"]["200"].get("content", {})
        schema = _resolve(document, content.get("application/json", {}).get("schema", {}))
        if {"next", "results"} <= set(schema.get("properties", {})):
            lists.add(path)
    assert lists == set(LIST_ENDPOINTS) | set(CURSOR_ENDPOINTS)


@pytest.mark.parametrize("url", CURSOR_ENDPOINTS)
def test_every_cursor_list_declares_its_bounds(client, url):
    parameters = _parameters(_document(client), url)
    limit, after = parameters["limit"]["schema"], parameters["after"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 20)
    assert (after["minimum"], after["maximum"], after["default"]) == (0, 2**63 - 1, 0)
    assert "offset" not in parameters


@pytest.mark.parametrize("url", CURSOR_ENDPOINTS)
@pytest.mark.parametrize(
    ("query", "name", "en"),
    [
        ("limit=0", "limit", "Must be at least 1."),
        ("limit=101", "limit", "Must be at most 100."),
        ("limit=x", "limit", "Must be a whole number."),
        ("after=-1", "after", "Must be at least 0."),
        ("after=9223372036854775808", "after", "Must be at most 9223372036854775807."),
    ],
)
def test_every_cursor_list_refuses_a_page_out_of_bounds(client, url, query, name, en):
    response = client.get(f"{url}?{query}&locale=en")
    assert response.status_code == 400, (url, query)
    body = response.json()
    assert (body["status"], body["code"]) == (400, "invalid_request")
    assert [(d["loc"][-1], d["msg"]) for d in body["details"]] == [(name, en)]


def test_every_id_in_a_path_is_named_here(client):
    document = _document(client)
    with_ids = {
        path
        for path in document["paths"]
        for parameter in _parameters(document, path).values()
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    }
    assert with_ids == set(ID_ENDPOINTS)


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_every_list_declares_its_bounds(client, url):
    parameters = _parameters(_document(client), url)
    limit, offset = parameters["limit"]["schema"], parameters["offset"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 20)
    assert offset["minimum"] == 0 and offset["default"] == 0
    assert offset["maximum"] >= 1000


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
@pytest.mark.parametrize(
    ("query", "name", "lt", "en"),
    [
        ("limit=0", "limit", "Ne mažiau kaip 1.", "Must be at least 1."),
        ("limit=101", "limit", "Ne daugiau kaip 100.", "Must be at most 100."),
        ("limit=500", "limit", "Ne daugiau kaip 100.", "Must be at most 100."),
        ("limit=x", "limit", "Reikia sveikojo skaičiaus.", "Must be a whole number."),
        ("offset=-1", "offset", "Ne mažiau kaip 0.", "Must be at least 0."),
    ],
)
def test_every_list_refuses_a_page_out_of_bounds(client, url, query, name, lt, en):
    for locale, message, detail in (
        ("lt", "Užklausa netinkama.", lt),
        ("en", "The request is not valid.", en),
    ):
        response = client.get(f"{url}?{query}&locale={locale}")
        assert response.status_code == 400, (url, query)
        body = response.json()
        assert set(body) == {"status", "code", "message", "details"}
        assert (body["status"], body["code"], body["message"]) == (400, "invalid_request", message)
        assert [(d["loc"][-1], d["msg"]) for d in body["details"]] == [(name, detail)]
        assert response["Content-Language"] == locale


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_every_list_refuses_an_offset_beyond_its_maximum(client, url):
    maximum = _parameters(_document(client), url)["offset"]["schema"]["maximum"]
    assert client.get(f"{url}?offset={maximum}").status_code == 200
    response = client.get(f"{url}?offset={maximum + 1}&locale=en")
    assert response.status_code == 400
    assert response.json()["details"][0]["msg"] == f"Must be at most {maximum}."


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_every_list_pages_by_limit_and_offset(client, url):
    query = "q=miesto&" if url.endswith("/search") else ""
    whole = client.get(f"{url}?{query}limit=100").json()
    assert whole["count"] >= 2, url  # the demo content has at least two of everything listed
    first = client.get(f"{url}?{query}limit=1").json()
    assert len(first["results"]) == 1
    assert first["previous"] is None
    assert "limit=1" in first["next"] and "offset=1" in first["next"]
    second = client.get(first["next"]).json()
    assert second["results"] == whole["results"][1:2]
    assert "offset=0" in second["previous"]


@pytest.mark.parametrize(("path", "maximum"), ID_ENDPOINTS.items())
def test_every_id_is_bounded_as_the_database_allows(client, path, maximum):
    parameter = next(p for p in _parameters(_document(client), path).values() if p["in"] == "path")
    assert (parameter["schema"]["minimum"], parameter["schema"]["maximum"]) == (1, maximum)
    for number in (
        "0",
        str(maximum),
        str(maximum + 1),
        "9223372036854775808",
        "99999999999999999999",
        "-1",
        "x",
    ):
        url = path.split("{")[0] + number
        response = client.get(url + "?locale=en")
        assert response.status_code == 404, url
        assert response.json() == {
            "status": 404,
            "code": "not_found",
            "message": "Not found.",
            "details": None,
        }


def test_a_search_longer_than_the_maximum_is_refused_not_cut(client):
    from search.text import MAX_QUERY_LENGTH

    longest = "miesto " * (MAX_QUERY_LENGTH // 7) + "m" * (MAX_QUERY_LENGTH % 7)
    assert len(longest) == MAX_QUERY_LENGTH
    assert client.get("/api/v1/search", {"q": longest}).status_code == 200
    response = client.get("/api/v1/search", {"q": longest + "x", "locale": "en"})
    assert response.status_code == 400
    assert response.json()["details"] == [
        {
            "loc": ["query", "q"],
            "msg": f"Must be at most {MAX_QUERY_LENGTH} characters long.",
            "type": "string_too_long",
        }
    ]
    q = _parameters(_document(client), "/api/v1/search")["q"]
    assert q["schema"]["maxLength"] == MAX_QUERY_LENGTH
