"""
The portal's public, read-only content API at /api/v1/ (django-ninja, OpenAPI 3.1).

The core owns the API object and the conventions every endpoint follows; each plugin writes its
own router and schemas in `<plugin>/api.py` and registers it from its AppConfig.ready():

    from portal.registry import api_routers
    api_routers.register("calls", ("/calls", router))

so removing a plugin removes its endpoints. Conventions:

- every endpoint takes `locale: Language = "lt"` and answers in that language
  (`with use_language(locale):`), and every item carries its `translation_key`;
- lists are paginated with `limit` / `offset` (`paginate()`), at most MAX_LIMIT items a page;
- errors share one shape, `ErrorSchema`, in the request's language (400, 404, 429);
- rich text is ready HTML (`portal.blocks` / `expand_db_html`), images are renditions with
  width, height and alt text, documents have URL, type and size (`portal.images`), money is a
  decimal string and times are ISO 8601 with offset.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Generic, Literal, TypeVar

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema
from ninja.errors import ValidationError
from wagtail.models import Locale

from .registry import api_routers

Language = Literal["lt", "en"]
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

T = TypeVar("T")


class ErrorSchema(Schema):
    status: int
    code: str
    message: str
    details: list[dict] | None = None


class Paginated(Schema, Generic[T]):
    count: int
    next: str | None
    previous: str | None
    results: list[T]


class LocaleSchema(Schema):
    code: str
    name: str
    is_default: bool


@contextmanager
def use_language(locale: str):
    with translation.override(locale):
        yield


def request_language(request) -> str:
    requested = request.GET.get("locale", "")
    return requested if requested in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def page_link(request, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request, items, limit: int, offset: int) -> dict:
    """One page of a queryset or list: {count, next, previous, results}."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    results = list(items[offset : offset + limit])
    return {
        "count": count,
        "next": page_link(request, offset + limit, limit) if offset + limit < count else None,
        "previous": page_link(request, max(0, offset - limit), limit) if offset > 0 else None,
        "results": results,
    }


def error_response(api, request, status: int, code: str, message: str, details=None):
    return api.create_response(
        request,
        {"status": status, "code": code, "message": message, "details": details},
        status=status,
    )


core_router = Router(tags=["core"])


@core_router.get("/locales", response=list[LocaleSchema], summary="Languages of the content")
def list_locales(request):
    names = dict(settings.LANGUAGES)
    return [
        {"code": code, "name": names.get(code, code), "is_default": code == settings.LANGUAGE_CODE}
        for code in Locale.objects.order_by("pk").values_list("language_code", flat=True)
        if code in names
    ]


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Druskininkų miesto VVG API",
        version="1",
        description="Read-only content of the Druskininkai city LAG portal, in Lithuanian "
        "and English.",
        urls_namespace="api-v1",
    )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        with use_language(request_language(request)):
            return error_response(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        with use_language(request_language(request)):
            return error_response(
                api, request, 400, "invalid_request", _("The request is not valid."), exc.errors
            )

    api.add_router("/", core_router)
    for _name, (prefix, router) in api_routers.items():
        api.add_router(prefix, router)
    return api


def unknown_endpoint(request, path=""):
    """Any other address under /api/: the same JSON error shape, not the site's HTML 404."""
    from django.http import JsonResponse

    with use_language(request_language(request)):
        body = {"status": 404, "code": "not_found", "message": _("Not found."), "details": None}
    return JsonResponse(body, status=404)
