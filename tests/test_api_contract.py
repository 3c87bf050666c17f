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
