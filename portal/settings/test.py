"""Tests: fast password hashing, memory cache and mail, the database from DATABASE_URL or SQLite."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - the tests' own, never deployed
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# One process: its own changes are seen at once, so the version's process copy may be kept
# long, and query counts do not depend on how fast the machine runs a test. Tests of the bound
# set it short.
PORTAL_CONTENT_VERSION_MAX_AGE = 300
# Whole pages are not cached in tests, so each test sees what it just changed; the page cache
# has tests of its own that switch it on.
PORTAL_PAGE_CACHE = False
# The suite makes many API requests from one address; tests/test_api_http.py lowers it.
PORTAL_API_THROTTLE_RATE = "100000/min"
# Tasks run at once, inside the test; the queue's own tests (tests/test_outbox_*.py) switch to
# the database backend and run the worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
