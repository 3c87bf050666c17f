from calls.models import CallIndexPage

from .base import LocalisedPageFactory


class CallIndexPageFactory(LocalisedPageFactory):
    title = "Kvietimai"

    class Meta:
        model = CallIndexPage
