"""Demo content of the engagement plugin: the idea page, example themes and ideas."""

from django.utils import timezone

from .models import Idea, IdeaPage, IdeaStatus, Theme

# (Lithuanian, English). Editors tie themes to strategy measures once the measures are in.
EXAMPLE_THEMES = [
    ("Viešosios erdvės ir žaluma", "Public spaces and greenery"),
    ("Bendruomenės renginiai", "Community events"),
    ("Jaunimas ir senjorai", "Young and older people"),
]

EXAMPLE_IDEAS = [
    {
        "title": "Suoliukai prie Nemuno pakrantės tako",
        "description": "Prie pakrantės tako trūksta vietų prisėsti. Siūlau pastatyti kelis "
        "suoliukus su atlošais, kad vyresni žmonės galėtų pailsėti.",
        "location": "Nemuno pakrantės takas",
        "theme": 0,
        "language": "lt",
        "name": "Ona",
        "show_name": True,
        "status": IdeaStatus.PUBLISHED,
    },
    {
        "title": "Kaimynų šventė kiekviename mikrorajone",
        "description": "Kartą per metus kiekviename mikrorajone galėtų vykti kaimynų šventė: "
        "susipažintume ir kartu nuspręstume, ką pagerinti.",
        "theme": 1,
        "language": "lt",
        "name": "Jonas",
        "show_name": False,
        "status": IdeaStatus.PUBLISHED,
    },
    {
        "title": "A repair café for bicycles",
        "description": "Once a month volunteers could help residents repair their bicycles "
        "for free, with tools shared by the community.",
        "theme": 2,
        "language": "en",
        "status": IdeaStatus.PUBLISHED,
    },
]

CONSENT_LT = (
    "Sutinku, kad VVG saugotų tai, ką siunčiu, kaip aprašyta privatumo pranešime. "
    "(pavyzdinis sutikimas, įkeltas su demonstraciniu turiniu)"
)


def load_engagement_content(loader):
    loader.page(
        loader.home(),
        IdeaPage,
        slug="idejos",
        en_slug="ideas",
        lt={
            "title": "Idėjos",
            "show_in_menus": True,
            "intro": "Esame atviri miesto gyventojų idėjoms, sumanymams, nuomonei. "
            "Pasidalinkite savo mintimis. Kokį miestą norite matyti jūs?",
        },
        en={
            "title": "Ideas",
            "intro": "We are open to residents' ideas, plans and opinions. Share your "
            "thoughts. What city do you want to see?",
        },
    )
    if not loader.examples:
        return
    themes = load_example_themes(loader)
    load_example_ideas(themes)


def load_example_themes(loader):
    themes = []
    for sort_order, (title_lt, title_en) in enumerate(EXAMPLE_THEMES):
        title_lt = loader.label_example(title_lt, "lt")
        theme = Theme.objects.filter(locale=loader.lt, title=title_lt).first()
        if theme is None:
            theme = Theme.objects.create(locale=loader.lt, title=title_lt, sort_order=sort_order)
            loader.created += 1
        if not Theme.objects.filter(
            translation_key=theme.translation_key, locale=loader.en
        ).exists():
            english = theme.copy_for_translation(loader.en)
            english.title = loader.label_example(title_en, "en")
            english.save()
        themes.append(theme)
    return themes


def load_example_ideas(themes):
    now = timezone.now()
    for example in EXAMPLE_IDEAS:
        title = example["title"]
        if Idea.objects.filter(title=title).exists():
            continue
        Idea.objects.create(
            title=title,
            description=example["description"],
            location=example.get("location", ""),
            theme=themes[example["theme"]],
            language=example["language"],
            name=example.get("name", ""),
            show_name=example.get("show_name", False),
            consent_text=CONSENT_LT,
            consented_at=now,
            status=example["status"],
        )
