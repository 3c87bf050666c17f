"""
Page serving in a fixed number of queries, whatever the depth of the page.

Wagtail's own routing walks the tree one level at a time, two queries a level. `route_page`
finds the requested page and its ancestors in one query by their URL paths under the current
language's home page (kept under the content version, so a repeated address costs no query),
and gives Wagtail's `serve` view the route result where Wagtail looks for it first
(`request._wagtail_route_for_request`, pinned by tests/test_routing.py). Wagtail's `serve` then
runs every hook (view restrictions, `before_serve_page`, `on_serve_page`) and the page's own
`serve()`. Only the page-serving URL pattern is the portal's: Wagtail's `/_util/` views (sign-in
and page passwords), documents, redirects and sitemaps are Wagtail's own (portal/urls.py).

Every `route()` on the way is honoured as Wagtail would: an ancestor whose route() may answer
the rest of the path itself (a RoutablePage sub-route that matches, or any other override of
route()) routes it, with Wagtail's own walk from there. (cold and warm numbers:
docs/performance.md).
"""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .cache import DAY, cache_get, cache_set, versioned_key
from .navigation import locale_homes, site_for_request
from .schedule import on_schedule_q


def route_page(request, path):
    """Wagtail's route result (page, args, kwargs) for a path of this request's language, or
    None."""
    site = site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    home = locale_homes(request).get(translation.get_language())
    try:
        if home is None:  # no live home in this language: Wagtail's own walk decides
            return site.root_page.localized.specific.route(request, components)
        found = _page_and_ancestors(home, components)
        if found is None:
            return None
        page, ancestors, translations = found
        for ancestor in ancestors:
            remaining = components[ancestor.depth - home["depth"] :]
            if _may_route_itself(ancestor, remaining):
                return ancestor.specific.route(request, remaining)
        if ancestors:
            # As Wagtail's own route() does: the parent is known, get_parent() needs no query.
            page._cached_parent_obj = ancestors[-1]
        # Breadcrumbs and the language switcher read these instead of querying them again.
        request._portal_ancestors = ancestors
        if translations is not None:
            request._portal_translations = (page.pk, translations)
        return page.route(request, components[page.depth - home["depth"] :])
    except Http404:
        return None


def _may_route_itself(page, remaining):
    """Whether `page`'s own route() might answer `remaining` other than by its child page."""
    cls = page.specific_class
    if cls is None or cls.route is Page.route:
        return False
    if issubclass(cls, RoutablePageMixin) and cls.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            cls.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
        except Resolver404:
            return False
    return True


def _page_and_ancestors(home, components):
    """The deepest page on the path (specific) and its ancestors from the home page down.

    Kept under the content version (portal/cache.py) and under the page's own path, so only
    real pages are remembered, never unknown addresses. A path below a page that names no page
    (a feed, an idea's own page) is looked up each time: its parent's entry cannot tell
    whether a child page of that name exists.
    """
    found = cache_get(versioned_key("portal:route", home["pk"], "/".join(components)))
    if found is not None:
        return found
    candidates = [home["url_path"]]
    for depth in range(1, len(components) + 1):
        candidates.append(home["url_path"] + "/".join(components[:depth]) + "/")
    in_tree = Q(path__startswith=home["path"], depth__lte=home["depth"] + len(components))
    # The same query brings the visible translations of the page the whole path names (the
    # language switcher's links), when such a page exists.
    named = Page.objects.filter(in_tree, url_path=candidates[-1]).values("translation_key")
    rows = list(
        Page.objects.filter(
            (in_tree & Q(url_path__in=candidates))
            | (Q(translation_key__in=named) & Q(live=True) & on_schedule_q())
        )
        .select_related("locale")
        .order_by("depth", "path")
    )
    ancestry = [
        row for row in rows if row.url_path in candidates and row.path.startswith(home["path"])
    ]
    if not ancestry:
        return None
    page = ancestry[-1].specific
    consumed = components[: page.depth - home["depth"]]
    translations = None
    if len(consumed) == len(components):
        translations = [
            row for row in rows if row.translation_key == page.translation_key and row.live
        ]
    found = (page, ancestry[:-1], translations)
    cache_set(versioned_key("portal:route", home["pk"], "/".join(consumed)), found, DAY)
    return found


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_page(request, path)
    return wagtail_views.serve(request, path)
