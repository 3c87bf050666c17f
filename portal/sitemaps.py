from urllib.parse import urlsplit, urlunsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .navigation import private_pages_q
from .schedule import visible


class PortalSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; this one covers every language.

    Addresses are on the host the sitemap was asked for (the public address behind the CDN or
    proxy, not the Site record's hostname), and each page names its translations as hreflang
    alternates, with the Lithuanian page as x-default."""

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
            .exclude(private_pages_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def on_request_host(self, url):
        """An address of this site on the host the sitemap was asked for."""
        parts = urlsplit(url)
        return self.request.build_absolute_uri(urlunsplit(("", "", parts.path, parts.query, "")))

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        pages = list(self.paginator.page(page).object_list)
        entries = []
        versions = {}  # translation key -> {language: the page's own public address}
        for item in pages:
            # Each page's own addresses (a routable page may add some, as the initiatives'
            # summary does), moved onto the request's host.
            infos = [
                {**info, "location": self.on_request_host(info["location"])}
                for info in item.get_sitemap_urls(self.request)
            ]
            if infos:
                versions.setdefault(item.translation_key, {})[languages[item.locale_id]] = infos[0][
                    "location"
                ]
            entries.append((item, infos))
        urls = []
        last_mods = set()
        for item, infos in entries:
            translations = versions.get(item.translation_key, {})
            for number, info in enumerate(infos):
                alternates = []
                if number == 0 and len(translations) > 1:
                    alternates = [
                        {"lang_code": code, "location": url}
                        for code, url in sorted(translations.items())
                    ]
                    if "lt" in translations:
                        alternates.append(
                            {"lang_code": "x-default", "location": translations["lt"]}
                        )
                urls.append({**info, "item": item, "alternates": alternates})
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
