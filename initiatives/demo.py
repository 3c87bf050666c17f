"""
Demo content of the initiatives plugin: the initiatives page from the client's own text and, as
examples, four initiatives funded under the example call for seniors' inclusion (the projects
its published results list), with progress updates and photos drawn by Pillow at load time.

Dates are relative to the day the loader first runs; running it again keeps what exists. The
example call and measures are looked up and simply left out when they are missing.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from portal.demo import paragraph, stream

from .models import (
    IndicatorContribution,
    InitiativeIdea,
    InitiativeImage,
    InitiativeIndexPage,
    InitiativeMeasure,
    InitiativePage,
    ProgressUpdate,
)
from .progress import InitiativeStatus

EXAMPLE_CALL_SLUG = "2025-03-senjoru-itrauktis"


def load_initiatives_content(loader):
    index = loader.page(
        loader.home(),
        InitiativeIndexPage,
        slug="iniciatyvos",
        en_slug="initiatives",
        lt={
            "title": "Gyventojų iniciatyvos",
            "show_in_menus": True,
            "intro": "VVG finansuotos miesto gyventojų / organizacijų iniciatyvos bus "
            "pristatomos viešai.",
            "body": stream(
                paragraph(
                    "<p>Čia bus skelbiami visos Druskininkų miesto VVG finansuotos "
                    "miestiečių idėjos ir informaciją apie jų eigą.</p>"
                )
            ),
        },
        en={
            "title": "Residents' initiatives",
            "intro": "Initiatives of residents and organisations funded by the LAG will be "
            "presented publicly.",
            "body": stream(
                paragraph(
                    "<p>All the townspeople's ideas funded by the Druskininkai city LAG, and "
                    "news of how they progress, will be published here.</p>"
                )
            ),
        },
    )
    if not loader.examples:
        return
    today = timezone.localdate()
    for example in EXAMPLES:
        add_example_initiative(loader, index, example, today)


def link_example_ideas(loader):
    """Runs after the ideas' demo content: the example initiative that grew out of an idea."""
    if not loader.examples:
        return
    from engagement.models import Idea

    for example in EXAMPLES:
        title = example.get("idea")
        if not title:
            continue
        idea = Idea.objects.filter(title=title).first()
        pages = InitiativePage.objects.filter(slug__in=[example["slug"], example["en_slug"]])
        if idea is None:
            continue
        for page in pages:
            if not page.idea_links.filter(idea_id=idea.pk).exists():
                InitiativeIdea.objects.create(page=page, idea_id=idea.pk)


# Photos -------------------------------------------------------------------------------------

PALETTE = [
    ((11, 93, 75), (242, 201, 76)),
    ((31, 122, 99), (255, 255, 255)),
    ((138, 75, 0), (233, 242, 238)),
]


def draw_photo(seed: int, width: int = 1200, height: int = 800) -> bytes:
    """A simple generated picture (sky, hills, a sun): no download, no real person."""
    from PIL import Image, ImageDraw

    ground, sun = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (width, height), (200, 225, 240))
    draw = ImageDraw.Draw(image)
    for row in range(height // 2):  # a soft sky gradient
        shade = 240 - row * 60 // (height // 2)
        draw.line([(0, row), (width, row)], fill=(shade - 30, shade - 10, 250))
    draw.ellipse([width - 320, 90, width - 160, 250], fill=sun)
    offset = (seed * 137) % 300
    draw.polygon(
        [(0, height), (0, 430), (350 + offset, 330), (800, 470), (width, 380), (width, height)],
        fill=ground,
    )
    draw.rectangle([120 + offset, 520, 300 + offset, 700], fill=(250, 250, 245))
    draw.polygon(
        [(100 + offset, 520), (210 + offset, 430), (320 + offset, 520)], fill=(170, 60, 40)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def example_image(title: str, alt: str, seed: int):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title, description=alt)
    image.file = ImageFile(io.BytesIO(draw_photo(seed)), name=f"iniciatyva-{seed}.jpg")
    image.save()
    return image


def photo_stream(image_id: int | None, alt: str) -> str:
    """An update's photo as stored JSON, with its alt text (the editor's form requires one)."""
    if image_id is None:
        return "[]"
    return json.dumps(
        [{"type": "photo", "value": {"image": image_id, "alt_text": alt, "decorative": False}}]
    )


# Initiatives -------------------------------------------------------------------------------


def find_call(loader):
    from calls.models import CallPage

    return CallPage.objects.filter(slug=EXAMPLE_CALL_SLUG, locale=loader.lt).first()


def find_measures(locale, codes):
    from strategy.models import Measure

    found = {m.code: m for m in Measure.objects.filter(locale=locale, code__in=codes)}
    return [found[code] for code in codes if code in found]


def find_indicator(locale, measure_code, name):
    from strategy.models import Indicator

    return Indicator.objects.filter(locale=locale, measure__code=measure_code, name=name).first()


@transaction.atomic
def add_example_initiative(loader, index, example: dict, today) -> None:
    existing = index.get_children().filter(slug=example["slug"], locale=loader.lt).first()
    translated_before = existing is not None and (
        existing.get_translation_or_none(loader.en) is not None
    )
    call = find_call(loader)
    photos = [
        example_image(loader.label_example(photo["lt"], "lt"), photo["alt"], photo["seed"])
        for photo in example.get("photos", [])
    ]
    updates = []
    for number, update in enumerate(example.get("updates", [])):
        picture = photos[update["photo"]] if "photo" in update and photos else None
        alt = example["photos"][update["photo"]]["alt"] if picture is not None else ""
        updates.append(
            ProgressUpdate(
                date=today + timedelta(days=update["day"]),
                text=update["lt"],
                progress=update.get("progress"),
                photos=photo_stream(picture.pk if picture else None, alt),
                sort_order=number,
            )
        )
    contributions = []
    for measure_code, name, amount in example.get("contributions", []):
        indicator = find_indicator(loader.lt, measure_code, name)
        if indicator is not None:
            contributions.append(IndicatorContribution(indicator=indicator, amount=amount))
    lt = {
        **example["common"],
        "title": loader.label_example(example["lt"]["title"], "lt"),
        "intro": example["lt"]["intro"],
        "address": example["lt"].get("address", ""),
        "body": stream(paragraph(f"<p>{example['lt']['body']}</p>")),
        "starts_on": today + timedelta(days=example["days"][0]),
        "ends_on": today + timedelta(days=example["days"][1]),
        "call": call,
        "measure_links": [
            InitiativeMeasure(measure=m, sort_order=n)
            for n, m in enumerate(find_measures(loader.lt, example["measures"]))
        ],
        "progress_updates": updates,
        "contributions": contributions,
        "gallery_images": [
            InitiativeImage(image=image, caption=photo["lt"])
            for image, photo in zip(photos, example.get("photos", []), strict=False)
        ],
    }
    en = {
        "title": loader.label_example(example["en"]["title"], "en"),
        "intro": example["en"]["intro"],
        "address": example["en"].get("address", ""),
        "body": stream(paragraph(f"<p>{example['en']['body']}</p>")),
        # The translation links the English call (a call in another language is refused).
        "call": call.get_translation_or_none(loader.en) if call else None,
    }
    page = loader.page(
        index, InitiativePage, slug=example["slug"], en_slug=example["en_slug"], lt=lt, en=en
    )
    if not translated_before:
        localise_english(loader, page, example)


def localise_english(loader, page, example) -> None:
    """The English copy still links the Lithuanian call, measures and indicators: translate."""
    english = page.get_translation(loader.en).specific
    for link in list(english.measure_links.all()):
        translated = link.measure.get_translation_or_none(loader.en)
        if translated is None:
            link.delete()
        else:
            link.measure = translated
            link.save()
    for contribution in list(english.contributions.all()):
        translated = contribution.indicator.get_translation_or_none(loader.en)
        if translated is None:
            contribution.delete()
        else:
            contribution.indicator = translated
            contribution.save()
    originals = example.get("updates", [])
    for update, original in zip(
        english.progress_updates.order_by("sort_order"), originals, strict=False
    ):
        update.text = original["en"]
        if "photo" in original and update.photo_ids:
            alt = example["photos"][original["photo"]]["alt_en"]
            update.photos = photo_stream(update.photo_ids[0], alt)
        update.save()
    captions = [photo["en"] for photo in example.get("photos", [])]
    for item, caption in zip(english.gallery_images.order_by("sort_order"), captions, strict=False):
        item.caption = caption
        item.save()
    english.save_revision().publish()


def grant_and_total(grant: str, rate: str = "95") -> dict:
    grant = Decimal(grant)
    total = (grant * 100 / Decimal(rate)).quantize(Decimal("0.01"))
    return {"grant": grant, "total_value": total}


SENIORS = "2.1"
SENIORS_INDICATOR = "Veiklose dalyvavę senjorai"

EXAMPLES = [
    {
        "slug": "kartu-pokalbiai",
        "en_slug": "conversations-between-generations",
        "idea": "Kaimynų šventė kiekviename mikrorajone",
        "measures": [SENIORS, "1.1"],
        "days": (-25, 300),
        "common": {
            "beneficiary": "Asociacija „Druskininkų senjorai“",
            "project_number": "DRU-VVG-2025-03-01",
            "status": InitiativeStatus.IN_PROGRESS,
            "latitude": Decimal("54.016200"),
            "longitude": Decimal("23.971800"),
            **grant_and_total("8000.00"),
        },
        "lt": {
            "title": "Kartų pokalbiai",
            "intro": "Senjorai ir mokiniai kas mėnesį susitinka kaimynystėje pasikalbėti, "
            "pasidalinti prisiminimais ir išmokti vieni iš kitų.",
            "body": "Susitikimai vyksta bendruomenės erdvėse ir bibliotekoje; pokalbių "
            "įrašai taps miesto atminties archyvu.",
            "address": "Vilniaus alėja, Druskininkai",
        },
        "en": {
            "title": "Conversations between generations",
            "intro": "Seniors and school pupils meet every month in their neighbourhood to "
            "talk, share memories and learn from each other.",
            "body": "The meetings take place in community spaces and the library; recordings "
            "of the conversations will become an archive of the city's memory.",
            "address": "Vilniaus alėja, Druskininkai",
        },
        "photos": [
            {
                "lt": "Pirmasis kartų susitikimas",
                "en": "The first meeting of generations",
                "alt": "Piešta iliustracija: namas prie kalvos saulėtą dieną.",
                "alt_en": "A drawing: a house by a hill on a sunny day.",
                "seed": 1,
            },
        ],
        "updates": [
            {
                "day": -20,
                "progress": 10,
                "lt": "Pasirašyta finansavimo sutartis, sudarytas susitikimų planas.",
                "en": "The funding agreement was signed and the meeting plan drawn up.",
            },
            {
                "day": -6,
                "progress": 40,
                "photo": 0,
                "lt": "Įvyko pirmasis susitikimas: dalyvavo 18 senjorų ir 22 mokiniai.",
                "en": "The first meeting took place: 18 seniors and 22 pupils came.",
            },
        ],
        "contributions": [(SENIORS, SENIORS_INDICATOR, Decimal("18"))],
    },
    {
        "slug": "skaitmeninis-rastingumas-senjorams",
        "en_slug": "digital-skills-for-seniors",
        "measures": [SENIORS],
        "days": (-28, -3),
        "common": {
            "beneficiary": "Druskininkų bendruomenės centras",
            "project_number": "DRU-VVG-2025-03-02",
            "status": InitiativeStatus.COMPLETED,
            "latitude": Decimal("54.013900"),
            "longitude": Decimal("23.968300"),
            **grant_and_total("7450.00"),
        },
        "lt": {
            "title": "Skaitmeninis raštingumas senjorams",
            "intro": "Kursai, kuriuose senjorai išmoko naudotis el. paslaugomis, vaizdo "
            "skambučiais ir saugiai apsipirkti internete.",
            "body": "Užsiėmimus vedė savanoriai studentai, kiekvienas dalyvis gavo atmintinę.",
            "address": "M. K. Čiurlionio gatvė, Druskininkai",
        },
        "en": {
            "title": "Digital skills for seniors",
            "intro": "Courses in which seniors learned to use e-services and video calls and "
            "to shop safely online.",
            "body": "Student volunteers led the sessions; every participant received a handout.",
            "address": "M. K. Čiurlionio gatvė, Druskininkai",
        },
        "photos": [
            {
                "lt": "Kursų užsiėmimas",
                "en": "A course session",
                "alt": "Piešta iliustracija: kalvos ir saulė virš namo.",
                "alt_en": "A drawing: hills and the sun above a house.",
                "seed": 2,
            },
        ],
        "updates": [
            {
                "day": -27,
                "progress": 20,
                "lt": "Prasidėjo kursai: užsiregistravo 30 senjorų.",
                "en": "The courses started: 30 seniors signed up.",
            },
            {
                "day": -3,
                "progress": 100,
                "photo": 0,
                "lt": "Kursai baigti, 27 dalyviai gavo pažymėjimus.",
                "en": "The courses are over; 27 participants received certificates.",
            },
        ],
        "contributions": [(SENIORS, SENIORS_INDICATOR, Decimal("27"))],
    },
    {
        "slug": "lankymo-namuose-savanoriai",
        "en_slug": "home-visiting-volunteers",
        "measures": [SENIORS],
        "days": (20, 330),
        "common": {
            "beneficiary": "VšĮ „Gerumo ratas“",
            "project_number": "DRU-VVG-2025-03-03",
            "status": InitiativeStatus.PLANNED,
            **grant_and_total("7800.00"),
        },
        "lt": {
            "title": "Lankymo namuose savanoriai",
            "intro": "Savanoriai reguliariai lankys vienišus senjorus namuose ir padės jiems "
            "dalyvauti bendruomenės renginiuose.",
            "body": "Savanorių mokymai prasidės prieš pirmuosius apsilankymus.",
        },
        "en": {
            "title": "Home-visiting volunteers",
            "intro": "Volunteers will regularly visit lonely seniors at home and help them "
            "take part in community events.",
            "body": "Volunteer training starts before the first visits.",
        },
    },
    {
        "slug": "judejimo-grupes-parkuose",
        "en_slug": "exercise-groups-in-the-parks",
        "measures": [SENIORS],
        "days": (-15, 180),
        "common": {
            "beneficiary": "Asociacija „Aktyvus Druskininkų senjoras“",
            "project_number": "DRU-VVG-2025-03-05",
            "status": InitiativeStatus.IN_PROGRESS,
            "latitude": Decimal("54.010700"),
            "longitude": Decimal("23.983600"),
            **grant_and_total("6500.00"),
        },
        "lt": {
            "title": "Judėjimo grupės parkuose",
            "intro": "Du kartus per savaitę senjorai kartu mankštinasi ir vaikšto miesto "
            "parkuose su kineziterapeutu.",
            "body": "Grupės renkasi prie Nemuno pakrantės tako; dalyvauti gali visi.",
            "address": "Nemuno pakrantės takas, Druskininkai",
        },
        "en": {
            "title": "Exercise groups in the parks",
            "intro": "Twice a week seniors exercise and walk together in the city's parks "
            "with a physiotherapist.",
            "body": "The groups meet by the Nemunas riverside path; everyone is welcome.",
            "address": "Nemunas riverside path, Druskininkai",
        },
        "photos": [
            {
                "lt": "Mankšta prie Nemuno",
                "en": "Exercise by the Nemunas",
                "alt": "Piešta iliustracija: žalia kalva ir saulė.",
                "alt_en": "A drawing: a green hill and the sun.",
                "seed": 3,
            },
        ],
        "updates": [
            {
                "day": -10,
                "progress": 25,
                "photo": 0,
                "lt": "Įvyko pirmosios keturios mankštos, vidutiniškai dalyvauja 15 žmonių.",
                "en": "The first four sessions took place, with 15 people on average.",
            },
        ],
        "contributions": [(SENIORS, SENIORS_INDICATOR, Decimal("15"))],
    },
]
