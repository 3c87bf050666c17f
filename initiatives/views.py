"""What the index page and the summary page show beyond their own fields."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import json_script
from django.utils.translation import gettext
from wagtail.models import Site

from portal.cache import cache_get, cache_set, content_version

from .listing import (
    CACHE_TIMEOUT,
    InitiativeFilters,
    filter_options,
    initiatives_for_cards,
    locale_id_of,
    map_markers,
    paginate_initiatives,
)
from .progress import InitiativeStatus
from .summary import money_summary

MARKERS_ELEMENT_ID = "initiative-map-markers"


def map_settings() -> dict | None:
    """The tile layer the map script draws, or None when no tile server is configured."""
    url = getattr(settings, "MAP_TILE_URL", "")
    if not url:
        return None
    return {
        "tiles": url,
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
        "label": gettext("Map of the initiatives"),
    }


def markers_script(filters: InitiativeFilters, locale, index_url: str) -> str:
    """
    The map's markers as the JSON element the map script reads, or "" when no initiative has
    coordinates.

    Unfiltered, that is every initiative of the language (some 300 KB with thousands of them),
    so the finished element is kept in the cache under the content version. Filtered lists are
    smaller and their combinations many: they are serialised on each request.
    """
    if filters.active:
        return _markers_script(filters, locale, index_url)
    key = (
        f"initiatives:map-markers:{content_version()}:{locale_id_of(locale)}:"
        f"{translation.get_language()}:{index_url}"
    )
    script = cache_get(key)
    if script is None:
        script = _markers_script(filters, locale, index_url)
        cache_set(key, script, CACHE_TIMEOUT)
    return script


def _markers_script(filters, locale, index_url) -> str:
    markers = map_markers(filters.initiatives(locale), index_url)
    return json_script(markers, MARKERS_ELEMENT_ID) if markers else ""


def cards_html(ids: list[int], request) -> str:
    """
    The cards of these initiatives as list items, kept in the cache under the content version.

    Rendering a dozen cards (money, dates, measures, progress) costs more than all the rest of
    the list. Besides the content, a card depends on the language (labels, formats) and on the
    site the request came to (a link to a page of the same site is relative): both are in the
    key.
    """
    if not ids:
        return ""
    site = Site.find_for_request(request)
    key = (
        f"initiatives:cards:{content_version()}:{translation.get_language()}:"
        f"{site.pk if site else ''}:{','.join(map(str, ids))}"
    )
    html = cache_get(key)
    if html is None:
        html = render_to_string(
            "initiatives/includes/initiative_cards.html",
            {"initiatives": initiatives_for_cards(ids)},
            request,
        )
        cache_set(key, html, CACHE_TIMEOUT)
    return html


def index_context(page, request) -> dict:
    filters = InitiativeFilters.from_query(request.GET)
    initiatives_page = paginate_initiatives(filters, page.locale_id, request.GET.get("page"))
    index_url = page.get_url(request)
    tiles = map_settings()
    return {
        "filters": filters,
        "options": filter_options(page.locale_id),
        "status_choices": InitiativeStatus.choices,
        "initiatives_page": initiatives_page,
        "initiative_cards": cards_html(list(initiatives_page.object_list), request),
        "map": tiles,
        "markers_script": markers_script(filters, page.locale_id, index_url) if tiles else "",
        "summary_url": page.summary_url(request),
    }


def summary_context(page, request) -> dict:
    return {"summary": money_summary(page.locale_id), "index_url": page.get_url(request)}
