"""
The site's navigation: each language's home page, the main menu and the footer links.

They appear on every page and change only when content changes, so they are kept in the cache
under the current content version (portal/cache.py) and rebuilt after any change. A page view
spends no queries on them once the cache is warm.
"""

from django.db.models import Q
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from .cache import cache_get, cache_set, content_version

TIMEOUT = 60 * 60 * 24


def site_navigation(request):
    """Homes, menu, footer and contact details for this request's site and language."""
    if request is None:
        return None
    if not hasattr(request, "_portal_navigation"):
        site = Site.find_for_request(request)
        language = translation.get_language()
        key = f"portal:navigation:{content_version()}:{site.pk if site else 0}:{language}"
        navigation = cache_get(key)
        if navigation is None:
            navigation = _build_navigation(request, site, language)
            cache_set(key, navigation, TIMEOUT)
        request._portal_navigation = navigation
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
    key = f"portal:restricted-paths:{content_version()}"
    paths = cache_get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache_set(key, paths, TIMEOUT)
    return paths


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
    from django.utils import timezone

    key = f"portal:outside-schedule:{content_version()}"
    cached = cache_get(key)
    now = timezone.now()
    if cached is not None and (cached["until"] is None or cached["until"] > now):
        return cached["ids"]
    ids, upcoming = [], []
    scheduled = Page.objects.live().filter(Q(go_live_at__isnull=False) | Q(expire_at__isnull=False))
    for page_id, go_live_at, expire_at in scheduled.values_list("id", "go_live_at", "expire_at"):
        if (go_live_at and go_live_at > now) or (expire_at and expire_at <= now):
            ids.append(page_id)
        upcoming += [moment for moment in (go_live_at, expire_at) if moment and moment > now]
    until = min(upcoming) if upcoming else None
    timeout = TIMEOUT if until is None else max(1, min(TIMEOUT, int((until - now).total_seconds())))
    cache_set(key, {"ids": ids, "until": until}, timeout)
    return ids
