"""Query budgets: fixed per page type, and not growing with what a page lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db

# The site-wide budget for an uncached public page (issue: at most 12 in either locale).
PAGE_QUERY_BUDGET = 12


def count_queries(client, path):
    client.get(path)  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/",
        "/apie/",
        "/en/about/",
        "/apie/miesto-bendruomene/",
        "/strategija/",
        "/en/calls/",
        "/iniciatyvos/",
        "/en/ideas/",
        "/dokumentai/",
    ],
)
def test_public_pages_stay_within_the_query_budget(client, django_assert_max_num_queries, path):
    client.get(path)
    with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
        assert client.get(path).status_code == 200


def test_content_page_queries_do_not_grow_with_its_children(client, page_at):
    about = page_at("/apie/")
    few = count_queries(client, "/apie/")
    for n in range(15):
        ContentPageFactory(parent=about, slug=f"vaikas-{n}", title=f"Vaikas {n}")
    many = count_queries(client, "/apie/")
    assert many == few
    assert "Vaikas 14" in client.get("/apie/").content.decode()


def test_menu_queries_do_not_grow_with_the_number_of_sections(client, home_lt):
    few = count_queries(client, "/")
    for n in range(10):
        ContentPageFactory(
            parent=home_lt, slug=f"skyrius-{n}", title=f"Skyrius {n}", show_in_menus=True
        )
    many = count_queries(client, "/")
    assert many == few
    assert "Skyrius 9" in client.get("/").content.decode()
