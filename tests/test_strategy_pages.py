"""The strategy page, the documents register and the strategy's home-page section."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from portal.registry import section_pages
from strategy.contributions import Contribution, indicator_contributors
from strategy.models import (
    DocumentsPage,
    LegalDocument,
    LegalDocumentKind,
    Measure,
    PreparationStep,
    StepKind,
    StrategyPage,
)

from .factories.strategy import (
    DocumentFactory,
    IndicatorFactory,
    LegalDocumentFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

SEED_STEPS_LT = [
    "Organizuoti susitikimai su miesto gyventojais",
    "Vyko pasitarimai su vietos institucijų atstovais",
    "Kalbėjomės su miesto organizacijomis",
    "Aptarėme kitų miestų Vietos veiklos grupių patirtį",
    "Atlikome 268 gyventojų apklausą",
    "Gavome 18 projektinių pasiūlymų",
    "Viešinome informaciją",
]


def key_figures(html):
    """{label: value} of the key figures list on a page."""
    block = re.search(r'<dl class="key-figures__list".*?</dl>', html, re.S).group(0)
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block))


def timeline_titles(html):
    return re.findall(r'<h3 class="timeline__title">(.*?)</h3>', html)


@pytest.fixture
def strategy_lt(lt):
    return StrategyPage.objects.get(locale=lt)


@pytest.fixture
def without_ideas_page():
    """As when the engagement plugin is not installed: no page is registered as "ideas"."""
    finder = section_pages.get("ideas")
    section_pages.unregister("ideas")
    yield
    section_pages.register("ideas", finder)


@pytest.fixture
def contributor():
    """A stand-in for the initiatives plugin: it adds amounts to chosen indicators."""
    amounts = {}

    def contribute(translation_keys):
        return {key: value for key, value in amounts.items() if key in translation_keys}

    indicator_contributors.register("test", contribute)
    yield amounts
    indicator_contributors.unregister("test")


# Page rules ---------------------------------------------------------------------------


class StrategyPageRules(WagtailPageTestCase):
    def test_strategy_and_documents_pages_hang_under_the_home_page_without_children(self):
        for model in (StrategyPage, DocumentsPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())

    def test_editors_publish_steps_with_counts_and_documents_from_the_page_editor(self):
        from wagtail.test.utils.form_data import (
            inline_formset,
            nested_form_data,
            rich_text,
            streamfield,
        )

        page = StrategyPage.objects.get(locale__language_code="lt")
        document = DocumentFactory(title="Susitikimo protokolas")
        self.login()
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "intro": page.intro,
                "body": streamfield([("paragraph", rich_text("<p>Tekstas.</p>"))]),
                "steps_intro": page.steps_intro,
                "invitation_heading": page.invitation_heading,
                "invitation_text": page.invitation_text,
                "invitation_label": page.invitation_label,
                # The editor removes the seed's steps and adds two of their own.
                "steps": inline_formset(
                    [
                        {
                            "id": str(step.pk),
                            "kind": step.kind,
                            "title": step.title,
                            "documents": streamfield([]),
                            "DELETE": "1",
                        }
                        for step in page.steps.all()
                    ]
                    + [
                        {
                            "kind": "resident_meeting",
                            "title": "Susitikimas bibliotekoje",
                            "description": "",
                            "started_on": "2024-03-05",
                            "ended_on": "",
                            "participant_count": "42",
                            "meeting_count": "1",
                            "documents": streamfield([("document", document.pk)]),
                        },
                        {
                            "kind": "survey",
                            "title": "Apklausa internetu",
                            "description": "",
                            "started_on": "",
                            "ended_on": "",
                            "participant_count": "300",
                            "meeting_count": "",
                            "documents": streamfield([]),
                        },
                    ],
                    initial=page.steps.count(),
                ),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        assert response.status_code == 302, response.context["form"].errors
        html = self.client.get("/strategija/").content.decode()
        assert timeline_titles(html) == ["Susitikimas bibliotekoje", "Apklausa internetu"]
        assert key_figures(html) == {
            "Apklausoje dalyvavę gyventojai": "300",
            "Surengti susitikimai": "1",
            "Susitikimų dalyviai": "42",
            "Strategijos rengimo žingsniai": "2",
        }
        assert "Susitikimo protokolas" in html

    def test_editors_edit_the_steps_inline_on_the_strategy_page(self):
        page = StrategyPage.objects.get(locale__language_code="lt")
        self.login()
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="steps-TOTAL_FORMS"' in html
        assert 'value="Atlikome 268 gyventojų apklausą"' in html


def test_a_step_period_cannot_end_before_it_starts(strategy_lt):
    step = PreparationStep(
        page=strategy_lt,
        locale=strategy_lt.locale,
        kind=StepKind.SURVEY,
        title="Apklausa",
        started_on=date(2024, 5, 2),
        ended_on=date(2024, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "ended_on" in error.value.message_dict


def test_a_register_entry_needs_an_official_link_or_a_file(lt):
    entry = LegalDocument(locale=lt, kind=LegalDocumentKind.VVG, title="Įstatai")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert {"official_url", "document"} <= set(error.value.message_dict)
    entry.document = DocumentFactory()
    entry.full_clean()


def test_measure_anchor_is_a_valid_fragment():
    assert Measure(code="1.2").anchor == "measure-1-2"
    assert Measure(code=" 2.1 a ").anchor == "measure-2-1-a"


# The strategy page --------------------------------------------------------------------


def test_lithuanian_strategy_page_tells_the_seed_steps_with_their_figures(client):
    html = client.get("/strategija/").content.decode()
    assert timeline_titles(html) == SEED_STEPS_LT
    assert "Kuriant strategiją atlikti žingsniai" in html
    assert "Į šį procesą plačiai įtraukėme įvairias miesto gyventojų grupes." in html
    figures = key_figures(html)
    assert figures["Apklausoje dalyvavę gyventojai"] == "268"
    assert figures["Gauti projektiniai pasiūlymai"] == "18"
    assert figures["Strategijos rengimo žingsniai"] == "7"
    # Steps with no count give no figure: the seed does not say how many meetings were held.
    assert "Surengti susitikimai" not in figures
    # The steps are an ordered list, in the editors' order.
    assert html.index('<ol class="timeline">') < html.index(SEED_STEPS_LT[0])


def test_english_strategy_page_is_the_translation(client):
    html = client.get("/en/strategy/").content.decode()
    assert '<html lang="en">' in html
    assert timeline_titles(html)[4] == "We surveyed 268 residents"
    assert timeline_titles(html)[-1] == "We publicised the process"
    figures = key_figures(html)
    assert figures["Residents surveyed"] == "268"
    assert figures["Project proposals received"] == "18"
    assert "Steps taken while creating the strategy" in html
    assert "Survey" in html  # the step's kind, in English


def test_changing_a_count_changes_the_key_figure(client, strategy_lt):
    survey = strategy_lt.steps.get(kind=StepKind.SURVEY)
    survey.participant_count = 300
    survey.save()
    figures = key_figures(client.get("/strategija/").content.decode())
    assert figures["Apklausoje dalyvavę gyventojai"] == "300"


def test_meetings_and_participants_appear_once_a_step_counts_them(client, strategy_lt):
    meeting = strategy_lt.steps.get(kind=StepKind.RESIDENT_MEETING)
    meeting.meeting_count = 5
    meeting.participant_count = 120
    meeting.started_on = date(2024, 3, 1)
    meeting.ended_on = date(2024, 4, 30)
    meeting.save()
    html = client.get("/strategija/").content.decode()
    figures = key_figures(html)
    assert figures["Surengti susitikimai"] == "5"
    assert figures["Susitikimų dalyviai"] == "120"
    assert '<time datetime="2024-03-01">' in html
    assert '<time datetime="2024-04-30">' in html


def test_step_documents_are_listed_with_type_and_size(client, strategy_lt):
    document = DocumentFactory(title="Apklausos santrauka")
    survey = strategy_lt.steps.get(kind=StepKind.SURVEY)
    survey.documents = [("document", document)]
    survey.save()
    html = client.get("/strategija/").content.decode()
    assert f'<a href="{document.url}">Apklausos santrauka</a>' in html
    assert re.search(r"\(PDF, 2[,.]0\sKB\)", html)


def test_measures_show_indicator_progress_as_text_and_a_bar(client):
    html = client.get("/strategija/").content.decode()
    assert 'id="measure-1-2"' in html
    # 45 of 100 people: the text says it all, the bar repeats it for sighted readers.
    assert "45 iš 100 žmonės (45 %)" in html
    assert '<progress max="100.00" value="45.00" aria-hidden="true">45 %</progress>' in html
    english = client.get("/en/strategy/").content.decode()
    assert "45 of 100 people (45 %)" in english


def test_indicators_with_missing_values_render(client):
    measure = MeasureFactory(code="9.1", title="Bandomasis uždavinys")
    IndicatorFactory(measure=measure, name="Be tikslo", target=None, achieved=Decimal(7))
    IndicatorFactory(measure=measure, name="Be duomenų", baseline=None, achieved=None)
    IndicatorFactory(measure=measure, name="Nulinis tikslas", target=Decimal(0))
    response = client.get("/strategija/")
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r"<th scope=\"row\">Be tikslo</th>.*?</tr>", html, re.S).group(0)
    assert "nenustatyta" in row and "7 žmonės" in row and "<progress" not in row
    row = re.search(r"<th scope=\"row\">Be duomenų</th>.*?</tr>", html, re.S).group(0)
    assert "dar nepateikta" in row and "<progress" not in row
    row = re.search(r"<th scope=\"row\">Nulinis tikslas</th>.*?</tr>", html, re.S).group(0)
    assert "<progress" not in row


def test_progress_over_the_target_is_told_and_the_bar_stays_full(client):
    IndicatorFactory(
        measure=MeasureFactory(code="9.2"), name="Viršyta", target=Decimal(10), achieved=15
    )
    html = client.get("/strategija/").content.decode()
    assert "15 iš 10 žmonės (150 %)" in html
    assert '<progress max="10.00" value="10.00"' in html


def test_contributions_from_other_plugins_add_to_what_is_achieved(client, contributor):
    indicator = IndicatorFactory(
        measure=MeasureFactory(code="9.3"),
        target=Decimal(100),
        achieved=Decimal(20),
        updated_on=date(2026, 1, 10),
    )
    contributor[indicator.translation_key] = [
        Contribution(Decimal(10), date(2026, 2, 1)),
        Contribution(Decimal(5)),
    ]
    html = client.get("/strategija/").content.decode()
    assert "35 iš 100 žmonės (35 %)" in html
    assert '<time datetime="2026-02-01">' in html


def test_invitation_links_to_the_ideas_page(client):
    html = client.get("/strategija/").content.decode()
    assert '<a class="button" href="/idejos/">Pasidalinkite savo mintimis</a>' in html
    html = client.get("/en/strategy/").content.decode()
    assert '<a class="button" href="/en/ideas/">Share your thoughts</a>' in html


def test_invitation_is_absent_without_the_ideas_page(client, without_ideas_page):
    html = client.get("/strategija/").content.decode()
    assert "Pasidalinkite savo mintimis" not in html
    assert "/idejos/" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_invitation_is_absent_without_a_button_label(client, strategy_lt):
    StrategyPage.objects.filter(pk=strategy_lt.pk).update(invitation_label="")
    assert "Pasidalinkite savo mintimis" not in client.get("/strategija/").content.decode()


def test_strategy_page_without_steps_or_measures_renders(client, home_lt):
    from .factories.strategy import StrategyPageFactory

    page = StrategyPageFactory(parent=home_lt, slug="kita-strategija", title="Kita")
    PreparationStep.objects.filter(page=page).delete()
    html = client.get("/kita-strategija/").content.decode()
    assert 'class="timeline"' not in html
    assert "Kita" in html


# The home page section --------------------------------------------------------------


def test_home_page_shows_the_preparation_steps_and_key_figures(client):
    html = client.get("/").content.decode()
    section = html.split('aria-labelledby="strategy-steps-heading"', 1)[1].split("</section>")[0]
    assert "Kuriant strategiją atlikti žingsniai" in section
    assert key_figures(section)["Apklausoje dalyvavę gyventojai"] == "268"
    assert all(title in section for title in SEED_STEPS_LT)
    assert 'href="/strategija/"' in section
    english = client.get("/en/").content.decode()
    assert "We surveyed 268 residents" in english
    assert 'href="/en/strategy/"' in english


def test_home_section_is_absent_when_the_strategy_page_is_not_live(client, strategy_lt):
    assert "strategy-steps-heading" in client.get("/").content.decode()  # and in the cache
    strategy_lt.unpublish()
    html = client.get("/").content.decode()
    assert "strategy-steps-heading" not in html
    assert "Kokio miesto norite Jūs?" in html


def test_home_section_respects_a_view_restriction(client, strategy_lt):
    from wagtail.models import PageViewRestriction

    assert "strategy-steps-heading" in client.get("/").content.decode()  # and in the cache
    PageViewRestriction.objects.create(
        page=strategy_lt, restriction_type=PageViewRestriction.PASSWORD, password="slapta"
    )
    assert "strategy-steps-heading" not in client.get("/").content.decode()


def test_home_section_shows_a_published_step_at_once(client, strategy_lt):
    client.get("/")
    strategy_lt.steps.add(
        PreparationStep(kind=StepKind.SURVEY, title="Antroji apklausa", participant_count=32)
    )
    strategy_lt.save_revision().publish()
    html = client.get("/").content.decode()
    section = html.split('aria-labelledby="strategy-steps-heading"', 1)[1].split("</section>")[0]
    assert "Antroji apklausa" in section
    assert key_figures(section)["Apklausoje dalyvavę gyventojai"] == "300"


# The documents register -------------------------------------------------------------


def register_groups(html):
    return re.findall(r'<section class="register-group" aria-labelledby="group-(\w+)">', html)


def test_register_groups_documents_as_on_the_seed(client, lt):
    LegalDocumentFactory(kind=LegalDocumentKind.VVG, title="VVG įstatai")
    html = client.get("/dokumentai/").content.decode()
    assert register_groups(html) == ["eu", "vvg"]
    assert "Europos Sąjungos dokumentai" in html
    assert "Reglamentas (ES) 2021/1060 (Bendrųjų nuostatų reglamentas)" in html
    assert 'href="https://eur-lex.europa.eu/eli/reg/2021/1060/oj"' in html
    assert "2021 m. birželio 24 d." in html
    english = client.get("/en/documents/").content.decode()
    assert "Regulation (EU) 2021/1060 (Common Provisions Regulation)" in english
    assert "European Union documents" in english


def test_register_filters_by_kind_with_a_plain_form(client):
    LegalDocumentFactory(kind=LegalDocumentKind.LITHUANIAN, title="Bandomasis įstatymas")
    html = client.get("/dokumentai/").content.decode()
    assert '<form class="register-filter" method="get" action="/dokumentai/">' in html
    assert register_groups(html) == ["lt_act", "eu"]
    html = client.get("/dokumentai/?kind=lt_act").content.decode()
    assert register_groups(html) == ["lt_act"]
    assert "Bandomasis įstatymas" in html and "2021/1060" not in html
    assert 'value="lt_act" checked' in html
    assert "Lietuvos teisės aktai (1)" in html and "Europos Sąjungos dokumentai (3)" in html
    # An unknown kind shows everything rather than an error.
    assert register_groups(client.get("/dokumentai/?kind=nera").content.decode()) == [
        "lt_act",
        "eu",
    ]


def register_titles(html):
    return re.findall(r'<h3 class="register-entry__title">([^<]+)</h3>', html)


def test_register_comes_in_pages_that_keep_the_chosen_kind(client):
    for n in range(30):
        LegalDocumentFactory(title=f"VVG sprendimas {n:02}", sort_order=n)
    first = client.get("/dokumentai/?kind=vvg").content.decode()
    assert register_titles(first) == [f"VVG sprendimas {n:02}" for n in range(25)]
    assert "Dokumentai 1–25 iš 30" in first
    assert '<nav class="pagination" aria-label="Sąrašo puslapiai">' in first
    assert 'href="?kind=vvg&amp;page=2"' in first
    second = client.get("/dokumentai/?kind=vvg&page=2").content.decode()
    assert register_titles(second) == [f"VVG sprendimas {n:02}" for n in range(25, 30)]
    assert register_groups(second) == ["vvg"]
    assert 'href="?kind=vvg&amp;page=1"' in second
    # Every kind together: the EU documents first (the groups' order), then the VVG's.
    everything = client.get("/dokumentai/").content.decode()
    assert register_groups(everything) == ["eu", "vvg"]
    assert len(register_titles(everything)) == 25
    assert "Dokumentai 1–25 iš 33" in everything
    # A page past the end shows the last one, as the other lists do.
    assert register_titles(client.get("/dokumentai/?kind=vvg&page=9").content.decode()) == (
        register_titles(second)
    )


def test_register_filters_by_year_of_adoption_with_counts_for_each_choice(client):
    LegalDocumentFactory(title="2022 m. sprendimas", adopted_on=date(2022, 3, 1))
    LegalDocumentFactory(title="2023 m. sprendimas", adopted_on=date(2023, 5, 2))
    LegalDocumentFactory(
        kind=LegalDocumentKind.LITHUANIAN, title="2023 m. įstatymas", adopted_on=date(2023, 1, 9)
    )
    html = client.get("/dokumentai/?year=2023").content.decode()
    assert register_titles(html) == ["2023 m. įstatymas", "2023 m. sprendimas"]
    assert '<label for="register-year">Priėmimo metai</label>' in html
    assert '<option value="2023" selected>2023 (2)</option>' in html
    assert '<option value="2022">2022 (1)</option>' in html
    # The kinds are counted within the year; the years within the kind.
    assert "Lietuvos teisės aktai (1)" in html and "Europos Sąjungos dokumentai (0)" in html
    vvg = client.get("/dokumentai/?kind=vvg").content.decode()
    assert '<option value="2021"' not in vvg  # the EU regulations of 2021 are not VVG's
    assert '<option value="2023">2023 (1)</option>' in vvg
    both = client.get("/dokumentai/?kind=vvg&year=2022").content.decode()
    assert register_titles(both) == ["2022 m. sprendimas"]
    none = client.get("/en/documents/?kind=vvg&year=2022").content.decode()
    assert "There are no documents of this choice in the register." in none
    # A year that is not one shows everything, as an unknown kind does.
    assert len(register_titles(client.get("/dokumentai/?year=abc").content.decode())) == 6


def test_register_says_when_a_kind_has_no_documents(client):
    html = client.get("/en/documents/?kind=vvg").content.decode()
    assert "There are no documents of this kind in the register yet." in html


def test_register_downloads_show_file_type_and_size(client):
    document = DocumentFactory(title="VVG įstatai")
    LegalDocumentFactory(title="VVG įstatai", document=document, official_url="")
    html = client.get("/dokumentai/?kind=vvg").content.decode()
    entry = html.split("VVG įstatai</h3>", 1)[1].split("</article>", 1)[0]
    assert f'<a href="{document.url}">Atsisiųsti' in entry
    assert re.search(r"\(PDF, 2[,.]0\sKB\)", entry)
    assert "Oficialus tekstas" not in entry


def test_register_entry_shows_its_facts(client):
    LegalDocumentFactory(
        title="Vidaus tvarka",
        issuer="VVG valdyba",
        number="V-1",
        adopted_on=date(2024, 2, 15),
        consolidated_on=date(2026, 1, 5),
        summary="Kaip VVG vertina projektus.",
    )
    html = client.get("/dokumentai/").content.decode()
    entry = html.split("Vidaus tvarka</h3>", 1)[1].split("</article>", 1)[0]
    assert "<dt>Priėmė</dt><dd>VVG valdyba</dd>" in entry
    assert "<dt>Numeris</dt><dd>V-1</dd>" in entry
    assert '<time datetime="2024-02-15">' in entry
    assert '<time datetime="2026-01-05">' in entry
    assert "Kaip VVG vertina projektus." in entry


# The admin -----------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktorius", "", "slaptazodis-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["legaldocument", "measure", "priority"])
def test_editors_manage_the_register_and_the_structure_as_snippets(editor_client, model):
    response = editor_client.get(f"/admin/snippets/strategy/{model}/")
    assert response.status_code == 200
    assert editor_client.get(f"/admin/snippets/strategy/{model}/add/").status_code == 200


def test_editors_add_a_register_entry_in_the_admin(editor_client, lt):
    response = editor_client.post(
        "/admin/snippets/strategy/legaldocument/add/?locale=lt",
        {
            "title": "VVG veiklos nuostatai",
            "kind": "vvg",
            "issuer": "",
            "number": "",
            "adopted_on": "",
            "official_url": "https://example.org/nuostatai",
            "consolidated_on": "",
            "summary": "",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    assert LegalDocument.objects.filter(title="VVG veiklos nuostatai", locale=lt).exists()


# Translation ---------------------------------------------------------------------------


def translated_strings(instance):
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(instance)
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


def test_translators_get_the_steps_with_the_strategy_page(strategy_lt):
    strings = translated_strings(strategy_lt)
    assert "Atlikome 268 gyventojų apklausą" in strings
    assert "Pasidalinkite savo mintimis" in strings


def test_codes_and_act_numbers_stay_the_same_in_every_language(lt):
    measure = Measure.objects.get(locale=lt, code="1.2")
    strings = translated_strings(measure)
    assert measure.title in strings
    assert "1.2" not in strings
    regulation = LegalDocument.objects.get(locale=lt, number="2021/1060")
    strings = translated_strings(regulation)
    assert regulation.title in strings
    assert "2021/1060" not in strings


def test_a_previewed_step_is_never_shown_to_residents(client, rf, admin_user, strategy_lt):
    survey = strategy_lt.steps.get(kind=StepKind.SURVEY)
    assert "Bandomasis juodraštis" not in client.get("/strategija/").content.decode()
    page = StrategyPage.objects.get(pk=strategy_lt.pk)
    draft = page.steps.get(pk=survey.pk)
    draft.title = "Bandomasis juodraštis"
    page.steps = [draft if step.pk == survey.pk else step for step in page.steps.all()]
    revision = page.save_revision()
    request = rf.get(f"/admin/pages/{page.pk}/edit/preview/")
    request.user = admin_user
    preview = revision.as_object().make_preview_request(request)
    assert "Bandomasis juodraštis" in preview.content.decode()
    assert "Bandomasis juodraštis" not in client.get("/strategija/").content.decode()
    revision.publish()
    assert "Bandomasis juodraštis" in client.get("/strategija/").content.decode()
