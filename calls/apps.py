from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Funding calls")

    def ready(self):
        from portal.registry import search_contributors

        from .search import CONTRIBUTION

        search_contributors.register("calls", CONTRIBUTION)
        from portal.registry import (
            api_routers,
            demo_loaders,
            home_sections,
            section_pages,
            volume_generators,
        )

        from .api import router
        from .demo import load_calls_content
        from .home import calls_home_section
        from .models import CallIndexPage
        from .volume import generate_calls

        section_pages.register("calls", CallIndexPage)
        demo_loaders.register("calls", load_calls_content, order=20)
        volume_generators.register("calls", generate_calls)
        home_sections.register("calls", calls_home_section, order=20)
        api_routers.register("calls", ("/calls", router))

        from portal.changes import ChangeType
        from portal.registry import change_types

        change_types.register("calls.callpage", ChangeType("call", api_path="calls/{id}"))
