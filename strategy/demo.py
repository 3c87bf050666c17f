"""Demo content of the strategy plugin: the strategy page and the legal documents register."""

from portal.demo import bullet_list, heading, paragraph, stream

from .models import DocumentsPage, StrategyPage

STEPS_LT = [
    "Organizuoti susitikimai su miesto gyventojais",
    "Vyko pasitarimai su vietos institucijų atstovais",
    "Kalbėjomės su miesto organizacijomis",
    "Aptarėme kitų miestų Vietos veiklos grupių patirtį",
    "Atlikome 268 gyventojų apklausą",
    "Gavome 18 projektinių pasiūlymų",
    "Viešinome informaciją",
]
STEPS_EN = [
    "Meetings with residents were held",
    "Consultations with representatives of local institutions took place",
    "We talked with the city's organisations",
    "We discussed the experience of other cities' Local Action Groups",
    "We surveyed 268 residents",
    "We received 18 project proposals",
    "We publicised the process",
]


def load_strategy_content(loader):
    home = loader.home()
    loader.page(
        home,
        StrategyPage,
        slug="strategija",
        en_slug="strategy",
        lt={
            "title": "Strategija",
            "show_in_menus": True,
            "intro": "Šiuo metu planuojamas pasirengimas bendruomenės miesto plėtros "
            "strategijos įgyvendinimui.",
            "body": stream(
                heading("Kuriant strategiją atlikti žingsniai"),
                paragraph(
                    "<p>Į šį procesą plačiai įtraukėme įvairias miesto gyventojų grupes.</p>"
                ),
                bullet_list(STEPS_LT),
            ),
        },
        en={
            "title": "Strategy",
            "intro": "Preparations to implement the community-led city development strategy "
            "are now being planned.",
            "body": stream(
                heading("Steps taken while creating the strategy"),
                paragraph("<p>We involved many different groups of residents in this process.</p>"),
                bullet_list(STEPS_EN),
            ),
        },
    )
    loader.page(
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
