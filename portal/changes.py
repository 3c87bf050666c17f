"""
What the ledger of visible changes (portal/ledger.py) tells clients: the items of the change
feed (/api/v1/changes, portal/api_changes.py) and of webhooks (webhooks/), and `modified_since`
on the lists of /api/v1/.

Each row becomes one item: {id, at, kind, tombstone, type, object_id, translation_key, locale,
url, api_url}. Whether the object is public is decided when the item is read, by the same rules
as the rest of the API, never when the row was written:

- public now: the row's own kind, with the object's address on the site (`url`) and in the API
  (`api_url`) where it has them;
- not public now (unpublished, expired, deleted, under a view restriction, an idea taken off
  the wall, a document in a restricted collection): a tombstone. Its kind is the row's own if
  that already says the object went away (unpublished, expired, deleted), else `hidden`; it has
  no address and nothing of the object's content. A client drops its copy.

The public name of each type (`page`, `call`, `idea`, `document`, ...) comes from one place, the
`change_types` registry that the core and the plugins fill (ChangeType). Rows of models that
change the whole site rather than one item (a site, a language, a collection, a view
restriction, the site settings) are one generic `site` item without object: a view restriction
can hide a whole section, which its pages' own rows do not say, so a client learns that it
should read its lists again. Rows no client needs (a rebuilt search index, redirects, search
promotions, models of no registered type) are left out of the feed. docs/api.md explains both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import reverse
from ninja import Query
from ninja.errors import HttpError
from pydantic import AwareDatetime, BeforeValidator
from pydantic_core import PydanticCustomError
from wagtail.models import Page, get_page_models

from .models import Change
from .registry import change_types

Kind = Change.Kind

# Kinds that already say that an object is no longer public.
GONE = frozenset({Kind.UNPUBLISHED, Kind.EXPIRED, Kind.DELETED})
# The kind of a tombstone for a row whose object is not public any more for another reason.
HIDDEN = "hidden"
FEED_KINDS = [
    Kind.CREATED,
    Kind.PUBLISHED,
    Kind.CHANGED,
    Kind.MOVED,
    Kind.UNPUBLISHED,
    Kind.EXPIRED,
    Kind.DELETED,
    HIDDEN,
]
SITE = "site"
# Models whose change is a change of the whole site for a client (see the module docstring).
SITE_WIDE_MODELS = frozenset(
    {
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.collection",
        "wagtailcore.collectionviewrestriction",
        "wagtailcore.pageviewrestriction",
        "portal.sitesettings",
    }
)


@dataclass(frozen=True)
class ChangeType:
    """How the change feed and webhooks name one model's objects, and which are public.

    - `name`: the stable public name of the type (`call`, `idea`, `legal_document`);
    - `api_path`: for pages, the page's detail in /api/v1/ below its root, `{id}` standing for
      the id (`calls/{id}`); pages are public as the API's pages are (portal.api_pages);
    - `public(ids, links)`: for other models, which of `ids` (strings) are public now, as
      {id: (url on the site or None, url in the API or None)}, in a fixed number of queries
      whatever the number of ids. `links.absolute(path)` and `links.api(path)` make URLs.

    Register under the model's label in lower case:
    `change_types.register("calls.callpage", ChangeType("call", api_path="calls/{id}"))`.
    """

    name: str
    api_path: str | None = None
    public: Callable[[list[str], Links], dict[str, tuple[str | None, str | None]]] | None = None


PAGE = ChangeType("page", api_path="pages/{id}")


class Links:
    """Absolute URLs for a request (the feed) or a request made for a site (webhooks)."""

    def __init__(self, request):
        self.request = request

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def api(self, path: str) -> str:
        return self.absolute(api_root() + path)


def api_root() -> str:
    """'/api/v1/' as the URL configuration has it."""
    return reverse("api-v1:openapi-json").rsplit("/", 1)[0] + "/"


# Which rows ----------------------------------------------------------------------------------


def _registered_models():
    from django.apps import apps

    models = []
    for label in [*change_types, *SITE_WIDE_MODELS]:
        try:
            models.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue  # an app that is not installed
    return models


def feed_content_types() -> dict[int, tuple[str, ChangeType | None]]:
    """{content type id: (model label, its ChangeType, or None for a site-wide model)} of every
    model the feed shows. Django caches content types in the process: no query once warm."""
    models = [*get_page_models(), *_registered_models()]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    found = {}
    for model, content_type in types.items():
        label = model._meta.label_lower
        if label in SITE_WIDE_MODELS:
            found[content_type.pk] = (label, None)
        elif issubclass(model, Page):
            found[content_type.pk] = (label, change_types.get(label, PAGE))
        else:
            found[content_type.pk] = (label, change_types.get(label))
    return found


def feed_rows(after: int, limit: int, language: str | None = None) -> list[Change]:
    """The next `limit` rows after the cursor that the feed shows, in id order (one query);
    with `language`, only that language's and those of no language."""
    rows = Change.objects.filter(
        id__gt=after,
        content_type_id__in=list(feed_content_types()),
        kind__in=[kind for kind in FEED_KINDS if kind != HIDDEN],
    )
    if language:
        rows = rows.filter(Q(locale__isnull=True) | Q(locale__language_code=language))
    return list(rows.select_related("locale").order_by("id")[:limit])


# What they say -------------------------------------------------------------------------------


def _public_pages(ids: list[str], links: Links) -> dict[str, Page]:
    """The public pages among `ids` (one query, plus the navigation when it is not cached)."""
    from .api_pages import api_pages

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    if not numbers:
        return {}
    pages = api_pages(links.request).filter(pk__in=numbers)
    return {str(page.pk): page for page in pages}


def change_items(rows: list[Change], links: Links) -> list[dict]:
    """The items of these rows, public or tombstones (a fixed number of queries: one per
    type present among the rows, whatever their number)."""
    types = feed_content_types()
    by_type: dict[str, list[str]] = {}
    page_ids = []
    for row in rows:
        label, change_type = types.get(row.content_type_id, (None, None))
        if change_type is None:
            continue
        if change_type.public is None:
            page_ids.append(row.object_id)
        else:
            by_type.setdefault(label, []).append(row.object_id)
    pages = _public_pages(page_ids, links) if page_ids else {}
    public = {
        label: change_types.get(label).public(sorted(set(ids)), links)
        for label, ids in by_type.items()
    }
    items = []
    for row in rows:
        label, change_type = types.get(row.content_type_id, (None, None))
        item = {
            "id": row.pk,
            "at": row.at,
            "kind": row.kind,
            # A change of the whole site is never a tombstone: the site is still there.
            "tombstone": change_type is not None and row.kind in GONE,
            "type": SITE if change_type is None else change_type.name,
            "object_id": None,
            "translation_key": None,
            "locale": None,
            "url": None,
            "api_url": None,
        }
        if change_type is not None:
            item.update(
                object_id=row.object_id,
                translation_key=row.translation_key,
                locale=row.locale.language_code if row.locale else None,
            )
            found = _links_of(row, change_type, label, pages, public, links)
            if found is None:
                item["tombstone"] = True
                if row.kind not in GONE:
                    item["kind"] = HIDDEN
            elif not item["tombstone"]:
                item["url"], item["api_url"] = found
        items.append(item)
    return items


def _links_of(row, change_type, label, pages, public, links):
    """(url, api_url) of the row's object if it is public now, else None."""
    if change_type.public is not None:
        return public.get(label, {}).get(row.object_id)
    page = pages.get(row.object_id)
    if page is None:
        return None
    url = page.get_url(links.request)
    api_path = change_type.api_path or PAGE.api_path
    return (
        links.absolute(url) if url else None,
        links.api(api_path.format(id=page.pk)),
    )


# modified_since --------------------------------------------------------------------------------

MODIFIED_SINCE_DESCRIPTION = (
    "Only items whose last visible change (published, changed, moved; for a page also a change "
    "of its inline content) was at or after this moment, an RFC 3339 date-time with its offset, "
    "e.g. 2026-05-01T09:00:00+03:00. Values computed from time or from other items (a call's "
    "status, an indicator's progress, translations) may change without it."
)


RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)


def _rfc3339(value):
    # pydantic would also take a number of seconds ("0.5") or a date alone: not RFC 3339.
    if not isinstance(value, str) or not RFC3339.match(value):
        raise PydanticCustomError("datetime_parsing", "Input should be an RFC 3339 date-time")
    return value


# `modified_since: ModifiedSince | None = MODIFIED_SINCE` on every list of content.
ModifiedSince = Annotated[AwareDatetime, BeforeValidator(_rfc3339)]
MODIFIED_SINCE = Query(None, description=MODIFIED_SINCE_DESCRIPTION)


def since(moment: datetime | None) -> datetime | None:
    """A `modified_since` the database can compare: in UTC, or a 400 if it cannot be."""
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise HttpError(400, "modified_since is out of range.") from None


def _changes_since(moment: datetime):
    return Change.objects.filter(at__gte=moment).exclude(kind=Kind.REINDEXED)


def changed_since(queryset: QuerySet, moment: datetime | None) -> QuerySet:
    """The objects of `queryset` (pages or other models) changed at or after `moment`."""
    moment = since(moment)
    if moment is None:
        return queryset
    model = queryset.model
    changes = _changes_since(moment).filter(
        object_id=Cast(OuterRef("pk"), output_field=CharField())
    )
    if issubclass(model, Page):
        changes = changes.filter(content_type_id=OuterRef("content_type_id"))
    else:
        changes = changes.filter(content_type=ContentType.objects.get_for_model(model))
    return queryset.filter(Exists(changes))


def changed_ids(model, moment: datetime | None) -> set[int] | None:
    """The ids of `model`'s objects changed at or after `moment` (one query), for lists built
    in Python; None without a moment."""
    moment = since(moment)
    if moment is None:
        return None
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    ids = _changes_since(moment).filter(content_type=content_type).values_list("object_id")
    return {int(pk) for (pk,) in ids if pk.isdigit()}


def changed_page_ids(moment: datetime | None) -> set[int] | None:
    """The ids of pages of every type changed at or after `moment` (one query), for searches,
    whose backends filter on ids but not on subqueries; None without a moment."""
    moment = since(moment)
    if moment is None:
        return None
    types = ContentType.objects.get_for_models(*get_page_models(), for_concrete_models=False)
    ids = (
        _changes_since(moment)
        .filter(content_type_id__in=[content_type.pk for content_type in types.values()])
        .values_list("object_id")
    )
    return {int(pk) for (pk,) in ids if pk.isdigit()}


# The core's own types besides pages: Wagtail's documents and images -------------------------


def _restricted_collection_ids() -> set[int]:
    """Collections under a view restriction and everything in them (two small queries)."""
    from wagtail.models import Collection, CollectionViewRestriction

    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return set()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return set(Collection.objects.filter(q).values_list("pk", flat=True))


def _public_files(model, kind: str, with_url: bool):
    def public(ids, links):
        numbers = [int(pk) for pk in ids if pk.isdigit()]
        files = model.objects.filter(pk__in=numbers).exclude(
            collection_id__in=_restricted_collection_ids()
        )
        return {
            str(item.pk): (
                links.absolute(item.url) if with_url else None,
                links.absolute(reverse(f"wagtailapi:{kind}:detail", args=[item.pk])),
            )
            for item in files
        }

    return public


def register_core_types():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    document, image = get_document_model(), get_image_model()
    change_types.register(
        document._meta.label_lower,
        ChangeType("document", public=_public_files(document, "documents", with_url=True)),
    )
    # An image has no address of its own on the site; its renditions are in the API.
    change_types.register(
        image._meta.label_lower,
        ChangeType("image", public=_public_files(image, "images", with_url=False)),
    )


# Readers of the ledger inside the portal -----------------------------------------------------


def read_changes(name: str, handle: Callable[[list[Change]], None], *, batch: int = 100) -> int:
    """Hand every committed ledger row after reader `name`'s cursor to `handle`, in id order and
    batches of `batch`, and move the cursor on; returns how many rows were handled.

    Each batch is one transaction with the reader's row locked: `handle` stores what it derives
    from the rows (messages, deliveries) in that transaction, so a row is handled exactly once
    even when two processes read at the same time or a task is retried, and a failure leaves
    the cursor where it was. A reader seen for the first time starts at the latest row: it
    handles what changes from then on, not the site's whole history. The ledger's ids commit in
    order (portal/ledger.py), so the cursor never passes a row committed later.
    """
    from .models import ChangeReader

    latest = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ChangeReader.objects.get_or_create(name=name, defaults={"last_change_id": latest})
    handled = 0
    while True:
        with transaction.atomic():
            reader = ChangeReader.objects.select_for_update().get(name=name)
            rows = list(
                Change.objects.filter(id__gt=reader.last_change_id)
                .select_related("locale", "content_type")
                .order_by("id")[:batch]
            )
            if not rows:
                return handled
            handle(rows)
            reader.last_change_id = rows[-1].pk
            reader.save(update_fields=["last_change_id"])
        handled += len(rows)
        if len(rows) < batch:
            return handled
