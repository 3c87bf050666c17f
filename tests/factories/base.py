"""Shared base for page factories: pages are created live, in Lithuanian by default."""

import factory
import wagtail_factories
from wagtail.models import Locale


class LocalisedPageFactory(wagtail_factories.PageFactory):
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="lt"))
    live = True

    class Meta:
        abstract = True
