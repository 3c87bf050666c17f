from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Residents' ideas")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.registry import (
            api_routers,
            demo_loaders,
            search_contributors,
            section_pages,
            volume_generators,
        )

        from .api import router
        from .demo import load_engagement_content
        from .models import Idea, IdeaPage
        from .search import CONTRIBUTION, idea_deleted, idea_saved
        from .volume import generate_ideas

        section_pages.register("ideas", IdeaPage)
        demo_loaders.register("engagement", load_engagement_content, order=40)
        volume_generators.register("engagement", generate_ideas)
        api_routers.register("ideas", ("/ideas", router))

        from portal.registry import change_types

        from .api import CHANGE_TYPES

        for label, change_type in CHANGE_TYPES.items():
            change_types.register(label, change_type)
        search_contributors.register("engagement", CONTRIBUTION)
        # Idea.search_auto_update is off: these update the index after the commit instead.
        post_save.connect(idea_saved, sender=Idea, dispatch_uid="engagement-idea-search-save")
        post_delete.connect(idea_deleted, sender=Idea, dispatch_uid="engagement-idea-search-delete")
