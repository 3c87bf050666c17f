"""The strategy's pages keep their query count whatever the number of steps, measures, documents."""

from datetime import date

import pytest

from strategy.models import StrategyPage

from .factories.strategy import (
    DocumentFactory,
    IndicatorFactory,
    LegalDocumentFactory,
    MeasureFactory,
    PreparationStepFactory,
)
from .queries import cold_queries
from .test_queries import PAGE_QUERY_BUDGET

pytestmark = pytest.mark.django_db


count_queries = cold_queries


@pytest.fixture
def strategy_lt(lt):
    return StrategyPage.objects.get(locale=lt)


@pytest.mark.parametrize(
    "path", ["/strategija/", "/en/strategy/", "/dokumentai/", "/en/documents/?kind=eu", "/"]
)
def test_strategy_pages_stay_within_the_budget(client, path):
    assert count_queries(client, path) <= PAGE_QUERY_BUDGET


def test_strategy_page_queries_do_not_grow_with_steps(client, strategy_lt):
    few = count_queries(client, "/strategija/")
    for n in range(12):
        PreparationStepFactory(page=strategy_lt, title=f"Papildomas žingsnis {n}")
    many = count_queries(client, "/strategija/")
    assert many == few
    assert "Papildomas žingsnis 11" in client.get("/strategija/").content.decode()


def test_step_documents_cost_one_query_for_all_steps(client, strategy_lt):
    PreparationStepFactory(page=strategy_lt, documents=[("document", DocumentFactory())])
    few = count_queries(client, "/strategija/")
    for _n in range(10):
        PreparationStepFactory(
            page=strategy_lt,
            documents=[("document", DocumentFactory()), ("document", DocumentFactory())],
        )
    assert count_queries(client, "/strategija/") == few
    assert few <= PAGE_QUERY_BUDGET


def test_strategy_page_queries_do_not_grow_with_measures_and_indicators(client):
    few = count_queries(client, "/strategija/")
    for n in range(10):
        measure = MeasureFactory(code=f"7.{n}", title=f"Papildomas uždavinys {n}")
        IndicatorFactory.create_batch(3, measure=measure)
    assert count_queries(client, "/strategija/") == few
    assert "Papildomas uždavinys 9" in client.get("/strategija/").content.decode()


def test_documents_page_queries_do_not_grow_with_entries(client):
    few = count_queries(client, "/dokumentai/")
    for n in range(60):
        LegalDocumentFactory(
            title=f"Papildomas dokumentas {n}",
            document=DocumentFactory(),
            adopted_on=date(2020 + n % 4, 1 + n % 12, 1),
        )
    assert count_queries(client, "/dokumentai/") == few
    for filtered in ("?kind=vvg", "?year=2021", "?kind=vvg&year=2022&page=2", "?page=3"):
        assert count_queries(client, f"/dokumentai/{filtered}") == few, filtered
    assert "Papildomas dokumentas 59" in client.get("/dokumentai/?kind=vvg").content.decode()


def test_home_page_section_queries_do_not_grow_with_steps(client, strategy_lt):
    few = count_queries(client, "/")
    for n in range(12):
        PreparationStepFactory(page=strategy_lt, title=f"Papildomas žingsnis {n}")
    assert count_queries(client, "/") == few
    assert "Papildomas žingsnis 11" in client.get("/").content.decode()
