#!/usr/bin/env python
"""
Search benchmark (not a test): how fast is site search with a realistic amount of content?

For each database it builds a separate database from scratch (migrate, the demo content), adds
5 000 pages and 10 000 residents' ideas (engagement's Idea, 90 % of them published) of
Lithuanian and English text made from word lists, indexes them with `update_index`, then runs
a few hundred searches through `run_search` (what the search page and the API call) and
through the search page itself, and prints p50 / p95 latencies. The target is p95 under
100 ms on PostgreSQL on a 2-core machine.

    make bench-search                      # SQLite and PostgreSQL
    .venv/bin/python bench/search_benchmark.py --databases sqlite --pages 500 --ideas 1000

PostgreSQL: SEARCH_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/search_bench);
that database is dropped and created anew. SQLite: a file in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/search_bench"

# Word lists ------------------------------------------------------------------------------
# Lithuanian nouns in several cases, so the text is as inflected as the real thing.
LT_NOUNS = [
    "iniciatyva iniciatyvos iniciatyvai iniciatyvą iniciatyvų iniciatyvoms iniciatyvas",
    "gyventojas gyventojai gyventojų gyventojams gyventojus gyventojo",
    "bendruomenė bendruomenės bendruomenei bendruomenę bendruomenių bendruomenėms",
    "kvietimas kvietimai kvietimo kvietimų kvietimui kvietimą",
    "projektas projektai projekto projektų projektams projektą projektuose",
    "strategija strategijos strategijai strategiją strategijoje",
    "miestas miesto miestui mieste miestų miestams",
    "parkas parko parke parkų parkams parką",
    "dviračių takas dviračių takai dviračių tako dviračių takų",
    "žaidimų aikštelė žaidimų aikštelės žaidimų aikštelių žaidimų aikštelėje",
    "jaunimas jaunimo jaunimui jaunimą",
    "senjoras senjorai senjorų senjorams",
    "renginys renginiai renginio renginių renginiams renginyje",
    "kiemas kiemai kiemo kiemų kiemuose",
    "biblioteka bibliotekos bibliotekoje bibliotekų",
    "mokykla mokyklos mokyklai mokykloje mokyklų",
    "finansavimas finansavimo finansavimui finansavimą",
    "paraiška paraiškos paraiškų paraiškas paraiškoje",
    "savanoris savanoriai savanorių savanoriams",
    "sodas sodai sodo sodų soduose",
    "gatvė gatvės gatvių gatvėje gatvėms",
    "kultūra kultūros kultūrai kultūrą",
    "sveikata sveikatos sveikatai sveikatą",
    "aplinka aplinkos aplinkai aplinką",
    "turizmas turizmo turizmui turizmą",
    "kurortas kurorto kurorte kurortų",
    "krantinė krantinės krantinėje krantinių",
    "Nemunas Nemuno Nemunui Nemune",
    "Druskininkai Druskininkų Druskininkuose",
    "organizacija organizacijos organizacijų organizacijoms",
    "susitikimas susitikimai susitikimo susitikimų",
    "apklausa apklausos apklausoje apklausų",
    "dokumentas dokumentai dokumento dokumentų",
    "nuostatai nuostatų nuostatuose",
    "taryba tarybos tarybai taryboje",
]
LT_VERBS = [
    "kviečia",
    "siūlo",
    "remia",
    "finansuoja",
    "organizuoja",
    "atnaujina",
    "tvarko",
    "kuria",
    "skatina",
    "pristato",
    "aptarė",
    "įgyvendina",
    "planuoja",
    "renka",
    "sujungia",
    "moko",
]
LT_ADJECTIVES = [
    "naujas",
    "vietos",
    "viešųjų",
    "bendruomeninės",
    "žaliosios",
    "saugios",
    "jaunimo",
    "kultūrinės",
    "aktyvūs",
    "atviri",
    "mažieji",
    "socialinės",
    "patogios",
    "tvarios",
]
LT_GLUE = ["ir", "su", "dėl", "prie", "per", "be", "kartu", "taip pat", "šiais metais", "čia"]

EN_NOUNS = [
    "initiative initiatives",
    "resident residents",
    "community communities",
    "call calls",
    "project projects",
    "strategy strategies",
    "city cities",
    "park parks",
    "cycle path",
    "playground playgrounds",
    "youth",
    "senior seniors",
    "event events",
    "courtyard courtyards",
    "library libraries",
    "school schools",
    "funding",
    "application applications",
    "volunteer volunteers",
    "garden gardens",
    "street streets",
    "culture",
    "health",
    "environment",
    "tourism",
    "resort",
    "riverside",
    "Nemunas",
    "Druskininkai",
    "organisation",
    "meeting meetings",
    "survey surveys",
    "document documents",
    "council",
]
EN_VERBS = [
    "invites",
    "proposes",
    "supports",
    "funds",
    "organises",
    "renews",
    "tidies",
    "creates",
    "encourages",
    "presents",
    "discussed",
    "carries out",
    "plans",
    "collects",
    "connects",
]
EN_ADJECTIVES = [
    "new",
    "local",
    "public",
    "community",
    "green",
    "safe",
    "young",
    "cultural",
    "active",
    "open",
    "small",
    "social",
    "accessible",
    "sustainable",
]
EN_GLUE = ["and", "with", "for", "near", "through", "together", "this year", "here", "the"]

# What residents type: single words in other forms than the text, pairs, rare words, misses.
LT_QUERIES = [
    "iniciatyva",
    "iniciatyvų",
    "gyventojams",
    "bendruomenė",
    "kvietimas",
    "kvietimų",
    "projektai",
    "strategija",
    "parkas",
    "dviračių takai",
    "žaidimų aikštelė",
    "jaunimui",
    "senjorai",
    "renginiai",
    "kiemų tvarkymas",
    "biblioteka",
    "mokyklos",
    "finansavimas",
    "paraiška",
    "savanoriai",
    "sodų",
    "gatvės",
    "kultūra",
    "sveikata",
    "aplinkos",
    "turizmas",
    "kurortas",
    "krantinė",
    "Nemunas",
    "Druskininkai",
    "organizacijos",
    "susitikimas",
    "apklausa",
    "dokumentai",
    "nuostatai",
    "taryba",
    "žalios erdvės",
    "gyventojų iniciatyvos",
    "jaunimo renginiai",
    "vietos bendruomenė",
    "xyzzy",
    "kvietimai 2026",
]
EN_QUERIES = [
    "initiative",
    "residents",
    "community",
    "calls",
    "projects",
    "strategy",
    "parks",
    "cycle paths",
    "playground",
    "youth events",
    "seniors",
    "library",
    "schools",
    "funding",
    "applications",
    "volunteers",
    "gardens",
    "streets",
    "culture",
    "health",
    "environment",
    "tourism",
    "riverside",
    "Nemunas",
    "Druskininkai",
    "meetings",
    "survey",
    "documents",
    "council",
    "green spaces",
    "local community",
    "xyzzy",
]


def sentence(rng, language):
    if language == "lt":
        nouns = [rng.choice(entry.split(" ")) for entry in rng.sample(LT_NOUNS, 3)]
        verb, adjective, glue = rng.choice(LT_VERBS), rng.choice(LT_ADJECTIVES), LT_GLUE
    else:
        nouns = [rng.choice(entry.split(" ")) for entry in rng.sample(EN_NOUNS, 3)]
        verb, adjective, glue = rng.choice(EN_VERBS), rng.choice(EN_ADJECTIVES), EN_GLUE
    words = [nouns[0].capitalize(), verb, adjective, nouns[1], rng.choice(glue), nouns[2]]
    return " ".join(words) + "."


def paragraph(rng, language, sentences):
    return " ".join(sentence(rng, language) for _ in range(sentences))


def title(rng, language):
    nouns, adjectives = (LT_NOUNS, LT_ADJECTIVES) if language == "lt" else (EN_NOUNS, EN_ADJECTIVES)
    words = [rng.choice(adjectives), rng.choice(rng.choice(nouns).split(" "))]
    words.append(rng.choice(rng.choice(nouns).split(" ")))
    return " ".join(words).capitalize()


# One run, on one database, in its own process --------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(times_ms):
    return {
        "n": len(times_ms),
        "p50": round(statistics.median(times_ms), 1),
        "p95": round(percentile(times_ms, 0.95), 1),
        "max": round(max(times_ms), 1),
        "mean": round(statistics.mean(times_ms), 1),
    }


def run(database: str, pages: int, ideas: int, queries: int, seed: int) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.search_settings"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.db.models.signals import post_save
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from modelsearch.conf import get_app_config
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import Locale

    from engagement.models import Idea, IdeaStatus
    from home.models import ContentPage, HomePage
    from search.query import run_search

    rng = random.Random(seed)  # noqa: S311 - reproducible sample text, not a secret
    quiet = StringIO()  # what the commands print is not wanted here
    started = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_demo_content", verbosity=0, stdout=quiet)
    lt, en = Locale.objects.get(language_code="lt"), Locale.objects.get(language_code="en")
    homes = {"lt": HomePage.objects.get(locale=lt), "en": HomePage.objects.get(locale=en)}

    now = datetime.now(UTC)
    # Index once at the end, as `update_index` does, rather than once per saved object.
    post_save.disconnect(post_save_signal_handler, sender=ContentPage)
    fill_started = time.perf_counter()
    sections = {"lt": [], "en": []}
    for language, home in homes.items():
        for n in range(25):
            section = ContentPage(
                title=title(rng, language),
                slug=f"skyrius-{n}",
                locale=home.locale,
                intro=paragraph(rng, language, 2),
            )
            home.add_child(instance=section)
            sections[language].append(section)
    made = 50
    while made < pages:
        language = "lt" if rng.random() < 0.6 else "en"
        parent = rng.choice(sections[language])
        body = json.dumps([{"type": "paragraph", "value": f"<p>{paragraph(rng, language, 6)}</p>"}])
        page = ContentPage(
            title=title(rng, language),
            slug=f"puslapis-{made}",
            locale=parent.locale,
            intro=paragraph(rng, language, 2),
            body=body,
            first_published_at=now - timedelta(hours=made),
            last_published_at=now,
        )
        parent.add_child(instance=page)
        made += 1
    pages_seconds = time.perf_counter() - fill_started

    batch = []
    for n in range(ideas):
        language = "lt" if rng.random() < 0.7 else "en"
        batch.append(
            Idea(
                language=language,
                title=title(rng, language)[:150],
                description=paragraph(rng, language, rng.randint(2, 5))[:4000],
                status=IdeaStatus.PUBLISHED if rng.random() < 0.9 else IdeaStatus.NEW,
                consent_text="-",
                consented_at=now,
                created_at=now - timedelta(minutes=n),
                published_at=now - timedelta(minutes=n),
            )
        )
    # bulk_create sends no signals: update_index below indexes the published ones.
    Idea.objects.bulk_create(batch, batch_size=1000)
    index_started = time.perf_counter()
    call_command("update_index", verbosity=0, stdout=quiet)
    index_seconds = time.perf_counter() - index_started
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: the planner needs the new tables' statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    build_seconds = time.perf_counter() - started

    plan = []
    while len(plan) < queries:
        language = "lt" if rng.random() < 0.7 else "en"
        query = rng.choice(LT_QUERIES if language == "lt" else EN_QUERIES)
        page = 1 if rng.random() < 0.85 else rng.randint(2, 4)
        plan.append((language, query, page))

    for language, query, _ in plan[:20]:  # warm caches and the database's buffers
        run_search(query, language, limit=10)

    core_ms, counts, hits = [], [], []
    for language, query, page in plan:
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            outcome = run_search(query, language, limit=10, offset=(page - 1) * 10)
            core_ms.append((time.perf_counter() - t0) * 1000)
        counts.append(len(captured))
        hits.append(outcome.count)

    client = Client()
    page_ms = []
    for language, query, page in plan[: max(50, queries // 2)]:
        prefix = "" if language == "lt" else "/en"
        url = f"{prefix}/search/?q={quote(query)}" + (f"&page={page}" if page > 1 else "")
        t0 = time.perf_counter()
        response = client.get(url)
        page_ms.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    return {
        "database": database,
        "vendor": connection.vendor,
        "server": connection.pg_version if connection.vendor == "postgresql" else None,
        "pages": ContentPage.objects.count(),
        "ideas": Idea.objects.count(),
        "public_ideas": Idea.objects.public().count(),
        "index_entries": get_app_config().get_model("IndexEntry").objects.count(),
        "fill_pages_s": round(pages_seconds, 1),
        "update_index_s": round(index_seconds, 1),
        "build_s": round(build_seconds, 1),
        "run_search": summary(core_ms),
        "search_page": summary(page_ms),
        "queries_per_search": sorted(set(counts)),
        "median_matches": statistics.median(hits),
    }


# The driver -------------------------------------------------------------------------------


def prepare_postgres(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--ideas", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run:  # the child process: one database
        result = run(args.run, args.pages, args.ideas, args.queries, args.seed)
        print("RESULT " + json.dumps(result))
        return 0

    print(f"Search benchmark, {datetime.now():%Y-%m-%d %H:%M}, {machine()}")
    print(f"{args.pages} pages, {args.ideas} ideas, {args.queries} searches per database\n")
    results = []
    for database in [name.strip() for name in args.databases.split(",") if name.strip()]:
        env = {**os.environ}
        with tempfile.TemporaryDirectory() as tmp:
            if database == "postgres":
                url = os.environ.get("SEARCH_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
                prepare_postgres(url)
            else:
                url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env["SEARCH_BENCH_DATABASE_URL"] = url
            command = [
                sys.executable,
                __file__,
                "--run",
                database,
                "--pages",
                str(args.pages),
                "--ideas",
                str(args.ideas),
                "--queries",
                str(args.queries),
                "--seed",
                str(args.seed),
            ]
            print(f"[{database}] building and searching ...", flush=True)
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if database == "postgres" and not args.keep:
                drop_postgres(url)
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode or not lines:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            return 1
        results.append(json.loads(lines[-1][len("RESULT ") :]))

    header = f"{'database':<10} {'what':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    print("\n" + header + "\n" + "-" * len(header))
    for result in results:
        for what in ("run_search", "search_page"):
            s = result[what]
            print(
                f"{result['database']:<10} {what:<12} {s['n']:>4} {s['p50']:>8} {s['p95']:>8} "
                f"{s['max']:>8}"
            )
    print()
    for result in results:
        print(
            f"{result['database']}: {result['pages']} pages, {result['ideas']} ideas "
            f"({result['public_ideas']} public), "
            f"{result['index_entries']} index entries; "
            f"pages created in {result['fill_pages_s']} s, "
            f"update_index {result['update_index_s']} s; queries per search "
            f"{result['queries_per_search']}; median matches {result['median_matches']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
