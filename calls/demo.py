"""
Demo content of the calls plugin: the calls page from the client's own text and, as examples,
three calls of an urban VVG funded by ESF+ 2021–2027: one open, one opening soon and one closed
with its results published. Their dates are set relative to the moment the loader first runs,
so a fresh demo site always has an open call; running the loader again keeps them as they are.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.demo import paragraph, stream

from .models import CallEvent, CallIndexPage, CallMeasure, CallPage
from .status import CALL_TIME_ZONE


def load_calls_content(loader):
    index = loader.page(
        loader.home(),
        CallIndexPage,
        slug="kvietimai",
        en_slug="calls",
        lt={
            "title": "Kvietimai",
            "show_in_menus": True,
            "intro": "Gyventojų ir vietos organizacijų iniciatyvoms remti skelbiami "
            "finansavimo kvietimai bus skelbiami čia.",
        },
        en={
            "title": "Calls",
            "intro": "Funding calls to support initiatives of residents and local "
            "organisations will be published here.",
        },
    )
    if not loader.examples:
        return
    today = timezone.localdate(timezone=CALL_TIME_ZONE)
    for example in (OPEN_CALL, UPCOMING_CALL, CLOSED_CALL):
        add_example_call(loader, index, example, today)


def at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CALL_TIME_ZONE)


def html(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def bullets(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def blocks(kind: str, values: list[dict]) -> str:
    return json.dumps([{"type": kind, "value": value} for value in values])


@transaction.atomic
def add_example_call(loader, index, example: dict, today) -> None:
    slug = example["slug"]
    existing = index.get_children().filter(slug=slug, locale=loader.lt).first()
    translated_before = existing is not None and (
        existing.get_translation_or_none(loader.en) is not None
    )
    measures = find_measures(loader.lt, example["measures"])
    dates = {
        name: at(today + timedelta(days=days), hour)
        for name, (days, hour) in example["dates"].items()
    }
    events = [
        CallEvent(
            title=event["lt"]["title"],
            place=event["lt"].get("place", ""),
            url=event.get("url", ""),
            starts_at=at(today + timedelta(days=event["day"]), event["hour"]),
            ends_at=at(today + timedelta(days=event["day"]), event["hour"] + 2),
        )
        for event in example.get("events", [])
    ]
    lt = {
        **example["common"],
        **example["lt"],
        **dates,
        "title": loader.label_example(example["lt"]["title"], "lt"),
        "measure_links": [CallMeasure(measure=measure) for measure in measures],
        "events": events,
    }
    en = {**example["en"], "title": loader.label_example(example["en"]["title"], "en")}
    page = loader.page(index, CallPage, slug=slug, en_slug=example["en_slug"], lt=lt, en=en)
    if not translated_before:
        localise_english_children(loader, page, example)


def find_measures(locale, codes):
    """The strategy's measures by code; a code the strategy does not have is skipped."""
    from strategy.models import Measure

    found = {m.code: m for m in Measure.objects.filter(locale=locale, code__in=codes)}
    return [found[code] for code in codes if code in found]


def localise_english_children(loader, page, example) -> None:
    """The copy made for the English translation still links Lithuanian rows: translate them."""
    english = page.get_translation(loader.en).specific
    for link in list(english.measure_links.all()):
        translated = link.measure.get_translation_or_none(loader.en)
        if translated is None:
            link.delete()
        else:
            link.measure = translated
            link.save()
    for event, source in zip(
        english.events.order_by("sort_order"), example.get("events", []), strict=False
    ):
        event.title = source["en"]["title"]
        event.place = source["en"].get("place", "")
        event.save()
    english.save_revision().publish()


# The example calls --------------------------------------------------------------------------

CONTACT = {
    "name": "Rūta Petrauskienė",
    "email": "kvietimai@druskininkuvvg.example",
    "phone": "+370 313 00000",
}

OPEN_CALL = {
    "slug": "2026-01-kaimynystes-iniciatyvos",
    "en_slug": "2026-01-neighbourhood-initiatives",
    "measures": ["1.1", "2.1"],
    "dates": {"opens_at": (-20, 9), "closes_at": (25, 16)},
    "common": {
        "call_number": "DRU-VVG-2026-01",
        "budget": Decimal("60000.00"),
        "max_grant": Decimal("5000.00"),
        "min_grant": Decimal("1000.00"),
        "co_funding_rate": Decimal("95.00"),
    },
    "lt": {
        "title": "Kaimynystės ir bendruomenės iniciatyvos",
        "intro": "Remiamos gyventojų ir nevyriausybinių organizacijų iniciatyvos, kurios "
        "stiprina kaimynystę, skatina bendruomenės veiklą ir įtraukia atskirtį patiriančius "
        "miesto gyventojus.",
        "own_contribution": "Ne mažiau kaip 5 % tinkamų finansuoti išlaidų; gali būti "
        "įnašas natūra (savanoriškas darbas).",
        "body": stream(
            paragraph(
                "<p>Kvietimas finansuojamas iš 2021–2027 m. Europos socialinio fondo+ lėšų "
                "pagal Druskininkų miesto vietos plėtros strategiją.</p>"
            )
        ),
        "eligible_applicants": html(
            "Druskininkų mieste veikiančios nevyriausybinės organizacijos, bendruomeninės "
            "organizacijos ir religinės bendruomenės."
        ),
        "eligible_partners": html("Švietimo įstaigos, kultūros centrai, kitos NVO."),
        "eligible_activities": bullets(
            "kaimynystės šventės, talkos ir susitikimai",
            "savanorystės iniciatyvos",
            "bendruomenės erdvių pritaikymas bendrai veiklai",
        ),
        "target_groups": bullets(
            "Druskininkų miesto gyventojai", "socialinę atskirtį patiriantys asmenys"
        ),
        "requirements": html(
            "Projekto trukmė – iki 12 mėnesių. Veiklos vykdomos Druskininkų mieste."
        ),
        "contacts": blocks(
            "contact", [{**CONTACT, "role": "VVG projektų vadovė", "hours": "I–IV 9:00–16:00"}]
        ),
        "questions": blocks(
            "question",
            [
                {
                    "question": "Ar gali teikti paraišką neformali gyventojų grupė?",
                    "answer": "<p>Ne, pareiškėjas turi būti juridinis asmuo. Neformali grupė "
                    "gali veikti kartu su organizacija kaip partnerė.</p>",
                    "answered_on": None,
                }
            ],
        ),
        "criteria": blocks(
            "criterion",
            [
                {
                    "name": "Projekto atitiktis strategijos tikslams",
                    "description": "",
                    "max_points": 30,
                },
                {"name": "Gyventojų įtraukimas", "description": "", "max_points": 40},
                {"name": "Išlaidų pagrįstumas", "description": "", "max_points": 30},
            ],
        ),
    },
    "en": {
        "title": "Neighbourhood and community initiatives",
        "intro": "Supports initiatives of residents and non-governmental organisations that "
        "strengthen neighbourhoods, encourage community activity and include residents at "
        "risk of social exclusion.",
        "own_contribution": "At least 5 % of eligible costs; may be in kind (voluntary work).",
        "body": stream(
            paragraph(
                "<p>The call is funded by the European Social Fund Plus 2021–2027 under the "
                "Druskininkai city local development strategy.</p>"
            )
        ),
        "eligible_applicants": html(
            "Non-governmental organisations, community organisations and religious "
            "communities active in the city of Druskininkai."
        ),
        "eligible_partners": html("Schools, culture centres and other NGOs."),
        "eligible_activities": bullets(
            "neighbourhood festivals, clean-ups and meetings",
            "volunteering initiatives",
            "adapting community spaces for shared activities",
        ),
        "target_groups": bullets("residents of Druskininkai", "people at risk of social exclusion"),
        "requirements": html("Projects last up to 12 months and take place in Druskininkai."),
        "contacts": blocks(
            "contact", [{**CONTACT, "role": "LAG project manager", "hours": "Mon–Thu 9:00–16:00"}]
        ),
        "questions": blocks(
            "question",
            [
                {
                    "question": "Can an informal group of residents apply?",
                    "answer": "<p>No, the applicant must be a legal entity. An informal group "
                    "can take part as an organisation's partner.</p>",
                    "answered_on": None,
                }
            ],
        ),
        "criteria": blocks(
            "criterion",
            [
                {"name": "Fit with the strategy's aims", "description": "", "max_points": 30},
                {"name": "Involvement of residents", "description": "", "max_points": 40},
                {"name": "Justified costs", "description": "", "max_points": 30},
            ],
        ),
    },
    "events": [
        {
            "day": -10,
            "hour": 17,
            "lt": {
                "title": "Informacinis renginys pareiškėjams",
                "place": "Druskininkų kultūros centras, Vilniaus al. 24",
            },
            "en": {
                "title": "Information event for applicants",
                "place": "Druskininkai culture centre, Vilniaus al. 24",
            },
        },
        {
            "day": 7,
            "hour": 15,
            "url": "https://example.org/vvg-konsultacija",
            "lt": {"title": "Nuotolinė konsultacija dėl paraiškos pildymo"},
            "en": {"title": "Online consultation on filling in the application"},
        },
    ],
}

UPCOMING_CALL = {
    "slug": "2026-02-jaunimo-uzimtumas",
    "en_slug": "2026-02-youth-activities",
    "measures": ["1.2"],
    "dates": {"opens_at": (10, 9), "closes_at": (55, 16)},
    "common": {
        "call_number": "DRU-VVG-2026-02",
        "budget": Decimal("45000.00"),
        "max_grant": Decimal("7500.00"),
        "min_grant": Decimal("2000.00"),
        "co_funding_rate": Decimal("92.50"),
    },
    "lt": {
        "title": "Jaunimo užimtumas ir savanorystė",
        "intro": "Finansuojamos jaunimo (14–29 m.) užimtumo, savanorystės ir neformaliojo "
        "ugdymo veiklos, kurias organizuoja patys jauni žmonės kartu su organizacijomis.",
        "eligible_applicants": html("Jaunimo ir su jaunimu dirbančios organizacijos."),
        "target_groups": bullets("14–29 m. Druskininkų miesto jaunimas"),
    },
    "en": {
        "title": "Youth activities and volunteering",
        "intro": "Funds activities, volunteering and non-formal learning for young people "
        "(aged 14–29), organised by young people themselves together with organisations.",
        "eligible_applicants": html("Youth organisations and organisations working with youth."),
        "target_groups": bullets("young people of Druskininkai aged 14–29"),
    },
}

CLOSED_CALL = {
    "slug": "2025-03-senjoru-itrauktis",
    "en_slug": "2025-03-seniors-inclusion",
    "measures": ["2.1"],
    "dates": {
        "opens_at": (-150, 9),
        "closes_at": (-95, 16),
        "results_published_at": (-30, 12),
    },
    "common": {
        "call_number": "DRU-VVG-2025-03",
        "budget": Decimal("40000.00"),
        "max_grant": Decimal("8000.00"),
        "min_grant": Decimal("1500.00"),
        "co_funding_rate": Decimal("95.00"),
        "proposals_received": 9,
        "amount_requested": Decimal("61234.56"),
    },
    "lt": {
        "title": "Senjorų socialinė įtrauktis",
        "intro": "Remiamos veiklos, mažinančios vyresnio amžiaus žmonių vienišumą ir "
        "skatinančios jų dalyvavimą miesto bendruomenės gyvenime.",
        "target_groups": bullets("60 m. ir vyresni Druskininkų miesto gyventojai"),
        "funded_projects": blocks(
            "project",
            [
                {
                    "applicant": "Asociacija „Druskininkų senjorai“",
                    "project_title": "Kartų pokalbiai",
                    "score": "92.50",
                    "amount": "8000.00",
                },
                {
                    "applicant": "Druskininkų bendruomenės centras",
                    "project_title": "Skaitmeninis raštingumas senjorams",
                    "score": "88.00",
                    "amount": "7450.00",
                },
                {
                    "applicant": "VšĮ „Gerumo ratas“",
                    "project_title": "Lankymo namuose savanoriai",
                    "score": "85.00",
                    "amount": "7800.00",
                },
                {
                    "applicant": "Druskininkų parapijos Caritas",
                    "project_title": "Bendri pietūs ir susitikimai",
                    "score": "81.50",
                    "amount": "6900.00",
                },
                {
                    "applicant": "Asociacija „Aktyvus Druskininkų senjoras“",
                    "project_title": "Judėjimo grupės parkuose",
                    "score": "78.00",
                    "amount": "6500.00",
                },
            ],
        ),
        "reserve_projects": blocks(
            "project",
            [
                {
                    "applicant": "Meno mokyklos tėvų klubas",
                    "project_title": "Senelių ir anūkų dirbtuvės",
                    "score": "72.00",
                    "amount": "5200.00",
                },
            ],
        ),
    },
    "en": {
        "title": "Social inclusion of seniors",
        "intro": "Supports activities that reduce loneliness among older people and help "
        "them take part in the life of the city community.",
        "target_groups": bullets("residents of Druskininkai aged 60 and over"),
        "funded_projects": blocks(
            "project",
            [
                {
                    "applicant": "Asociacija „Druskininkų senjorai“",
                    "project_title": "Conversations between generations",
                    "score": "92.50",
                    "amount": "8000.00",
                },
                {
                    "applicant": "Druskininkų bendruomenės centras",
                    "project_title": "Digital skills for seniors",
                    "score": "88.00",
                    "amount": "7450.00",
                },
                {
                    "applicant": "VšĮ „Gerumo ratas“",
                    "project_title": "Home-visiting volunteers",
                    "score": "85.00",
                    "amount": "7800.00",
                },
                {
                    "applicant": "Druskininkų parapijos Caritas",
                    "project_title": "Shared lunches and meetings",
                    "score": "81.50",
                    "amount": "6900.00",
                },
                {
                    "applicant": "Asociacija „Aktyvus Druskininkų senjoras“",
                    "project_title": "Exercise groups in the parks",
                    "score": "78.00",
                    "amount": "6500.00",
                },
            ],
        ),
        "reserve_projects": blocks(
            "project",
            [
                {
                    "applicant": "Meno mokyklos tėvų klubas",
                    "project_title": "Grandparents' and grandchildren's workshops",
                    "score": "72.00",
                    "amount": "5200.00",
                },
            ],
        ),
    },
}
