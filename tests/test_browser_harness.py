"""
Without a browser, `make test` skips the browser tests and says why; in CI (CI=true or
PORTAL_REQUIRE_BROWSER=1) a missing browser fails them instead, so they can never pass by
being skipped.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]


def run_browser_tests(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CI", "PORTAL_REQUIRE_BROWSER", "PYTEST_ADDOPTS")
    }
    env.update(environment, PORTAL_CHROMIUM="/nonexistent/chromium")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "tests/browser/test_keyboard.py",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result.returncode, result.stdout


def test_without_a_browser_the_browser_tests_skip_and_say_why():
    code, output = run_browser_tests()
    assert code == 0, output
    assert "3 skipped" in output
    assert "no browser at /nonexistent/chromium" in output
    assert "apt-get install chromium" in output


@pytest.mark.parametrize("ci", [{"CI": "true"}, {"PORTAL_REQUIRE_BROWSER": "1"}])
def test_in_ci_a_missing_browser_fails_instead_of_skipping(ci):
    code, output = run_browser_tests(**ci)
    assert code != 0, output
    assert "skipped" not in output
    assert "CI needs a browser at /nonexistent/chromium" in output
