"""The strategy's API: /api/v1/strategy and its lists."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from strategy.contributions import Contribution, indicator_contributors
from strategy.models import LegalDocumentKind, StepKind, StrategyPage

from .factories.strategy import (
    DocumentFactory,
    IndicatorFactory,
    LegalDocumentFactory,
    MeasureFactory,
    PreparationStepFactory,
)

pytestmark = pytest.mark.django_db


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content
    return response.json()


def queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_strategy_overview_has_figures_priorities_measures_and_indicators(client):
    data = get(client, "/api/v1/strategy?locale=lt")
    assert data["title"] == "Strategija"
    assert data["url"].endswith("/strategija/")
    figures = {f["key"]: f for f in data["key_figures"]}
    assert figures["survey_respondents"] == {
        "key": "survey_respondents",
        "label": "Apklausoje dalyvavę gyventojai",
        "value": 268,
    }
    assert figures["project_proposals"]["value"] == 18
    assert figures["steps"]["value"] == 7
    assert [p["code"] for p in data["priorities"]] == ["1", "2"]
    measures = data["priorities"][0]["measures"]
    assert [m["code"] for m in measures] == ["1.1", "1.2"]
    assert measures[1]["url"].endswith("/strategija/#measure-1-2")
    youth = measures[1]["indicators"][0]
    assert youth["target"] == "100.00"
    assert youth["achieved"] == "45.00"
    assert youth["percent_of_target"] == 45


def test_strategy_overview_in_english_shares_translation_keys(client):
    lt = get(client, "/api/v1/strategy?locale=lt")
    en = get(client, "/api/v1/strategy?locale=en")
    assert en["title"] == "Strategy"
    assert en["translation_key"] == lt["translation_key"]
    assert {f["label"] for f in en["key_figures"]} >= {"Residents surveyed"}
    assert en["priorities"][0]["title"] == "Example: An active and inclusive community"
    assert [p["translation_key"] for p in en["priorities"]] == [
        p["translation_key"] for p in lt["priorities"]
    ]


def test_measures_list_filters_by_priority_and_paginates(client):
    data = get(client, "/api/v1/strategy/measures?locale=en")
    assert data["count"] == 3
    assert [m["code"] for m in data["results"]] == ["1.1", "1.2", "2.1"]
    assert data["results"][2]["priority"]["code"] == "2"
    data = get(client, "/api/v1/strategy/measures?priority=2")
    assert [m["code"] for m in data["results"]] == ["2.1"]
    page = get(client, "/api/v1/strategy/measures?limit=2")
    assert len(page["results"]) == 2
    assert "offset=2" in page["next"]


def test_one_measure_by_code_and_missing_values_are_null(client):
    data = get(client, "/api/v1/strategy/measures/2.1?locale=lt")
    assert data["code"] == "2.1"
    services = data["indicators"][1]
    assert services["target"] is None
    assert services["achieved"] is None
    assert services["percent_of_target"] is None
    assert services["updated_on"] is None


@pytest.mark.parametrize(("locale", "message"), [("lt", "Nerasta."), ("en", "Not found.")])
def test_unknown_measure_answers_404_in_the_common_shape(client, locale, message):
    data = get(client, f"/api/v1/strategy/measures/9.9?locale={locale}", status=404)
    assert data == {"status": 404, "code": "not_found", "message": message, "details": None}


def test_measure_achieved_includes_contributions(client):
    indicator = IndicatorFactory(
        measure=MeasureFactory(code="9.4"), target=Decimal(50), achieved=Decimal(5)
    )

    def contribute(keys):
        return {indicator.translation_key: Contribution(Decimal(20), date(2026, 5, 1))}

    indicator_contributors.register("test-api", contribute)
    try:
        data = get(client, "/api/v1/strategy/measures/9.4")
    finally:
        indicator_contributors.unregister("test-api")
    (result,) = data["indicators"]
    assert result["achieved"] == "25.00"
    assert result["achieved_recorded"] == "5.00"
    assert result["achieved_contributed"] == "20.00"
    assert result["percent_of_target"] == 50
    assert result["updated_on"] == "2026-05-01"


def test_steps_in_order_with_kinds_counts_and_documents(client, lt):
    page = StrategyPage.objects.get(locale=lt)
    survey = page.steps.get(kind=StepKind.SURVEY)
    document = DocumentFactory(title="Apklausos santrauka")
    survey.documents = [("document", document)]
    survey.save()
    data = get(client, "/api/v1/strategy/steps?locale=lt")
    assert data["count"] == 7
    results = data["results"]
    assert results[4]["kind"] == "survey"
    assert results[4]["kind_label"] == "Apklausa"
    assert results[4]["participant_count"] == 268
    assert results[5]["participant_count"] == 18
    (attached,) = results[4]["documents"]
    assert attached["title"] == "Apklausos santrauka"
    assert attached["file_type"] == "pdf"
    assert attached["file_size"] == 2048
    english = get(client, "/api/v1/strategy/steps?locale=en")
    assert english["results"][4]["title"] == "We surveyed 268 residents"
    assert english["results"][4]["kind_label"] == "Survey"


def test_legal_documents_list_and_filter_by_kind(client):
    LegalDocumentFactory(kind=LegalDocumentKind.VVG, title="VVG įstatai")
    data = get(client, "/api/v1/strategy/legal-documents")
    assert data["count"] == 4
    assert [d["kind"] for d in data["results"]] == ["eu", "eu", "eu", "vvg"]
    cpr = data["results"][0]
    assert cpr["number"] == "2021/1060"
    assert cpr["adopted_on"] == "2021-06-24"
    assert cpr["official_url"] == "https://eur-lex.europa.eu/eli/reg/2021/1060/oj"
    assert cpr["document"] is None
    assert get(client, "/api/v1/strategy/legal-documents?kind=lt_act")["count"] == 0
    english = get(client, "/api/v1/strategy/legal-documents?locale=en&kind=eu")
    assert english["results"][0]["title"].startswith("Regulation (EU) 2021/1060")
    assert english["results"][0]["kind_label"] == "EU regulation or document"


def test_an_unknown_kind_is_a_400(client):
    data = get(client, "/api/v1/strategy/legal-documents?kind=statute", status=400)
    assert data["code"] == "invalid_request"


def test_openapi_describes_the_strategy_endpoints(client):
    paths = get(client, "/api/v1/openapi.json")["paths"]
    for path in (
        "/api/v1/strategy",
        "/api/v1/strategy/measures",
        "/api/v1/strategy/measures/{code}",
        "/api/v1/strategy/steps",
        "/api/v1/strategy/legal-documents",
    ):
        assert path in paths, path


# Query counts do not grow with the number of items --------------------------------------


def test_overview_and_measures_queries_do_not_grow_with_measures_and_indicators(client):
    paths = ["/api/v1/strategy", "/api/v1/strategy/measures?limit=100"]
    few = [queries(client, path) for path in paths]
    for n in range(12):
        measure = MeasureFactory(code=f"8.{n}")
        IndicatorFactory.create_batch(3, measure=measure)
    assert [queries(client, path) for path in paths] == few
    assert get(client, paths[1])["count"] == 15


def test_steps_queries_do_not_grow_with_steps_and_their_documents(client, lt):
    page = StrategyPage.objects.get(locale=lt)
    few = queries(client, "/api/v1/strategy/steps?limit=100")
    for _n in range(10):
        PreparationStepFactory(page=page, documents=[("document", DocumentFactory())])
    many = queries(client, "/api/v1/strategy/steps?limit=100")
    # One query more, for all the steps' documents at once, however many steps have them.
    assert many == few + 1
    for _n in range(10):
        PreparationStepFactory(page=page, documents=[("document", DocumentFactory())])
    assert queries(client, "/api/v1/strategy/steps?limit=100") == many


def test_legal_documents_queries_do_not_grow_with_entries(client):
    path = "/api/v1/strategy/legal-documents?limit=100"
    few = queries(client, path)
    for _n in range(15):
        LegalDocumentFactory(document=DocumentFactory())
    assert queries(client, path) == few


def test_a_restricted_strategy_page_is_not_in_the_api_until_the_restriction_goes(client):
    from wagtail.models import PageViewRestriction

    # The overview keeps its shape without a page to show (title and url null, no steps); the
    # priorities and measures are snippets of their own and stay.
    page = StrategyPage.objects.get(locale__language_code="lt")
    shown = get(client, "/api/v1/strategy?locale=lt")  # and in the cache
    assert shown["title"] == page.title and shown["intro"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    hidden = get(client, "/api/v1/strategy?locale=lt")
    assert (hidden["title"], hidden["url"], hidden["intro"]) == (None, None, "")

    def codes(data):
        return [[m["code"] for m in p["measures"]] for p in data["priorities"]]

    assert codes(hidden) == codes(shown) and codes(shown)[0]
    assert {m["url"] for p in hidden["priorities"] for m in p["measures"]} == {None}
    assert get(client, "/api/v1/strategy/steps?locale=lt")["count"] == 0
    assert get(client, "/api/v1/strategy?locale=en")["title"]  # its translation is not restricted
    restriction.delete()
    assert get(client, "/api/v1/strategy?locale=lt") == shown


def test_a_register_entry_has_an_id_and_its_own_address_in_either_language(client, en):
    entry = LegalDocumentFactory(title="VVG įstatai", adopted_on=date(2024, 2, 3))
    english = entry.copy_for_translation(en)
    english.title = "Articles of association of the VVG"
    english.save()
    listed = get(client, "/api/v1/strategy/legal-documents?kind=vvg")["results"]
    assert [item["id"] for item in listed] == [entry.pk]
    own = get(client, f"/api/v1/strategy/legal-documents/{entry.pk}")
    assert own == listed[0]
    # The id of either language's entry names it; the answer is in the language asked for.
    translated = get(client, f"/api/v1/strategy/legal-documents/{entry.pk}?locale=en")
    assert (translated["id"], translated["title"]) == (
        english.pk,
        "Articles of association of the VVG",
    )
    assert translated["translation_key"] == own["translation_key"]
    assert get(client, f"/api/v1/strategy/legal-documents/{english.pk}")["id"] == entry.pk
    get(client, f"/api/v1/strategy/legal-documents/{entry.pk + 1000}", status=404)
    # By year of adoption, as on the register's page.
    by_year = get(client, "/api/v1/strategy/legal-documents?year=2024")["results"]
    assert [item["id"] for item in by_year] == [entry.pk]
    assert get(client, "/api/v1/strategy/legal-documents?year=2021")["count"] == 3
