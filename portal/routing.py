"""
Page serving with a fixed number of queries, whatever the depth of the page.

Wagtail's default routing walks the tree one level at a time, two queries a level, starting
from `site.root_page.localized.specific`. This view finds the requested page and all its
ancestors in one query by their URL paths under the current language's home page, stores the
route result where Wagtail looks for it (`request._wagtail_route_for_request`), and hands over
to Wagtail's own `serve` view, so every hook (view restrictions, `before_serve_page`, ...) and
every page's own `route()` and `serve()` still apply.

The deepest existing page on the path routes the rest of the path itself, so RoutablePage
sub-routes (feeds, .ics files) work as usual. A page's `route()` is not consulted for paths
that name one of its real child pages; no page type in this portal relies on that.
"""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page

from .navigation import locale_homes, site_for_request


def route_page(request, path):
    site = site_for_request(request)
    if site is None:
        return None
    home = locale_homes(request).get(translation.get_language())
    if home is None:
        return Page.route_for_request(request, path)  # Wagtail's own walk, as a fallback
    components = [component for component in path.split("/") if component]
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
    deepest = ancestry[-1]
    remaining = components[deepest.depth - home["depth"] :]
    page = deepest.specific
    if len(ancestry) > 1:
        page._cached_parent_obj = ancestry[-2]
    # Breadcrumbs read the ancestors from here instead of querying them again.
    request._portal_ancestors = ancestry[:-1]
    try:
        return page.route(request, remaining)
    except Http404:
        return None


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_page(request, path)
    return wagtail_views.serve(request, path)
