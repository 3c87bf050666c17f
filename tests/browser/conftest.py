"""
Browser tests: a real Chromium (Debian's package, driven by Playwright) against the real site.

The site runs as its own process (`manage.py runserver --noreload`) on 127.0.0.1 with a fresh
SQLite database built by `migrate` and `load_demo_content`, exactly as `make run` builds it,
with the background worker (`manage.py db_worker`) beside it as `make run` starts it, so these
tests share nothing with the pytest-django database of the other tests.

Without a browser the tests are skipped with a clear reason, except in CI (CI=true or
PORTAL_REQUIRE_BROWSER=1), where a missing browser is an error.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = BASE_DIR / "ci-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITOR = {"username": "redaktore", "password": "Bandymas-2026-redaktore"}


def browser_required():
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("PORTAL_REQUIRE_BROWSER")


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if os.path.exists(CHROMIUM) or browser_required():
        return
    skip = pytest.mark.skip(
        reason=f"no browser at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
        "or set PORTAL_CHROMIUM; CI always runs these tests"
    )
    for item in browser_items:
        item.add_marker(skip)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteServer:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.browser.site_settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
        self.process = None
        self.worker = None

    def manage(self, *args, input=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code):
        """Run Python against the site's database and return what it prints."""
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def start(self):
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_demo_content")
        self.shell(
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({EDITOR['username']!r}, "
            f"'redaktore@vvg.example.org', {EDITOR['password']!r})"
        )
        # What loading the content queued (search and reference index) is done before any test
        # reads the site.
        self.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0")
        self.serve()

    def serve(self):
        """Serve the database the server's folder holds (built by start(), or copied), with the
        worker running beside the server, as in `make run`."""
        self.worker_log = open(self.workdir / "worker.log", "w")  # noqa: SIM115 - open while it runs
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.worker_log,
            stderr=subprocess.STDOUT,
        )
        self.log = open(self.workdir / "server.log", "w")  # noqa: SIM115 - open while it runs
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base_url + "/", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        raise RuntimeError((self.workdir / "server.log").read_text()[-3000:])

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.log.close()
        if self.worker is not None:
            self.worker.terminate()
            self.worker.wait(timeout=30)
            self.worker_log.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    server = SiteServer(tmp_path_factory.mktemp("site"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"CI needs a browser at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(
        base_url=site.base_url,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def sitemap_urls(site):
    """Every public page of the site in both languages, as paths, from its sitemap."""
    import re

    xml = urllib.request.urlopen(site.base_url + "/sitemap.xml").read().decode()
    paths = sorted(
        {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)}
    )
    assert len(paths) >= 20, paths
    return paths
