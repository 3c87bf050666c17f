"""
What a model may show through an API, and how its `api_fields` become JSON.

Both APIs read a model's `api_fields` (Wagtail's convention): Wagtail's API v2 serialises them
itself, the portal's /api/v1/ page endpoints through `api_field_values()` below. Some fields must
never leave the portal whatever a page type declares: staff and residents' e-mail addresses (a
form page's `to_address` and `from_address`, a page's `owner`), accounts, IP hashes and form
submissions. `forbidden_reason()` names them; both APIs skip them, and the system check
`portal.E010` (registered in PortalConfig.ready) fails `manage.py check` and the test suite when a
model lists one, so the mistake is seen where it is made.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail.api import APIField
from wagtail.blocks import StreamValue
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html

from .api import api_datetime
from .images import document_data, rendition_data

# Field names that are personal data or internal whatever their type.
FORBIDDEN_FIELD_NAMES = frozenset(
    {
        "owner",
        "locked_by",
        "latest_revision",
        "live_revision",
        "uploaded_by_user",
        "user",
        "to_address",
        "from_address",
        "ip",
        "ip_address",
        "ip_hash",
        "password",
        "submissions",
        "form_submissions",
        "formsubmission",
        "session_key",
    }
)


def forbidden_reason(model, name: str) -> str | None:
    """Why `model.name` must never be shown through an API, or None if it may be."""
    lowered = name.lower()
    if lowered in FORBIDDEN_FIELD_NAMES:
        return "personal data or an internal field"
    if "email" in lowered or "e_mail" in lowered:
        return "an e-mail address"
    if lowered.startswith("ip_") or lowered.endswith("_ip"):
        return "an IP address or its hash"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(field, models.EmailField):
        return "an e-mail address"
    related = getattr(field, "related_model", None)
    if related is not None and not isinstance(related, str):
        from django.contrib.auth import get_user_model
        from wagtail.contrib.forms.models import AbstractFormSubmission

        if issubclass(related, get_user_model()):
            return "a user account"
        if issubclass(related, AbstractFormSubmission):
            return "form submissions"
    return None


def api_field_names(model) -> list[str]:
    return [
        field.name if isinstance(field, APIField) else field
        for field in getattr(model, "api_fields", ()) or ()
    ]


def allowed_api_fields(model) -> list[APIField]:
    fields = [
        field if isinstance(field, APIField) else APIField(field)
        for field in getattr(model, "api_fields", ()) or ()
    ]
    return [field for field in fields if forbidden_reason(model, field.name) is None]


def api_field_errors(models_with_fields) -> list[checks.CheckMessage]:
    """portal.E010 for each forbidden name in the `api_fields` of these models."""
    messages = []
    for model in models_with_fields:
        for name in api_field_names(model):
            reason = forbidden_reason(model, name)
            if reason:
                messages.append(
                    checks.Error(
                        f"{model._meta.label}.api_fields lists '{name}', {reason}.",
                        hint="APIs must not show it: remove it from api_fields.",
                        obj=model,
                        id="portal.E010",
                    )
                )
    return messages


def check_api_fields(app_configs=None, **kwargs):
    """Errors for models that would show forbidden fields; warnings for page types without any."""
    from django.apps import apps
    from wagtail.models import get_page_models

    messages = api_field_errors(apps.get_models())
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        if "api_fields" not in {name for klass in model.__mro__ for name in vars(klass)}:
            messages.append(
                checks.Warning(
                    f"{model._meta.label} declares no api_fields.",
                    hint="Both APIs show a page type's own content only through api_fields.",
                    obj=model,
                    id="portal.W011",
                )
            )
    return messages


# Serialisation for /api/v1/ ----------------------------------------------------------------


class FieldContext:
    """What serialising one response needs: the request and the ids of pages it may link to."""

    def __init__(self, request, public_page_ids=None):
        self.request = request
        self._public_page_ids = public_page_ids

    def is_public(self, page) -> bool:
        if self._public_page_ids is None:
            from .api_pages import api_pages

            self._public_page_ids = set(api_pages(self.request).values_list("pk", flat=True))
        return page.pk in self._public_page_ids


def api_field_values(obj, context: FieldContext) -> dict:
    """
    The API representation of `obj`'s own content: its `api_detail_fields(request)` hook if it
    has one, or else each allowed name of its `api_fields`, made JSON-ready.
    """
    hook = getattr(obj, "api_detail_fields", None)
    if callable(hook):
        return hook(context.request)
    values = {}
    for field in allowed_api_fields(type(obj)):
        value = getattr(obj, field.name, None)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
        if field.serializer is not None:
            value = field.serializer.to_representation(value)
        values[field.name] = to_json(value, context, model=type(obj), name=field.name)
    return values


def to_json(value, context: FieldContext, *, model=None, name=None):
    """A model field's, block's or related object's value as plain JSON data."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        if model is not None and name is not None and _is_rich_text(model, name):
            return expand_db_html(value)
        return value
    if isinstance(value, StreamValue):
        representation = value.stream_block.get_api_representation(value, context={})
        return to_json(representation, context)
    if isinstance(value, RichText):
        return expand_db_html(value.source)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return api_datetime(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, AbstractImage):
        return rendition_data(value)
    if isinstance(value, AbstractDocument):
        return document_data(value)
    if isinstance(value, Page):
        return page_link(value, context)
    if isinstance(value, models.Manager):
        return [to_json(item, context) for item in value.all()]
    if isinstance(value, models.Model):
        data = {"id": value.pk}
        if getattr(type(value), "api_fields", None):
            data.update(api_field_values(value, context))
        else:
            data["title"] = str(value)
        return data
    if isinstance(value, dict):
        return {str(key): to_json(item, context) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_json(item, context) for item in value]
    return str(value)


def page_link(page, context: FieldContext):
    """A link to another page, or None when that page is not public."""
    if not context.is_public(page):
        return None
    from .api_pages import page_api_url

    request = context.request
    return {
        "id": page.pk,
        "title": page.title,
        "url": request.build_absolute_uri(page.get_url(request)),
        "api_url": page_api_url(request, page.pk),
    }


def _is_rich_text(model, name) -> bool:
    try:
        return isinstance(model._meta.get_field(name), RichTextField)
    except FieldDoesNotExist:
        return False


__all__ = [
    "FORBIDDEN_FIELD_NAMES",
    "FieldContext",
    "allowed_api_fields",
    "api_field_values",
    "api_field_errors",
    "check_api_fields",
    "forbidden_reason",
]
