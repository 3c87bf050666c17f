"""The core knows no plugin by name: the portal works with the leaf plugins removed."""

import os
import subprocess
import sys

from django.conf import settings

from portal.registry import Registry, demo_loaders, home_sections, section_pages

SERVE_HOME = """
from django.test import Client
response = Client().get("/")
print(response.status_code)
print(response.content.decode())
"""


def run_manage(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_portal_boots_migrates_and_serves_without_leaf_plugins(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings_without_leaf_plugins",
        "PORTAL_TEST_DB": str(tmp_path / "portal.sqlite3"),
    }
    for args in (["check"], ["migrate", "--no-input"], ["load_demo_content"]):
        result = run_manage(args, env)
        assert result.returncode == 0, result.stderr[-2000:]
    result = run_manage(["shell", "--no-imports", "-c", SERVE_HOME], env)
    assert result.returncode == 0, result.stderr[-2000:]
    status, html = result.stdout.split("\n", 1)
    assert status == "200"
    assert "Kokio miesto norite Jūs?" in html
    # The leaf plugins' sections and the invitation to the ideas page are simply absent.
    assert "/iniciatyvos/" not in html
    assert "/idejos/" not in html
    assert "Pasidalinkite savo mintimis</a>" not in html
    assert "/strategija/" in html


def test_portal_settings_do_not_import_plugins():
    core = (settings.BASE_DIR / "portal").rglob("*.py")
    plugins = [app.split(".")[0] for app in settings.PORTAL_PLUGINS]
    offenders = []
    for path in core:
        text = path.read_text()
        for plugin in plugins:
            if f"from {plugin}" in text or f"import {plugin}" in text:
                offenders.append(f"{path.name}: {plugin}")
    assert not offenders


def test_plugins_register_their_parts():
    assert {"home", "strategy", "calls", "initiatives", "engagement"} <= {
        name for name, _ in demo_loaders.items()
    }
    assert "ideas" in section_pages
    assert isinstance(home_sections, Registry)
    # The home page content loads first, as every section hangs under it.
    assert demo_loaders.items()[0][0] == "home"


def test_registry_orders_and_replaces_entries():
    registry = Registry("test")
    registry.register("b", 2, order=20)
    registry.register("a", 1, order=10)
    registry.register("b", 3, order=5)
    assert registry.items() == [("b", 3), ("a", 1)]
    registry.unregister("b")
    assert registry.values() == [1]
