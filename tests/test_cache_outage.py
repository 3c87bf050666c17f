"""A Redis outage is logged once when it starts and once when it ends, and every page is
served from the database meanwhile (portal/cache_backend.py)."""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from portal.settings.base import REDIS_CACHE_OPTIONS

from .browser.conftest import free_port
from .redis_server import start_redis

pytestmark = pytest.mark.django_db


def test_an_outage_is_logged_once_and_its_end_once(client, settings, caplog):
    port = free_port()
    settings.PORTAL_PAGE_CACHE = True
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "portal.cache_backend.OutageLoggingRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": REDIS_CACHE_OPTIONS,
            }
        }
    ):
        caches["default"].outage.down = False
        with caplog.at_level(logging.INFO):
            for path in ("/", "/apie/", "/kvietimai/", "/en/") * 3:
                assert client.get(path).status_code == 200  # served without Redis
            warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(warnings) == 1
            assert "unreachable" in warnings[0].getMessage()
            redis = start_redis(port)
            try:
                for path in ("/", "/apie/") * 3:
                    assert client.get(path).status_code == 200
                ends = [r for r in caplog.records if "reachable again" in r.getMessage()]
                assert len(ends) == 1
                assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1
                assert client.get("/apie/")["X-Portal-Cache"] == "hit"
            finally:
                redis.terminate()
                redis.wait(timeout=10)
