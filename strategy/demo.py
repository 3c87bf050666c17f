"""
Demo content of the strategy plugin.

The client's own content: the strategy page with the seven preparation steps of the seed
(268 survey respondents and 18 project proposals as counts), the documents register, and the
links page under "About". Real references only: the register holds the EU regulations that
govern community-led local development in 2021-2027; no Lithuanian act is listed, because its
exact number and e-TAR address are not known with certainty (see docs/strategy.md).

Examples (skipped with --no-examples and titled "Pavyzdys: ..." / "Example: ..."): the
priorities, measures and indicators that the calls and initiatives demo content links to by
code, and the list of useful links.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from home.models import ContentPage
from portal.demo import stream

from .models import (
    DocumentsPage,
    Indicator,
    LegalDocument,
    LegalDocumentKind,
    Measure,
    PreparationStep,
    Priority,
    StepKind,
    StrategyPage,
)

# (kind, Lithuanian title as published, English translation, count)
STEPS = [
    (
        StepKind.RESIDENT_MEETING,
        "Organizuoti susitikimai su miesto gyventojais",
        "Meetings with residents were held",
        None,
    ),
    (
        StepKind.INSTITUTIONS,
        "Vyko pasitarimai su vietos institucijų atstovais",
        "Consultations with representatives of local institutions took place",
        None,
    ),
    (
        StepKind.ORGANISATIONS,
        "Kalbėjomės su miesto organizacijomis",
        "We talked with the city's organisations",
        None,
    ),
    (
        StepKind.OTHER_LAGS,
        "Aptarėme kitų miestų Vietos veiklos grupių patirtį",
        "We discussed the experience of other cities' Local Action Groups",
        None,
    ),
    (StepKind.SURVEY, "Atlikome 268 gyventojų apklausą", "We surveyed 268 residents", 268),
    (StepKind.PROPOSALS, "Gavome 18 projektinių pasiūlymų", "We received 18 project proposals", 18),
    (StepKind.PUBLICITY, "Viešinome informaciją", "We publicised the process", None),
]
STEPS_LT = [lt for _, lt, _, _ in STEPS]
STEPS_EN = [en for _, _, en, _ in STEPS]

EU_ISSUER = {"lt": "Europos Parlamentas ir Taryba", "en": "European Parliament and Council"}
EUR_LEX = "https://eur-lex.europa.eu/eli/reg/{number}/oj"

# Real EU acts only: number, adoption date, and the title and summary in each language.
EU_REGULATIONS = [
    {
        "number": "2021/1060",
        "adopted_on": date(2021, 6, 24),
        "lt": {
            "title": "Reglamentas (ES) 2021/1060 (Bendrųjų nuostatų reglamentas)",
            "summary": "Bendrosios 2021–2027 m. ES fondų taisyklės. 31–34 straipsniai "
            "reglamentuoja bendruomenės inicijuotą vietos plėtrą: vietos plėtros strategijas "
            "ir vietos veiklos grupes, kurios jas rengia ir įgyvendina.",
        },
        "en": {
            "title": "Regulation (EU) 2021/1060 (Common Provisions Regulation)",
            "summary": "The common rules of the EU funds for 2021-2027. Articles 31 to 34 "
            "govern community-led local development: local development strategies and the "
            "local action groups that prepare and carry them out.",
        },
    },
    {
        "number": "2021/1057",
        "adopted_on": date(2021, 6, 24),
        "lt": {
            "title": "Reglamentas (ES) 2021/1057, kuriuo įsteigiamas Europos socialinis fondas "
            "„Plus“ (ESF+)",
            "summary": "Europos socialinio fondo „Plus“ tikslai ir paramos taisyklės: "
            "užimtumas, švietimas ir socialinė įtrauktis.",
        },
        "en": {
            "title": "Regulation (EU) 2021/1057 establishing the European Social Fund Plus (ESF+)",
            "summary": "The aims and rules of support of the European Social Fund Plus: "
            "employment, education and social inclusion.",
        },
    },
    {
        "number": "2021/1058",
        "adopted_on": date(2021, 6, 24),
        "lt": {
            "title": "Reglamentas (ES) 2021/1058 dėl Europos regioninės plėtros fondo ir "
            "Sanglaudos fondo",
            "summary": "Europos regioninės plėtros fondo ir Sanglaudos fondo tikslai ir "
            "paramos taisyklės.",
        },
        "en": {
            "title": "Regulation (EU) 2021/1058 on the European Regional Development Fund and "
            "on the Cohesion Fund",
            "summary": "The aims and rules of support of the European Regional Development "
            "Fund and the Cohesion Fund.",
        },
    },
]

# Example strategy structure: calls and initiatives link to these measures by code.
PRIORITIES = [
    {
        "code": "1",
        "lt": "Aktyvi ir įtrauki bendruomenė",
        "en": "An active and inclusive community",
        "measures": [
            {
                "code": "1.1",
                "lt": "Bendruomenės iniciatyvų ir renginių rėmimas",
                "en": "Support for community initiatives and events",
                "indicators": [
                    {
                        "lt": ("Įgyvendintos bendruomenės iniciatyvos", "iniciatyvos"),
                        "en": ("Community initiatives carried out", "initiatives"),
                        "baseline": Decimal(0),
                        "target": Decimal(20),
                        "achieved": Decimal(6),
                        "updated_on": date(2026, 10, 1),
                    },
                    {
                        "lt": ("Renginių dalyviai", "žmonės"),
                        "en": ("People taking part in events", "people"),
                        "baseline": None,
                        "target": Decimal(1000),
                        "achieved": None,
                        "updated_on": None,
                    },
                ],
            },
            {
                "code": "1.2",
                "lt": "Jaunimo įsitraukimas į miesto gyvenimą",
                "en": "Youth involvement in city life",
                "indicators": [
                    {
                        "lt": ("Į veiklas įsitraukęs jaunimas", "žmonės"),
                        "en": ("Young people involved in activities", "people"),
                        "baseline": Decimal(0),
                        "target": Decimal(100),
                        "achieved": Decimal(45),
                        "updated_on": date(2026, 9, 15),
                    },
                ],
            },
        ],
    },
    {
        "code": "2",
        "lt": "Socialinė įtrauktis",
        "en": "Social inclusion",
        "measures": [
            {
                "code": "2.1",
                "lt": "Senjorų ir socialinę atskirtį patiriančių gyventojų įtraukimas",
                "en": "Including seniors and residents at risk of social exclusion",
                "indicators": [
                    {
                        "lt": ("Veiklose dalyvavę senjorai", "žmonės"),
                        "en": ("Seniors taking part in activities", "people"),
                        "baseline": None,
                        "target": Decimal(80),
                        "achieved": Decimal(12),
                        "updated_on": date(2026, 10, 1),
                    },
                    {
                        "lt": ("Naujos socialinės paslaugos", "paslaugos"),
                        "en": ("New social services", "services"),
                        "baseline": None,
                        "target": None,
                        "achieved": None,
                        "updated_on": None,
                    },
                ],
            },
        ],
    },
]

# Example links for the links page: real public sites about funded projects and good practice.
USEFUL_LINKS = [
    {
        "url": "https://kohesio.ec.europa.eu/",
        "lt": (
            "Kohesio",
            "Europos Komisijos duomenų bazė apie ES sanglaudos politikos finansuotus projektus.",
        ),
        "en": (
            "Kohesio",
            "The European Commission's database of projects funded by EU cohesion policy.",
        ),
    },
    {
        "url": "https://www.esinvesticijos.lt/",
        "lt": (
            "ES investicijos Lietuvoje",
            "Lietuvos ES investicijų svetainė: kvietimai ir finansuoti projektai.",
        ),
        "en": (
            "EU investment in Lithuania",
            "Lithuania's website on EU investment: calls and funded projects.",
        ),
    },
    {
        "url": "https://urbact.eu/",
        "lt": ("URBACT", "Europos miestų tinklas, dalijantis gerąja miestų plėtros patirtimi."),
        "en": (
            "URBACT",
            "The European network of cities sharing good practice in urban development.",
        ),
    },
]


def load_strategy_content(loader):
    home = loader.home()
    load_strategy_page(loader, home)
    documents_page = load_documents_page(loader, home)
    load_links_page(loader, home, documents_page)
    load_legal_documents(loader)
    if loader.examples:
        load_example_structure(loader)


def lithuanian_steps(locale):
    return [
        PreparationStep(
            locale=locale, kind=kind, title=title, participant_count=count, sort_order=order
        )
        for order, (kind, title, _english, count) in enumerate(STEPS)
    ]


def load_strategy_page(loader, home):
    had_english = StrategyPage.objects.filter(locale=loader.en).exists()
    page = loader.page(
        home,
        StrategyPage,
        slug="strategija",
        en_slug="strategy",
        lt={
            "title": "Strategija",
            "show_in_menus": True,
            "intro": "Šiuo metu planuojamas pasirengimas bendruomenės miesto plėtros "
            "strategijos įgyvendinimui.",
            "steps_intro": "Į šį procesą plačiai įtraukėme įvairias miesto gyventojų grupes.",
            "invitation_heading": "Kokį miestą norite matyti jūs?",
            "invitation_text": "Esame atviri miesto gyventojų idėjoms, sumanymams, nuomonei.",
            "invitation_label": "Pasidalinkite savo mintimis",
            "steps": lithuanian_steps(loader.lt),
        },
        en={
            "title": "Strategy",
            "intro": "Preparations to implement the community-led city development strategy "
            "are now being planned.",
            "steps_intro": "We involved many different groups of residents in this process.",
            "invitation_heading": "What city do you want to see?",
            "invitation_text": "We are open to residents' ideas, plans and opinions.",
            "invitation_label": "Share your thoughts",
        },
    )
    if not had_english:
        translate_steps(page, loader)
    return page


@transaction.atomic
def translate_steps(page, loader):
    """The English page is a copy of the Lithuanian one: give its steps their English text."""
    english = page.get_translation(loader.en).specific
    english_titles = dict(zip(STEPS_LT, STEPS_EN, strict=True))
    steps = list(english.steps.all())
    for step in steps:
        step.title = english_titles.get(step.title, step.title)
    english.steps = steps
    english.save()
    english.save_revision().publish()


def load_documents_page(loader, home):
    return loader.page(
        home,
        DocumentsPage,
        slug="dokumentai",
        en_slug="documents",
        lt={
            "title": "Dokumentai",
            "show_in_menus": True,
            "intro": "Lietuvos teisės aktai ir Europos Sąjungos dokumentai, reglamentuojantys "
            "miesto vietos veiklos grupės veiklą.",
        },
        en={
            "title": "Documents",
            "intro": "Lithuanian legal acts and European Union documents that regulate the "
            "city Local Action Group.",
        },
    )


def load_links_page(loader, home, documents_page):
    """The seed's "wider overview" link, as a page under "About" that the community page links."""
    about = home.get_children().filter(slug="apie", locale=loader.lt).first()
    if about is None:
        return None
    existed = about.get_children().filter(slug="miestu-vvg-apzvalga").exists()
    body = {"lt": [], "en": []}
    if loader.examples:
        for language in ("lt", "en"):
            body[language].append(
                {
                    "type": "link_list",
                    "value": {
                        "heading": loader.label_example(
                            "Naudingos nuorodos" if language == "lt" else "Useful links",
                            language,
                        ),
                        "items": [
                            {
                                "title": link[language][0],
                                "description": link[language][1],
                                "page": None,
                                "document": None,
                                "url": link["url"],
                            }
                            for link in USEFUL_LINKS
                        ],
                    },
                }
            )
    links = loader.page(
        about.specific,
        ContentPage,
        slug="miestu-vvg-apzvalga",
        en_slug="city-lags-overview",
        lt={
            "title": "Miestų VVG apžvalga ir gerieji pavyzdžiai",
            "intro": "Platesnę miestų vietos veiklos grupių apžvalgą, finansuojamus projektus, "
            "geruosius pavyzdžius galite rasti čia.",
            "body": stream(*body["lt"]),
        },
        en={
            "title": "City LAGs: overview and good examples",
            "intro": "A wider overview of city LAGs, funded projects and good examples can be "
            "found here.",
            "body": stream(*body["en"]),
        },
    )
    if not existed:
        link_from_community_page(loader, about, links, documents_page)
    return links


def link_from_community_page(loader, about, links, documents_page):
    """
    The seed's community section ends with links to the wider overview and to the Lithuanian
    and EU acts. Both acts' links lead to the one register, so they are one item here: each
    page link costs the community page a query.
    """
    community = about.get_children().filter(slug="miesto-bendruomene").first()
    if community is None:
        return
    texts = {
        "lt": [
            (
                links,
                "Miestų VVG apžvalga, finansuojami projektai ir gerieji pavyzdžiai",
                "Platesnę miestų vietos veiklos grupių apžvalgą, finansuojamus projektus, "
                "geruosius pavyzdžius galite rasti čia.",
            ),
            (
                documents_page,
                "Lietuvos teisės aktai ir Europos Sąjungos dokumentai",
                "Lietuvos teisės aktai reglamentuojantys miestų vietos veiklos grupių veiklą. "
                "Europos sąjungos dokumentai, reglamentuojantys miesto vietos veiklos grupės "
                "veiklą.",
            ),
        ],
        "en": [
            (
                links,
                "City LAGs: overview, funded projects and good examples",
                "A wider overview of city LAGs, funded projects and good examples.",
            ),
            (
                documents_page,
                "Lithuanian legal acts and European Union documents",
                "Lithuanian legal acts that regulate city LAGs. European Union documents that "
                "regulate the city LAG.",
            ),
        ],
    }
    for language in ("lt", "en"):
        locale = loader.lt if language == "lt" else loader.en
        page = community.get_translation_or_none(locale)
        if page is None:
            continue
        page = page.specific
        items = []
        for target, title, description in texts[language]:
            target_page = target.get_translation_or_none(locale) if target else None
            if target_page is None:
                continue
            items.append(
                {
                    "title": title,
                    "description": description,
                    "page": target_page.pk,
                    "document": None,
                    "url": "",
                }
            )
        if not items:
            continue
        link_list = {"type": "link_list", "value": {"heading": "", "items": items}}
        page.body = stream(*page.body.raw_data, link_list)
        page.save_revision().publish()


def load_legal_documents(loader):
    for order, regulation in enumerate(EU_REGULATIONS):
        number = regulation["number"]
        original = LegalDocument.objects.filter(
            locale=loader.lt, kind=LegalDocumentKind.EU, number=number
        ).first()
        if original is None:
            original = LegalDocument.objects.create(
                locale=loader.lt,
                kind=LegalDocumentKind.EU,
                number=number,
                adopted_on=regulation["adopted_on"],
                issuer=EU_ISSUER["lt"],
                official_url=EUR_LEX.format(number=number),
                sort_order=order,
                **regulation["lt"],
            )
        if original.get_translation_or_none(loader.en) is None:
            english = original.copy_for_translation(loader.en)
            english.issuer = EU_ISSUER["en"]
            english.title = regulation["en"]["title"]
            english.summary = regulation["en"]["summary"]
            english.save()


@transaction.atomic
def load_example_structure(loader):
    for p_order, data in enumerate(PRIORITIES, start=1):
        priority = _translated(
            loader,
            Priority,
            code=data["code"],
            fields={
                "lt": {"title": loader.label_example(data["lt"], "lt"), "sort_order": p_order},
                "en": {"title": loader.label_example(data["en"], "en")},
            },
        )
        for m_order, measure_data in enumerate(data["measures"], start=1):
            _example_measure(loader, priority, measure_data, m_order)


def _translated(loader, model, *, code, fields, extra=None):
    """The Lithuanian object with this code and its English translation, created if missing."""
    original = model.objects.filter(locale=loader.lt, code=code).first()
    if original is None:
        original = model(locale=loader.lt, code=code, **fields["lt"], **(extra or {}))
        original.save()
    if (
        original.get_translation_or_none(loader.en) is None
        and not model.objects.filter(locale=loader.en, code=code).exists()
    ):
        english = original.copy_for_translation(loader.en)
        for name, value in fields["en"].items():
            setattr(english, name, value)
        english.save()
    return original


def _example_measure(loader, priority, data, order):
    english_priority = priority.get_translation_or_none(loader.en)
    original = Measure.objects.filter(locale=loader.lt, code=data["code"]).first()
    if original is None:
        original = Measure(
            locale=loader.lt,
            priority=priority,
            code=data["code"],
            title=loader.label_example(data["lt"], "lt"),
            sort_order=order,
        )
        original.indicators = [
            Indicator(
                locale=loader.lt,
                name=indicator["lt"][0],
                unit=indicator["lt"][1],
                baseline=indicator["baseline"],
                target=indicator["target"],
                achieved=indicator["achieved"],
                updated_on=indicator["updated_on"],
            )
            for indicator in data["indicators"]
        ]
        original.save()
    if (
        english_priority is None
        or original.get_translation_or_none(loader.en) is not None
        or Measure.objects.filter(locale=loader.en, code=data["code"]).exists()
    ):
        return
    english = original.copy_for_translation(loader.en)
    english.priority = english_priority
    english.title = loader.label_example(data["en"], "en")
    names = {indicator["lt"][0]: indicator["en"] for indicator in data["indicators"]}
    indicators = list(english.indicators.all())
    for indicator in indicators:
        indicator.name, indicator.unit = names.get(indicator.name, (indicator.name, indicator.unit))
    english.indicators = indicators
    english.save()
