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

from django.db.models import Q, Subquery
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .cache import keep, recall
from .navigation import locale_homes, site_for_request
from .schedule import is_visible, on_schedule_q


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
        request._portal_translations = (page.pk, translations)
        remaining = components[page.depth - home["depth"] :]
        result = page.route(request, remaining)
        if remaining and _is_fixed_subroute(result):
            # A sub-route that takes no arguments (a feed): remembered under its own address.
            keep("portal:route", home["pk"], "/".join(components), value=found)
        return result
    except Http404:
        return None


def _is_fixed_subroute(result):
    """A RoutablePage route result (view, args, kwargs) whose view takes no arguments."""
    args = result[1] if result else ()
    return len(args) == 3 and callable(args[0]) and not args[1] and not args[2]


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
    real pages are remembered, never unknown addresses. A path one step below a remembered page
    (a feed, an idea's own page) uses that page's entry when the page has no child pages, so
    the last step cannot name one; otherwise it is looked up.
    """
    found = recall("portal:route", home["pk"], "/".join(components))
    if found is not None:
        return found
    if components:
        parent = recall("portal:route", home["pk"], "/".join(components[:-1]))
        if parent is not None and parent[0].numchild == 0:
            return parent
    candidates = [home["url_path"]]
    for depth in range(1, len(components) + 1):
        candidates.append(home["url_path"] + "/".join(components[:depth]) + "/")
    in_tree = Q(path__startswith=home["path"], depth__lte=home["depth"] + len(components))
    # The same query brings the visible translations of the deepest page on the path (the
    # language switcher's links).
    deepest = Page.objects.filter(in_tree, url_path__in=candidates).order_by("-depth")
    named = Subquery(deepest.values("translation_key")[:1])
    rows = list(
        Page.objects.filter(
            (in_tree & Q(url_path__in=candidates))
            | (Q(translation_key=named) & Q(live=True) & on_schedule_q())
        )
        .select_related("locale")
        .order_by("depth", "path")
    )
    ancestry = [
        row for row in rows if row.url_path in candidates and row.path.startswith(home["path"])
    ]
    if not ancestry:
        return None
    page = _specific(ancestry[-1])
    consumed = components[: page.depth - home["depth"]]
    translations = [
        row for row in rows if row.translation_key == page.translation_key and is_visible(row)
    ]
    found = (page, ancestry[:-1], translations)
    keep("portal:route", home["pk"], "/".join(consumed), value=found)
    return found


def _specific(page):
    """The page as its own type, with what its type asks to be read with it
    (`serve_select_related`, e.g. an initiative's call): one query."""
    cls = page.specific_class
    related = getattr(cls, "serve_select_related", ())
    if cls is None or not related:
        return page.specific
    return cls.objects.select_related(*related).get(pk=page.pk)


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_page(request, path)
    return wagtail_views.serve(request, path)
