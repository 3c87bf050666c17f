"""
What a client developer of the municipality does first: generate a typed Python client from the
served /api/v1/openapi.json with openapi-python-client, type-check it with mypy, and use it
against a running portal with the demo content.

The generator and mypy run offline, from requirements-dev.txt.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.django_db

BIN = Path(sys.executable).parent
PACKAGE = "portal_client"


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    """
    The portal served on a local port. pytest-django's `live_server` fixture would make every
    test using it transactional, and the flush after such a test removes the demo content that
    all later tests of the session start from (tests/conftest.py); its LiveServer on the
    ordinary test database shares the in-memory SQLite connection with the test instead.
    """
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def generated(portal, django_db_blocker, tmp_path_factory):
    """The client package generated from the served document, and mypy's verdict on it."""
    folder = tmp_path_factory.mktemp("client")
    with django_db_blocker.unblock():
        document = httpx.get(f"{portal.url}/api/v1/openapi.json", timeout=30)
    assert document.status_code == 200
    (folder / "openapi.json").write_bytes(document.content)
    # No formatter hooks: the generated code is checked as the generator writes it.
    (folder / "config.yml").write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n")
    generation = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path=openapi.json",
            "--config=config.yml",
            "--meta=none",
            f"--output-path={PACKAGE}",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = generation.stdout + generation.stderr
    assert generation.returncode == 0, output
    assert "Warning" not in output, output
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            f"--cache-dir={folder / '.mypy_cache'}",
            PACKAGE,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    sys.path.insert(0, str(folder))
    try:
        yield mypy
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.partition(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture
def api(portal, generated):
    client = importlib.import_module(f"{PACKAGE}.client")
    with client.Client(base_url=portal.url, raise_on_unexpected_status=True) as api:
        yield api


def module(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_the_generated_client_type_checks(generated):
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Success: no issues found" in generated.stdout


def test_open_calls_in_english_and_one_call(api):
    models = module("models")
    list_calls = module("api.calls.list_calls")
    get_call = module("api.calls.get_call")

    page = list_calls.sync(
        client=api, locale=models.Locale.EN, status=models.ListCallsStatusType0.OPEN
    )
    assert isinstance(page, models.PaginatedCallSummary)
    assert [call.number for call in page.results] == ["DRU-VVG-2026-01"]
    summary = page.results[0]
    assert summary.title == "Example: Neighbourhood and community initiatives"
    assert (summary.status.code, summary.status.label) == ("open", "Open for applications")
    assert (summary.budget.amount, summary.budget.currency) == ("60000.00", "EUR")
    assert summary.locale == "en"

    call = get_call.sync(call_id=summary.id, client=api, locale=models.Locale.EN)
    assert isinstance(call, models.CallDetail)
    assert (call.id, call.number, call.translation_key) == (
        summary.id,
        "DRU-VVG-2026-01",
        summary.translation_key,
    )
    first_block = call.description[0]
    assert isinstance(first_block, models.ParagraphBlock)
    assert "European Social Fund Plus" in first_block.value
    assert isinstance(call.documents, list)

    # The same call in Lithuanian, by the English id.
    lithuanian = get_call.sync(call_id=summary.id, client=api, locale=models.Locale.LT)
    assert isinstance(lithuanian, models.CallDetail)
    assert lithuanian.translation_key == call.translation_key
    assert lithuanian.locale == "lt"

    # Errors come back typed too.
    missing = get_call.sync(call_id=2**31 - 1, client=api, locale=models.Locale.EN)
    assert isinstance(missing, models.ErrorSchema)
    assert (missing.status, missing.code, missing.message) == (404, "not_found", "Not found.")
    too_many = list_calls.sync(client=api, limit=500)
    assert isinstance(too_many, models.ErrorSchema)
    assert too_many.status == 400


def test_initiatives_page_by_page(api):
    models = module("models")
    list_initiatives = module("api.initiatives.list_initiatives")

    first = list_initiatives.sync(client=api, locale=models.Locale.EN, limit=2)
    assert isinstance(first, models.PaginatedInitiativeSummary)
    assert first.count == 4
    assert len(first.results) == 2
    assert first.previous is None
    assert isinstance(first.next_, str) and "offset=2" in first.next_

    second = list_initiatives.sync(client=api, locale=models.Locale.EN, limit=2, offset=2)
    assert isinstance(second, models.PaginatedInitiativeSummary)
    assert len(second.results) == 2
    assert second.next_ is None
    assert isinstance(second.previous, str)

    everything = {item.operation_name: item for item in first.results + second.results}
    assert set(everything) == {
        "Example: Home-visiting volunteers",
        "Example: Exercise groups in the parks",
        "Example: Conversations between generations",
        "Example: Digital skills for seniors",
    }
    assert everything["Example: Home-visiting volunteers"].grant.amount == "7800.00"


def test_search(api):
    models = module("models")
    search = module("api.search.search")

    found = search.sync(client=api, q="community", locale=models.Locale.EN)
    assert isinstance(found, models.SearchResponseSchema)
    assert found.query == "community"
    assert found.count >= 2
    hits = {(hit.type_, hit.title) for hit in found.results}
    assert ("call", "Example: Neighbourhood and community initiatives") in hits
    assert ("page", "The city community — what is it?") in hits
    assert all(hit.url.startswith("http://localhost:") for hit in found.results)


def test_a_page_and_its_typed_content(api):
    models = module("models")
    get_page_by_path = module("api.pages.get_page_by_path")

    home = get_page_by_path.sync(client=api, path="/", locale=models.Locale.EN)
    assert isinstance(home, models.HomePageDetail)
    assert home.fields.hero_title
    page = get_page_by_path.sync(client=api, path="/about/", locale=models.Locale.EN)
    assert isinstance(page, models.ContentPageDetail)
    kinds = {type(block).__name__ for block in page.fields.body}
    assert kinds and kinds <= {
        "HeadingBlock",
        "ParagraphBlock",
        "FigureBlock",
        "QuoteBlock",
        "CallToActionBlock",
        "KeyFiguresBlock",
        "AccordionBlock",
        "LinkListBlock",
        "EmbedBlock",
    }
