"""Local development: `make run`. Never used in production."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

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
