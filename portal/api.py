"""
The portal's public, read-only content API at /api/v1/ (django-ninja, OpenAPI 3.1).

The core owns the API object and the conventions every endpoint follows; each plugin writes its
own router and schemas in `<plugin>/api.py` and registers it from its AppConfig.ready():

    from portal.registry import api_routers
    api_routers.register("calls", ("/calls", router))

so removing a plugin removes its endpoints. Conventions:

- every endpoint takes `locale: Language = "lt"` and answers in that language
  (`with use_language(locale):`), and every item carries its `translation_key`;
- lists are paginated with `limit` / `offset` (`PageParams`, `paginate()`, `Paginated[T]`), at
  most MAX_LIMIT items a page; out of bounds is a 400, never silently corrected;
- ids in paths go through the `page_id` or `row_id` converter (`/{page_id:call_id}` with
  `call_id: PageId`), so a number the database cannot hold is a 404;
- errors share one shape, `ErrorSchema`, in the request's language (400, 404, 405, 429, 500);
- rich text is ready HTML (`portal.blocks` / `expand_db_html`), images are renditions with
  width, height and alt text, documents have URL, type and size (`portal.images`), money is
  `Money` (`{"amount": "1500.00", "currency": "EUR"}`), a coded value is `{code, label}` with
  its codes in the document (`choice_schema`), and times are ISO 8601 with offset (`DateTime`).

What every endpoint gets without doing anything (portal/api_http.py, for all of /api/):
ETag and Last-Modified derived from the response body, 304 for If-None-Match and
If-Modified-Since, Cache-Control with PORTAL_API_CACHE_MAX_AGE, per-client throttling (429 with
Retry-After), CORS for API_CORS_ALLOWED_ORIGINS, HEAD and OPTIONS, and 405 for any method that
would write. The OpenAPI document lists the shared error responses on every operation, so a
plugin documents only its 200 response. tests/test_api_contract.py checks every operation with
schemathesis and keeps the snapshot tests/snapshots/openapi.json (`make api-snapshot`).

How a plugin writes an endpoint (calls/api.py):

    from django.shortcuts import get_object_or_404
    from ninja import Query, Router, Schema

    from portal.api import (
        DateTime, Language, Money, PageId, PageParams, Paginated, paginate, use_language,
    )

    router = Router(tags=["calls"])

    class CallSummary(Schema):
        id: int
        title: str
        translation_key: str
        budget: Money | None
        closes_at: DateTime | None

    @router.get("/", response=Paginated[CallSummary], summary="Funding calls")
    def list_calls(request, page: Query[PageParams], locale: Language = "lt",
                   status: str | None = None):
        with use_language(locale):
            calls = CallPage.objects.for_api(locale, status=status)  # a fixed number of queries
            return paginate(request, calls, page.limit, page.offset)

    @router.get("/{page_id:call_id}", response=CallDetail, summary="One funding call")
    def get_call(request, call_id: PageId, locale: Language = "lt"):
        with use_language(locale):
            return get_object_or_404(CallPage.objects.for_api(locale), pk=call_id)

Raise Http404 (or use get_object_or_404) for "not found" and ninja's HttpError(status, message)
for other errors: both come out in the shared error shape. Filter with the plugin's own
queryset method that the pages use too (live, public, in their locale). Add a test that the
list's query count is the same for limit=5 and limit=50, then run `make api-snapshot` and
commit tests/snapshots/openapi.json with the endpoint.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Generic, Literal, TypeVar, get_args

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import register_converter
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Path, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from pydantic import (
    BaseModel,
    PlainSerializer,
    WithJsonSchema,
    create_model,
    model_validator,
)
from wagtail.models import Locale

from .registry import api_routers

logger = logging.getLogger(__name__)

Language = Literal["lt", "en"]
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Larger offsets cannot name an item of this portal; refusing them keeps SQL in range.
MAX_OFFSET = 1_000_000
# The largest ids the database can hold: a page's (Wagtail's Page.id is an `integer` on
# PostgreSQL) and another row's (the portal's BigAutoField). A larger number in a path names
# nothing and is a 404 (`PageId`, `RowId`).
MAX_PAGE_ID = 2**31 - 1
MAX_ROW_ID = 2**63 - 1

T = TypeVar("T")

CURRENCY = "EUR"
CENTS = Decimal("0.01")


# A field typed `Money` takes the Decimal a model holds (`budget: Money` and
# `"budget": call.budget`). A pydantic model, not a ninja Schema: ninja would hand the
# validator its own wrapper of the Decimal instead of the Decimal.
class Money(BaseModel):
    """An amount of money: a decimal string with two decimals (never a float) and its currency."""

    amount: str = Field(
        ..., pattern=r"^-?[0-9]+\.[0-9]{2}$", examples=["1500.00"], description="Two decimals."
    )
    currency: Literal["EUR"] = Field(..., description="ISO 4217 currency code.")

    @model_validator(mode="before")
    @classmethod
    def from_decimal(cls, value):
        if isinstance(value, Decimal | int):
            return {"amount": str(Decimal(value).quantize(CENTS)), "currency": CURRENCY}
        return value


def choice_schema(name: str, choices) -> type[Schema]:
    """The one shape of a coded value, `{code, label}`, its code typed by the model's own
    choices (a TextChoices class), so that the document and a generated client know every code.

    The label is in the answer's language: `{"code": value, "label": choices(value).label}`,
    which `choice()` builds."""
    return create_model(
        name,
        __base__=Schema,
        __doc__=f"One of {choices.__name__}'s codes, with its label in the answer's language.",
        code=(Literal[tuple(choices.values)], ...),
        label=(str, ...),
    )


def choice(choices, value) -> dict:
    return {"code": value, "label": str(choices(value).label)}


def api_datetime(value: datetime) -> str:
    """A moment as every answer gives it: ISO 8601 (RFC 3339) in the portal's time zone, with
    its offset, to the second ("2026-05-01T09:00:00+03:00")."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


DateTime = Annotated[
    datetime,
    PlainSerializer(api_datetime, return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2026-05-01T09:00:00+03:00"]}
    ),
]

# Status -> (code, message) of the shared error shape.
ERRORS = {
    400: ("invalid_request", gettext_lazy("The request is not valid.")),
    404: ("not_found", gettext_lazy("Not found.")),
    405: (
        "method_not_allowed",
        gettext_lazy("The API is read-only: it answers GET, HEAD and OPTIONS requests only."),
    ),
    429: ("too_many_requests", gettext_lazy("Too many requests. Please wait and try again.")),
    500: ("server_error", gettext_lazy("Something went wrong on our side. Please try later.")),
}


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


class PageParams(Schema):
    """`limit` and `offset` for a paginated list; use as `page: Query[PageParams]`."""

    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class PageIdConverter:
    """
    `{page_id:name}` in a route: a positive whole number no larger than a page id can be.

    Anything else does not match the route, so it falls through to the /api/ catch-all and is
    a 404 in the shared shape, like any other id that names nothing. Without it a number out
    of the column's range reaches the ORM, which cannot compare it in a subquery (a 500).
    """

    regex = "[0-9]{1,19}"
    maximum = MAX_PAGE_ID

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= self.maximum:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(value)


class RowIdConverter(PageIdConverter):
    """`{row_id:name}`: the id of a row other than a page (an idea, ...)."""

    maximum = MAX_ROW_ID


register_converter(PageIdConverter, "page_id")
register_converter(RowIdConverter, "row_id")

# Ids in a path, with their bounds in the OpenAPI document. The route names the converter:
# `@router.get("/{page_id:call_id}")` with `call_id: PageId`.
PageId = Annotated[int, Path(ge=1, le=MAX_PAGE_ID)]
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]


class LocaleSchema(Schema):
    code: str
    name: str
    is_default: bool


@contextmanager
def use_language(locale: str):
    with translation.override(locale):
        yield


def request_language(request) -> str:
    """The language of a response: ?locale= if valid, else the browser's, else Lithuanian."""
    languages = dict(settings.LANGUAGES)
    requested = request.GET.get("locale", "")
    if requested in languages:
        return requested
    accepted = translation.get_language_from_request(request)
    return accepted if accepted in languages else settings.LANGUAGE_CODE


# Messages for the `details` of a 400, by pydantic's error type, in the request's language;
# other types keep pydantic's English message.
DETAIL_MESSAGES = {
    "greater_than_equal": gettext_lazy("Must be at least %(ge)s."),
    "less_than_equal": gettext_lazy("Must be at most %(le)s."),
    "string_too_long": gettext_lazy("Must be at most %(max_length)s characters long."),
    "int_parsing": gettext_lazy("Must be a whole number."),
    "literal_error": gettext_lazy("Must be one of: %(expected)s."),
    "missing": gettext_lazy("This parameter is required."),
    "string_pattern_mismatch": gettext_lazy(
        "Not a value this parameter takes (its pattern is in /api/v1/openapi.json)."
    ),
    **dict.fromkeys(
        ("datetime_parsing", "datetime_from_date_parsing", "datetime_type", "timezone_aware"),
        gettext_lazy(
            "Must be a date and time with its offset (RFC 3339), e.g. 2026-05-01T09:00:00+03:00."
        ),
    ),
}


def error_details(errors) -> list[dict]:
    """Validation errors as `details`: where (`loc`), what (`type`) and `msg` to show."""
    details = []
    for error in errors:
        kind = error.get("type", "")
        message = DETAIL_MESSAGES.get(kind)
        try:
            text = str(message) % error.get("ctx", {}) if message else error.get("msg", "")
        except (KeyError, TypeError):
            text = error.get("msg", "")
        details.append({"loc": list(error.get("loc", [])), "msg": text, "type": kind})
    return details


def page_link(request, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request, items, limit: int, offset: int) -> dict:
    """
    One page of a queryset, search results or list: {count, next, previous, results}.

    `limit` and `offset` come from PageParams, which has refused anything out of bounds with a
    400 already: this never corrects them silently.
    """
    if not (1 <= limit <= MAX_LIMIT and 0 <= offset <= MAX_OFFSET):
        raise ValueError(f"limit={limit}, offset={offset}: take them from PageParams")
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    results = list(items[offset : offset + limit])
    return {
        "count": count,
        "next": page_link(request, offset + limit, limit) if offset + limit < count else None,
        "previous": page_link(request, max(0, offset - limit), limit) if offset > 0 else None,
        "results": results,
    }


def error_body(request, status: int, message=None, details=None, code=None) -> dict:
    """The shared error shape, its message in the request's language."""
    default_code, default_message = ERRORS.get(status, ("error", ERRORS[400][1]))
    with use_language(request_language(request)):
        return {
            "status": status,
            "code": code or default_code,
            "message": str(message or default_message),
            "details": details,
        }


def json_error(request, status: int, message=None, details=None, code=None) -> JsonResponse:
    """An error response outside ninja (middleware, the /api/ catch-all)."""
    body = error_body(request, status, message, details, code)
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = request_language(request)
    return response


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


class OpenDataColumnSchema(Schema):
    code: str = Field(..., description="Stable; the same whatever the file's language.")
    header: str = Field(..., description="The column's header in the file of this language.")


class OpenDatasetSchema(Schema):
    key: str
    title: str
    description: str
    media_type: str
    url: str | None = Field(..., description="The file in this language; null if unpublished.")
    license: str
    columns: list[OpenDataColumnSchema]


@core_router.get(
    "/open-data",
    response=list[OpenDatasetSchema],
    summary="The open data files the portal publishes, with their columns",
)
def list_open_data(request, locale: Language = "lt"):
    from .navigation import active_locale_id
    from .registry import find_section_page, open_datasets

    with use_language(locale):
        answer = []
        for key, dataset in open_datasets.items():
            page = find_section_page(dataset.section, active_locale_id())
            url = page.get_url(request) if page is not None else None
            answer.append(
                {
                    "key": key,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "media_type": dataset.media_type,
                    "url": request.build_absolute_uri(url + dataset.path) if url else None,
                    "license": API_LICENSE["url"],
                    "columns": [
                        {"code": code, "header": str(label)} for code, label in dataset.columns
                    ],
                }
            )
        return answer


API_DESCRIPTION = """Read-only content of the Druskininkai city LAG portal, in Lithuanian and
English.

- **Language**: every endpoint takes `locale` (`lt`, the default, or `en`); every item has a
  `translation_key` and the URLs of its translations.
- **Pages of a list**: `limit` (1 to 100, default 20) and `offset` (from 0); outside these
  bounds the answer is `400`. Answers carry `count`, `next` and `previous`.
- **Conditional requests**: every answer has `ETag` and `Last-Modified`; send them back as
  `If-None-Match` / `If-Modified-Since` and get `304 Not Modified` while nothing changed.
- **Errors** share one shape: `{"status", "code", "message", "details"}`, the message in the
  requested language.
- **Rate limit**: too many requests from one client get `429` with `Retry-After` (seconds).
"""

# The terms of reuse of what the API publishes.
API_LICENSE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}

# Answers every operation may give besides its own; documented once here for all routers.
SHARED_RESPONSES = {
    304: "Not modified: the ETag or date sent in If-None-Match / If-Modified-Since is current.",
    400: "The request is not valid (an unknown locale, a limit above the maximum, ...).",
    404: "Nothing public at this address.",
    429: "Too many requests from this client; wait the seconds given in Retry-After.",
}
VALIDATOR_HEADERS = {
    "ETag": {"description": "Validator of this representation.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "When this representation first appeared.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"description": "How long it may be reused.", "schema": {"type": "string"}},
}


class PortalAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document lists the behaviour shared by every endpoint."""

    def get_openapi_operation_id(self, operation) -> str:
        # The view's own name (list_calls, get_call): what a generated client's methods are
        # called. Unique names are checked by tests/test_api_contract.py.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = PortalOpenAPISchema(self, path_prefix)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "ErrorSchema",
            ErrorSchema.model_json_schema(ref_template="#/components/schemas/{model}"),
        )
        share_locale(schema)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorSchema"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                for status, response in responses.items():
                    if 200 <= int(status) < 300:
                        response.setdefault("headers", {}).update(VALIDATOR_HEADERS)
                for status, description in SHARED_RESPONSES.items():
                    if status in responses or str(status) in responses:
                        continue
                    responses[status] = {"description": description}
                    if status != 304:
                        responses[status]["content"] = error
                responses[429]["headers"] = {
                    "Retry-After": {
                        "description": "Seconds to wait before the next request.",
                        "schema": {"type": "string"},
                    }
                }
        add_links(schema)
        drop_unused_components(schema)
        return schema


def add_links(schema: dict) -> None:
    """OpenAPI links from each list to its items' detail: `GET /calls` -> `GET /calls/{call_id}`
    with the first result's `id` (a parameter `code` takes the item's `code`). Generated
    clients and tools (schemathesis' stateful tests) follow them; found from the paths
    themselves, so a plugin's list and detail are linked as soon as they are registered."""
    paths = schema["paths"]
    for path, operations in paths.items():
        listing = operations.get("get")
        if listing is None:
            continue
        ok = listing["responses"].get("200") or listing["responses"].get(200)
        body = (ok or {}).get("content", {}).get("application/json", {}).get("schema", {})
        if "Paginated" not in body.get("$ref", ""):
            continue  # links point into `results`
        for detail_path, detail_operations in paths.items():
            match = re.fullmatch(re.escape(path) + r"/\{(\w+)\}", detail_path)
            detail = detail_operations.get("get")
            if not match or detail is None:
                continue
            parameter = match.group(1)
            field = "id" if parameter.endswith("_id") else parameter
            name = "".join(part.capitalize() for part in detail["operationId"].split("_"))
            ok.setdefault("links", {})[name] = {
                "operationId": detail["operationId"],
                "parameters": {parameter: f"$response.body#/results/0/{field}"},
                "description": f"The first result's detail, by its `{field}`.",
            }


class PortalOpenAPISchema(OpenAPISchema):
    def add_schema_definitions(self, definitions: dict) -> None:
        # ninja keys components by class name: a second, different schema of the same name
        # would silently replace the first in the document (and in every generated client).
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                raise ValueError(
                    f"Two different API schemas are both named {name!r}; rename one of them."
                )
        super().add_schema_definitions(definitions)


LOCALE_COMPONENT = {
    "title": "Locale",
    "description": "Language of the content: `lt` (Lithuanian, the default) or `en`.",
    "type": "string",
    "enum": list(get_args(Language)),
}


def share_locale(schema: dict) -> None:
    """Every `locale` parameter refers to one `Locale` component instead of its own enum, so
    a generated client has one Locale type."""
    components = schema["components"]["schemas"]
    components["Locale"] = LOCALE_COMPONENT
    for operations in schema["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] != "locale":
                    continue
                default = parameter["schema"].get("default")
                parameter["schema"] = {"$ref": "#/components/schemas/Locale"}
                if default is not None:
                    parameter["schema"]["default"] = default


def drop_unused_components(schema: dict) -> None:
    """Remove components nothing refers to (ninja adds the models of query parameters, which
    it lists as separate parameters)."""
    components = schema["components"]["schemas"]
    prefix = "#/components/schemas/"
    used: set[str] = set()
    pending = [schema["paths"]]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                name = ref[len(prefix) :]
                if name not in used and name in components:
                    used.add(name)
                    pending.append(components[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    for name in set(components) - used:
        del components[name]


def build_api() -> NinjaAPI:
    api = PortalAPI(
        title="Druskininkų miesto VVG API",
        version="1",
        description=API_DESCRIPTION,
        urls_namespace="api-v1",
        # The portal that serves the document: a relative URL, valid on every deployment.
        servers=[{"url": "/", "description": "This portal"}],
        openapi_extra={
            "info": {"license": API_LICENSE},
            # Public: no key, no account (docs/api.md).
            "security": [],
        },
    )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body(request, 404), status=404)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        with use_language(request_language(request)):
            details = error_details(exc.errors)
        return api.create_response(request, error_body(request, 400, details=details), status=400)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        # Known statuses get the translated message; the endpoint's own words go in details.
        status = exc.status_code
        body = error_body(request, status, details=[{"msg": str(exc.message)}])
        return api.create_response(request, body, status=status)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error at %s", request.get_full_path(), exc_info=exc)
        return api.create_response(request, error_body(request, 500), status=500)

    # Search (/search) is the search plugin's router: it searches every kind of content.
    from .api_changes import changes_router
    from .api_pages import navigation_router, pages_router

    api.add_router("/", core_router)
    api.add_router("/changes", changes_router)
    api.add_router("/pages", pages_router)
    api.add_router("/navigation", navigation_router)
    for _name, (prefix, router) in api_routers.items():
        api.add_router(prefix, router)
    return api


def unknown_endpoint(request, path=""):
    """Any other address under /api/: the same JSON error shape, not the site's HTML 404."""
    return json_error(request, 404)
