"""Local development: `make run`. Never used in production."""

import os

from .base import *
from .base import BASE_DIR, DATABASES

DEBUG = True
# A development-only key, kept outside the repository and created on first use.
_key_file = BASE_DIR / ".secret_key"
if not os.environ.get("SECRET_KEY"):
    if not _key_file.exists():
        from django.core.management.utils import get_random_secret_key

        _key_file.write_text(get_random_secret_key())
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The development server and the background worker write to one SQLite file (make run):
    # each transaction takes the write lock when it begins, waiting up to 20 s for it, instead
    # of failing with "database is locked" when both upgrade a read lock at the same moment.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
