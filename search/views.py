"""The search page, /search/ and /en/search/: a form, typed results, filters and page links."""

from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from .query import cached_search
from .statistics import record_search
from .text import MAX_QUERY_LENGTH, clean_query

RESULTS_PER_PAGE = 10
# Deeper pages cost more to rank and nobody reads them; the last one says to refine the query.
MAX_PAGE = 50


def page_number(value) -> int:
    try:
        number = int(str(value).strip()[:6])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


# Each answer is one visitor's query, and is counted in the statistics: no shared cache keeps it.
@cache_control(private=True)
def search(request):
    query = clean_query(request.GET.get("q", ""))
    types = [value for value in request.GET.getlist("type") if value][:5]
    number = page_number(request.GET.get("page", 1))
    per_page = RESULTS_PER_PAGE
    outcome = cached_search(
        query,
        translation.get_language(),
        types=types,
        limit=per_page,
        offset=(number - 1) * per_page,
        request=request,
    )
    if number == 1 and not outcome.selected_types:
        record_search(query)
    last_page = min(MAX_PAGE, max(1, -(-outcome.count // per_page)))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "page_title": _("Search: %(query)s") % {"query": query.text} if query else _("Search"),
            "search_query": query.text,
            "max_query_length": MAX_QUERY_LENGTH,
            "outcome": outcome,
            "type_filters": type_filters(query.text, outcome),
            "page_number": number,
            "first_number": (number - 1) * per_page + 1,
            "pages": page_links(query.text, outcome.selected_types, number, last_page),
            "beyond_last_page": bool(outcome.count) and not outcome.results,
            "first_page_url": link(query.text, outcome.selected_types, 1),
        },
    )


def link(query: str, types, number: int = 1) -> str:
    params = QueryDict(mutable=True)
    params["q"] = query
    if types:
        params.setlist("type", list(types))
    if number > 1:
        params["page"] = str(number)
    return "?" + params.urlencode()


def type_filters(query: str, outcome) -> list[dict]:
    """'All' and each type that has results (or is chosen), with counts and links."""
    filters = [
        {
            "label": _("All"),
            "count": sum(item.count for item in outcome.types),
            "url": link(query, ()),
            "current": not outcome.selected_types,
        }
    ]
    for item in outcome.types:
        chosen = item.key in outcome.selected_types
        if item.count or chosen:
            filters.append(
                {
                    "label": item.label,
                    "count": item.count,
                    "url": link(query, (item.key,)),
                    "current": chosen and len(outcome.selected_types) == 1,
                }
            )
    return filters


def page_links(query: str, types, number: int, last_page: int) -> dict:
    """Previous, next and a window of page numbers around the current one."""
    if last_page <= 1:
        return {}
    shown = sorted({1, last_page, *range(max(1, number - 2), min(last_page, number + 2) + 1)})
    numbers, previous = [], 0
    for value in shown:
        if value - previous > 1:
            numbers.append(None)  # a gap
        numbers.append(
            {"number": value, "url": link(query, types, value), "current": value == number}
        )
        previous = value
    return {
        "previous": link(query, types, number - 1) if number > 1 else None,
        "next": link(query, types, number + 1) if number < last_page else None,
        "numbers": numbers,
    }
