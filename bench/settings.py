"""
Production settings as the benchmark and load test run them on 127.0.0.1: the same middleware,
cache (Redis), static files (whitenoise, manifest) and database engine as production, without
HTTPS redirects (there is no TLS on the loopback) and with a bare view to compare against.
"""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")

from portal.settings.production import *
from portal.settings.production import BASE_DIR

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STATIC_ROOT = BASE_DIR / "bench" / "staticfiles"
MEDIA_ROOT = BASE_DIR / "bench" / "media"
SERVE_MEDIA = True
PORTAL_PAGE_CACHE = os.environ.get("PORTAL_PAGE_CACHE", "1") == "1"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# wrk is one client: the per-client API throttle (tested in tests/test_api_http.py) would answer
# most of its requests with 429 and the benchmark would measure refusals.
PORTAL_API_THROTTLE_RATE = "10000000/min"

if os.environ.get("LOADTEST"):
    # All simulated residents share one address; the per-client limit is tested elsewhere.
    ENGAGEMENT_RATE_LIMIT = "100000/h"
    ENGAGEMENT_MIN_FILL_SECONDS = 1
    ENGAGEMENT_NOTIFY_EMAILS = ["vvg@example.org"]
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    # Nothing listens on port 1 (make loadtest); make loadtest-mail names its own server.
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1"))
