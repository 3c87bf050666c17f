"""The test-only form-builder page (tests/testapp) with staff addresses, as editors fill it."""

import factory

from tests.testapp.models import FormField, FormPage

from .base import LocalisedPageFactory


class FormPageFactory(LocalisedPageFactory):
    title = factory.Sequence(lambda n: f"Anketa {n}")
    intro = "Atsakykite į kelis klausimus."
    thank_you_text = "Ačiū!"
    to_address = "darbuotoja@vvg.example.org, vadove@vvg.example.org"
    from_address = "sistema@vvg.example.org"
    subject = "Nauja anketa"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = "Jūsų el. paštas"
    field_type = "email"
    required = True

    class Meta:
        model = FormField
