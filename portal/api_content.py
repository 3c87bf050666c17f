"""
The typed shape of content in /api/v1/: images, documents, the shared StreamField blocks
(portal/blocks.py) and the own fields of each page type.

Rich content (a page's `body`, a call's or an initiative's `description`) is a list of blocks,
each `{type, id, value}`, where `type` says which value it holds: a discriminated union, so a
generated client has one class per block (`HeadingBlock`, `ParagraphBlock`, ...) and a type
checker knows what `value` is. A block of a kind this module does not know yet (a plugin's own)
still appears, typed as `{type, id, value}` with any value, never dropped.

A page's `fields` are typed per page type in the same way: `PageDetail` is a union of one
schema per installed page type (`ContentPageDetail`, `CallPageDetail`, ...) told apart by
`type`, each with its `fields` built from the type's `api_fields` and the model fields they
name. A plugin's new page type is typed as soon as it is installed.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Annotated, Any, Literal, Union

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from ninja import Schema
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from . import blocks as portal_blocks
from .api import DateTime

HTML = "HTML with links expanded to public addresses."


class ImageSchema(Schema):
    id: int
    url: str = Field(description="An absolute address of a rendition at most 1600 px wide.")
    width: int
    height: int
    alt: str = Field(description="Alternative text; empty for a decorative image.")


class DocumentSchema(Schema):
    id: int
    title: str
    url: str = Field(description="An absolute address of the file.")
    file_type: str = Field(description="The file's extension in lower case, e.g. pdf.")
    file_size: int | None = Field(description="Size in bytes, when known.")


class PageRef(Schema):
    id: int
    title: str
    url: str
    api_url: str


# The values of the shared blocks ---------------------------------------------------------


class HeadingValue(Schema):
    text: str
    level: Literal["h2", "h3", "h4"]


class FigureValue(Schema):
    image: ImageSchema | None
    caption: str


class QuoteValue(Schema):
    text: str
    attribution: str


class CallToActionValue(Schema):
    heading: str
    text: str
    button_label: str
    url: str


class KeyFigure(Schema):
    value: str
    label: str


class KeyFiguresValue(Schema):
    heading: str
    figures: list[KeyFigure]


class AccordionItem(Schema):
    title: str
    body: str = Field(description=HTML)


class AccordionValue(Schema):
    heading: str
    items: list[AccordionItem]


class LinkItem(Schema):
    title: str
    description: str
    url: str
    document: DocumentSchema | None


class LinkListValue(Schema):
    heading: str
    items: list[LinkItem]


class EmbedValue(Schema):
    title: str
    url: str


# Block class -> (its value's schema, what it is). A block of a class not listed here is typed
# by its name with any value.
BLOCK_VALUES: dict[type, tuple[Any, str]] = {
    portal_blocks.HeadingBlock: (HeadingValue, "A section heading."),
    portal_blocks.ParagraphBlock: (
        Annotated[str, Field(description=HTML)],
        "Formatted text, as HTML with links expanded.",
    ),
    portal_blocks.FigureBlock: (FigureValue, "An image with alt text and a caption."),
    portal_blocks.QuoteBlock: (QuoteValue, "A quotation and who said it."),
    portal_blocks.CallToActionBlock: (CallToActionValue, "An invitation with a button."),
    portal_blocks.KeyFiguresBlock: (KeyFiguresValue, "A few numbers with what they count."),
    portal_blocks.AccordionBlock: (AccordionValue, "Sections that open on request."),
    portal_blocks.LinkListBlock: (LinkListValue, "Documents, pages or web addresses."),
    portal_blocks.MediaEmbedBlock: (EmbedValue, "A video or map from another service."),
}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


@cache
def block_schema(name: str, block_class: type) -> type[Schema]:
    """`{type: name, id, value}` for a block of `block_class` named `name` in its stream."""
    value, description = BLOCK_VALUES.get(block_class, (Any, f"A block of type {name}."))
    return create_model(
        f"{_camel(name)}Block",
        __base__=Schema,
        __doc__=description,
        type=(Literal[name], ...),
        id=(str, Field(description="Stays the same while the block exists.")),
        value=(value, ...),
    )


def stream_schema(stream_block: blocks.StreamBlock) -> Any:
    """The list of blocks a StreamField holds, each typed by its `type`."""
    members = [block_schema(name, type(child)) for name, child in stream_block.child_blocks.items()]
    if len(members) == 1:
        return list[members[0]]
    union = Union[tuple(members)]  # noqa: UP007 - the members are known only at run time
    return list[Annotated[union, Field(discriminator="type")]]


RichContent = stream_schema(portal_blocks.BaseStreamBlock())


# The own fields of each page type ----------------------------------------------------------


def _field_type(model, name: str) -> Any:
    """The API type of `model`'s API field `name` (as portal.api_fields.to_json gives it)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return Any  # a property or a method: whatever it returns
    if isinstance(field, StreamField):
        return stream_schema(field.stream_block)
    if isinstance(field, RichTextField):
        kind: Any = Annotated[str, Field(description=HTML)]
    elif field.is_relation and field.one_to_many:
        return list[_fields_schema(field.related_model, with_id=True)]
    elif field.is_relation and field.many_to_many:
        target = field.related_model
        return list[PageRef | None] if issubclass(target, Page) else list[dict[str, Any]]
    elif field.is_relation and field.many_to_one:
        target = field.related_model
        if issubclass(target, Page):
            kind = PageRef
        elif issubclass(target, AbstractImage):
            kind = ImageSchema
        elif issubclass(target, AbstractDocument):
            kind = DocumentSchema
        else:
            kind = dict[str, Any]
        return kind | None  # a page that is not public, or nothing chosen
    elif isinstance(field, models.BooleanField):
        kind = bool
    elif isinstance(field, models.IntegerField | models.AutoField):
        kind = int
    elif isinstance(field, models.FloatField):
        kind = float
    elif isinstance(field, models.DecimalField):
        kind = Annotated[str, Field(pattern=r"^-?\d+(\.\d+)?$", description="A decimal number.")]
    elif isinstance(field, models.DateTimeField):
        kind = DateTime
    elif isinstance(field, models.DateField):
        kind = datetime.date
    elif isinstance(field, models.TimeField):
        kind = datetime.time
    else:
        kind = str
    return kind | None if field.null else kind


@cache
def _fields_schema(model, *, with_id: bool = False) -> type[Schema]:
    from .api_fields import allowed_api_fields

    if callable(getattr(model, "api_detail_fields", None)):
        # A type that builds its fields itself says their shape, or they stay open.
        return getattr(model, "api_detail_schema", dict[str, Any])
    fields: dict[str, Any] = {"id": (int, ...)} if with_id else {}
    for api_field in allowed_api_fields(model):
        kind = Any if api_field.serializer is not None else _field_type(model, api_field.name)
        fields[api_field.name] = (kind, ...)
    suffix = "Fields" if issubclass(model, Page) else ""
    return create_model(
        f"{model.__name__}{suffix}",
        __base__=Schema,
        __doc__=f"The own content of a {model._meta.verbose_name}.",
        **fields,
    )


def fields_schema(model) -> type[Schema]:
    """The schema of `fields` in the detail of a page of type `model`."""
    return _fields_schema(model)
