#!/usr/bin/env python
"""
How long one URL takes in-process, with the page cache off, on the benchmark's database:

    .venv/bin/python bench/profile_page.py /kvietimai/ [--requests 30] [--profile]

It reuses what `make bench` built (bench.settings, PostgreSQL `vvg_bench` and Redis), warms the
navigation cache with a few requests, then prints the mean milliseconds per request and the SQL
queries of one request; `--profile` adds a pyinstrument call tree of the same requests. Use it
to find where an uncached page spends its time before `make bench` measures it under load.
"""

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vvg_bench")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PORTAL_PAGE_CACHE = False
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(3):
        response = client.get(args.url)
        if response.status_code != 200:
            raise SystemExit(f"{args.url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(args.url)
    queries = len(captured)  # now: the next request empties the connection's log
    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(args.url)
    elapsed = (time.perf_counter() - started) * 1000 / args.requests
    print(f"{args.url}: {elapsed:.1f} ms per request, {queries} queries")
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            client.get(args.url)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
