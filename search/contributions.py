"""
What plugins registered for search, and what their callbacks get.

`contributions()` reads portal.registry.search_contributors (docs/search.md); `ResultContext` is
the `context` a source's `url(obj, context)` receives. Locales and section pages come from the
cache so that a search spends no queries on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale

from portal.cache import remember
from portal.registry import (
    SearchPageType,
    SearchSource,
    find_section_page,
    search_contributors,
    section_pages,
)


@dataclass
class PageKind:
    key: str
    label: Any
    plural_label: Any
    content_type_ids: frozenset[int]


def contributions() -> tuple[list[PageKind], list[SearchSource]]:
    """The registered page types (with their content types) and sources, in registry order."""
    kinds, sources = [], []
    for name, value in search_contributors.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, SearchPageType):
                models = [apps.get_model(label) for label in item.models]
                ids = {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}
                plural = item.plural_label or item.label
                kinds.append(PageKind(item.key, item.label, plural, frozenset(ids)))
            elif isinstance(item, SearchSource):
                sources.append(item)
            else:
                raise ImproperlyConfigured(
                    f"search_contributors[{name!r}] must be a SearchPageType or a SearchSource."
                )
    return kinds, sources


def contribution_keys() -> list[str]:
    """The keys of the registered page types and sources, in registry order, without reading
    the database (the API's document lists them)."""
    keys = []
    for value in search_contributors.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            keys.append(item.key)
    return keys


def locale_for(language) -> Locale:
    """The Locale of a language code ("lt"), from the cache: it almost never changes."""
    if isinstance(language, Locale):
        return language
    ids = remember(
        "search:locales", build=lambda: dict(Locale.objects.values_list("language_code", "pk"))
    )
    code = language if language in ids else settings.LANGUAGE_CODE
    return Locale(pk=ids.get(code), language_code=code)


def is_restricted(path, restricted):
    return any(path.startswith(prefix) for prefix in restricted)


class ResultContext:
    """What a source's `url(obj, context)` may use: the locale, the request, section pages."""

    def __init__(self, locale: Locale, request=None):
        self.locale = locale
        self.request = request
        self._sections = None

    @property
    def sections(self) -> dict[str, dict]:
        if self._sections is None:
            self._sections = section_page_links(self.locale, self.request)
        return self._sections

    def section_url(self, name: str) -> str | None:
        section = self.sections.get(name)
        return section["url"] if section else None


def section_page_links(locale: Locale, request=None) -> dict[str, dict]:
    """{name: {title, url}} of the section pages in this language (find_section_page)."""

    def build():
        links = {}
        for name in section_pages:
            page = find_section_page(name, locale)
            if page is not None:
                links[name] = {
                    "title": page.title,
                    "url": page.get_url(request),
                    "date": page.last_published_at,
                    "path": page.path,
                }
        # In the order of the page tree, which is the menu's.
        return dict(sorted(links.items(), key=lambda item: item[1]["path"]))

    # The section pages themselves are kept under the content version (find_section_page);
    # their addresses cost no query.
    return build()
