from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Residents' initiatives")

    def ready(self):
        from portal.registry import search_contributors

        from .search import CONTRIBUTION

        search_contributors.register("initiatives", CONTRIBUTION)
        from portal.registry import (
            api_routers,
            demo_loaders,
            home_sections,
            open_datasets,
            section_pages,
            volume_generators,
        )
        from strategy.contributions import indicator_contributors

        from .api import router
        from .contributions import initiative_results
        from .demo import load_initiatives_content
        from .home import initiatives_home_section
        from .models import InitiativeIndexPage
        from .opendata import DATASET
        from .volume import generate_initiatives

        section_pages.register("initiatives", InitiativeIndexPage)
        demo_loaders.register("initiatives", load_initiatives_content, order=30)
        home_sections.register("initiatives", initiatives_home_section, order=30)
        api_routers.register("initiatives", ("/initiatives", router))

        from portal.changes import ChangeType
        from portal.registry import change_types

        change_types.register(
            "initiatives.initiativepage", ChangeType("initiative", api_path="initiatives/{id}")
        )
        indicator_contributors.register("initiatives", initiative_results)
        volume_generators.register("initiatives", generate_initiatives, order=30)
        open_datasets.register("initiatives", DATASET)

        # "You said, we did": only when the ideas plugin is there (both stay removable).
        if apps.is_installed("engagement"):
            from engagement.outcomes import idea_outcomes

            from .demo import link_example_ideas
            from .ideas import initiatives_grown_from

            idea_outcomes.register("initiatives", initiatives_grown_from)
            demo_loaders.register("initiatives-ideas", link_example_ideas, order=50)
