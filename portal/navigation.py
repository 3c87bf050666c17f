"""
The site's navigation: each language's home page, the main menu and the footer links.

They appear on every page and change only when content changes, so they are kept in the cache
under the current content version (portal/cache.py) and rebuilt after any change. A page view
spends no queries on them once the cache is warm.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath

from .cache import keep, remember, request_memo
from .ledger import current_sites
from .registry import section_page_types, section_pages_of
from .schedule import is_visible, on_schedule_q, visible

TIMEOUT = 60 * 60 * 24


def site_navigation(request):
    """Homes, menu, footer and contact details for this request's site and language."""
    if request is None:
        return None
    if not hasattr(request, "_portal_navigation"):
        site = site_for_request(request)
        language = translation.get_language()
        request._portal_navigation = remember(
            "portal:navigation",
            site.pk if site else 0,
            language,
            build=lambda: _build_navigation(request, site, language),
        )
        _hand_over_site_root_paths(request, request._portal_navigation.get("site_root_paths"))
    return request._portal_navigation


def _hand_over_site_root_paths(request, paths):
    """Leave the site root paths where Page.get_url(request) looks first (pinned by
    tests/test_routing.py): the addresses of this request's pages cost no query of their own."""
    if paths is not None and not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = paths


def prepare_page_urls(request):
    """Read the navigation, and with it what Wagtail needs to give a page's address, before
    computing addresses outside a page view (the API, search)."""
    site_navigation(request)


def site_root_paths(request):
    """Wagtail's site root paths (the homes of every site and language), with the navigation."""
    navigation = site_navigation(request)
    paths = navigation.get("site_root_paths") if navigation else None
    return paths if paths is not None else Site.get_site_root_paths()


def locale_homes(request):
    """Each language's home page as {code: {pk, path, depth, url_path, url, title}}."""
    navigation = site_navigation(request)
    return navigation["homes"] if navigation else {}


def _build_navigation(request, site, language):
    """Two queries: the site's settings come with the site (site_for_request); the homes,
    their children (the menu) and the footer pages in this language come in one."""
    if site is None:
        return {"homes": {}, "home": None, "menu": [], "footer": {}, "contact": _contact(None)}
    site_settings = _settings_of(site)
    root = site.root_page
    chosen = {}
    if site_settings is not None:
        for name in ("accessibility", "privacy"):
            page = getattr(site_settings, f"{name}_page")
            if page is not None:
                chosen[name] = page.translation_key
    section_types = section_page_types()
    restricted = PageViewRestriction.objects.values("page_id")
    sites = current_sites()
    rows = list(
        Page.objects.filter(
            # Every translation of every site's root page, live or not: Wagtail's site root
            # paths (below).
            Q(translation_key__in={each.root_page.translation_key for each in sites})
            | (
                Q(live=True)
                & on_schedule_q()
                & (
                    Q(translation_key=root.translation_key)
                    # The children of every home below the site root's parent (of every
                    # language); only this language's home's are kept below.
                    | Q(depth=root.depth + 1, path__startswith=root.path[: -Page.steplen])
                    | Q(translation_key__in=chosen.values(), locale__language_code=language)
                    # The section pages of this language (portal.registry.find_section_page).
                    | Q(content_type_id__in=section_types, locale__language_code=language)
                )
            )
            # The same query brings the view restrictions (portal:restrictions below).
            | Q(pk__in=restricted)
            | Q(alias_of_id__in=restricted)
        )
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
        .select_related("locale")
        .order_by("path")
    )
    site_root_paths = _site_root_paths(sites, rows)
    _hand_over_site_root_paths(request, site_root_paths)
    restricted_ids = {row.pk for row in rows if row.restricted}
    restrictions = _restrictions_of(
        row for row in rows if row.restricted or row.alias_of_id in restricted_ids
    )
    keep("portal:restrictions", value=restrictions)
    rows = [row for row in rows if is_visible(row)]
    home_row = next(
        (
            r
            for r in rows
            if r.translation_key == root.translation_key and r.locale.language_code == language
        ),
        None,
    )
    if home_row is not None:
        sections = section_pages_of(
            (row for row in rows if row.locale_id == home_row.locale_id),
            restrictions["restricted"],
        )
        keep("portal:section-pages", home_row.locale_id, value=sections)
    homes = {
        row.locale.language_code: {
            "pk": row.pk,
            "path": row.path,
            "depth": row.depth,
            "url_path": row.url_path,
            "url": row.get_url(request),
            "title": row.title,
        }
        for row in rows
        if row.translation_key == root.translation_key
    }
    home = homes.get(language)
    restricted = restrictions["restricted"]
    menu = []
    if home is not None:
        for row in rows:
            if (
                row.depth == home["depth"] + 1
                and row.path.startswith(home["path"])
                and row.show_in_menus
                and not any(row.path.startswith(path) for path in restricted)
            ):
                menu.append({"title": row.title, "url": row.get_url(request), "path": row.path})
    footer = {}
    for name, key in chosen.items():
        for row in rows:
            if row.translation_key == key and row.locale.language_code == language:
                footer[name] = row.get_url(request)
    return {
        "homes": homes,
        "home": home,
        "menu": menu,
        "footer": footer,
        "contact": _contact(site_settings),
        "site_root_paths": site_root_paths,
    }


def _site_root_paths(sites, rows):
    """Wagtail's Site.get_site_root_paths(), from the sites and pages already read: each site's
    root page and its translations, the most specific path first (tests/test_routing.py holds
    it equal to Wagtail's own on several sites and languages)."""
    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: site.is_default_site, reverse=True)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(site.id, row.url_path, site.root_url, row.locale.language_code)
        for site in ordered
        for row in rows
        if row.translation_key == site.root_page.translation_key
    ]


def _settings_of(site):
    """The site's settings, read with the site itself (site_for_request), or None."""
    try:
        return site.sitesettings
    except ObjectDoesNotExist:
        return None


def _contact(site_settings):
    return {
        "address": site_settings.address if site_settings else "",
        "email": site_settings.email if site_settings else "",
        "phone": site_settings.phone if site_settings else "",
        "social": site_settings.social_links() if site_settings else [],
    }


def restricted_paths():
    """Tree paths of the pages under a view restriction (kept under the content version)."""
    return _restrictions()["restricted"]


def view_restricted_paths():
    """Paths of the pages that Wagtail's view-restriction check looks up for a page below them:
    pages with a restriction and aliases of such pages (an alias has its source's restrictions).
    A page none of whose paths' prefixes is here has no restriction (IntroBodyPage uses this)."""
    return _restrictions()["checked"]


def _restrictions():
    """Kept under the content version; a page view reads it with its navigation (above)."""

    def build():
        restricted = PageViewRestriction.objects.values("page_id")
        pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of_id__in=restricted))
        return _restrictions_of(
            pages.annotate(
                restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
            ).only("path", "alias_of_id")
        )

    return remember("portal:restrictions", build=build)


def _restrictions_of(pages):
    """Pages with a view restriction (`restricted` annotated) and aliases of such pages."""
    pages = sorted(pages, key=lambda page: page.path)
    return {
        "restricted": [page.path for page in pages if page.restricted],
        "checked": [page.path for page in pages],
    }


def private_pages_q():
    """Like Wagtail's PageQuerySet.private_q(), without a query once the cache is warm:
    `.exclude(private_pages_q())` leaves restricted pages and everything below them out."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


# What a site is read with (portal/ledger.py reads the sites with the content version).
SITE_RELATED = ("root_page", "sitesettings__accessibility_page", "sitesettings__privacy_page")


def site_for_request(request):
    """Wagtail's Site.find_for_request, without a query of its own.

    Wagtail asks the database on every request; the portal reads the sites with the content
    version (portal/ledger.py, as fresh as the version). The site found is left where Wagtail
    looks for it first (`request._wagtail_site`, pinned by tests/test_routing.py), so Wagtail's
    own code gets the same answer without a query.
    """
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        sites = current_sites()
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = match_site(sites, hostname, request.get_port())
    return request._wagtail_site


def match_site(sites, hostname, port):
    """The site for a host and port, by the rules of Wagtail's get_site_for_hostname: the exact
    hostname and port, then the hostname of the default site, then the only other site of
    that hostname, then the default site (None if there is none)."""
    port = int(port) if str(port).isdigit() else port
    named = [site for site in sites if site.hostname == hostname]
    default = next((site for site in sites if site.is_default_site), None)
    exact = next((site for site in named if site.port == port), None)
    if exact is not None:
        return exact
    if default is not None and default.hostname == hostname:
        return default
    if len(named) == 1:
        return named[0]
    return default


def translation_urls(page, request) -> dict:
    """{language code: address} of the page's visible translations, itself included: from the
    route (portal/routing.py), which brings them with the page, or else one query (a preview)."""
    known = getattr(request, "_portal_translations", None)
    if known is not None and known[0] == page.pk:
        translations = known[1]
    else:
        translations = visible(page.get_translations(inclusive=True)).select_related("locale")
    return {
        translated.locale.language_code: translated.get_url(request) for translated in translations
    }


def localized_url(page) -> str:
    """The address of `page` in the visitor's language: its visible translation, or the page
    itself (as Wagtail's `page.localized.url`, which asks for the active locale and the
    translation every time; here the answer is kept under the content version)."""
    locale_id = active_locale_id()
    if page.locale_id == locale_id:
        return page.url

    def build():
        translation = visible(Page.objects.filter(translation_key=page.translation_key))
        translated = translation.filter(locale_id=locale_id).first()
        return (translated or page).url

    return remember("portal:localized-url", page.translation_key, locale_id, build=build)


def active_locale_id():
    """The id of the locale of the active language (kept under the content version, and for
    the rest of the request once read: every link block of a page asks)."""
    language = translation.get_language()
    memo = request_memo()
    if memo is not None and (language, "locale") in memo:
        return memo[language, "locale"]
    locale_id = remember(
        "portal:locale-id",
        language,
        build=lambda: (
            Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
        ),
    )
    if memo is not None:
        memo[language, "locale"] = locale_id
    return locale_id
