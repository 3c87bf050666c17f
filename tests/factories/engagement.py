from engagement.models import IdeaPage

from .base import LocalisedPageFactory


class IdeaPageFactory(LocalisedPageFactory):
    title = "Idėjos"

    class Meta:
        model = IdeaPage
