"""Demo content of the engagement plugin."""

from .models import IdeaPage


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
