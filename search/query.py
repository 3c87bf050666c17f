"""
One search, for the search page and the API alike: `run_search(query, locale, ...)`.

It searches, in the visitor's language, the live and public pages of every type (through
Wagtail's page index) and every source that plugins register (portal.registry.search_contributors,
docs/search.md), ranks them together, and returns one page of typed results with their snippets,
the editors' promoted results for the query, the number of results of each type, and, when
nothing is found, the pages most worth suggesting.

Queries: a fixed number whatever the page size, the page number or the number of matches: the
promotions, one facet and one fetch for pages, one query per source (its count comes with it;
two on SQLite), and one for the snippets' text; view restrictions, locales and section pages
come from the cache (portal.cache.remember).
"""

from __future__ import annotations

import heapq
import operator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Window
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modelsearch.conf import get_app_config
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from portal.changes import changed_ids, changed_page_ids
from portal.navigation import prepare_page_urls, restricted_paths
from portal.schedule import is_visible, on_schedule_q, visible

from .backends import backend_for_language
from .contributions import (
    ResultContext,
    contribution_keys,
    contributions,
    is_restricted,
    locale_for,
    section_page_links,
)
from .snippets import Highlighter
from .text import CleanQuery, clean_query

OTHER_PAGES = "page"
OTHER_PAGES_LABEL = _("Page")
OTHER_PAGES_PLURAL = _("Pages")
EXTERNAL_LINK_LABEL = _("External link")


@dataclass
class SearchHit:
    type: str
    type_label: str
    title: str
    url: str
    snippet: str = ""
    date: date | datetime | None = None
    promoted: bool = False
    title_html: SafeString | str = ""
    snippet_html: SafeString | str = ""
    object: Any = field(default=None, repr=False)


@dataclass
class TypeCount:
    key: str
    label: str
    count: int


@dataclass
class SearchOutcome:
    query: CleanQuery
    language: str
    limit: int
    offset: int
    count: int = 0
    results: list[SearchHit] = field(default_factory=list)
    promoted: list[SearchHit] = field(default_factory=list)
    types: list[TypeCount] = field(default_factory=list)
    selected_types: tuple[str, ...] = ()
    # True when no result had every word, and these are the results with any of them.
    any_word: bool = False
    suggestions: list[SearchHit] = field(default_factory=list)


# Searching -------------------------------------------------------------------------------


def _score_sign(backend) -> int:
    # SQLite ranks by bm25(), where smaller is better; PostgreSQL's ts_rank, larger is better.
    return -1 if getattr(backend, "lower_score_is_better", False) else 1


def _top_with_count(results, n: int) -> tuple[list, int]:
    """The first n results and how many there are, in one query where the backend allows."""
    get_queryset = getattr(results, "get_queryset", None)
    # SQLite cannot compute bm25() under a window function: a count query there.
    window = getattr(results.backend, "counts_in_window", True)
    if n > 0 and get_queryset is not None and window:
        queryset = get_queryset()
        if not queryset.query.is_sliced:
            rows = list(queryset.annotate(_search_total=Window(Count("*")))[:n])
            return rows, (rows[0]._search_total if rows else 0)
    count = results.count()
    return (list(results[:n]) if count and n > 0 else []), count


def _text_field_name():
    IndexEntry = get_app_config().get_model("IndexEntry")
    names = {f.name for f in IndexEntry._meta.get_fields()}
    for candidate in ("body_text", "body"):
        if candidate in names:
            return IndexEntry, candidate
    return IndexEntry, None


def _indexed_texts(objects) -> dict[tuple[int, str], str]:
    """The text the index holds for each (content type id, object id): one query."""
    IndexEntry, text_field = _text_field_name()
    if not objects or text_field is None:
        return {}
    wanted: dict[int, set[str]] = {}
    for content_type_id, object_id in objects:
        wanted.setdefault(content_type_id, set()).add(str(object_id))
    condition = reduce(
        operator.or_,
        (Q(content_type_id=ct, object_id__in=ids) for ct, ids in wanted.items()),
    )
    rows = IndexEntry.objects.filter(condition).values_list(
        "content_type_id", "object_id", text_field
    )
    return {(ct, object_id): text or "" for ct, object_id, text in rows}


def _page_queryset(locale, restricted, exclude_ids=(), only_ids=None):
    # Live, and inside its publishing schedule (portal/schedule.py). The search backend filters
    # on indexed fields only, so the pages outside their schedule are left out by id.
    queryset = Page.objects.live().filter(locale_id=locale.pk, depth__gt=1)
    outside = Page.objects.live().exclude(on_schedule_q()).values_list("pk", flat=True)
    if outside := list(outside):
        queryset = queryset.exclude(id__in=outside)
    if restricted:
        queryset = queryset.exclude(
            reduce(operator.or_, (Q(path__startswith=path) for path in restricted))
        )
    if exclude_ids:
        queryset = queryset.exclude(id__in=list(exclude_ids))
    if only_ids is not None:
        queryset = queryset.filter(id__in=list(only_ids))
    return queryset


def run_search(
    query,
    locale="lt",
    *,
    types=None,
    limit: int = 10,
    offset: int = 0,
    request=None,
    modified_since=None,
) -> SearchOutcome:
    """Search the site in one language; see the module docstring. Never raises for odd input.

    Labels (a result's type, the type counts) are in the language searched, whichever language
    the caller has active. With `modified_since` (an aware datetime), only what changed visibly
    at or after that moment is found (portal/changes.py), with no promotions and no
    suggestions: a client catching up wants the changes, not editors' picks."""
    clean = query if isinstance(query, CleanQuery) else clean_query(query)
    locale = locale_for(locale)
    if locale.pk is not None and translation.get_language() != locale.language_code:
        with translation.override(locale.language_code):
            return run_search(
                clean,
                locale,
                types=types,
                limit=limit,
                offset=offset,
                request=request,
                modified_since=modified_since,
            )
    language = locale.language_code
    limit = max(1, int(limit))
    offset = max(0, int(offset))
    kinds, sources = contributions()
    known = known_types()
    selected = tuple(key for key in dict.fromkeys(types or ()) if key in known)
    outcome = SearchOutcome(clean, language, limit, offset, selected_types=selected)
    if locale.pk is None:
        return outcome
    if not clean:
        if modified_since is None:
            outcome.suggestions = suggestions(locale, request)
        return outcome

    # The navigation brings the view restrictions and what page addresses are made from.
    prepare_page_urls(request)
    context = ResultContext(locale, request)
    highlighter = Highlighter(clean.terms, language)
    restricted = restricted_paths()
    promoted, promoted_page_ids = [], set()
    if modified_since is None:
        promoted, promoted_page_ids = _promotions(
            clean, locale, restricted, kinds, context, highlighter
        )
    if offset == 0:
        outcome.promoted = promoted

    plan = _Plan(
        backend=backend_for_language(language),
        query=clean,
        locale=locale,
        restricted=restricted,
        promoted_page_ids=promoted_page_ids,
        kinds=kinds,
        sources=sources,
        selected=selected,
        depth=offset + limit,
        modified_since=modified_since,
    )
    found = plan.run("and")
    if not found.total and len(clean.terms) > 1:
        found = plan.run("or")
        outcome.any_word = bool(found.total)
    outcome.count = found.total
    outcome.types = [
        TypeCount(key, str(label), found.counts.get(key, 0))
        for key, label in _type_labels(kinds, sources, plural=True)
    ]
    window = found.ranked[offset : offset + limit]
    outcome.results = _hits(window, kinds, context, highlighter)
    if not outcome.count and not outcome.promoted and modified_since is None:
        outcome.suggestions = suggestions(locale, request)
    return outcome


RESULTS_TIMEOUT = 60 * 60


def known_types() -> list[str]:
    """The keys `types` may name: each page kind, each source, and the other pages."""
    return [*contribution_keys(), OTHER_PAGES]


def cached_search(
    query, locale="lt", *, types=None, limit=10, offset=0, request=None, modified_since=None
):
    """`run_search`, remembered until anything visible changes.

    The answer is kept under the content version (portal/cache.py), which every publication,
    moderation, restriction or promotion renews, and no longer than the next scheduled go-live
    or expiry of a page, so it is never stale. Statistics are still counted per request by the
    callers. PORTAL_SEARCH_RESULT_CACHE = False turns it off (the search benchmark measures the
    search itself).
    """
    from django.conf import settings

    from portal.cache import remember
    from portal.navigation import site_for_request

    clean = query if isinstance(query, CleanQuery) else clean_query(query)

    def search():
        return run_search(
            clean,
            locale,
            types=types,
            limit=limit,
            offset=offset,
            request=request,
            modified_since=modified_since,
        )

    if not getattr(settings, "PORTAL_SEARCH_RESULT_CACHE", True):
        return search()
    language = getattr(locale, "language_code", locale)
    site = site_for_request(request)
    wanted = tuple(sorted({str(value) for value in types or ()}))
    moment = modified_since.isoformat() if modified_since else None
    return remember(
        "search:outcome",
        site.pk if site else 0,
        repr((clean.text, clean.terms, language, wanted, int(limit), int(offset), moment)),
        build=search,
        timeout=RESULTS_TIMEOUT,
    )


def _type_labels(kinds, sources, plural=False):
    for kind in kinds:
        yield kind.key, kind.plural_label if plural else kind.label
    for source in sources:
        yield source.key, (source.plural_label or source.label) if plural else source.label
    yield OTHER_PAGES, OTHER_PAGES_PLURAL if plural else OTHER_PAGES_LABEL


@dataclass
class _Found:
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    ranked: list[tuple[Any, Any]] = field(default_factory=list)  # (source or None, object)


@dataclass
class _Plan:
    """One search's fixed parts, run with every word required ("and") or any ("or")."""

    backend: Any
    query: CleanQuery
    locale: Any
    restricted: list[str]
    promoted_page_ids: set[int]
    kinds: list
    sources: list
    selected: tuple[str, ...]
    depth: int  # how many of the best results are needed (offset + limit)
    modified_since: Any = None

    def wants(self, key: str) -> bool:
        return not self.selected or key in self.selected

    def run(self, operator_: str) -> _Found:
        found = _Found()
        streams = [self._pages(operator_, found)]
        for source in self.sources:
            streams.append(self._source(source, operator_, found))
        # Merge the streams, each sorted by its own score, into one ranking.
        sign = _score_sign(self.backend)

        def entries(index, source, boost, items):
            for position, obj in enumerate(items):
                score = sign * float(getattr(obj, "_score", 0) or 0) * boost
                yield (-score, index, position, source, obj)

        merged = heapq.merge(*(entries(i, *stream) for i, stream in enumerate(streams)))
        found.ranked = [(source, obj) for _, _, _, source, obj in merged][: self.depth]
        return found

    def _pages(self, operator_, found):
        """Pages of every type: one facet query counts them by type, one fetches the best."""
        pages = _page_queryset(
            self.locale,
            self.restricted,
            self.promoted_page_ids,
            only_ids=changed_page_ids(self.modified_since),
        )
        kind_of = {ct: kind.key for kind in self.kinds for ct in kind.content_type_ids}
        facet = self.backend.search(self.query.key, pages, operator=operator_)
        for content_type_id, count in facet.facet("content_type_id").items():
            key = kind_of.get(content_type_id, OTHER_PAGES)
            found.counts[key] = found.counts.get(key, 0) + count
        page_keys = [kind.key for kind in self.kinds] + [OTHER_PAGES]
        chosen = [key for key in page_keys if self.wants(key)]
        total = sum(found.counts.get(key, 0) for key in chosen)
        found.total += total
        if not total:
            return (None, 1.0, [])
        if len(chosen) < len(page_keys):
            condition = Q(content_type_id__in={ct for ct, key in kind_of.items() if key in chosen})
            if OTHER_PAGES in chosen:
                condition |= ~Q(content_type_id__in=set(kind_of))
            pages = pages.filter(condition)
        results = self.backend.search(self.query.key, pages, operator=operator_)
        return (None, 1.0, list(results.annotate_score("_score")[: self.depth]))

    def _source(self, source, operator_, found):
        """A registered source: one query, its count included (two on SQLite)."""
        queryset = source.queryset(self.locale)
        if self.modified_since is not None:
            queryset = queryset.filter(
                pk__in=list(changed_ids(queryset.model, self.modified_since))
            )
        results = self.backend.search(
            self.query.key,
            queryset,
            fields=list(source.fields) if source.fields else None,
            operator=operator_,
        ).annotate_score("_score")
        if not self.wants(source.key):
            found.counts[source.key] = results.count()
            return (source, source.boost, [])
        items, count = _top_with_count(results, self.depth)
        found.counts[source.key] = count
        found.total += count
        return (source, source.boost, items)


def _page_hit(page, kinds, context, **fields) -> SearchHit:
    kind = next((k for k in kinds if page.content_type_id in k.content_type_ids), None)
    return SearchHit(
        type=kind.key if kind else OTHER_PAGES,
        type_label=str(kind.label if kind else OTHER_PAGES_LABEL),
        title=page.title,
        url=page.get_url(context.request) or "",
        date=page.last_published_at,
        object=page,
        **fields,
    )


def _promotions(clean, locale, restricted, kinds, context, highlighter):
    """Editors' promoted results for this query: live, public pages in this language, links."""
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=clean.key[:255])
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not promotions:
        return [], set()
    foreign = {
        p.page.translation_key
        for p in promotions
        if p.page is not None and p.page.locale_id != locale.pk
    }
    translations = {}
    if foreign:
        translations = {
            page.translation_key: page
            for page in visible(Page.objects.filter(translation_key__in=foreign)).filter(
                locale_id=locale.pk
            )
        }
    hits, page_ids = [], set()
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            if page.locale_id != locale.pk:
                page = translations.get(page.translation_key)
            if page is None or not is_visible(page) or is_restricted(page.path, restricted):
                continue
            if page.pk in page_ids:
                continue
            page_ids.add(page.pk)
            description = promotion.description or page.search_description
            hit = _page_hit(page, kinds, context, promoted=True, snippet=description)
        elif promotion.external_link_url:
            hit = SearchHit(
                type="link",
                type_label=str(EXTERNAL_LINK_LABEL),
                title=promotion.external_link_text or promotion.external_link_url,
                url=promotion.external_link_url,
                snippet=promotion.description,
                promoted=True,
            )
        else:
            continue
        hit.title_html = highlighter.mark(hit.title)
        hit.snippet_html = highlighter.mark(hit.snippet)
        hits.append(hit)
    return hits, page_ids


def _hits(window, kinds, context, highlighter) -> list[SearchHit]:
    """Typed results with snippets for one page of ranked objects: one query for the texts."""
    wanted = []
    for source, obj in window:
        if source is None:
            wanted.append((obj.content_type_id, obj.pk))
        elif source.text is None:
            wanted.append((ContentType.objects.get_for_model(type(obj)).pk, obj.pk))
    texts = _indexed_texts(wanted)
    hits = []
    for source, obj in window:
        if source is None:
            hit = _page_hit(obj, kinds, context)
            text = texts.get((obj.content_type_id, str(obj.pk))) or obj.search_description
        else:
            if source.text is not None:
                text = source.text(obj)
            else:
                content_type_id = ContentType.objects.get_for_model(type(obj)).pk
                text = texts.get((content_type_id, str(obj.pk)), "")
            hit = SearchHit(
                type=source.key,
                type_label=str(source.label),
                title=str(source.title(obj)),
                url=source.url(obj, context) or "",
                date=source.date(obj) if source.date else None,
                object=obj,
            )
        hit.title_html = highlighter.mark(hit.title)
        hit.snippet, hit.snippet_html = highlighter.passage(text)
        hits.append(hit)
    return hits


def suggestions(locale, request=None) -> list[SearchHit]:
    """The section pages, for a search that found nothing."""
    hits = []
    for link in section_page_links(locale, request).values():
        hits.append(
            SearchHit(
                type=OTHER_PAGES,
                type_label=str(OTHER_PAGES_LABEL),
                title=link["title"],
                url=link["url"],
                date=link["date"],
            )
        )
    return hits
