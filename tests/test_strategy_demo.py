"""The demo loader's strategy content: the client's steps, real references, labelled examples."""

from io import StringIO

import pytest
from django.core.management import call_command

from home.models import ContentPage
from strategy.models import (
    Indicator,
    LegalDocument,
    LegalDocumentKind,
    Measure,
    PreparationStep,
    Priority,
    StepKind,
    StrategyPage,
)

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_demo_content", *args, stdout=StringIO())


def test_the_seven_seed_steps_in_both_languages_as_translations(lt, en):
    lithuanian = list(StrategyPage.objects.get(locale=lt).steps.all())
    english = list(StrategyPage.objects.get(locale=en).steps.all())
    assert len(lithuanian) == len(english) == 7
    assert [s.translation_key for s in lithuanian] == [s.translation_key for s in english]
    assert all(s.locale_id == en.pk for s in english)
    assert [s.kind for s in lithuanian] == [
        StepKind.RESIDENT_MEETING,
        StepKind.INSTITUTIONS,
        StepKind.ORGANISATIONS,
        StepKind.OTHER_LAGS,
        StepKind.SURVEY,
        StepKind.PROPOSALS,
        StepKind.PUBLICITY,
    ]
    assert [s.participant_count for s in lithuanian] == [None] * 4 + [268, 18, None]
    assert [s.participant_count for s in english] == [None] * 4 + [268, 18, None]
    # The seed gives no dates and no numbers of meetings, so none are made up.
    assert not [s for s in lithuanian if s.started_on or s.meeting_count is not None]


def test_the_published_english_page_has_the_english_steps(lt, en):
    english = StrategyPage.objects.get(locale=en)
    published = english.get_latest_revision_as_object()
    assert [s.title for s in published.steps.all()][0] == "Meetings with residents were held"
    assert not english.has_unpublished_changes


def test_the_register_holds_the_real_eu_regulations_and_no_invented_lithuanian_act(lt, en):
    numbers = {"2021/1060", "2021/1057", "2021/1058"}
    for locale in (lt, en):
        entries = LegalDocument.objects.filter(locale=locale)
        assert {e.number for e in entries if e.kind == LegalDocumentKind.EU} >= numbers
        for entry in entries.filter(number__in=numbers):
            assert entry.official_url == f"https://eur-lex.europa.eu/eli/reg/{entry.number}/oj"
            assert entry.adopted_on.isoformat() == "2021-06-24"
    assert not LegalDocument.objects.filter(kind=LegalDocumentKind.LITHUANIAN).exists()
    cpr = LegalDocument.objects.get(locale=lt, number="2021/1060")
    assert "31–34 straipsniai" in cpr.summary
    assert cpr.get_translation(en).translation_key == cpr.translation_key


def test_example_structure_has_the_agreed_codes_in_both_languages(lt, en):
    assert set(Priority.objects.filter(locale=lt).values_list("code", flat=True)) >= {"1", "2"}
    expected = {
        "1.1": ("1", "Bendruomenės iniciatyvų ir renginių rėmimas"),
        "1.2": ("1", "Jaunimo įsitraukimas į miesto gyvenimą"),
        "2.1": ("2", "Senjorų ir socialinę atskirtį patiriančių gyventojų įtraukimas"),
    }
    for code, (priority_code, title) in expected.items():
        measure = Measure.objects.get(locale=lt, code=code)
        english = Measure.objects.get(locale=en, code=code)
        assert measure.title == f"Pavyzdys: {title}"
        assert english.title.startswith("Example: ")
        assert measure.translation_key == english.translation_key
        assert measure.priority.code == english.priority.code == priority_code
        assert english.priority.locale_id == en.pk
        indicators = list(measure.indicators.all())
        assert 1 <= len(indicators) <= 2
        assert [i.translation_key for i in indicators] == [
            i.translation_key for i in english.indicators.all()
        ]
    assert Measure.objects.get(locale=en, code="1.2").indicators.get().name == (
        "Young people involved in activities"
    )
    # Some indicators have missing values, to show they render.
    assert Indicator.objects.filter(locale=lt, achieved__isnull=True).exists()
    assert Indicator.objects.filter(locale=lt, target__isnull=True).exists()


def test_examples_are_left_out_without_examples(lt):
    Measure.objects.filter(code__in=["1.1", "1.2", "2.1"]).delete()
    load("--no-examples")
    assert not Measure.objects.filter(code__in=["1.1", "1.2", "2.1"]).exists()
    load()
    assert Measure.objects.filter(locale=lt, code__in=["1.1", "1.2", "2.1"]).count() == 3


def test_loading_again_duplicates_nothing_and_keeps_editors_changes(lt):
    counts = (
        PreparationStep.objects.count(),
        LegalDocument.objects.count(),
        Measure.objects.count(),
        Indicator.objects.count(),
        Priority.objects.count(),
    )
    survey = StrategyPage.objects.get(locale=lt).steps.get(kind=StepKind.SURVEY)
    survey.title = "Redaktoriaus pavadinimas"
    survey.save()
    load()
    assert counts == (
        PreparationStep.objects.count(),
        LegalDocument.objects.count(),
        Measure.objects.count(),
        Indicator.objects.count(),
        Priority.objects.count(),
    )
    survey.refresh_from_db()
    assert survey.title == "Redaktoriaus pavadinimas"


def test_links_page_under_about_lists_external_links_in_both_languages(client):
    html = client.get("/apie/miestu-vvg-apzvalga/").content.decode()
    assert "Platesnę miestų vietos veiklos grupių apžvalgą" in html
    assert 'href="https://kohesio.ec.europa.eu/"' in html
    assert "(išorinė svetainė)" in html
    english = client.get("/en/about/city-lags-overview/").content.decode()
    assert "A wider overview of city LAGs, funded projects and good examples" in english
    assert "Example: Useful links" in english
    lt_page = ContentPage.objects.get(slug="miestu-vvg-apzvalga")
    en_page = ContentPage.objects.get(slug="city-lags-overview")
    assert lt_page.translation_key == en_page.translation_key


@pytest.mark.parametrize(
    ("path", "links", "documents"),
    [
        ("/apie/miesto-bendruomene/", "/apie/miestu-vvg-apzvalga/", "/dokumentai/"),
        ("/en/about/city-community/", "/en/about/city-lags-overview/", "/en/documents/"),
    ],
)
def test_community_page_links_the_overview_and_the_legal_acts(client, path, links, documents):
    html = client.get(path).content.decode()
    assert f'href="{links}"' in html
    assert f'href="{documents}"' in html  # the register of Lithuanian acts and EU documents
