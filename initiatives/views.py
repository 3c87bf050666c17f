"""What the index page and the summary page show beyond their own fields."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext

from .listing import InitiativeFilters, filter_options, map_markers, paginate_initiatives
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


def index_context(page, request) -> dict:
    filters = InitiativeFilters.from_query(request.GET)
    initiatives = filters.initiatives(page.locale_id)
    index_url = page.get_url(request)
    tiles = map_settings()
    return {
        "filters": filters,
        "options": filter_options(page.locale_id),
        "status_choices": InitiativeStatus.choices,
        "initiatives_page": paginate_initiatives(initiatives, request.GET.get("page")),
        "map": tiles,
        "markers": map_markers(initiatives, index_url) if tiles else [],
        "summary_url": page.summary_url(request),
    }


def summary_context(page, request) -> dict:
    return {"summary": money_summary(page.locale_id), "index_url": page.get_url(request)}
