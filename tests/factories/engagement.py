import factory
from django.utils import timezone
from wagtail.models import Locale

from engagement.models import FormField, FormPage, Idea, IdeaPage, IdeaStatus, Theme

from .base import LocalisedPageFactory


class IdeaPageFactory(LocalisedPageFactory):
    title = "Idėjos"

    class Meta:
        model = IdeaPage


class FormPageFactory(LocalisedPageFactory):
    title = factory.Sequence(lambda n: f"Registracija {n}")
    intro = "Užsiregistruokite į renginį."

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Klausimas {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


class ThemeFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Tema {n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="lt"))

    class Meta:
        model = Theme


class IdeaFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Idėja {n}")
    description = "Aprašymas."
    language = "lt"
    consent_text = "Sutinku."
    consented_at = factory.LazyFunction(timezone.now)
    status = IdeaStatus.NEW

    class Meta:
        model = Idea

    class Params:
        published = factory.Trait(status=IdeaStatus.PUBLISHED)


def translate_theme(theme, language="en", title=None):
    """The theme's translation, as an editor would make it."""
    english = theme.copy_for_translation(Locale.objects.get(language_code=language))
    english.title = title or f"{theme.title} ({language})"
    english.save()
    return english
