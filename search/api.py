"""
/api/v1/search: the site search for other channels, the same `run_search` as the search page.

Registered from SearchConfig.ready() through portal.registry.api_routers, so it follows the
core API's conventions (portal/api.py): `locale`, `limit` / `offset` with next and previous
links, the shared error shape. Searches through the API are not counted in the statistics, which
are about what residents look for on the site.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import WithJsonSchema

from portal.api import DateTime, ErrorSchema, Language, PageParams, page_link, use_language
from portal.changes import MODIFIED_SINCE, ModifiedSince, since

from .query import SearchHit, cached_search, known_types
from .text import MAX_QUERY_LENGTH

router = Router(tags=["search"])
TYPE_HELP = "Only results of this type, or of several separated by commas; see `types`."


def types_pattern() -> str:
    """The `type` filter's values (the installed types, comma-separated) as a pattern, so the
    document says which values are accepted; anything else is a 400."""
    names = "|".join(re.escape(key) for key in known_types())
    return rf"^(\s*({names})\s*(,\s*({names})\s*)*)?$"


# Ranking reads `offset + limit` hits from every source, so search pages end sooner than lists.
MAX_SEARCH_OFFSET = 1000


class SearchPageParams(PageParams):
    offset: int = Field(0, ge=0, le=MAX_SEARCH_OFFSET, description="How many results to skip.")


class SearchResultSchema(Schema):
    type: str
    type_label: str
    title: str
    url: str
    snippet: str
    snippet_html: str
    date: date | DateTime | None
    promoted: bool


class SearchTypeSchema(Schema):
    key: str
    label: str
    count: int


class SearchResponseSchema(Schema):
    query: str
    count: int
    next: str | None
    previous: str | None
    any_word: bool
    types: list[SearchTypeSchema]
    promoted: list[SearchResultSchema]
    results: list[SearchResultSchema]
    suggestions: list[SearchResultSchema]


def _result(request, hit: SearchHit) -> dict:
    return {
        "type": hit.type,
        "type_label": hit.type_label,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url) if hit.url else "",
        "snippet": hit.snippet or "",
        "snippet_html": str(hit.snippet_html or ""),
        "date": hit.date,
        "promoted": hit.promoted,
    }


@router.get(
    "",
    response={200: SearchResponseSchema, 400: ErrorSchema},
    summary="Search the site",
    description="Live, public pages of every type and what plugins contribute (legal documents, "
    "published ideas, ...) in one language, best first. With `modified_since`, only what "
    "changed at or after that moment, without promotions or suggestions. `snippet_html` is "
    "escaped text in which only `<mark>` elements (the matched words) are markup. Odd or empty "
    "queries give no results, never an error.",
)
def search(
    request,
    page: Query[SearchPageParams],
    q: str = Query(
        "", max_length=MAX_QUERY_LENGTH, description=f"At most {MAX_QUERY_LENGTH} characters."
    ),
    locale: Language = "lt",
    # The pattern is in the document; the values are checked below, for a message that names
    # them.
    types: Annotated[
        Annotated[
            str, WithJsonSchema({"type": "string", "pattern": types_pattern(), "maxLength": 200})
        ]
        | None,
        Query(alias="type", description=TYPE_HELP, max_length=200),
    ] = None,
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    limit, offset = page.limit, page.offset
    with use_language(locale):
        wanted = [key.strip() for key in (types or "").split(",") if key.strip()] or None
        known = known_types()
        unknown = [key for key in wanted or () if key not in known]
        if unknown:
            expected = ", ".join(known)
            raise ValidationError(
                [
                    {
                        "loc": ["query", "type"],
                        "type": "literal_error",
                        "msg": f"Input should be one of: {expected}",
                        "ctx": {"expected": expected},
                    }
                ]
            )
        outcome = cached_search(
            q,
            locale,
            types=wanted,
            limit=limit,
            offset=offset,
            request=request,
            modified_since=since(modified_since),
        )
        count = outcome.count
        return {
            "query": outcome.query.text,
            "count": count,
            "next": page_link(request, offset + limit, limit) if offset + limit < count else None,
            "previous": page_link(request, max(0, offset - limit), limit) if offset else None,
            "any_word": outcome.any_word,
            "types": [
                {"key": item.key, "label": item.label, "count": item.count}
                for item in outcome.types
            ],
            "promoted": [_result(request, hit) for hit in outcome.promoted],
            "results": [_result(request, hit) for hit in outcome.results],
            "suggestions": [_result(request, hit) for hit in outcome.suggestions],
        }
