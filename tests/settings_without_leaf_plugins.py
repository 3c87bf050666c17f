"""The portal with its leaf plugins (initiatives, engagement) removed, on a throw-away SQLite."""

import os

from portal.settings.test import *
from portal.settings.test import INSTALLED_APPS

LEAF_PLUGINS = {"initiatives", "engagement"}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in LEAF_PLUGINS]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PORTAL_TEST_DB"]}
}
