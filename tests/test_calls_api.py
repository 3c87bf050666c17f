"""The calls API: /api/v1/calls and /api/v1/calls/{id}, in both languages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from calls.models import CallDocument, CallMeasure, CallPage

from .factories.calls import CallPageFactory, call_index, make_measure

pytestmark = pytest.mark.django_db


def demo_call(language, slug_part):
    return CallPage.objects.get(locale__language_code=language, slug__contains=slug_part)


def test_list_gives_the_calls_of_one_language_open_first(client):
    body = client.get("/api/v1/calls").json()
    assert body["count"] == 3
    assert [item["status"]["code"] for item in body["results"]] == [
        "open",
        "upcoming",
        "results_published",
    ]
    first = body["results"][0]
    assert first["locale"] == "lt"
    assert first["title"] == "Pavyzdys: Kaimynystės ir bendruomenės iniciatyvos"
    assert first["status"]["label"] == "Priimamos paraiškos"
    assert first["budget"] == {"amount": "60000.00", "currency": "EUR"}
    assert first["co_funding_rate"] == "95.00"
    assert first["url"] == "http://testserver/kvietimai/2026-01-kaimynystes-iniciatyvos/"
    assert first["ics_url"] == first["url"] + "ics/"
    assert first["closes_at"].endswith(("T16:00:00+02:00", "T16:00:00+03:00"))
    assert first["selection_method"] == {"code": "competition", "label": "Konkursas"}


def test_every_item_carries_its_translation_key_across_languages(client):
    lt = {item["translation_key"]: item for item in client.get("/api/v1/calls").json()["results"]}
    en = client.get("/api/v1/calls?locale=en").json()["results"]
    assert {item["translation_key"] for item in en} == set(lt)
    for item in en:
        assert item["locale"] == "en"
        assert item["status"]["code"] == lt[item["translation_key"]]["status"]["code"]
        assert item["title"].startswith("Example: ")


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("status=open", ["open"]),
        ("status=upcoming", ["upcoming"]),
        ("status=results_published", ["results_published"]),
        ("status=closed", []),
    ],
)
def test_list_filters_by_status(client, query, codes):
    body = client.get(f"/api/v1/calls?{query}").json()
    assert [item["status"]["code"] for item in body["results"]] == codes
    assert body["count"] == len(codes)


def test_list_filters_by_measure_and_year(client):
    measure = make_measure("4.2")
    call = demo_call("lt", "senjoru")
    call.measure_links = [CallMeasure(measure=measure)]
    call.save_revision().publish()
    body = client.get("/api/v1/calls?measure=4.2").json()
    assert [item["id"] for item in body["results"]] == [call.pk]
    assert body["results"][0]["measures"][0]["code"] == "4.2"
    year = timezone.localtime(call.opens_at).year
    body = client.get(f"/api/v1/calls?year={year}").json()
    assert call.pk in [item["id"] for item in body["results"]]
    assert all(item["year"] == year for item in body["results"])
    assert client.get("/api/v1/calls?year=1999").json()["count"] == 0


def test_list_rejects_an_unknown_status_with_the_shared_error_shape(client):
    response = client.get("/api/v1/calls?status=someday&locale=en")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


def test_list_is_paginated(client):
    index = call_index("lt")
    for n in range(5):
        CallPageFactory(parent=index, slug=f"puslapiuojamas-{n}")
    page = client.get("/api/v1/calls?limit=3").json()
    assert page["count"] == 8
    assert len(page["results"]) == 3
    assert page["previous"] is None
    assert "offset=3" in page["next"] and "limit=3" in page["next"]
    last = client.get("/api/v1/calls?limit=3&offset=6").json()
    assert len(last["results"]) == 2 and last["next"] is None
    ids = [item["id"] for item in page["results"]] + [item["id"] for item in last["results"]]
    assert len(set(ids)) == 5


def test_detail_has_conditions_questions_events_and_results(client):
    call = demo_call("lt", "senjoru")
    body = client.get(f"/api/v1/calls/{call.pk}").json()
    assert body["number"] == "DRU-VVG-2025-03"
    assert body["status"]["code"] == "results_published"
    assert body["intake"] == {
        "proposals_received": 9,
        "amount_requested": {"amount": "61234.56", "currency": "EUR"},
    }
    results = body["results"]
    assert [p["rank"] for p in results["funded"]] == [1, 2, 3, 4, 5]
    assert results["funded"][0] == {
        "rank": 1,
        "applicant": "Asociacija „Druskininkų senjorai“",
        "project_title": "Kartų pokalbiai",
        "score": "92.50",
        "amount": {"amount": "8000.00", "currency": "EUR"},
    }
    assert results["total_proposed"] == {"amount": "36650.00", "currency": "EUR"}
    assert len(results["reserve"]) == 1
    assert body["own_contribution_rate"] == "5.00"
    assert "<li>60 m. ir vyresni" in body["target_groups"]

    open_call = demo_call("lt", "kaimynystes")
    body = client.get(f"/api/v1/calls/{open_call.pk}").json()
    assert body["results"] is None
    assert body["results_published_at"] is None
    assert [e["title"] for e in body["events"]] == [
        "Informacinis renginys pareiškėjams",
        "Nuotolinė konsultacija dėl paraiškos pildymo",
    ]
    assert body["questions"][0]["question"].startswith("Ar gali teikti paraišką")
    assert body["questions"][0]["answer"].startswith("<p>Ne, pareiškėjas")
    assert body["contacts"][0]["email"] == "kvietimai@druskininkuvvg.example"
    assert [c["max_points"] for c in body["criteria"]] == [30, 40, 30]


def test_detail_lists_documents_with_url_type_and_size(client):
    call = demo_call("lt", "kaimynystes")
    document = Document.objects.create(
        title="Kvietimo sąlygos",
        file=ContentFile(b"%PDF-1.4 salygos", name="kvietimo-salygos.pdf"),
    )
    call.documents = [CallDocument(kind="conditions", document=document)]
    call.save_revision().publish()
    body = client.get(f"/api/v1/calls/{call.pk}").json()
    (item,) = body["documents"]
    assert item["kind"] == {"code": "conditions", "label": "Kvietimo sąlygos"}
    assert item["title"] == "Kvietimo sąlygos"
    assert item["document"]["file_type"] == "pdf"
    assert item["document"]["file_size"] == len(b"%PDF-1.4 salygos")
    assert item["document"]["url"].startswith("http://testserver/documents/")
    html = client.get(call.url).content.decode()
    assert "Kvietimo sąlygos</a>" in html


def test_detail_in_the_other_language_gives_the_translation(client):
    call = demo_call("lt", "senjoru")
    body = client.get(f"/api/v1/calls/{call.pk}?locale=en").json()
    assert body["locale"] == "en"
    assert body["id"] != call.pk
    assert body["translation_key"] == str(call.translation_key)
    assert body["title"] == "Example: Social inclusion of seniors"
    assert body["status"]["label"] == "Results published"
    assert body["results"]["funded"][0]["project_title"] == "Conversations between generations"


def test_detail_of_a_missing_or_unpublished_call_is_404(client):
    assert client.get("/api/v1/calls/999999").status_code == 404
    call = CallPageFactory(parent=call_index("lt"), slug="juodrastis")
    call.unpublish()
    response = client.get(f"/api/v1/calls/{call.pk}?locale=en")
    assert response.status_code == 404
    assert response.json()["message"] == "Not found."


def test_openapi_documents_the_calls_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calls" in schema["paths"]
    assert "/api/v1/calls/{call_id}" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/calls"]["get"]["parameters"]}
    assert {"locale", "status", "measure", "year", "limit", "offset"} <= parameters


def test_money_stays_exact(client):
    call = CallPageFactory(
        parent=call_index("lt"),
        slug="tikslus",
        budget=Decimal("0.10") + Decimal("0.20"),
        max_grant=Decimal("0.30"),
        min_grant=None,
        opens_at=timezone.now() - timedelta(days=1),
    )
    body = client.get(f"/api/v1/calls/{call.pk}").json()
    assert body["budget"] == {"amount": "0.30", "currency": "EUR"}
    assert body["min_grant"] is None
