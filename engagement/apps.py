from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Residents' ideas")

    def ready(self):
        from portal.registry import api_routers, demo_loaders, section_pages, volume_generators

        from .api import router
        from .demo import load_engagement_content
        from .models import IdeaPage
        from .volume import generate_ideas

        section_pages.register("ideas", IdeaPage.find_for_locale)
        demo_loaders.register("engagement", load_engagement_content, order=40)
        volume_generators.register("engagement", generate_ideas)
        api_routers.register("ideas", ("/ideas", router))
