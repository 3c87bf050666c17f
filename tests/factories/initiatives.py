from initiatives.models import InitiativeIndexPage

from .base import LocalisedPageFactory


class InitiativeIndexPageFactory(LocalisedPageFactory):
    title = "Iniciatyvos"

    class Meta:
        model = InitiativeIndexPage
