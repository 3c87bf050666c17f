from urllib.parse import urlsplit, urlunsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .navigation import private_pages_q, site_for_request, site_root_paths
from .schedule import visible


class PortalSitemap(Sitemap):
    """Wagtail's sitemap covers the site root's tree only; this one covers every language.

    Addresses are on the host the sitemap was asked for (the public address behind the CDN or
    proxy, not the Site record's hostname), and each page names its translations as hreflang
    alternates, with the Lithuanian page as x-default."""

    def get_wagtail_site(self):
        return site_for_request(self.request)  # read with the content version, no query

    def items(self):
        # Every page below one of the site's homes (its root page and the root's translations,
        # live or not, as Wagtail routes them), read from the site root paths that come with
        # the navigation. Each page's own class, without its own fields: the sitemap needs
        # only the addresses and dates every page has, so one query for all the pages.
        site = self.get_wagtail_site()
        if site is None:
            return []
        in_any_home = Q(pk__in=[])
        for root in site_root_paths(self.request):
            if root.site_id == site.pk:
                in_any_home |= Q(url_path__startswith=root.root_path)
        # A list, not a query set: the paginator counts it without a query of its own.
        return list(
            visible(Page.objects.filter(in_any_home))
            .exclude(private_pages_q())
            .order_by("path")
            .specific(defer=True)
        )

    def on_request_host(self, url):
        """An address of this site on the host the sitemap was asked for."""
        parts = urlsplit(url)
        return self.request.build_absolute_uri(urlunsplit(("", "", parts.path, parts.query, "")))

    def _urls(self, page, protocol, domain):
        locales = Locale.objects.in_bulk()
        languages = {pk: locale.language_code for pk, locale in locales.items()}
        pages = list(self.paginator.page(page).object_list)
        for item in pages:
            item.locale = locales[item.locale_id]  # a page type's own addresses may name it
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
