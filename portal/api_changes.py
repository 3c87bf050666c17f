"""
/api/v1/changes: the change feed. Every change of a public item, of every type, in the order of
the ledger of visible changes (portal/ledger.py), with a cursor: `after` is the id of the last
item a client has, `next` the address of the items after the last one returned.

The ledger's ids commit in order (portal/ledger.py), so a client that follows `next` until
`results` is empty, keeps the last id and comes back later with it never misses or repeats a
change. What each row says, and what it never says, is portal/changes.py's.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema

from .api import DEFAULT_LIMIT, MAX_LIMIT, MAX_ROW_ID, DateTime, Language
from .changes import FEED_KINDS, Links, change_items, feed_rows
from .ledger import current_version

changes_router = Router(tags=["changes"])

ChangeKind = Literal[tuple(str(kind) for kind in FEED_KINDS)]  # type: ignore[valid-type]


class ChangeParams(Schema):
    """The cursor and the page size of the change feed."""

    after: int = Field(
        0,
        ge=0,
        le=MAX_ROW_ID,
        description="The id of the last change you have; 0 (the default) starts from the first.",
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Changes per page, at most {MAX_LIMIT}."
    )


class ChangeItem(Schema):
    id: int = Field(description="The change's id, in commit order: the cursor (`after`).")
    at: DateTime = Field(description="When the change took effect.")
    kind: ChangeKind = Field(
        description="created, published, changed or moved for a public item; unpublished, "
        "expired, deleted or hidden (no longer public for another reason: under a view "
        "restriction, taken off the idea wall, ...) for a tombstone."
    )
    tombstone: bool = Field(
        description="The item is not public now: drop your copy. A tombstone has no url."
    )
    type: str = Field(
        description="page, call, initiative, idea, idea_theme, document, image, legal_document, "
        "strategy_priority, strategy_measure, strategy_indicator, ...; `site` for a change of the "
        "whole site (its address, a language, a view restriction, its settings): read your "
        "lists again."
    )
    object_id: str | None = Field(description="The item's id within its type; none for `site`.")
    translation_key: UUID | None = Field(
        description="The same for every language version of the item."
    )
    locale: str | None = Field(description="The item's language, for translatable items.")
    url: str | None = Field(description="The item on the site, while it is public.")
    api_url: str | None = Field(description="The item in this API, while it is public.")


class ChangePage(Schema):
    next: str = Field(
        description="This address with `after` set to the last id returned (the same `after` "
        "when there is nothing new): follow it until `results` is empty."
    )
    results: list[ChangeItem]


LOCALE_FILTER = Query(
    None,
    description="Only changes of items in this language, and of items that have none "
    "(ideas, documents, images, `site`). All languages when not given.",
)


def next_link(request, after: int) -> str:
    query = request.GET.copy()
    query["after"] = str(after)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@changes_router.get(
    "",
    response=ChangePage,
    summary="Changes of public items, in order",
    description="Every change a visitor could see, of every type, in the order it was "
    "committed: published, changed, moved, unpublished, expired, deleted. An item that is not "
    "public now is a tombstone, with no address and nothing of its content. Start with "
    "`after=0` (or the id you kept), follow `next` until `results` is empty, keep the last id.",
)
def list_changes(
    request,
    page: Query[ChangeParams],
    locale: Language | None = LOCALE_FILTER,
):
    # Expiries are recorded by the first reader after their moment: be that reader.
    current_version()
    rows = feed_rows(page.after, page.limit, locale)
    return {
        "next": next_link(request, rows[-1].pk if rows else page.after),
        "results": change_items(rows, Links(request)),
    }
