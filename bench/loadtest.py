#!/usr/bin/env python
"""
`make loadtest`: 60 seconds of mixed browsing and idea submissions by 20 concurrent residents
(locust) against gunicorn with PostgreSQL on 127.0.0.1, with two faults on purpose:

- the cache server (a Redis of its own on port 6390) is stopped a third of the way through
  and started again at two thirds: pages must still be served, bypassing the cache;
- the mail server is unreachable all along: ideas must still be stored.

Afterwards it checks that there was no 5xx and that every idea that got the thank-you page is
in the database, and prints the figures. Only loopback addresses are used.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.run import BASE_DIR, PYTHON, prepare, start_gunicorn
from bench.run import redis as run_redis

PORT = 8766
REDIS_PORT = 6390


def redis(action):
    run_redis(action, REDIS_PORT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the benchmark database")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/vvg_bench",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        # The mail server is unreachable: nothing listens on port 1.
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
        "ENGAGEMENT_NOTIFY_EMAILS": "vvg@example.org",
        # Every simulated resident comes from 127.0.0.1: the per-client limit would stop them.
        "LOADTEST": "1",
    }
    if not args.skip_setup:
        prepare(
            env, argparse.Namespace(database="postgres", calls=200, initiatives=2000, ideas=10000)
        )
    count_ideas = "from engagement.models import Idea; print(Idea.objects.count())"
    before = int(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c", count_ideas],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    redis("stop")
    redis("start")
    server = start_gunicorn(env, port=PORT, workers=4, threads=4)
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    thanked_file = workdir / "thanked.txt"
    timeline = []

    def faults():
        time.sleep(args.seconds / 3)
        redis("stop")
        timeline.append(f"{args.seconds // 3:>3} s: Redis stopped")
        time.sleep(args.seconds / 3)
        redis("start")
        timeline.append(f"{2 * args.seconds // 3:>3} s: Redis started again")

    fault_thread = threading.Thread(target=faults, daemon=True)
    try:
        fault_thread.start()
        subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                "bench/locustfile.py",
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(workdir / "stats"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env={**env, "LOADTEST_THANKED": str(thanked_file)},
            check=False,
        )
        fault_thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        redis("stop")

    thanked = [line for line in thanked_file.read_text().splitlines() if line]
    check = (
        "import sys; from engagement.models import Idea; "
        "titles = sys.stdin.read().split(chr(10)); "
        "print(Idea.objects.count(), Idea.objects.filter(title__in=titles).count())"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", check],
        cwd=BASE_DIR,
        env=env,
        input="\n".join(thanked),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    after, found = int(result[0]), int(result[1])
    with open(workdir / "stats_stats.csv") as stats_file:
        rows = list(csv.DictReader(stats_file))
    with open(workdir / "stats_failures.csv") as failures_file:
        failures = list(csv.DictReader(failures_file))
    server_errors = [f for f in failures if "50" in f.get("Error", "")[:40]]
    total = next(r for r in rows if r["Name"] == "Aggregated")

    print(f"\n{args.users} users, {args.seconds} s, gunicorn 4 workers x 4 threads, PostgreSQL")
    print("\n".join(timeline))
    print(
        f"requests: {total['Request Count']}, failures: {total['Failure Count']}, "
        f"req/s: {float(total['Requests/s']):.1f}, median {total['50%']} ms, "
        f"p99 {total['99%']} ms"
    )
    print(f"failures with a 5xx status: {len(server_errors)}")
    for failure in failures:
        print(
            f"  {failure['Method']} {failure['Name']}: {failure['Error']} x{failure['Occurrences']}"
        )
    print(
        f"ideas thanked: {len(thanked)}, of them in the database: {found}; "
        f"ideas stored during the run: {after - before}"
    )
    ok = not server_errors and found == len(thanked) and len(thanked) > 0
    print("RESULT:", "nothing lost, no 5xx" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
