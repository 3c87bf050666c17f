"""Initiatives work when the ideas plugin is removed: they migrate, load and serve without it."""

import os

from .test_plugins import run_manage

SERVE = """
from django.test import Client
client = Client()
for path in ("/iniciatyvos/", "/iniciatyvos/kartu-pokalbiai/", "/en/initiatives/summary/",
             "/iniciatyvos/csv/", "/api/v1/initiatives", "/"):
    response = client.get(path, follow=True)
    print(path, response.status_code, "Jūs pasiūlėte" in response.content.decode())
"""


def test_initiatives_serve_without_the_ideas_plugin(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_without_engagement",
        "PORTAL_TEST_DB": str(tmp_path / "portal.sqlite3"),
        "PORTAL_TEST_MEDIA": str(tmp_path / "media"),
    }
    for args in (["check"], ["migrate", "--no-input"], ["load_demo_content"]):
        result = run_manage(args, env)
        assert result.returncode == 0, result.stderr[-2000:]
    result = run_manage(["shell", "--no-imports", "-c", SERVE], env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.split("\n")
    served = {line.split()[0]: line.split()[1:] for line in lines if line.startswith("/")}
    assert len(served) == 6, result.stdout
    # Every page answers, and no initiative claims an idea it cannot show.
    assert all(s == ["200", "False"] for s in served.values()), served
