"""
Counting queries as visitors meet them: after a change every cache is empty, so the budgets
are held with every cache emptied first (the shared cache and this process's copy of the
content version). Django's content-type cache is filled instead: it holds ids that never
change, and counting it would make a count depend on which test ran first.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal import ledger

# The site-wide budget of a public page or API list (cold), and of a repeated one (warm, the
# full-page cache off).
COLD_BUDGET = 12
WARM_BUDGET = 2


def empty_every_cache():
    cache.clear()
    ledger.forget_version()
    ContentType.objects.get_for_models(*apps.get_models())


def cold_queries(client, path, status=200) -> int:
    """The queries of one request of `path` with every cache empty.

    The path is requested once first: what a first view stores in the database for good (an
    image's renditions, a search's statistics row) is not a cache, and every later view finds
    it there.
    """
    client.get(path)
    empty_every_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    return len(queries)


def warm_queries(client, path, status=200) -> int:
    """The queries of a repeated request of `path`."""
    assert client.get(path).status_code == status, path
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == status, path
    return len(queries)


def assert_flat(client, paths, add_items, few=3, many=100):
    """Fails on an N+1: the cold count of every path is the same with `few` and `many` items.

    `add_items(count, start)` adds `count` more items numbered from `start`.
    """
    add_items(few, 0)
    counts_few = {path: cold_queries(client, path) for path in paths}
    add_items(many - few, few)
    counts_many = {path: cold_queries(client, path) for path in paths}
    assert counts_many == counts_few, {
        path: (counts_few[path], counts_many[path])
        for path in paths
        if counts_few[path] != counts_many[path]
    }
    return counts_few
