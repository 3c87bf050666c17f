"""Query budgets of every public page type and API list: at most 12 queries with every cache
empty, at most 2 repeated (the full-page cache off), and not growing with what they list
(tests/queries.py; the plugins' own query tests count the same way)."""

import pytest

from .factories.home import ContentPageFactory
from .queries import (
    COLD_BUDGET,
    WARM_BUDGET,
    assert_flat,
    cold_queries,
    warm_queries,
)

pytestmark = pytest.mark.django_db

# Kept for the plugins' query tests, which import it.
PAGE_QUERY_BUDGET = COLD_BUDGET

PAGES = [
    "/",  # home page
    "/en/",
    "/apie/",  # content page
    "/en/about/",
    "/apie/miesto-bendruomene/",  # content page below another
    "/strategija/",  # strategy page
    "/en/strategy/",
    "/dokumentai/",  # legal documents register
    "/en/documents/",
    "/kvietimai/",  # calls index
    "/en/calls/",
    "/kvietimai/2026-01-kaimynystes-iniciatyvos/",  # call page
    "/kvietimai/rss/",  # calls' feeds
    "/kvietimai/ics/",
    "/iniciatyvos/",  # initiatives index
    "/en/initiatives/",
    "/iniciatyvos/kartu-pokalbiai/",  # initiative page
    "/iniciatyvos/markers/",
    "/idejos/",  # ideas page and wall
    "/en/ideas/",
    "/idejos/1/",  # an idea's own page
    "/_util/login/",
    "/search/?q=bendruomene",  # search page
    "/sitemap.xml",
]
API_LISTS = [
    "/api/v1/pages",
    "/api/v1/calls",
    "/api/v1/initiatives",
    "/api/v1/ideas",
    "/api/v1/strategy",
    "/api/v1/search?q=bendruomene",
]


@pytest.mark.parametrize("path", PAGES + API_LISTS)
def test_every_page_type_and_api_list_stays_within_the_cold_budget(client, path):
    assert cold_queries(client, path) <= COLD_BUDGET


@pytest.mark.parametrize("endpoint", ["calls", "initiatives"])
def test_an_api_detail_stays_within_the_cold_budget(client, endpoint):
    from calls.models import CallPage
    from initiatives.models import InitiativePage

    model = {"calls": CallPage, "initiatives": InitiativePage}[endpoint]
    for page in model.objects.live().filter(locale__language_code="lt")[:2]:
        assert cold_queries(client, f"/api/v1/{endpoint}/{page.pk}") <= COLD_BUDGET


@pytest.mark.parametrize("path", PAGES)
def test_a_repeated_page_stays_within_the_warm_budget(client, path):
    assert warm_queries(client, path) <= WARM_BUDGET


def test_content_page_queries_do_not_grow_with_its_children(client, page_at):
    about = page_at("/apie/")

    def add_children(count, start):
        for n in range(start, start + count):
            ContentPageFactory(parent=about, slug=f"vaikas-{n}", title=f"Vaikas {n}")

    assert_flat(client, ["/apie/"], add_children, few=3, many=30)
    assert "Vaikas 29" in client.get("/apie/").content.decode()


def test_menu_queries_do_not_grow_with_the_number_of_sections(client, home_lt):
    def add_sections(count, start):
        for n in range(start, start + count):
            ContentPageFactory(
                parent=home_lt, slug=f"skyrius-{n}", title=f"Skyrius {n}", show_in_menus=True
            )

    assert_flat(client, ["/", "/apie/"], add_sections, few=3, many=20)
    assert "Skyrius 19" in client.get("/").content.decode()
