"""
The site's navigation: each language's home page, the main menu and the footer links.

They appear on every page and change only when content changes, so they are kept in the cache
under the current content version (portal/cache.py) and rebuilt after any change. A page view
spends no queries on them once the cache is warm.
"""

from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from .cache import cache_get, cache_set, content_version, remember

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
    return request._portal_navigation


def locale_homes(request):
    """Each language's home page as {code: {pk, path, depth, url_path, url, title}}."""
    navigation = site_navigation(request)
    return navigation["homes"] if navigation else {}


def _build_navigation(request, site, language):
    from .models import SiteSettings

    homes = {}
    if site is not None:
        same_root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        for home in (
            Page.objects.filter(translation_key__in=same_root).live().select_related("locale")
        ):
            homes[home.locale.language_code] = {
                "pk": home.pk,
                "path": home.path,
                "depth": home.depth,
                "url_path": home.url_path,
                "url": home.get_url(request),
                "title": home.title,
            }
    home = homes.get(language)
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    menu = []
    if home is not None:
        children = Page.objects.filter(path__startswith=home["path"], depth=home["depth"] + 1)
        for item in children.live().in_menu().order_by("path"):
            if not any(item.path.startswith(path) for path in restricted):
                menu.append({"title": item.title, "url": item.get_url(request), "path": item.path})
    site_settings = SiteSettings.for_site(site) if site else None
    return {
        "homes": homes,
        "home": home,
        "menu": menu,
        "footer": _footer_links(request, site_settings, language),
        "contact": {
            "address": site_settings.address if site_settings else "",
            "email": site_settings.email if site_settings else "",
            "phone": site_settings.phone if site_settings else "",
            "social": site_settings.social_links() if site_settings else [],
        },
    }


def _footer_links(request, site_settings, language):
    """The accessibility statement and privacy notice, in the visitor's language."""
    if site_settings is None:
        return {}
    chosen = {
        "accessibility": site_settings.accessibility_page_id,
        "privacy": site_settings.privacy_page_id,
    }
    ids = [page_id for page_id in chosen.values() if page_id]
    if not ids:
        return {}
    keys = dict(Page.objects.filter(pk__in=ids).values_list("translation_key", "pk"))
    translated = Page.objects.live().filter(
        translation_key__in=keys, locale__language_code=language
    )
    urls = {keys[page.translation_key]: page.get_url(request) for page in translated}
    return {name: urls[page_id] for name, page_id in chosen.items() if page_id in urls}


def restricted_paths():
    """Tree paths of the pages under a view restriction (cached under the content version)."""
    return remember(
        "portal:restricted-paths",
        build=lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def view_restricted_paths():
    """Paths of the pages that Wagtail's view-restriction check looks up for a page below them:
    pages with a restriction and aliases of such pages (an alias has its source's restrictions).
    A page none of whose paths' prefixes is here has no restriction (IntroBodyPage uses this)."""
    restricted = PageViewRestriction.objects.values("page_id")
    return remember(
        "portal:view-restricted-paths",
        build=lambda: list(
            Page.objects.filter(Q(pk__in=restricted) | Q(alias_of_id__in=restricted)).values_list(
                "path", flat=True
            )
        ),
    )


def private_pages_q():
    """Like Wagtail's PageQuerySet.private_q(), without a query once the cache is warm:
    `.exclude(private_pages_q())` leaves restricted pages and everything below them out."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


def pages_outside_schedule():
    """Ids of live pages before their go-live time or past their expiry time.

    Wagtail's `publish_scheduled` command makes such pages live or not when it runs; until
    then listings and search leave them out. Cached under the content version until the next
    go-live or expiry moment, so the answer is never stale.
    """
    return _schedule()["ids"]


def next_schedule_change():
    """The next moment a live page goes live or expires (None if none is scheduled)."""
    return _schedule()["until"]


def _schedule():
    from django.utils import timezone

    key = f"portal:outside-schedule:{content_version()}"
    cached = cache_get(key, versioned=True)
    now = timezone.now()
    if cached is not None and (cached["until"] is None or cached["until"] > now):
        return cached
    ids, upcoming = [], []
    scheduled = Page.objects.live().filter(Q(go_live_at__isnull=False) | Q(expire_at__isnull=False))
    for page_id, go_live_at, expire_at in scheduled.values_list("id", "go_live_at", "expire_at"):
        if (go_live_at and go_live_at > now) or (expire_at and expire_at <= now):
            ids.append(page_id)
        upcoming += [moment for moment in (go_live_at, expire_at) if moment and moment > now]
    until = min(upcoming) if upcoming else None
    timeout = TIMEOUT if until is None else max(1, min(TIMEOUT, int((until - now).total_seconds())))
    schedule = {"ids": ids, "until": until}
    cache_set(key, schedule, timeout, versioned=True)
    return schedule


def site_for_request(request):
    """Wagtail's Site.find_for_request, answered from the cache.

    Wagtail asks the database on every request; the sites change rarely and every change sets
    a new content version. The site found is left where Wagtail looks for it first
    (`request._wagtail_site`), so Wagtail's own code gets the same answer without a query.
    """
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        sites = remember(
            "portal:sites", build=lambda: list(Site.objects.select_related("root_page"))
        )
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
    """{language code: address} of the page's live translations, itself included (cached)."""
    site = site_for_request(request)
    return remember(
        "portal:translations",
        site.pk if site else 0,
        page.translation_key,
        build=lambda: {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        },
    )
