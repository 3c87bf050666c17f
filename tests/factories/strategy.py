from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Locale

from strategy.models import (
    DocumentsPage,
    Indicator,
    LegalDocument,
    LegalDocumentKind,
    Measure,
    PreparationStep,
    Priority,
    StepKind,
    StrategyPage,
)

from .base import LocalisedPageFactory


def lithuanian():
    return Locale.objects.get(language_code="lt")


class StrategyPageFactory(LocalisedPageFactory):
    title = "Strategija"

    class Meta:
        model = StrategyPage


class DocumentsPageFactory(LocalisedPageFactory):
    title = "Dokumentai"

    class Meta:
        model = DocumentsPage


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Dokumentas {n}")
    file = factory.django.FileField(filename="protokolas.pdf", data=b"%PDF-1.4 " + b"x" * 2039)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the admin's upload form does: size and hash are known from the start, so the
        # first page that lists the document does not have to save them (a content change).
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class PriorityFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(lithuanian)
    code = factory.Sequence(lambda n: f"P{n}")
    title = factory.Sequence(lambda n: f"Tikslas {n}")
    sort_order = factory.Sequence(lambda n: 100 + n)

    class Meta:
        model = Priority


class MeasureFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(lithuanian)
    priority = factory.SubFactory(PriorityFactory, locale=factory.SelfAttribute("..locale"))
    code = factory.Sequence(lambda n: f"M{n}")
    title = factory.Sequence(lambda n: f"Uždavinys {n}")

    class Meta:
        model = Measure


class IndicatorFactory(factory.django.DjangoModelFactory):
    measure = factory.SubFactory(MeasureFactory)
    locale = factory.SelfAttribute("measure.locale")
    name = factory.Sequence(lambda n: f"Rodiklis {n}")
    unit = "žmonės"
    baseline = Decimal(0)
    target = Decimal(100)
    achieved = Decimal(45)

    class Meta:
        model = Indicator


class PreparationStepFactory(factory.django.DjangoModelFactory):
    locale = factory.SelfAttribute("page.locale")
    kind = StepKind.RESIDENT_MEETING
    title = factory.Sequence(lambda n: f"Žingsnis {n}")
    sort_order = factory.Sequence(lambda n: 100 + n)

    class Meta:
        model = PreparationStep


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(lithuanian)
    kind = LegalDocumentKind.VVG
    title = factory.Sequence(lambda n: f"VVG dokumentas {n}")
    official_url = "https://example.org/dokumentas"

    class Meta:
        model = LegalDocument
