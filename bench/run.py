#!/usr/bin/env python
"""
`make bench`: how fast the portal serves each page type and API endpoint, compared with a bare
Django view served by the same gunicorn in the same run.

1. Builds a benchmark database (PostgreSQL by default, or SQLite) with the demo content plus
   generated volume (`manage.py generate_volume`: 200 calls, 2,000 initiatives, 10,000 ideas).
2. Starts gunicorn (2 sync workers, production settings from bench/settings.py, Redis cache)
   on 127.0.0.1, once with the anonymous page cache off and once with it on.
3. Loads each URL with wrk and prints requests per second, p50 and p99 latency, the SQL
   queries per request (uncached) and the ratio to the bare view.

Only loopback addresses are used; every wrk run is bounded in time.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def manage(env, *args):
    run([PYTHON, "manage.py", *args], env)


def prepare(env, args):
    # Tasks the loading queues (search and reference index) run at once, as they are made, so
    # the benchmark starts from a fully indexed site with an empty queue.
    env = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    if args.database == "postgres":
        for sql in ("DROP DATABASE IF EXISTS vvg_bench", "CREATE DATABASE vvg_bench"):
            run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], env)
    else:
        (BASE_DIR / "bench" / "bench.sqlite3").unlink(missing_ok=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content", "-v0")
    manage(
        env,
        "generate_volume",
        f"--calls={args.calls}",
        f"--initiatives={args.initiatives}",
        f"--ideas={args.ideas}",
    )
    manage(env, "collectstatic", "--no-input", "-v0")


def start_gunicorn(env, cached=True, *, port=PORT, workers=2, threads=1):
    """gunicorn serving bench.wsgi on 127.0.0.1:`port`, once its bare view answers."""
    server_env = {**env, "PORTAL_PAGE_CACHE": "1" if cached else "0"}
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "bench.wsgi", "--workers", str(workers)]
        + ["--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE_DIR,
        env=server_env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            # A fixed http:// address on the loopback, never a file: or custom scheme.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)  # nosec B310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def redis(action, port):
    """Start a redis-server of the benchmark's own on `port` (keeping nothing), or stop it."""
    if action == "start":
        subprocess.run(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "yes"],
            check=True,
            capture_output=True,
        )
        time.sleep(0.5)
    else:
        subprocess.run(
            ["redis-cli", "-p", str(port), "shutdown", "nosave"],
            check=False,
            capture_output=True,
        )


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, duration, connections):
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            f"http://127.0.0.1:{PORT}{url}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for percent in ("50", "99"):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
        latency[percent] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def cache_state(url):
    """What the page cache did with the second of two requests: hit, or why it never caches."""
    state = None
    for _ in range(2):
        # A fixed http:// address on the loopback, never a file: or custom scheme.
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}", timeout=10) as response:  # nosec B310
            state = response.headers.get("X-Portal-Cache")
            body = response.read()
            control = response.headers.get("Cache-Control", "")
    if state:
        return state
    if url.startswith("/api/"):
        return "api"
    if b"csrfmiddlewaretoken" in body:
        return "form"
    return "private" if "private" in control else "none"


def measured_targets(env) -> list[dict]:
    """One URL per page type and language and the API's lists, with their query counts
    (bench/measure.py, run in the benchmark's own settings)."""
    return json.loads(
        subprocess.run(
            [PYTHON, "-m", "bench.measure"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--initiatives", type=int, default=2000)
    parser.add_argument("--ideas", type=int, default=10000)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the last database")
    args = parser.parse_args()

    database_url = (
        "postgres://postgres@127.0.0.1:5432/vvg_bench"
        if args.database == "postgres"
        else f"sqlite:///{BASE_DIR / 'bench' / 'bench.sqlite3'}"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url}
    if not args.skip_setup:
        prepare(env, args)
    targets = measured_targets(env)
    results = {}
    for cached in (False, True):
        server = start_gunicorn(env, cached)
        try:
            mode = "cached" if cached else "uncached"
            results[mode] = {"bare": wrk("/bench/bare/", args.duration, args.connections)}
            for target in targets:
                wrk(target["url"], 1, args.connections)  # warm caches and renditions
                figures = wrk(target["url"], args.duration, args.connections)
                figures["cache"] = cache_state(target["url"]) if cached else "off"
                results[mode][target["url"]] = figures
        finally:
            stop(server)

    print(
        f"\nDatabase: {args.database}; gunicorn 2 sync workers; wrk -t2 -c{args.connections} "
        f"-d{args.duration}s; {os.cpu_count()} cores"
    )
    for mode in ("uncached", "cached"):
        bare = results[mode]["bare"]
        print(
            f"\n{mode.upper()} (bare view: {bare['rps']:.0f} req/s, p50 {bare['p50']:.2f} ms, "
            f"p99 {bare['p99']:.2f} ms)"
        )
        print(
            f"| {'what':<38} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'queries':>7} "
            f"| {'cache':>7} | {'% of bare':>9} |"
        )
        print(f"|{'-' * 40}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 11}|")
        for target in targets:
            figures = results[mode][target["url"]]
            flag = " (errors!)" if figures["non_2xx"] else ""
            print(
                f"| {target['kind'][:38]:<38} | {figures['rps']:>7.0f} | {figures['p50']:>7.2f} "
                f"| {figures['p99']:>7.2f} | {target['queries']:>7} | {figures['cache']:>7} "
                f"| {100 * figures['rps'] / bare['rps']:>8.1f}%{flag} |"
            )
    print(
        "\ncache: hit = served from the anonymous page cache; form = a page with a CSRF-protected"
        " form, never cached; private = an answer for one visitor (search), never cached in a"
        " shared cache; api = the API, cached by clients and a CDN (ETag, Cache-Control), not"
        " here."
    )
    (BASE_DIR / "bench" / "results.json").write_text(
        json.dumps({"targets": targets, "results": results}, indent=2)
    )


if __name__ == "__main__":
    main()
