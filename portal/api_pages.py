"""
The core's content endpoints of /api/v1/: pages (a list, one by id, one by path within a
language), the navigation tree of a language and site search.

Only what a visitor can see on the site is here: live pages in the site's language trees,
outside view restrictions, within their publishing schedule (`api_pages()`, the one queryset
every endpoint starts from). A page's own content comes from its type's `api_fields` or its
`api_detail_fields(request)` hook (portal/api_fields.py); drafts and unpublished changes never
appear because only the live page row is read, never its revisions.

Lists cost a fixed number of queries whatever their length: one for the page of results, one
for their count and one for all their translations (tests/test_api_pages.py holds them to it).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field, create_model
from wagtail.api.v2.utils import page_models_from_string
from wagtail.models import Page, get_page_models

from .api import (
    MAX_PAGE_ID,
    DateTime,
    Language,
    PageId,
    PageParams,
    Paginated,
    paginate,
    use_language,
)
from .api_content import PageRef, fields_schema
from .api_fields import FieldContext, api_field_values
from .changes import MODIFIED_SINCE, ModifiedSince, changed_since
from .navigation import locale_homes, restricted_paths
from .schedule import on_schedule_q

MAX_NAVIGATION_DEPTH = 5


def page_types_pattern() -> str:
    """The `type` filter's values as a pattern: one page type of the installed plugins, or
    several separated by commas. In the document, so clients (and schemathesis) know them."""
    names = "|".join(re.escape(model._meta.label) for model in get_page_models())
    return rf"^({names})(,({names}))*$"


# Which pages ------------------------------------------------------------------------------


def _homes(request, language=None) -> dict:
    homes = locale_homes(request)
    if language is None:
        return homes
    return {language: homes[language]} if language in homes else {}


def _in_trees(request, language=None):
    homes = _homes(request, language)
    if not homes:
        return Page.objects.none()
    trees = Q()
    for home in homes.values():
        trees |= Q(path__startswith=home["path"])
    pages = Page.objects.live().filter(trees)  # and within their schedule: api_pages()
    # Like PageQuerySet.public(): a restricted page and everything below it stay out (the
    # restrictions kept under the content version, as every page view reads them).
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def api_pages(request, language: str | None = None, *, searchable: bool = False):
    """
    Pages an API may show: live, public, in the site's language trees (or one language's) and
    within their publishing schedule (`go_live_at` reached, `expire_at` not yet).

    `searchable=True` gives the same pages in a form the search backend accepts (it filters on
    indexed fields only), at the cost of one more query.
    """
    on_schedule = on_schedule_q()
    pages = _in_trees(request, language)
    if searchable:
        hidden = Page.objects.live().exclude(on_schedule).values_list("pk", flat=True)
        return pages.exclude(pk__in=list(hidden))
    return pages.filter(on_schedule)


# How a page is shown ----------------------------------------------------------------------


class TranslationLink(Schema):
    locale: str = Field(description="Language code of the translation.")
    id: int
    title: str
    url: str = Field(description="The translation on the site.")
    api_url: str = Field(description="The translation in this API.")


class PageSummary(Schema):
    id: int
    type: str = Field(description="Page type as app_label.ModelName, e.g. home.ContentPage.")
    locale: str
    title: str
    slug: str
    path: str = Field(description="Path within its language, as /pages/by-path takes it.")
    url: str = Field(description="The page on the site.")
    api_url: str = Field(description="The page in this API.")
    search_description: str
    first_published_at: DateTime | None
    last_published_at: DateTime | None
    translation_key: str = Field(description="The same in every language version of the page.")
    translations: list[TranslationLink] = Field(
        description="The page's public versions in the other languages."
    )


class PageDetailBase(PageSummary):
    seo_title: str
    parent: PageRef | None = Field(description="The parent page; none for a home page.")


def page_detail_schema() -> Any:
    """One detail schema per installed page type, told apart by `type`; each has the type's
    own content in `fields` (portal/api_content.py)."""
    members = []
    for model in get_page_models():
        label = model._meta.label
        members.append(
            create_model(
                f"{model.__name__}Detail",
                __base__=PageDetailBase,
                __doc__=f"A {model._meta.verbose_name} with its own content.",
                type=(Literal[label], Field(description="Page type as app_label.ModelName.")),
                fields=(
                    fields_schema(model),
                    Field(
                        description="The page type's own content: StreamFields as lists of "
                        "typed blocks, rich text as HTML, images as renditions, documents with "
                        "URL, type and size."
                    ),
                ),
            )
        )
    union = Union[tuple(members)]  # noqa: UP007 - the page types are known only at run time
    return Annotated[union, Field(discriminator="type")]


PageDetail = page_detail_schema()


class NavigationItem(Schema):
    id: int
    type: str
    title: str
    path: str
    url: str
    api_url: str
    translation_key: str
    translations: list[TranslationLink]
    children: list[NavigationItem] = Field(default_factory=list)


NavigationItem.model_rebuild()


class Navigation(Schema):
    locale: str
    home: NavigationItem = Field(description="The home page; its children are the main menu.")


class SearchResult(Schema):
    kind: str = Field(description="What was found; for now always 'page'.")
    id: int
    type: str
    locale: str
    title: str
    url: str
    api_url: str
    summary: str
    translation_key: str
    translations: list[TranslationLink]


def page_api_url(request, page_id: int) -> str:
    return request.build_absolute_uri(reverse("api-v1:page_detail", kwargs={"page_id": page_id}))


def page_type(page) -> str:
    content_type = ContentType.objects.get_for_id(page.content_type_id)  # cached per process
    model = content_type.model_class()
    name = model.__name__ if model else content_type.model
    return f"{content_type.app_label}.{name}"


def page_path(page, homes) -> str:
    """The page's path within its language tree: '/' for the home page, '/about/' below it."""
    for home in homes.values():
        if page.url_path.startswith(home["url_path"]):
            return "/" + page.url_path[len(home["url_path"]) :]
    return page.url_path


def translation_links(request, pages) -> dict[str, list[dict]]:
    """Public translations of all `pages` at once (one query): translation_key -> links."""
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    ids = [page.pk for page in pages]
    links: dict[str, list[dict]] = {}
    translations = (
        api_pages(request)
        .filter(translation_key__in=keys)
        .exclude(pk__in=ids)
        .select_related("locale")
        .order_by("locale_id")
    )
    for translation in translations:
        links.setdefault(str(translation.translation_key), []).append(
            {
                "locale": translation.locale.language_code,
                "id": translation.pk,
                "title": translation.title,
                "url": request.build_absolute_uri(translation.get_url(request)),
                "api_url": page_api_url(request, translation.pk),
            }
        )
    return links


def page_summary(request, page, language, homes, translations) -> dict:
    key = str(page.translation_key)
    return {
        "id": page.pk,
        "type": page_type(page),
        "locale": language,
        "title": page.title,
        "slug": page.slug,
        "path": page_path(page, homes),
        "url": request.build_absolute_uri(page.get_url(request)),
        "api_url": page_api_url(request, page.pk),
        "search_description": page.search_description,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "translation_key": key,
        "translations": [link for link in translations.get(key, []) if link["id"] != page.pk],
    }


def page_detail(request, page, language) -> dict:
    homes = locale_homes(request)
    public = api_pages(request, language)
    data = page_summary(request, page, language, homes, translation_links(request, [page]))
    parent = None
    if page.pk != homes.get(language, {}).get("pk"):
        parent = public.filter(path=page.path[: -Page.steplen]).first()
    specific = page.specific
    data.update(
        seo_title=page.seo_title,
        parent=parent
        and {
            "id": parent.pk,
            "title": parent.title,
            "url": request.build_absolute_uri(parent.get_url(request)),
            "api_url": page_api_url(request, parent.pk),
        },
        fields=api_field_values(specific, FieldContext(request)),
    )
    return data


# Endpoints --------------------------------------------------------------------------------

pages_router = Router(tags=["pages"])


@pages_router.get(
    "",
    response=Paginated[PageSummary],
    summary="Pages of a language",
    description="Live public pages in tree order. Filter by page type or parent page.",
)
def list_pages(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    type: str | None = Query(
        None,
        max_length=1000,
        pattern=page_types_pattern(),
        description="Only pages of these types, e.g. home.ContentPage (comma-separated).",
    ),
    child_of: int | None = Query(
        None, ge=1, le=MAX_PAGE_ID, description="Only children of this page."
    ),
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        pages = api_pages(request, locale)
        if type:
            # The pattern in the signature admits installed page types only.
            models = page_models_from_string(type)
            pages = pages.type(*models)
        if child_of is not None:
            parent = pages.model.objects.filter(pk=child_of).values("path", "depth").first()
            if parent is None:
                raise Http404
            pages = pages.filter(path__startswith=parent["path"], depth=parent["depth"] + 1)
        pages = changed_since(pages, modified_since)
        result = paginate(request, pages.order_by("path"), page.limit, page.offset)
        homes = locale_homes(request)
        translations = translation_links(request, result["results"])
        result["results"] = [
            page_summary(request, item, locale, homes, translations) for item in result["results"]
        ]
        return result


@pages_router.get(
    "/by-path",
    response=PageDetail,
    summary="A page by its path within a language",
    description="`path` as on the site without the language prefix: `/` is the home page, "
    "`/about/` a page below it. A leading `/en/` is accepted for English.",
)
def get_page_by_path(
    request,
    path: str = Query(..., max_length=1000, example="/apie/"),
    locale: Language = "lt",
):
    with use_language(locale):
        home = _homes(request, locale).get(locale)
        if home is None:
            raise Http404
        components = [component for component in path.split("/") if component]
        if locale != settings.LANGUAGE_CODE and components and components[0] == locale:
            components = components[1:]
        url_path = home["url_path"] + "".join(f"{component}/" for component in components)
        page = api_pages(request, locale).filter(url_path=url_path).first()
        if page is None:
            raise Http404
        return page_detail(request, page, locale)


@pages_router.get(
    "/{page_id:page_id}",
    response=PageDetail,
    url_name="page_detail",
    summary="A page by its id",
    description="The page with this id; with `locale`, its translation in that language.",
)
def get_page(request, page_id: PageId, locale: Language | None = None):
    page = api_pages(request).filter(pk=page_id).select_related("locale").first()
    if page is None:
        raise Http404
    language = page.locale.language_code
    if locale is not None and locale != language:
        page = api_pages(request, locale).filter(translation_key=page.translation_key).first()
        if page is None:
            raise Http404
        language = locale
    with use_language(language):
        return page_detail(request, page, language)


navigation_router = Router(tags=["navigation"])


@navigation_router.get(
    "",
    response=Navigation,
    summary="The navigation tree of a language",
    description="The home page and, below it, the pages shown in menus, as deep as `depth`.",
)
def get_navigation(
    request,
    locale: Language = "lt",
    depth: int = Query(2, ge=1, le=MAX_NAVIGATION_DEPTH, description="Levels below home."),
):
    with use_language(locale):
        homes = locale_homes(request)
        home = homes.get(locale)
        if home is None:
            raise Http404
        pages = list(
            api_pages(request, locale)
            .filter(depth__lte=home["depth"] + depth)
            .filter(Q(pk=home["pk"]) | Q(show_in_menus=True))
            .order_by("path")
        )
        translations = translation_links(request, pages)
        items = {}
        for page in pages:
            item = page_summary(request, page, locale, homes, translations)
            item["children"] = []
            items[page.path] = item
            parent = items.get(page.path[: -Page.steplen])
            if parent is not None:
                parent["children"].append(item)
        root = items.get(home["path"])
        if root is None:
            raise Http404
        return {"locale": locale, "home": root}
