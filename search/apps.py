from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")
    # Mounted by portal/urls.py inside the language prefixes (/search/, /en/search/).
    i18n_urls = "search.urls"

    def ready(self):
        from portal.registry import api_routers

        from . import checks  # noqa: F401 - registers the system checks
        from .api import router

        api_routers.register("search", ("/search", router))
