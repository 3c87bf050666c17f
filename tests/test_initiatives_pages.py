"""Initiative pages in both languages, filters, the summary, open data (CSV and API), the
home page, indicator contributions and "You said, we did"."""

import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from engagement.models import Idea
from initiatives.models import (
    IndicatorContribution,
    InitiativeDocument,
    InitiativeMeasure,
    InitiativePage,
    ProgressUpdate,
)
from initiatives.opendata import COLUMN_CODES
from strategy.models import Indicator, Measure

from .factories.initiatives import InitiativePageFactory, initiative_index

pytestmark = pytest.mark.django_db

EXAMPLE_LT = "/iniciatyvos/kartu-pokalbiai/"
EXAMPLE_EN = "/en/initiatives/conversations-between-generations/"


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# Pages ----------------------------------------------------------------------------------------


def test_index_lists_initiatives_with_status_and_progress_in_both_languages(client):
    html = html_of(client, "/iniciatyvos/")
    assert "4 iniciatyvos" in html
    assert "Pavyzdys: Kartų pokalbiai" in html
    # Progress is text first; the bar repeats it for sighted readers only.
    assert "Pažanga: 40 %" in html
    assert (
        '<progress class="initiative-progress__bar" max="100" value="40" aria-hidden="true">'
        in html
    )
    assert "Įgyvendinta" in html and "Planuojama" in html
    english = html_of(client, "/en/initiatives/")
    assert "4 initiatives" in english
    assert "Example: Conversations between generations" in english
    assert "Progress: 100 %" in english  # the completed one


def test_map_is_an_enhancement_with_its_data_in_json(client, settings):
    html = html_of(client, "/iniciatyvos/")
    assert 'id="initiative-map"' in html and " hidden>" in html
    assert 'data-markers="/iniciatyvos/markers/"' in html
    assert "initiatives/map.js" in html and "vendor/leaflet/leaflet.js" in html
    assert "<script>" not in html  # nothing inline to run
    response = client.get("/iniciatyvos/markers/")
    assert response["Content-Type"].startswith("application/json")
    markers = response.json()
    # Three of the four examples have coordinates.
    assert len(markers) == 3
    assert {"title", "url", "lat", "lng", "status"} <= set(markers[0])
    assert "/iniciatyvos/kartu-pokalbiai/" in [marker["url"] for marker in markers]
    # The markers follow the list's filters, and the list page says where they are.
    filtered = html_of(client, "/iniciatyvos/?status=completed")
    assert 'data-markers="/iniciatyvos/markers/?status=completed"' in filtered
    completed = client.get("/iniciatyvos/markers/?status=completed").json()
    assert 0 < len(completed) < 3 and {m["status"] for m in completed} == {"Įgyvendinta"}
    assert client.get("/en/initiatives/markers/").json()[0]["url"].startswith("/en/initiatives/")
    settings.MAP_TILE_URL = ""
    html = html_of(client, "/iniciatyvos/?status=in_progress")
    assert "initiative-map" not in html and "leaflet" not in html
    assert "Pavyzdys: Kartų pokalbiai" in html


def test_filters_by_status_call_measure_and_year(client, lt):
    call = InitiativePage.objects.get(slug="kartu-pokalbiai").call
    new = InitiativePageFactory(
        parent=initiative_index(),
        title="Senas projektas",
        starts_on=date(2019, 5, 1),
        status="cancelled",
    )
    new.measure_links = [InitiativeMeasure(measure=Measure.objects.get(locale=lt, code="1.2"))]
    new.save_revision().publish()

    def listed(query):
        html = html_of(client, "/iniciatyvos/" + query)
        return {p.title for p in InitiativePage.objects.filter(locale=lt) if p.title in html}

    every = listed("")
    assert len(every) == 5
    assert listed("?status=cancelled") == {"Senas projektas"}
    assert listed("?status=completed") == {"Pavyzdys: Skaitmeninis raštingumas senjorams"}
    assert listed(f"?call={call.pk}") == every - {"Senas projektas"}
    assert listed("?measure=1.2") == {"Senas projektas"}
    assert listed("?measure=1.1") == {"Pavyzdys: Kartų pokalbiai"}
    assert listed("?year=2019") == {"Senas projektas"}
    assert listed("?status=cancelled&year=2020") == set()
    # Unknown values are ignored rather than an error.
    assert listed("?status=nope&call=x&year=19") == every
    html = html_of(client, "/iniciatyvos/?status=cancelled&year=2020")
    assert "Pagal šiuos filtrus iniciatyvų nerasta." in html
    # The filter form offers what exists.
    html = html_of(client, "/iniciatyvos/")
    assert '<option value="2019">2019</option>' in html
    assert f'<option value="{call.pk}">' in html


def test_pagination_keeps_the_filters(client):
    for n in range(13):
        InitiativePageFactory(parent=initiative_index(), status="completed", slug=f"p-{n}")
    html = html_of(client, "/iniciatyvos/?status=completed")
    assert "14 iniciatyvų" in html
    assert 'href="?status=completed&amp;page=2"' in html
    assert "2 puslapis iš 2" in html_of(client, "/iniciatyvos/?status=completed&page=2")


def test_cached_list_cards_and_map_follow_every_change(client):
    # The ids, the cards and the map's markers are cached: a change shows at once.
    assert "4 iniciatyvos" in html_of(client, "/iniciatyvos/")
    page = InitiativePage.objects.get(slug="kartu-pokalbiai")
    page.title = "Kartų pokalbiai tęsiasi"
    page.status = "completed"
    page.save_revision().publish()
    html = html_of(client, "/iniciatyvos/")
    assert "Kartų pokalbiai tęsiasi" in html and "Pavyzdys: Kartų pokalbiai" not in html
    markers = client.get("/iniciatyvos/markers/").json()
    assert "Kartų pokalbiai tęsiasi" in [marker["title"] for marker in markers]
    assert "Pažanga: 100 %" in html
    page.unpublish()
    html = html_of(client, "/iniciatyvos/")
    assert "3 iniciatyvos" in html
    assert "kartu-pokalbiai" not in html
    # The other language keeps its own cards.
    assert "Example: Conversations between generations" in html_of(client, "/en/initiatives/")


def test_initiative_page_shows_facts_timeline_photos_and_chain(client):
    html = html_of(client, EXAMPLE_LT)
    assert "Asociacija „Druskininkų senjorai“" in html
    assert "8\xa0000,00\xa0€" in html and "8\xa0421,05\xa0€" in html and "421,05\xa0€" in html
    assert "(dotacija padengia 95\xa0%)" in html
    assert 'href="/kvietimai/2025-03-senjoru-itrauktis/"' in html
    assert 'href="/strategija/#measure-2-1"' in html
    # The timeline, latest first, each date in a <time> element.
    first = html.index("Įvyko pirmasis susitikimas")
    assert first < html.index("Pasirašyta finansavimo sutartis")
    assert "Nurodyta pažanga: 40 %" in html
    # Photos as responsive pictures with alt text.
    assert html.count("<picture>") == 2
    assert 'alt="Piešta iliustracija: namas prie kalvos saulėtą dieną."' in html
    # "You said, we did": idea -> measure -> call -> initiative.
    chain = html[html.index('class="initiative-chain"') :]
    chain = chain[: chain.index("</ol>")]
    positions = [
        chain.index("Kaimynų šventė kiekviename mikrorajone"),
        chain.index("#measure-2-1"),
        chain.index("Pavyzdys: Senjorų socialinė įtrauktis"),
        chain.index('aria-current="page"'),
    ]
    assert positions == sorted(positions)
    idea = Idea.objects.get(title="Kaimynų šventė kiekviename mikrorajone")
    assert f'href="/idejos/#idea-{idea.pk}"' in chain
    english = html_of(client, EXAMPLE_EN)
    assert "You said, we did" in english and "(the grant covers 95%)" in english
    assert 'href="/en/calls/2025-03-seniors-inclusion/"' in english
    assert 'href="/en/strategy/#measure-2-1"' in english
    assert "The first meeting took place" in english


def test_documents_show_their_type_and_size(client):
    document = get_document_model()(title="Ataskaita")
    document.file.save("ataskaita.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2000), save=False)
    document.save()
    page = InitiativePage.objects.get(slug="kartu-pokalbiai")
    page.documents = [InitiativeDocument(kind="report", document=document)]
    page.save_revision().publish()
    html = html_of(client, EXAMPLE_LT)
    assert '>Ataskaita</a> <span class="meta">(Ataskaita, PDF, 2,0' in html


def test_the_page_works_without_the_ideas_plugin(client, monkeypatch):
    monkeypatch.setattr("initiatives.ideas.engagement_installed", lambda: False)
    html = html_of(client, EXAMPLE_LT)
    assert "Jūs pasiūlėte – mes padarėme" not in html
    assert "Pavyzdys: Kartų pokalbiai" in html


def test_ideas_wall_shows_what_grew_out_of_the_idea(client):
    html = html_of(client, "/idejos/")
    idea = Idea.objects.get(title="Kaimynų šventė kiekviename mikrorajone")
    item = html[html.index(f'id="idea-{idea.pk}"') :]
    assert 'href="/iniciatyvos/kartu-pokalbiai/"' in item[: item.index("</li>")]
    english = html_of(client, "/en/ideas/")
    item = english[english.index(f'id="idea-{idea.pk}"') :]
    assert (
        'href="/en/initiatives/conversations-between-generations/"' in item[: item.index("</li>")]
    )


def test_home_page_shows_the_latest_updates(client):
    html = html_of(client, "/")
    section = html[html.index('id="home-initiatives-heading"') :]
    assert "Įgyvendinta" not in section  # updates, not statuses
    assert section.index("Įvyko pirmasis susitikimas") < section.index("Įvyko pirmosios keturios")
    assert "Kursai baigti" in section  # three days ago: the newest
    assert section.index("Kursai baigti") < section.index("Įvyko pirmasis susitikimas")
    assert "The courses are over" in html_of(client, "/en/")


def test_home_page_shows_a_published_update_at_once(client):
    client.get("/")
    page = InitiativePage.objects.get(slug="kartu-pokalbiai")
    page.progress_updates.add(ProgressUpdate(date=date.today(), text="Šiandienos naujiena"))
    page.save_revision().publish()
    html = html_of(client, "/")
    section = html[html.index('id="home-initiatives-heading"') :]
    assert section.index("Šiandienos naujiena") < section.index("Kursai baigti")


# Indicator contributions ------------------------------------------------------------------


def test_contributions_reach_the_strategy_page_once_per_translation(client):
    # Recorded 12 and the three examples' 18 + 27 + 15: 72 of the target 80 (90 %).
    assert "72 iš 80 žmonės (90 %)" in html_of(client, "/strategija/")
    assert "72 of 80 people (90 %)" in html_of(client, "/en/strategy/")


def test_unpublished_initiatives_do_not_count(client):
    for slug in ("skaitmeninis-rastingumas-senjorams", "digital-skills-for-seniors"):
        InitiativePage.objects.get(slug=slug).unpublish()
    assert "45 iš 80 žmonės (56 %)" in html_of(client, "/strategija/")


def test_contributions_follow_a_change_once_cached(client):
    assert "72 iš 80 žmonės (90 %)" in html_of(client, "/strategija/")
    for slug in ("skaitmeninis-rastingumas-senjorams", "digital-skills-for-seniors"):
        InitiativePage.objects.get(slug=slug).unpublish()
    assert "45 iš 80 žmonės (56 %)" in html_of(client, "/strategija/")


def test_a_new_contribution_adds_to_the_indicator(client, lt):
    indicator = Indicator.objects.get(locale=lt, name="Įgyvendintos bendruomenės iniciatyvos")
    page = InitiativePageFactory(parent=initiative_index())
    page.contributions = [IndicatorContribution(indicator=indicator, amount=Decimal("2"))]
    page.progress_updates = [ProgressUpdate(date=date(2025, 6, 2), text="Baigta")]
    page.save_revision().publish()
    assert "8 iš 20 iniciatyvos (40 %)" in html_of(client, "/strategija/")


# Transparency summary -----------------------------------------------------------------------


@pytest.fixture
def more_initiatives(lt):
    m11, m12 = (Measure.objects.get(locale=lt, code=c) for c in ("1.1", "1.2"))
    specs = [
        ("in_progress", "1234.56", "2000.00", date(2024, 2, 1), [m11, m12]),
        ("completed", "500.10", "600.00", date(2023, 7, 1), [m12]),
        ("cancelled", "9999.99", "9999.99", date(2024, 3, 1), [m11]),
        ("planned", "0.33", "1.00", date(2024, 12, 31), []),
    ]
    for status, grant, total, starts_on, measures in specs:
        page = InitiativePageFactory(
            parent=initiative_index(),
            status=status,
            grant=Decimal(grant),
            total_value=Decimal(total),
            starts_on=starts_on,
            ends_on=starts_on,
        )
        page.measure_links = [
            InitiativeMeasure(measure=m, sort_order=n) for n, m in enumerate(measures)
        ]
        page.save_revision().publish()


def test_summary_totals_match_sums_computed_here(more_initiatives, lt):
    from initiatives.summary import money_summary

    pages = list(InitiativePage.objects.live().filter(locale=lt))
    funded = [p for p in pages if p.status != "cancelled"]
    summary = money_summary(lt)
    assert summary.count == len(funded) == 7
    assert summary.grant == sum(p.grant for p in funded)
    assert summary.total_value == sum(p.total_value for p in funded)
    by_year = defaultdict(Decimal)
    by_call = defaultdict(Decimal)
    by_measure = defaultdict(Decimal)
    for page in funded:
        by_year[str(page.starts_on.year)] += page.grant
        by_call[page.call.title if page.call else ""] += page.grant
        for link in page.measure_links.all():
            by_measure[link.measure.code] += page.grant
    assert {row.label: row.grant for row in summary.by_year} == by_year
    assert {row.label: row.grant for row in summary.by_call} == by_call
    assert {row.code: row.grant for row in summary.by_measure} == by_measure
    assert [row.label for row in summary.by_year] == sorted(by_year, reverse=True)
    statuses = Counter(p.status for p in pages)
    assert {value: count for value, _label, count in summary.by_status} == {
        "planned": statuses["planned"],
        "in_progress": statuses["in_progress"],
        "completed": statuses["completed"],
        "cancelled": statuses["cancelled"],
    }


def test_summary_page_in_both_languages(client, more_initiatives):
    html = html_of(client, "/iniciatyvos/suvestine/")
    assert "Kur panaudotos lėšos" in html
    assert "Pasiekti strategijos rodikliai" in html and "72 iš 80 žmonės (90 %)" in html
    english = html_of(client, "/en/initiatives/summary/")
    assert "Granted by call" in english and "Granted by strategy measure" in english
    assert "Example: Social inclusion of seniors" in english


# Open data: CSV -----------------------------------------------------------------------------


def parse_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_matches_the_data_and_reads_back(client, more_initiatives, lt):
    rows = parse_csv(client.get("/iniciatyvos/csv/"))
    header, records = rows[0], rows[1:]
    assert header[:3] == ["Veiksmo identifikatorius", "Projekto Nr.", "Projekto vykdytojas"]
    assert len(header) == len(COLUMN_CODES)
    pages = {str(p.translation_key): p for p in InitiativePage.objects.live().filter(locale=lt)}
    assert len(records) == len(pages) == 8
    for record in records:
        row = dict(zip(COLUMN_CODES, record, strict=True))
        page = pages[row["operation_id"]]
        assert row["beneficiary"] == page.beneficiary
        assert row["operation_name"] == page.title
        assert row["purpose"] == page.intro
        assert row["status"] == page.status
        assert date.fromisoformat(row["start_date"]) == page.starts_on
        assert date.fromisoformat(row["end_date"]) == page.ends_on
        assert Decimal(row["grant_eur"]) == page.grant
        assert Decimal(row["total_cost_eur"]) == page.total_value
        assert Decimal(row["co_funding_eur"]) == page.total_value - page.grant
        assert Decimal(row["co_financing_rate_percent"]) == (
            page.grant * 100 / page.total_value
        ).quantize(Decimal("0.01"))
        assert row["measure_codes"] == "; ".join(
            link.measure.code for link in page.measure_links.order_by("sort_order", "pk")
        )
        assert row["call_number"] == (page.call.call_number if page.call else "")
        assert row["progress_percent"] == ("" if page.progress is None else str(page.progress))
        assert row["url"] == f"http://testserver/iniciatyvos/{page.slug}/"
    example = next(r for r in records if r[4] == "Pavyzdys: Kartų pokalbiai")
    assert dict(zip(COLUMN_CODES, example, strict=True))["latitude"] == "54.016200"


def test_csv_in_english_follows_the_filters(client, more_initiatives):
    rows = parse_csv(client.get("/en/initiatives/csv/?status=completed"))
    assert rows[0][:3] == ["Operation identifier", "Project number", "Beneficiary"]
    assert [row[4] for row in rows[1:]] == ["Example: Digital skills for seniors"]
    assert rows[1][COLUMN_CODES.index("grant_eur")] == "7450.00"


# Open data: API -----------------------------------------------------------------------------


def test_api_lists_initiatives_with_filters(client, more_initiatives, lt):
    data = client.get("/api/v1/initiatives?limit=100").json()
    assert data["count"] == 8
    item = next(i for i in data["results"] if i["operation_name"] == "Pavyzdys: Kartų pokalbiai")
    assert item["grant"] == {"amount": "8000.00", "currency": "EUR"}
    assert item["total_cost"] == {"amount": "8421.05", "currency": "EUR"}
    assert item["co_funding"]["amount"] == "421.05"
    assert item["co_funding_rate"] == "95.00"
    assert item["progress_percent"] == 40
    assert item["status"] == {"code": "in_progress", "label": "Vykdoma"}
    assert item["location"]["latitude"] == "54.016200"
    assert [m["code"] for m in item["measures"]] == ["2.1", "1.1"]
    assert item["call"]["url"] == "http://testserver/kvietimai/2025-03-senjoru-itrauktis/"
    call_id = item["call"]["id"]
    assert client.get(f"/api/v1/initiatives?call={call_id}").json()["count"] == 4
    assert client.get("/api/v1/initiatives?status=cancelled").json()["count"] == 1
    assert client.get("/api/v1/initiatives?measure=1.2").json()["count"] == 2
    assert client.get("/api/v1/initiatives?year=2023").json()["count"] == 1
    assert client.get("/api/v1/initiatives?status=unknown").status_code == 400
    english = client.get("/api/v1/initiatives?locale=en").json()
    assert english["count"] == 4
    assert {i["status"]["label"] for i in english["results"]} >= {"In progress", "Completed"}


def test_api_detail_in_either_language(client):
    page = InitiativePage.objects.get(slug="kartu-pokalbiai")
    data = client.get(f"/api/v1/initiatives/{page.pk}").json()
    assert [u["progress_percent"] for u in data["progress_updates"]] == [40, 10]
    photo = data["progress_updates"][0]["photos"][0]
    assert photo["url"].startswith("http") and photo["width"] > 0 and photo["alt"]
    assert data["gallery"][0]["caption"] == "Pirmasis kartų susitikimas"
    assert data["indicator_contributions"][0]["amount"] == "18.00" or Decimal(
        data["indicator_contributions"][0]["amount"]
    ) == Decimal("18")
    assert data["ideas"][0]["title"] == "Kaimynų šventė kiekviename mikrorajone"
    english = client.get(f"/api/v1/initiatives/{page.pk}?locale=en").json()
    assert english["operation_name"] == "Example: Conversations between generations"
    assert english["translation_key"] == data["translation_key"]
    assert client.get("/api/v1/initiatives/999999").status_code == 404
    page.unpublish()
    assert client.get(f"/api/v1/initiatives/{page.pk}").status_code == 404


def test_the_api_and_csv_give_the_same_figures(client):
    rows = parse_csv(client.get("/iniciatyvos/csv/"))[1:]
    csv_grants = {r[0]: r[COLUMN_CODES.index("grant_eur")] for r in rows}
    api = client.get("/api/v1/initiatives?limit=100").json()["results"]
    assert {str(i["translation_key"]): i["grant"]["amount"] for i in api} == csv_grants


def test_recent_updates_keep_the_latest_figure(client):
    page = InitiativePage.objects.get(slug="judejimo-grupes-parkuose")
    page.progress_updates.add(
        ProgressUpdate(date=date.today() - timedelta(days=1), text="Be skaičiaus")
    )
    page.save_revision().publish()
    assert "Pažanga: 25 %" in html_of(client, "/iniciatyvos/judejimo-grupes-parkuose/")


def test_sitemap_lists_the_summary_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/iniciatyvos/suvestine/</loc>" in xml
    assert "/en/initiatives/summary/</loc>" in xml


def test_the_policy_lets_the_map_load_tiles_from_the_tile_host_only(client):
    from django.conf import settings

    policy = client.get("/iniciatyvos/")["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert settings.MAP_TILE_ORIGINS == ["https://tile.openstreetmap.org"]
    assert "https://tile.openstreetmap.org" in img_src.split()
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "tile.openstreetmap.org" not in script_src


@pytest.mark.parametrize(
    ("language", "file_path", "header"),
    [
        ("lt", "/iniciatyvos/csv/", "Projekto vykdytojas"),
        ("en", "/en/initiatives/csv/", "Beneficiary"),
    ],
)
def test_the_api_describes_and_links_the_open_data(client, language, file_path, header):
    datasets = client.get(f"/api/v1/open-data?locale={language}").json()
    initiatives = next(item for item in datasets if item["key"] == "initiatives")
    assert initiatives["url"] == f"http://testserver{file_path}"
    assert initiatives["media_type"] == "text/csv"
    assert initiatives["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert [column["code"] for column in initiatives["columns"]] == COLUMN_CODES
    # The columns as described are the file's header row, in the same language.
    rows = parse_csv(client.get(file_path))
    assert [column["header"] for column in initiatives["columns"]] == rows[0]
    assert header in rows[0]
