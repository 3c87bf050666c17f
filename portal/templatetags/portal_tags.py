"""Navigation, language switching and breadcrumbs for templates (see portal/navigation.py)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from portal.navigation import locale_homes, site_navigation, translation_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    return site_navigation(context.get("request"))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    nav = site_navigation(context.get("request"))
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    items = [
        {**item, "is_current": bool(current_path) and current_path.startswith(item["path"])}
        for item in (nav["menu"] if nav else [])
    ]
    return {
        "home": nav["home"] if nav else None,
        "is_home": bool(nav and nav["home"] and current_path == nav["home"]["path"]),
        "menu_items": items,
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """Each language with the URL of this page's translation, or that language's home page."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return []
    if hasattr(request, "_portal_language_links"):
        return request._portal_language_links
    homes = locale_homes(request)
    translations = translation_urls(page, request) if isinstance(page, Page) and page.pk else {}
    current = translation.get_language()
    full_path = request.get_full_path()
    # A route under the page that is the same in every language (an idea's "123/") follows it.
    route = context.get("language_route", "")
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
            if url and route:
                url += route
        elif page is None and (
            (same_path := translate_url(full_path, code)) != full_path or code == current
        ):
            # A view that is not a Wagtail page (search, ...): the same path in that language.
            url = same_path
        elif code in homes:
            url = homes[code]["url"]
        else:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
                "is_translation": code in translations,
            }
        )
    request._portal_language_links = links
    return links


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """A static file's full address (for og:image), on the host the page was asked for."""
    url = static(path)
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"languages": language_links(context)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = getattr(request, "_portal_ancestors", None)
        if ancestors is None or (ancestors and ancestors[-1].pk != page.get_parent().pk):
            ancestors = list(page.get_ancestors().filter(depth__gt=1))
        ancestors = [ancestor for ancestor in ancestors if ancestor.depth > 1]
    # A route under the page (an idea's own page, say) names itself in `breadcrumb_current`.
    current = context.get("breadcrumb_current")
    return {"request": request, "ancestors": ancestors, "page": page, "current": current}


@register.filter
def page_type(page):
    """The page's model name (e.g. "contentpage"), for styling hooks and tests."""
    return type(page).__name__.lower() if isinstance(page, Page) else ""
