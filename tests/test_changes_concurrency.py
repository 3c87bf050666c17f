"""
The change feed's cursor under concurrent writers: a reader that pages through /api/v1/changes
while others publish sees every change exactly once.

On PostgreSQL two transactions can take ids 41 and 42 and commit 42 first; a reader between
the two commits would move its cursor past 41 for good. The ledger's advisory lock
(portal/ledger.py) makes ids commit in order; the first test publishes from three connections,
each holding its transaction open after writing its row, while a third pages through the feed
(`make test-postgres` runs it). SQLite gives the same guarantee by itself: the second test
shows that a second writer cannot write a ledger row while a first one's transaction is open.
Each test runs only on the database it is about, and says so when skipped.
"""

import random
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, connections, transaction
from django.test import Client

from portal.models import Change

ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture(scope="module", autouse=True)
def content_types_cached_afterwards(django_db_blocker):
    """These tests commit, and end with the database flushed, which empties Django's cache of
    content types too: fill it again for the tests that follow (as tests/test_outbox_smtp.py)."""
    yield
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())


def demo_home():
    """The Lithuanian home page; the demo content is loaded again if an earlier test with real
    commits flushed it."""
    from home.models import HomePage

    home = HomePage.objects.filter(locale__language_code="lt").first()
    if home is None:
        call_command("load_demo_content", verbosity=0, stdout=StringIO())
        home = HomePage.objects.get(locale__language_code="lt")
    return home


def latest_id():
    return Change.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.skipif(not ON_POSTGRESQL, reason="about PostgreSQL's sequences: make test-postgres")
@pytest.mark.django_db(transaction=True)
def test_a_reader_sees_every_change_once_while_three_connections_publish():
    from .factories.home import ContentPageFactory

    home = demo_home()
    per_writer, writer_count = 20, 3
    drafts = []
    for writer in range(writer_count):
        parent = ContentPageFactory(parent=home, slug=f"rasytojas-{writer}", title=f"R {writer}")
        drafts.append(
            [
                ContentPageFactory(
                    parent=parent, slug=f"p-{writer}-{n}", title=f"P {writer} {n}", live=False
                )
                for n in range(per_writer)
            ]
        )
    start = latest_id()
    errors = []
    writers_done = threading.Event()

    def publish(pages, seed):
        chance = random.Random(seed)
        try:
            for page in pages:
                with transaction.atomic():
                    page.save_revision().publish()
                    # The row and its id exist; the commit comes later, while the other
                    # connection publishes and the reader reads.
                    time.sleep(chance.uniform(0.005, 0.04))
        except Exception as error:  # noqa: BLE001 - any failure of a thread is reported below
            errors.append(error)
        finally:
            connections.close_all()

    seen = []

    def read():
        client = Client()
        after = start
        try:
            while True:
                done = writers_done.is_set()
                body = client.get(f"/api/v1/changes?after={after}&limit=5").json()
                ids = [item["id"] for item in body["results"]]
                seen.extend(ids)
                if ids:
                    after = ids[-1]
                elif done:
                    return
                time.sleep(0.002)
        except Exception as error:  # noqa: BLE001 - any failure of a thread is reported below
            errors.append(error)
        finally:
            connections.close_all()

    reader = threading.Thread(target=read)
    writers = [
        threading.Thread(target=publish, args=(pages, seed)) for seed, pages in enumerate(drafts)
    ]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    reader.join()

    assert errors == []
    committed = list(
        Change.objects.filter(id__gt=start).order_by("id").values_list("id", flat=True)
    )
    assert len(committed) == writer_count * per_writer
    assert len(seen) == len(set(seen)), "a change was read twice"
    assert sorted(seen) == seen
    assert set(committed) - set(seen) == set(), "the cursor skipped a change"
    assert seen == committed


@pytest.mark.skipif(ON_POSTGRESQL, reason="about SQLite's single writer")
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_no_ledger_row_can_be_written_while_another_writer_is_open():
    from portal.ledger import record_site_change

    demo_home()
    start = latest_id()
    holding = threading.Event()
    release = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                record_site_change()
                outcome["first"] = latest_id()
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def second():
        try:
            with transaction.atomic():
                record_site_change()
            outcome["second"] = "written"
        except OperationalError as error:
            outcome["second"] = f"refused: {error}"
        finally:
            connections.close_all()

    holder = threading.Thread(target=first)
    holder.start()
    assert holding.wait(10)
    other = threading.Thread(target=second)
    other.start()
    other.join(5)
    # While the first transaction is open, the second writer cannot write: it waits or is
    # refused, never committing an id the reader could see before the first's.
    assert outcome.get("second", "waiting") != "written"
    release.set()
    holder.join()
    other.join()
    record_site_change()  # once the first has committed, writing goes on
    ids = list(Change.objects.filter(id__gt=start).order_by("id").values_list("id", flat=True))
    assert ids[0] == outcome["first"]
    assert ids == sorted(ids)
