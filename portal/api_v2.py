"""
Wagtail's built-in API v2 at /api/v2/ (pages, images, documents), for existing Wagtail front
ends and tools. It shows no more than /api/v1/ does:

- pages: the same live, public, in-schedule pages (`portal.api_pages.api_pages`); a page under
  any view restriction stays hidden even from a client that knows its password or is signed in,
  since API answers are shared by caches;
- every model's fields through its `api_fields`, minus anything `forbidden_reason()` names
  (e-mail addresses, accounts, form submissions), even if a page type lists it;
- images and documents outside restricted collections (Wagtail's own rule).

Read-only, throttled, conditional and CORS like the rest of /api/ (portal/api_http.py).
"""

from __future__ import annotations

from wagtail.api.utils import get_base_url
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_fields import forbidden_reason


class WithoutForbiddenFields:
    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        return [name for name in fields if forbidden_reason(model, name) is None]

    @classmethod
    def get_body_fields(cls, model):
        return [
            field
            for field in super().get_body_fields(model)
            if forbidden_reason(model, field.name) is None
        ]


URL_FIELDS = ("detail_url", "html_url", "download_url")


class OnRequestHost:
    """Addresses on the host the request came to, as /api/v1/ gives them. Wagtail makes them
    from the Site record's hostname (`http://localhost/...` behind a proxy or CDN)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        base = get_base_url(request)
        if base and isinstance(getattr(response, "data", None), dict):
            own = request.build_absolute_uri("/").rstrip("/")
            if own != base:
                _move_urls(response.data, base, own)
        return response


def _move_urls(data, base: str, own: str) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in URL_FIELDS and isinstance(value, str) and value.startswith(base + "/"):
                data[key] = own + value[len(base) :]
            else:
                _move_urls(value, base, own)
    elif isinstance(data, list):
        for item in data:
            _move_urls(item, base, own)


class PublicPagesAPIViewSet(OnRequestHost, WithoutForbiddenFields, PagesAPIViewSet):
    def get_base_queryset(self):
        from .api_pages import api_pages

        return api_pages(self.request, searchable="search" in self.request.GET)

    def get_queryset(self):
        # Every item's meta names its locale: fetch them with the pages, not one by one.
        return super().get_queryset().select_related("locale")


class PublicImagesAPIViewSet(OnRequestHost, WithoutForbiddenFields, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(OnRequestHost, WithoutForbiddenFields, DocumentsAPIViewSet):
    pass


def build_v2_router() -> WagtailAPIRouter:
    router = WagtailAPIRouter("wagtailapi")
    router.register_endpoint("pages", PublicPagesAPIViewSet)
    router.register_endpoint("images", PublicImagesAPIViewSet)
    router.register_endpoint("documents", PublicDocumentsAPIViewSet)
    return router
