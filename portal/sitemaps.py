from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .schedule import visible


class PortalSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; this one covers every language."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        in_any_home = Q()
        for path in homes:
            in_any_home |= Q(path__startswith=path)
        return (
            visible(Page.objects.filter(in_any_home))
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
