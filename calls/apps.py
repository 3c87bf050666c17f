from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Funding calls")

    def ready(self):
        from portal.registry import demo_loaders, section_pages

        from .demo import load_calls_content
        from .models import CallIndexPage

        section_pages.register("calls", CallIndexPage.find_for_locale)
        demo_loaders.register("calls", load_calls_content, order=20)
