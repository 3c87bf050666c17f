"""Test settings for a throw-away site: its own database, media and backup folders."""

import os
from pathlib import Path

import dj_database_url

from portal.settings.test import *

DATABASES = {"default": dj_database_url.parse(os.environ["PORTAL_TEST_DATABASE_URL"])}
MEDIA_ROOT = Path(os.environ["PORTAL_TEST_MEDIA"])
BACKUP_DIR = Path(os.environ["PORTAL_TEST_BACKUPS"])
