#!/usr/bin/env python
"""
`make loadtest-mail`: 20 residents send ideas (each with an e-mail address, so two messages per
idea) and read the ideas API for 60 s while the mail server hangs, then the mail server comes
back. Production settings (bench/settings.py): gunicorn 4 workers x 4 threads, PostgreSQL,
Redis, the database task queue with two `db_worker` processes, EMAIL_TIMEOUT 5 s.

The hanging mail server accepts every connection and never answers. When the load ends it is
replaced by a real SMTP server (aiosmtpd) on the same port, which counts what it receives.
Retries come after 10, 20, 40 … s here (OUTBOX_RETRY_DELAYS) instead of minutes to hours, so
the run ends soon; no message can use up its attempts within the 60 s the server hangs.

Prints the answer times (median, 95th percentile) of sending an idea and of the API, the 5xx
count, ideas thanked vs stored, and messages stored vs sent vs received (each exactly once?).
Only loopback addresses are used.
"""

import argparse
import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.run import BASE_DIR, PYTHON, start_gunicorn
from bench.run import redis as run_redis

PORT = 8767
REDIS_PORT = 6391
DATABASE = "vvg_mailbench"


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def shell(env, code, stdin=""):
    return run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        env,
        input=stdin,
        capture_output=True,
        text=True,
    ).stdout.strip()


class HangingServer:
    """Accepts every connection and never says a word."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(256)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while not self.stopping.is_set():
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                continue

    def stop(self):
        self.stopping.set()
        self.thread.join()
        for connection in self.held:
            connection.close()
        self.listener.close()


class Recorder:
    def __init__(self):
        self.message_ids = []

    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                self.message_ids.append(line.split(":", 1)[1].strip())
        return "250 Message accepted for delivery"


def redis(action):
    run_redis(action, REDIS_PORT)


def prepare(env):
    for sql in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], env)
    setup = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], setup)
    run([PYTHON, "manage.py", "load_demo_content", "-v0"], setup)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], setup)


def percentile_row(rows, name):
    row = next(r for r in rows if r["Name"] == name)
    maximum = float(row["Max Response Time"])
    return f"median {row['50%']} ms, p95 {row['95%']} ms, max {maximum:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="db_worker processes")
    parser.add_argument("--drain", type=int, default=300, help="seconds to wait for delivery")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database")
    args = parser.parse_args()

    hanging = HangingServer()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "LOADTEST": "1",
        "EMAIL_PORT": str(hanging.port),
        "EMAIL_TIMEOUT": "5",
        "OUTBOX_RETRY_DELAYS": "10,20,40,80,160,320,640",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    redis("stop")
    redis("start")
    if not args.skip_setup:
        prepare(env)
    count = "from engagement.models import Idea; print(Idea.objects.count())"
    ideas_before = int(shell(env, count))
    # Only this run's messages count (--skip-setup keeps the earlier runs').
    first_message = int(
        shell(
            env,
            "from django.db.models import Max; from outbox.models import OutgoingMessage as M; "
            "print(M.objects.aggregate(last=Max('pk'))['last'] or 0)",
        )
    )
    processes = [start_gunicorn(env, port=PORT, workers=4, threads=4)]
    for number in range(args.workers):
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--no-reload", "-v0"]
                + ["--worker-id", f"bench-{number}"],
                cwd=BASE_DIR,
                env=env,
                start_new_session=True,
            )
        )
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-mail-"))
    thanked_file = workdir / "thanked.txt"
    try:
        subprocess.run(
            [PYTHON, "-m", "locust", "-f", "bench/mail_locustfile.py", "--headless"]
            + ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s"]
            + ["--host", f"http://127.0.0.1:{PORT}", "--csv", str(workdir / "stats")]
            + ["--only-summary", "--loglevel", "WARNING"],
            cwd=BASE_DIR,
            env={**env, "LOADTEST_THANKED": str(thanked_file)},
            check=False,
        )
        outbox = (
            "from outbox.models import OutgoingMessage; "
            f"M = OutgoingMessage.objects.filter(pk__gt={first_message}); "
            "print(M.count(), M.filter(state='sent').count(), "
            "M.filter(state='failed').count(), M.filter(attempts__gt=1).count())"
        )
        stored, sent_during, _failed, _retried = map(int, shell(env, outbox).split())
        # The mail server comes back on the same port.
        hanging.stop()
        recorder = Recorder()
        controller = Controller(recorder, hostname="127.0.0.1", port=hanging.port)
        controller.start()
        back_at = time.monotonic()
        while time.monotonic() - back_at < args.drain:
            stored, sent, failed, retried = map(int, shell(env, outbox).split())
            if sent + failed >= stored:
                break
            time.sleep(2)
        drained_in = time.monotonic() - back_at
        controller.stop()
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
        redis("stop")

    thanked = [line for line in thanked_file.read_text().splitlines() if line]
    found = int(
        shell(
            env,
            "import sys; from engagement.models import Idea; "
            "titles = sys.stdin.read().split(chr(10)); "
            "print(Idea.objects.filter(title__in=titles).count())",
            stdin="\n".join(thanked),
        )
    )
    ideas_after = int(shell(env, count))
    with open(workdir / "stats_stats.csv") as stats_file:
        rows = list(csv.DictReader(stats_file))
    with open(workdir / "stats_failures.csv") as failures_file:
        failures = list(csv.DictReader(failures_file))
    server_errors = sum(int(f["Occurrences"]) for f in failures if "50" in f.get("Error", "")[:40])
    received, distinct = len(recorder.message_ids), len(set(recorder.message_ids))

    print(
        f"\n{args.users} residents, {args.seconds} s, mail server hanging (EMAIL_TIMEOUT 5 s); "
        f"gunicorn 4 workers x 4 threads, {args.workers} db_workers, PostgreSQL; "
        f"{os.cpu_count()} cores"
    )
    print(f"sending an idea: {percentile_row(rows, '/idejos/ (send)')}")
    print(f"GET /api/v1/ideas: {percentile_row(rows, '/api/v1/ideas')}")
    print(f"responses with a 5xx status: {server_errors}")
    for failure in failures:
        print(f"  {failure['Name']}: {failure['Error']} x{failure['Occurrences']}")
    print(
        f"ideas thanked: {len(thanked)}, of them stored: {found}; "
        f"stored during the run: {ideas_after - ideas_before}"
    )
    print(
        f"messages stored: {stored}; sent while the server hung: {sent_during}; after it came "
        f"back: sent {sent}, failed {failed}, in {drained_in:.0f} s; tried more than once: "
        f"{retried}"
    )
    print(f"messages received by the SMTP server: {received}, distinct Message-IDs: {distinct}")
    ok = (
        server_errors == 0
        and len(thanked) > 0
        and found == len(thanked)
        and sent == stored
        and received == distinct == stored
    )
    print("RESULT:", "every idea stored, every message delivered once" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
