from strategy.models import DocumentsPage, StrategyPage

from .base import LocalisedPageFactory


class StrategyPageFactory(LocalisedPageFactory):
    title = "Strategija"

    class Meta:
        model = StrategyPage


class DocumentsPageFactory(LocalisedPageFactory):
    title = "Dokumentai"

    class Meta:
        model = DocumentsPage
