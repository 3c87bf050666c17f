"""Demo content of the initiatives plugin."""

from portal.demo import paragraph, stream

from .models import InitiativeIndexPage


def load_initiatives_content(loader):
    loader.page(
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
