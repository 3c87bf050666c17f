"""What the portal answers and logs for requests that are too large, and document downloads."""

import copy
import io
import logging
import logging.config

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import Client
from wagtail_factories import DocumentFactory

from portal.settings import base

pytestmark = pytest.mark.django_db

NAMED_LOGGERS = [name for name in base.LOGGING["loggers"] if name not in ("", "root")] + [
    "django.request",
    "django.security",
]


@pytest.fixture
def production_logging():
    """The logging configuration every environment but the tests uses, its console writing to
    a buffer instead of standard error; the tests' own configuration is put back afterwards."""
    config = copy.deepcopy(base.LOGGING)
    console = io.StringIO()
    config["handlers"]["console"]["stream"] = console
    logging.config.dictConfig(config)
    yield console
    for name in NAMED_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.filters.clear()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)
    logging.getLogger().handlers.clear()
    logging.config.dictConfig(django_settings.LOGGING)


@pytest.mark.parametrize("megabytes", [10, 50])
def test_a_too_large_form_is_refused_and_logged_as_one_warning(production_logging, megabytes):
    body = b"title=" + b"a" * (megabytes * 1024 * 1024)
    response = Client().generic(
        "POST", "/idejos/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    logged = production_logging.getvalue().strip().splitlines()
    assert len(logged) == 1, logged
    assert "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE" in logged[0]
    assert f"POST /idejos/, {len(body)} bytes" in logged[0]
    assert "Traceback" not in logged[0]


def test_the_one_line_is_a_warning(production_logging, caplog):
    caplog.set_level(logging.INFO, logger="django.security")
    Client().generic(
        "POST", "/idejos/", b"x=" + b"a" * (3 * 1024 * 1024), "application/x-www-form-urlencoded"
    )
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [(r.levelname, r.exc_info) for r in records] == [("WARNING", None)]


@pytest.mark.parametrize("name", ["ataskaita.pdf", "duomenys.csv", "santrauka.txt"])
def test_documents_are_downloaded_without_a_made_up_content_encoding(
    client, settings, tmp_path, name
):
    settings.MEDIA_ROOT = tmp_path
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
