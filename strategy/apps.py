from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy and legal documents")

    def ready(self):
        from portal.registry import (
            api_routers,
            demo_loaders,
            home_sections,
            search_contributors,
            section_pages,
        )

        from .api import router
        from .demo import load_strategy_content
        from .home_section import strategy_home_section
        from .models import DocumentsPage, StrategyPage
        from .search import CONTRIBUTION

        section_pages.register("strategy", StrategyPage)
        section_pages.register("documents", DocumentsPage)
        demo_loaders.register("strategy", load_strategy_content, order=10)
        home_sections.register("strategy", strategy_home_section, order=10)
        api_routers.register("strategy", ("/strategy", router))

        from portal.registry import change_types

        from .api import CHANGE_TYPES

        for label, change_type in CHANGE_TYPES.items():
            change_types.register(label, change_type)
        search_contributors.register("strategy", CONTRIBUTION)
