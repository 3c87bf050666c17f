"""
The registries that plugins fill and the core reads.

The core (portal/) never imports a plugin. Each plugin registers what it contributes from its
AppConfig.ready(): a section on the home page, a page that other parts may link to by name, its
part of the demo content, its API router, its search contribution. Removing a plugin from
INSTALLED_APPS removes all of that with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class _Entry:
    order: int
    name: str
    value: Any = field(compare=False)


class Registry:
    """An ordered collection of named contributions. Registering a name twice replaces it."""

    def __init__(self, description: str):
        self.description = description
        self._entries: dict[str, _Entry] = {}

    def register(self, name: str, value: Any, *, order: int = 100) -> Any:
        self._entries[name] = _Entry(order, name, value)
        return value

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

    def get(self, name: str, default: Any = None) -> Any:
        entry = self._entries.get(name)
        return entry.value if entry else default

    def __iter__(self):
        return iter(name for name, _ in self.items())

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def items(self) -> list[tuple[str, Any]]:
        return [(e.name, e.value) for e in sorted(self._entries.values())]

    def values(self) -> list[Any]:
        return [value for _, value in self.items()]

    def __len__(self) -> int:
        return len(self._entries)


@dataclass
class HomeSection:
    """What a plugin shows on the home page: a template and the context it needs.

    `max_age`: for how many seconds the section stays true if its content changes with time
    (a call's status, a countdown); the home page is not cached longer than its shortest one.
    """

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    max_age: int | None = None


# name -> callable(request, home_page) -> HomeSection | None
home_sections = Registry("Sections that plugins add to the home page")

# name -> page model: well-known pages ("ideas", "strategy", ...) that other parts link to
# without knowing which plugin provides them; each language has one of each.
section_pages = Registry("Pages other parts may link to by name")

# name -> callable(loader: portal.demo.DemoLoader) -> None, run in `order` by load_demo_content.
demo_loaders = Registry("Demo content that each plugin contributes")

# name -> (url prefix, ninja.Router): the routers of the public API.
api_routers = Registry("Routers of the public API")

# name -> callable(loader: portal.demo.DemoLoader, counts: dict) -> None: adds generated volume
# (e.g. counts["calls"] calls) for `manage.py generate_volume`, used by benchmarks and load tests.
volume_generators = Registry("Generated volume for benchmarks and load tests")

# name -> SearchPageType | SearchSource, or a list of them: what a plugin adds to site search
# (docs/search.md).
search_contributors = Registry("What each plugin contributes to site search")

# model label in lower case ("calls.callpage") -> portal.changes.ChangeType: the public name of
# a type of object in the change feed and webhooks, and which of its objects are public.
change_types = Registry("Types of object that the change feed and webhooks name")

# name -> callable() -> None: called after each transaction that wrote rows of the ledger
# of visible changes commits, outside it (portal/ledger.py); webhooks fan out from here.
change_listeners = Registry("What runs after changes visitors can see are committed")


@dataclass
class OpenDataset:
    """A file a plugin publishes as open data, described and linked in the API
    (`GET /api/v1/open-data`): its title and description, its columns (stable code, header in
    the answer's language), and where it is: `path` below the plugin's section page `section`
    (portal.registry.section_pages), in each language."""

    title: Any
    description: Any
    columns: list[tuple[str, Any]]
    section: str
    path: str
    media_type: str = "text/csv"


open_datasets = Registry("Open data files that plugins publish")


def find_section_page(name: str, locale) -> Any:
    """The visible, public page a plugin registered under `name`, in a language (or None): a
    plain Page (title, address), not the specific page.

    All of a language's section pages are found in one query and kept under the content
    version (portal/cache.py), so the answer is never stale.
    """
    from .cache import remember

    locale_id = getattr(locale, "pk", locale)
    found = remember("portal:section-pages", locale_id, build=lambda: _section_pages(locale_id))
    return found.get(name)


def section_page_types() -> dict:
    """{content type id: name} of the registered section page models."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*section_pages.values())
    return {types[model].pk: name for name, model in section_pages.items()}


def section_pages_of(pages, restricted_paths) -> dict:
    """{name: page}: the first public page of each section type among visible `pages`."""
    names = section_page_types()
    found = {}
    for page in sorted(pages, key=lambda page: page.path):
        name = names.get(page.content_type_id)
        if name and not any(page.path.startswith(path) for path in restricted_paths):
            found.setdefault(name, page)
    return found


def _section_pages(locale_id) -> dict:
    """Read on their own when the navigation (portal/navigation.py) has not read them."""
    from wagtail.models import Page

    from .navigation import restricted_paths
    from .schedule import visible

    pages = visible(
        Page.objects.filter(locale_id=locale_id, content_type_id__in=section_page_types())
    )
    return section_pages_of(pages, restricted_paths())


@dataclass(frozen=True)
class SearchPageType:
    """How site search labels pages of some types and lets residents filter by them.

    Pages of every type are searched anyway (live, public, in the visitor's language); this only
    names them. `models` are "app_label.ModelName" strings; `key` is the value of the type filter
    (`?type=call`); `label` a translatable singular noun ("Funding call").
    """

    key: str
    label: Any
    models: tuple[str, ...]
    plural_label: Any = None  # for the type filter ("Funding calls"); the label if not given


@dataclass(frozen=True)
class SearchSource:
    """Objects other than pages that site search finds: legal documents, published ideas, ...

    The model must be `wagtail.search.index.Indexed`, with `SearchField`s (and their boosts) for
    the text to search and a `FilterField` for every field `queryset` filters on.

    - `queryset(locale)`: what a visitor of that language may find (published only);
    - `url(obj, context)`: the object's public address; `context.section_url("ideas")` gives a
      section page's address without a query per object;
    - `title(obj)`, `date(obj)` (a date, a datetime or None) and `text(obj)` (the plain text to
      cut the snippet from; by default the text the search index holds);
    - `fields`: search only these fields; `boost`: weight of this source against pages (1.0);
      `plural_label`: the type filter's name for them, the label if not given.
    """

    key: str
    label: Any
    queryset: Callable[[Any], Any]
    url: Callable[[Any, Any], str]
    title: Callable[[Any], str] = str
    date: Callable[[Any], Any] | None = None
    text: Callable[[Any], str] | None = None
    fields: tuple[str, ...] | None = None
    boost: float = 1.0
    plural_label: Any = None
