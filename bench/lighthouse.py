"""
Lighthouse on every page type, as a resident's phone meets them (make lighthouse).

1. Builds the benchmark's PostgreSQL database (bench/run.py: the demo content plus 200 calls,
   2,000 initiatives and 10,000 ideas), unless --skip-setup reuses the last one.
2. Serves it with gunicorn and production settings (bench/settings.py), the page cache on, as
   behind the CDN.
3. Runs Lighthouse (bench/lighthouse/package.json, on Debian's chromium) once per page type with
   its default mobile settings (a mid-range phone, simulated slow 4G), after one request that
   warms the caches, and prints each category's score, the total blocking time and the largest
   contentful paint.

Scores move with the machine's load: run it with nothing else running.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from bench.run import BASE_DIR, PORT, manage, measured_targets, prepare, start_gunicorn, stop

LIGHTHOUSE = BASE_DIR / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str, attempts: int = 3) -> dict:
    """One Lighthouse run; Lighthouse sometimes fails to record a trace (NO_NAVSTART), so a
    failed run is tried again, up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        try:
            return _lighthouse(url)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-path={CHROMIUM}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            check=True,
            timeout=240,
        )
        data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        **{name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES},
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--skip-setup", action="store_true", help="reuse the last database")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--initiatives", type=int, default=2000)
    parser.add_argument("--ideas", type=int, default=10000)
    args = parser.parse_args()
    args.database = "postgres"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/vvg_bench",
    }
    if not args.skip_setup:
        prepare(env, args)
    else:
        manage(env, "collectstatic", "--no-input", "-v0")  # the code's own scripts and styles
    targets = measured_targets(env)
    # Each page type once, in Lithuanian (the English pages share its templates).
    pages = [target for target in targets if target["kind"].endswith("(lt)")]
    server = start_gunicorn(env, cached=True, workers=2)
    rows = []
    try:
        for target in pages:
            url = f"http://127.0.0.1:{PORT}{target['url']}"
            urllib.request.urlopen(url, timeout=30).read()  # nosec B310 - loopback
            rows.append((target["kind"], lighthouse(url)))
    finally:
        stop(server)
    print(f"\nLighthouse, mobile defaults, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print("| page | performance | accessibility | best practices | SEO | TBT ms | LCP s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, scores in rows:
        print(
            f"| {name} | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {scores['seo']} | {scores['tbt_ms']} | "
            f"{scores['lcp_s']} |"
        )


if __name__ == "__main__":
    main()
