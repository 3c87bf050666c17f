from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


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
            Page.objects.filter(in_any_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def public_url(self, page):
        _site_id, _root_url, path = page.get_url_parts(self.request) or (None, None, None)
        return self.request.build_absolute_uri(path) if path is not None else None

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        pages = list(self.paginator.page(page).object_list)
        versions = {}  # translation key -> {language: public address}
        for item in pages:
            location = self.public_url(item)
            if location is not None:
                versions.setdefault(item.translation_key, {})[languages[item.locale_id]] = location
        urls = []
        last_mods = set()
        for item in pages:
            translations = versions.get(item.translation_key, {})
            location = translations.get(languages[item.locale_id])
            if location is None:
                continue
            alternates = []
            if len(translations) > 1:
                alternates = [
                    {"lang_code": code, "location": url}
                    for code, url in sorted(translations.items())
                ]
                if "lt" in translations:
                    alternates.append({"lang_code": "x-default", "location": translations["lt"]})
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append(
                {"item": item, "location": location, "lastmod": lastmod, "alternates": alternates}
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
