"""The search benchmark's settings: the portal on a database of its own."""

import os

import dj_database_url

from portal.settings.base import *
from portal.settings.base import BASE_DIR

DEBUG = False
SECRET_KEY = "benchmark-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "SEARCH_BENCH_DATABASE_URL", f"sqlite:///{BASE_DIR / 'search-bench.sqlite3'}"
        )
    )
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Measure the search itself: the benchmark repeats queries, which would otherwise be answered
# from the remembered results (search/query.py cached_search).
PORTAL_SEARCH_RESULT_CACHE = False
