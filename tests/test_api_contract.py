"""
The /api/v1/ contract: its OpenAPI document against the committed snapshot, every operation
checked by schemathesis (no server error, every answer valid against the document), and the
interactive documentation served from the portal's own static files.
"""

import difflib
import json
import re
from pathlib import Path

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import OpenAPIV31SpecValidator

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def test_openapi_document_matches_the_snapshot(client):
    live = client.get("/api/v1/openapi.json").json()
    expected = json.loads(SNAPSHOT.read_text())
    if live != expected:
        diff = "\n".join(
            difflib.unified_diff(
                json.dumps(expected, indent=2, sort_keys=True).splitlines(),
                json.dumps(live, indent=2, sort_keys=True).splitlines(),
                "tests/snapshots/openapi.json",
                "/api/v1/openapi.json",
                lineterm="",
                n=2,
            )
        )
        pytest.fail(
            "The API contract changed. If that is intended, run `make api-snapshot` and commit "
            f"tests/snapshots/openapi.json with the change.\n{diff[:6000]}"
        )


def test_every_operation_documents_the_shared_answers(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert method == "get", path  # nothing writes
            assert {"200", "304", "400", "404", "429"} <= set(operation["responses"]), path
            assert "Retry-After" in operation["responses"]["429"]["headers"], path
            assert "ETag" in operation["responses"]["200"]["headers"], path


def test_openapi_document_is_valid(client):
    """What a client developer's tools check first (openapi-spec-validator; CI also lints it
    with Redocly's recommended rules, `make api-lint`)."""
    document = client.get("/api/v1/openapi.json").json()
    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def test_operation_ids_are_the_names_a_client_calls(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = [
        operation["operationId"] for ops in schema["paths"].values() for operation in ops.values()
    ]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", operation_id) for operation_id in ids), ids
    assert {"list_calls", "get_call", "list_pages", "get_page", "get_navigation", "search"} <= set(
        ids
    )


def test_locale_is_one_shared_component(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Locale"]["enum"] == ["lt", "en"]
    locales = [
        parameter["schema"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation["parameters"]
        if parameter["name"] == "locale"
    ]
    assert len(locales) == len(schema["paths"]) - 1  # all but /api/v1/locales itself
    assert all(locale["$ref"] == "#/components/schemas/Locale" for locale in locales)


def test_every_component_is_used(client):
    schema = client.get("/api/v1/openapi.json").json()
    text = json.dumps(schema["paths"]) + json.dumps(schema["components"])
    for name in schema["components"]["schemas"]:
        assert f'"#/components/schemas/{name}"' in text, name


def test_the_document_names_its_server_licence_and_public_access(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["servers"] == [{"url": "/", "description": "This portal"}]
    assert schema["info"]["license"]["url"].startswith("https://creativecommons.org/")
    # No key and no account: an empty requirement, stated once for every operation.
    assert schema["security"] == []


def test_two_schemas_of_the_same_name_are_refused():
    """ninja names components by class: a second class of the same name would replace the first
    in the document without a word."""
    from ninja import Router, Schema

    from portal.api import PortalAPI

    def measure_ref(**fields):
        return type("MeasureRef", (Schema,), {"__annotations__": fields})

    first, second = measure_ref(code=str), measure_ref(code=str, title=str)
    router = Router()
    router.get("/a", response=first)(lambda request: None)
    router.get("/b", response=second)(lambda request: None)
    api = PortalAPI(urls_namespace="same-names")
    api.add_router("/", router)
    with pytest.raises(ValueError, match="MeasureRef"):
        api.get_openapi_schema(path_prefix="")


def test_interactive_docs_work_offline(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    assert '"url": "/api/v1/openapi.json"' in html


@pytest.fixture(autouse=True)
def keep_the_test_database_connection():
    """Like Django's test client: a request's end must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded from the live application when the tests are collected (serving the document needs no
# database), so a router added by a plugin is checked as soon as it is registered.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
# A NUL character is refused with 400 by every endpoint (portal/api_http.py, docs/api.md); no
# endpoint's own parameters need to say so.
schema.config.generation.update(allow_x00=False)


@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_match_the_contract(case):
    """No 5xx, and status, headers and body of every answer as the document says."""
    case.call_and_validate()


def test_every_moment_comes_in_one_format(client):
    """ISO 8601 in the portal's time zone with its offset, to the second, in every answer."""
    import re

    from calls.models import CallPage

    moment = re.compile(r"^\d{4}-\d{2}-\d{2}T")
    one_format = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[23]:00$")
    call = CallPage.objects.live().filter(locale__language_code="lt").first()
    page_id = client.get("/api/v1/pages?limit=1").json()["results"][0]["id"]
    found = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and moment.match(value):
            found.append(value)

    for url in (
        "/api/v1/calls",
        f"/api/v1/calls/{call.pk}",
        "/api/v1/pages?limit=5",
        f"/api/v1/pages/{page_id}",
        "/api/v1/ideas",
        "/api/v1/initiatives",
        "/api/v1/search?q=bendruomene",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        walk(response.json())
    assert len(found) >= 10
    assert [value for value in found if not one_format.match(value)] == []


def test_coded_values_list_their_codes_and_money_names_its_currency(client):
    """One shape for a coded value, `{code, label}`, whose codes the document lists, and one
    for money, `{amount, currency}`, so a generated client gets enums and one Money type."""
    document = client.get("/api/v1/openapi.json").json()
    components = document["components"]["schemas"]
    coded = {
        name: schema
        for name, schema in components.items()
        if set(schema.get("properties", {})) == {"code", "label"}
    }
    assert len(coded) >= 7
    listed = {
        name: bool({"enum", "const"} & set(schema["properties"]["code"]))
        for name, schema in coded.items()
    }
    assert listed == dict.fromkeys(coded, True)
    assert components["CallStatusChoice"]["properties"]["code"]["enum"] == [
        "upcoming",
        "open",
        "closing_soon",
        "closed",
        "results_published",
    ]
    money = components["Money"]
    assert money["required"] == ["amount", "currency"]
    assert money["properties"]["currency"]["const"] == "EUR"
    assert money["properties"]["amount"]["pattern"]
    # Every amount of money in the document is a Money.
    refs = json.dumps(document)
    for field in ("budget", "max_grant", "grant", "total_cost", "co_funding", "total_proposed"):
        assert f'"{field}": {{"$ref": "#/components/schemas/Money"' in refs, field


def test_api_workflows_follow_the_links_in_the_document():
    """Schemathesis' stateful tests: from each list to its items' details through the links
    the document defines (portal.api.add_links), every answer checked as above."""
    links = [
        name
        for operations in schema.raw_schema["paths"].values()
        for operation in operations.values()
        for response in operation["responses"].values()
        for name in response.get("links", {})
    ]
    assert {"GetCall", "GetInitiative", "GetPage", "GetIdea", "GetLegalDocument"} <= set(links)
    from calls.models import CallPage

    requested = []

    def remember(sender, environ, **kwargs):
        requested.append(environ["PATH_INFO"])

    request_started.connect(remember)
    try:
        run_workflows()
    finally:
        request_started.disconnect(remember)
    # The links were followed: calls were read by ids that a list gave, not made up.
    call_ids = {str(pk) for pk in CallPage.objects.values_list("pk", flat=True)}
    followed = [path for path in requested if path.rpartition("/")[2] in call_ids]
    assert any(path.startswith("/api/v1/calls/") for path in followed), requested[:50]


def run_workflows():
    schema.as_state_machine().run(
        settings=hypothesis_settings(
            max_examples=15,
            stateful_step_count=4,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
