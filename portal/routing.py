"""
Page serving with a fixed number of queries, whatever the depth of the page.

Wagtail's default routing walks the tree one level at a time, two queries a level, starting
from `site.root_page.localized.specific`. This view finds the requested page and all its
ancestors in one query by their URL paths under the current language's home page (then keeps
them under the content version, so a repeated path costs no query at all), stores the
route result where Wagtail looks for it (`request._wagtail_route_for_request`), and hands over
to Wagtail's own `serve` view, so every hook (view restrictions, `before_serve_page`, ...) and
every page's own `route()` and `serve()` still apply.

The deepest existing page on the path routes the rest of the path itself, so RoutablePage
sub-routes (feeds, .ics files) work as usual. A page's `route()` is not consulted for paths
that name one of its real child pages; no page type in this portal relies on that.
"""

import hashlib

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page

from .cache import cache_get, cache_set, content_version
from .navigation import locale_homes, site_for_request

ROUTE_TIMEOUT = 60 * 60 * 24


def route_page(request, path):
    site = site_for_request(request)
    if site is None:
        return None
    home = locale_homes(request).get(translation.get_language())
    if home is None:
        return Page.route_for_request(request, path)  # Wagtail's own walk, as a fallback
    components = [component for component in path.split("/") if component]
    found = _page_and_ancestors(home, components)
    if found is None:
        return None
    page, ancestors = found
    remaining = components[page.depth - home["depth"] :]
    if ancestors:
        page._cached_parent_obj = ancestors[-1]
    # Breadcrumbs read the ancestors from here instead of querying them again.
    request._portal_ancestors = ancestors
    try:
        return page.route(request, remaining)
    except Http404:
        return None


def _page_and_ancestors(home, components):
    """The deepest page on the path (specific) and its ancestors below the root.

    Kept under the content version (portal/cache.py): any change to a page, its place in the
    tree or its slug sets a new one, so the answer is never stale. It is kept under the page's
    own path, so only real pages are remembered, never unknown addresses. A path below a page
    that names no page (a feed, an idea's own page) is looked up each time: its parent's entry
    cannot tell whether a child page of that name exists.
    """
    found = cache_get(_route_key(home, components), versioned=True)
    if found is not None and found[0].depth - home["depth"] == len(components):
        return found
    candidates = [home["url_path"]]
    for depth in range(1, len(components) + 1):
        candidates.append(home["url_path"] + "/".join(components[:depth]) + "/")
    ancestry = list(
        Page.objects.filter(
            path__startswith=home["path"],
            depth__lte=home["depth"] + len(components),
            url_path__in=candidates,
        ).order_by("depth")
    )
    if not ancestry:
        return None
    page = ancestry[-1].specific
    found = (page, ancestry[:-1])
    consumed = components[: page.depth - home["depth"]]
    cache_set(_route_key(home, consumed), found, ROUTE_TIMEOUT, versioned=True)
    return found


def _route_key(home, components):
    digest = hashlib.sha256("/".join(components).encode()).hexdigest()[:32]
    return f"portal:route:{content_version()}:{home['pk']}:{digest}"


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_page(request, path)
    return wagtail_views.serve(request, path)
