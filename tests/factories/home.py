import factory

from home.models import ContentPage, HomePage

from .base import LocalisedPageFactory


class HomePageFactory(LocalisedPageFactory):
    title = factory.Sequence(lambda n: f"Pradžia {n}")
    hero_title = "Kokio miesto norite Jūs?"

    class Meta:
        model = HomePage


class ContentPageFactory(LocalisedPageFactory):
    title = factory.Sequence(lambda n: f"Turinio puslapis {n}")
    intro = "Trumpas įvadas."

    class Meta:
        model = ContentPage
