from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")
    # Mounted by portal/urls.py inside the language prefixes (/search/, /en/search/).
    i18n_urls = "search.urls"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.registry import api_routers

        from . import checks  # noqa: F401 - registers the system checks
        from .api import router
        from .contributions import forget_cached

        api_routers.register("search", ("/search", router))
        # Locales and section pages are cached until a page, view restriction or locale changes.
        for signal in (page_published, page_unpublished, post_page_move, post_save, post_delete):
            signal.connect(forget_cached, dispatch_uid=f"search-cache-{id(signal)}")
