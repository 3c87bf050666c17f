"""The portal with the initiatives but without the ideas plugin, on a throw-away SQLite."""

import os

from portal.settings.test import *
from portal.settings.test import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "engagement"]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PORTAL_TEST_DB"]}
}
MEDIA_ROOT = os.environ["PORTAL_TEST_MEDIA"]
