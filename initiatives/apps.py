from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Residents' initiatives")

    def ready(self):
        from portal.registry import demo_loaders, section_pages

        from .demo import load_initiatives_content
        from .models import InitiativeIndexPage

        section_pages.register("initiatives", InitiativeIndexPage.find_for_locale)
        demo_loaders.register("initiatives", load_initiatives_content, order=30)
