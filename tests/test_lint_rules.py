"""The project's own lint rule that ruff cannot state: every suppression of a ruff rule says
why, as `CODE - why`, `CODE (why)`, or `CODE  # nosec CODE - why` when bandit is told too."""

import re
from pathlib import Path

from django.conf import settings

SKIPPED = {".venv", "node_modules", "migrations", "staticfiles", "media", ".git"}
MARK = "# no" + "qa"  # spelled in two so that this file does not find itself
EXPLAINED = re.compile(MARK + r": [A-Z0-9, ]+( - \S| \(\S|  # nosec [A-Z0-9 ]+ - \S)")


def test_every_suppressed_rule_says_why():
    unexplained = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if SKIPPED & set(path.parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if MARK in line and not EXPLAINED.search(line):
                unexplained.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert unexplained == []
