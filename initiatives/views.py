"""What the index page and the summary page show beyond their own fields."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from portal.cache import remember
from portal.navigation import site_for_request

from .listing import (
    InitiativeFilters,
    filter_options,
    initiatives_for_cards,
    locale_id_of,
    map_markers,
    paginate_initiatives,
)
from .progress import InitiativeStatus
from .summary import money_summary


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


def markers_json(filters: InitiativeFilters, locale, index_url: str) -> str:
    """
    The map's markers as JSON: the initiatives (matching the filters) that have coordinates.

    The map script fetches them from the list's markers/ address, so the list page stays
    small (with thousands of initiatives the markers are some 300 KB). Unfiltered, the JSON is
    kept in the cache under the content version; filtered lists are smaller and their
    combinations many, so they are serialised on each request.
    """
    if filters.active:
        return _markers_json(filters, locale, index_url)
    return remember(
        "initiatives:map-markers-json",
        locale_id_of(locale),
        translation.get_language(),
        index_url,
        build=lambda: _markers_json(filters, locale, index_url),
    )


def _markers_json(filters, locale, index_url) -> str:
    return json.dumps(map_markers(filters.initiatives(locale), index_url), ensure_ascii=False)


def markers_response(page, request) -> HttpResponse:
    filters = InitiativeFilters.from_query(request.GET)
    data = markers_json(filters, page.locale_id, page.get_url(request))
    return HttpResponse(data, content_type="application/json; charset=utf-8")


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
    site = site_for_request(request)
    return remember(
        "initiatives:cards",
        translation.get_language(),
        site.pk if site else "",
        ",".join(map(str, ids)),
        build=lambda: render_to_string(
            "initiatives/includes/initiative_cards.html",
            {"initiatives": initiatives_for_cards(ids)},
            request,
        ),
    )


def index_context(page, request) -> dict:
    filters = InitiativeFilters.from_query(request.GET)
    initiatives_page = paginate_initiatives(filters, page.locale_id, request.GET.get("page"))
    tiles = map_settings()
    return {
        "filters": filters,
        "options": filter_options(page.locale_id),
        "status_choices": InitiativeStatus.choices,
        "initiatives_page": initiatives_page,
        "initiative_cards": cards_html(list(initiatives_page.object_list), request),
        # The map shows what the list shows; its markers come from the markers/ route.
        "map": tiles if initiatives_page.object_list else None,
        "summary_url": page.summary_url(request),
    }


def summary_context(page, request) -> dict:
    return {"summary": money_summary(page.locale_id), "index_url": page.get_url(request)}
