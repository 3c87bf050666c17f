"""The calls index, the call page and the home section, in both languages."""

import json
import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from calls.formatting import format_money, format_number, format_percent
from calls.models import CallEvent, CallMeasure, CallPage
from calls.status import CallStatus

from .factories.calls import CallPageFactory, call_index, make_measure

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def now():
    return timezone.now()


def card_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def no_demo_calls():
    """A calls page without the demo's example calls."""
    for call in CallPage.objects.all():
        call.delete()


@pytest.fixture
def three_calls(no_demo_calls):
    index = call_index("lt")
    return {
        "open": CallPageFactory(parent=index, title="Atviras", slug="atviras"),
        "soon": CallPageFactory(
            parent=index,
            title="Baigiasi",
            slug="baigiasi",
            closes_at=now() + timedelta(days=2),
        ),
        "upcoming": CallPageFactory(
            parent=index,
            title="Busimas",
            slug="busimas",
            opens_at=now() + timedelta(days=5),
            closes_at=now() + timedelta(days=40),
            co_funding_rate=Decimal("92.50"),
        ),
        "closed": CallPageFactory(
            parent=index,
            title="Uzdarytas",
            slug="uzdarytas",
            opens_at=now() - timedelta(days=400),
            closes_at=now() - timedelta(days=300),
        ),
    }


# Money and per cents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "lt", "en"),
    [
        (Decimal("1234.56"), f"1{NBSP}234,56{NBSP}€", "€1,234.56"),
        (Decimal("60000"), f"60{NBSP}000,00{NBSP}€", "€60,000.00"),
        (Decimal("0.5"), f"0,50{NBSP}€", "€0.50"),
        (Decimal("1234567.8"), f"1{NBSP}234{NBSP}567,80{NBSP}€", "€1,234,567.80"),
    ],
)
def test_money_in_each_language(amount, lt, en):
    assert format_money(amount, "lt") == lt
    assert format_money(amount, "en") == en


def test_per_cents_and_scores_in_each_language():
    assert format_percent(Decimal("95.00"), "lt") == f"95{NBSP}%"
    assert format_percent(Decimal("92.50"), "lt") == f"92,5{NBSP}%"
    assert format_percent(Decimal("92.50"), "en") == "92.5%"
    assert format_number(Decimal("87.50"), "lt") == "87,5"
    assert format_money(None) == format_percent(None) == ""


def test_call_page_shows_money_in_the_pages_language(client, three_calls):
    html = client.get("/kvietimai/busimas/").content.decode()
    assert f"50{NBSP}000,00{NBSP}€" in html
    assert f"5{NBSP}000,00{NBSP}€" in html
    assert f"92,5{NBSP}%" in html


def test_english_demo_call_shows_money_in_english(client):
    html = client.get("/en/calls/2025-03-seniors-inclusion/").content.decode()
    assert "€40,000.00" in html
    assert "€61,234.56" in html  # the amount requested
    assert "€8,000.00" in html


# The index ---------------------------------------------------------------------------


def test_index_lists_open_calls_first_then_upcoming_then_past(client, three_calls):
    html = client.get("/kvietimai/").content.decode()
    assert card_titles(html) == ["Baigiasi", "Atviras", "Busimas", "Uzdarytas"]
    assert "4 kvietimai" in html
    assert 'call-status--closing_soon">Netrukus baigsis<' in html
    assert 'call-status--upcoming">Netrukus prasidės<' in html
    assert "Liko 2 dienos" in html or "Liko 1 diena" in html  # the countdown


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("status=open", ["Baigiasi", "Atviras"]),
        ("status=closing_soon", ["Baigiasi"]),
        ("status=upcoming", ["Busimas"]),
        ("status=closed", ["Uzdarytas"]),
        ("status=results_published", []),
        ("status=nonsense", ["Baigiasi", "Atviras", "Busimas", "Uzdarytas"]),
        ("measure=3.1", ["Atviras"]),
        ("measure=3.1&status=upcoming", []),
    ],
)
def test_index_filters(client, three_calls, query, titles):
    measure = make_measure("3.1")
    three_calls["open"].measure_links = [CallMeasure(measure=measure)]
    three_calls["open"].save_revision().publish()
    html = client.get(f"/kvietimai/?{query}").content.decode()
    assert card_titles(html) == titles
    if not titles:
        assert "Pagal šiuos kriterijus kvietimų nerasta." in html
    assert '<option value="3.1"' in html  # measures that calls link to are offered


def test_index_filters_by_year_of_opening(client, three_calls):
    past_year = timezone.localtime(three_calls["closed"].opens_at).year
    html = client.get(f"/kvietimai/?year={past_year}").content.decode()
    assert card_titles(html) == ["Uzdarytas"]
    assert f'<option value="{past_year}" selected>' in html


def test_index_paginates_and_keeps_the_filters(client, no_demo_calls):
    index = call_index("lt")
    for n in range(12):
        CallPageFactory(parent=index, title=f"Kvietimas {n:02d}", slug=f"k-{n}")
    first = client.get("/kvietimai/?status=open").content.decode()
    assert len(card_titles(first)) == 10
    assert 'href="?status=open&amp;page=2"' in first
    second = client.get("/kvietimai/?status=open&page=2").content.decode()
    assert len(card_titles(second)) == 2
    assert client.get("/kvietimai/?page=999").status_code == 200


def home_calls(client):
    html = client.get("/").content.decode()
    return card_titles(html.split('id="home-calls-heading"', 1)[1].split("</section>", 1)[0])


def test_index_and_home_follow_the_clock_while_the_calls_stay_cached(client, three_calls):
    """The calls are read once per content version; their statuses at every request."""
    CallPageFactory(
        parent=call_index("lt"),
        title="Netrukus",
        slug="netrukus",
        opens_at=now() + timedelta(minutes=30),
        closes_at=now() + timedelta(days=20),
    )
    index = client.get("/kvietimai/").content.decode()
    assert card_titles(index) == ["Baigiasi", "Atviras", "Netrukus", "Busimas", "Uzdarytas"]
    assert home_calls(client) == ["Baigiasi", "Atviras", "Netrukus"]
    later = now() + timedelta(hours=1)
    with time_machine.travel(later, tick=False), CaptureQueriesContext(connection) as queries:
        index = client.get("/kvietimai/").content.decode()
        home = home_calls(client)
    assert card_titles(index) == ["Baigiasi", "Netrukus", "Atviras", "Busimas", "Uzdarytas"]
    assert home == ["Baigiasi", "Netrukus", "Atviras"]
    assert not [query for query in queries if "calls_callpage" in query["sql"]]


def test_a_published_change_to_a_call_shows_at_once(client, three_calls):
    client.get("/kvietimai/")
    client.get("/")
    call = three_calls["open"]
    call.title = "Atviras iš naujo"
    call.measure_links = [CallMeasure(measure=make_measure("4.2"))]
    call.save_revision().publish()
    three_calls["upcoming"].unpublish()
    html = client.get("/kvietimai/").content.decode()
    assert card_titles(html) == ["Baigiasi", "Atviras iš naujo", "Uzdarytas"]
    assert '<option value="4.2">' in html
    assert "<dd>4.2</dd>" in html
    assert home_calls(client) == ["Baigiasi", "Atviras iš naujo"]


def test_index_without_calls_repeats_the_seed_promise(client, no_demo_calls):
    html = client.get("/kvietimai/").content.decode()
    assert "0 kvietimų" in html
    assert "bus skelbiami čia." in html
    html = client.get("/en/calls/").content.decode()
    assert "Funding calls to support initiatives of residents and local organisations" in html


def test_index_offers_its_feeds(client):
    html = client.get("/kvietimai/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/kvietimai/rss/"' in html
    assert 'href="webcal://testserver/kvietimai/ics/"' in html
    html = client.get("/en/calls/").content.decode()
    assert 'href="/en/calls/ics/"' in html


def test_filter_form_is_labelled_and_works_without_javascript(client):
    html = client.get("/en/calls/").content.decode()
    for field in ("status", "year", "measure"):
        assert f'<label for="call-filter-{field}">' in html
        assert f'id="call-filter-{field}" name="{field}"' in html
    assert '<form class="call-filters" method="get" action="/en/calls/"' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


# The call page -------------------------------------------------------------------------


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_call_page_describes_itself_in_schema_org(client):
    html = client.get("/kvietimai/2026-01-kaimynystes-iniciatyvos/").content.decode()
    data = json_ld(html)
    types = {item["@type"]: item for item in data["@graph"]}
    grant = types["MonetaryGrant"]
    assert grant["identifier"] == "DRU-VVG-2026-01"
    assert grant["amount"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": "60000.00",
        "maxValue": "5000.00",
        "minValue": "1000.00",
    }
    # The deadline at 16:00 Vilnius time, with its offset (winter or summer time).
    assert re.search(r"T16:00:00\+0[23]:00$", grant["potentialAction"]["endTime"])
    assert types["WebPage"]["inLanguage"] == "lt"
    assert types["Event"]["name"] in {
        "Informacinis renginys pareiškėjams",
        "Nuotolinė konsultacija dėl paraiškos pildymo",
    }


def test_call_page_has_open_graph_metadata(client):
    html = client.get("/en/calls/2026-01-neighbourhood-initiatives/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Example: Neighbourhood and community' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    description = re.search(r'<meta property="og:description" content="([^"]+)"', html).group(1)
    assert unescape(description).startswith("Supports initiatives of residents")
    assert '<meta property="article:published_time"' in html


def test_call_page_shows_conditions_events_and_questions(client):
    html = client.get("/kvietimai/2026-01-kaimynystes-iniciatyvos/").content.decode()
    for text in (
        "Kvietimo Nr.",
        "Teikiama nuo",
        "Teikiama iki",
        "Galimi pareiškėjai",
        "Informaciniai renginiai",
        "Druskininkų kultūros centras",
        "Ar gali teikti paraišką neformali gyventojų grupė?",
        "Vertinimo kriterijai",
        'href="/kvietimai/2026-01-kaimynystes-iniciatyvos/ics/"',
    ):
        assert text in html, text
    # Results are not shown while the call is open.
    assert "Finansuoti siūlomi projektai" not in html


def test_results_appear_only_from_their_publication(client, three_calls):
    call = three_calls["closed"]
    call.funded_projects = [
        (
            "project",
            {
                "applicant": "Asociacija",
                "project_title": "Slaptas projektas",
                "score": Decimal("90"),
                "amount": Decimal("4000.00"),
            },
        )
    ]
    call.results_published_at = now() + timedelta(days=1)
    call.save_revision().publish()
    html = client.get("/kvietimai/uzdarytas/").content.decode()
    assert "Slaptas projektas" not in html
    assert 'call-status--closed"' in html
    call.results_published_at = now() - timedelta(minutes=1)
    call.save_revision().publish()
    html = client.get("/kvietimai/uzdarytas/").content.decode()
    assert "Slaptas projektas" in html
    assert f"4{NBSP}000,00{NBSP}€" in html
    assert "<caption>Finansuoti siūlomi projektai</caption>" in html


def test_call_page_shows_a_published_event_at_once_and_never_a_previewed_draft(
    client, rf, admin_user, three_calls
):
    call = three_calls["open"]
    assert "Informacinis seminaras" not in client.get(call.url).content.decode()
    call.events = [CallEvent(title="Informacinis seminaras", starts_at=now() + timedelta(days=3))]
    revision = call.save_revision()
    request = rf.get(f"/admin/pages/{call.pk}/edit/preview/")
    request.user = admin_user
    preview = revision.as_object().make_preview_request(request)
    assert "Informacinis seminaras" in preview.content.decode()
    assert "Informacinis seminaras" not in client.get(call.url).content.decode()
    revision.publish()
    assert "Informacinis seminaras" in client.get(call.url).content.decode()


def test_closed_demo_call_shows_intake_and_ranked_results_in_english(client):
    html = client.get("/en/calls/2025-03-seniors-inclusion/").content.decode()
    assert "Results published" in html
    assert "Conversations between generations" in html
    assert "<caption>Reserve list</caption>" in html
    assert html.index("Conversations between generations") < html.index("Digital skills")


# The home page -----------------------------------------------------------------------


def test_home_shows_open_and_upcoming_calls(client, three_calls):
    html = client.get("/").content.decode()
    section = html.split('id="home-calls-heading"', 1)[1].split("</section>", 1)[0]
    assert card_titles(section) == ["Baigiasi", "Atviras", "Busimas"]
    assert "Uzdarytas" not in section
    assert 'href="/kvietimai/"' in section


def test_home_says_calls_will_be_published_when_none_are_open(client, no_demo_calls):
    CallPageFactory(
        parent=call_index("lt"),
        slug="senas",
        opens_at=now() - timedelta(days=60),
        closes_at=now() - timedelta(days=30),
    )
    html = client.get("/").content.decode()
    assert (
        "Gyventojų ir vietos organizacijų iniciatyvoms remti skelbiami finansavimo kvietimai "
        "bus skelbiami čia." in html
    )
    html = client.get("/en/").content.decode()
    assert (
        "Funding calls to support initiatives of residents and local organisations will be "
        "published here." in html
    )


def test_home_section_in_english_lists_the_english_calls(client):
    html = client.get("/en/").content.decode()
    section = html.split('id="home-calls-heading"', 1)[1].split("</section>", 1)[0]
    assert card_titles(section) == [
        "Example: Neighbourhood and community initiatives",
        "Example: Youth activities and volunteering",
    ]
    assert "Open for applications" in section


def test_status_labels_exist_in_both_languages():
    from django.utils import translation

    with translation.override("lt"):
        assert str(CallStatus.CLOSING_SOON.label) == "Netrukus baigsis"
    with translation.override("en"):
        assert str(CallStatus.CLOSING_SOON.label) == "Closing soon"
