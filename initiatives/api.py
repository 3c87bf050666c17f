"""
The initiatives' part of the public API: /api/v1/initiatives (the funded operations, filtered
and paginated: the CSV's open data as JSON) and /api/v1/initiatives/{id} (one initiative with
its progress updates, photos, documents and indicator contributions).

Both read through initiatives.listing and initiatives.detail, as the pages do. Field names are
the CSV's column codes where they overlap; money is a decimal string, dates are ISO 8601.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema
from wagtail.models import Locale

from portal.api import (
    MAX_PAGE_ID,
    ErrorSchema,
    Language,
    Money,
    PageId,
    PageParams,
    Paginated,
    choice,
    choice_schema,
    paginate,
    use_language,
)
from portal.api_content import DocumentSchema, ImageSchema, RichContent
from portal.changes import MODIFIED_SINCE, ModifiedSince, changed_since
from portal.images import document_data, rendition_data
from portal.navigation import prepare_page_urls

from .detail import initiative_detail
from .listing import InitiativeFilters, for_listing, public_q
from .models import BeneficiaryKind, DocumentKind, InitiativePage
from .opendata import operation_record
from .progress import InitiativeStatus

router = Router(tags=["initiatives"])

StatusCode = Literal["planned", "in_progress", "completed", "cancelled"]


InitiativeStatusChoice = choice_schema("InitiativeStatusChoice", InitiativeStatus)
BeneficiaryKindChoice = choice_schema("BeneficiaryKindChoice", BeneficiaryKind)
InitiativeDocumentKindChoice = choice_schema("InitiativeDocumentKindChoice", DocumentKind)


class InitiativeMeasureRef(Schema):
    code: str
    title: str
    translation_key: UUID


class InitiativeCallRef(Schema):
    id: int
    number: str
    title: str
    url: str
    translation_key: UUID


class InitiativeLocation(Schema):
    address: str
    country: str
    latitude: Decimal | None
    longitude: Decimal | None


class InitiativeSummary(Schema):
    id: int
    translation_key: UUID
    locale: str
    url: str
    project_number: str
    operation_name: str
    beneficiary: str
    beneficiary_kind: BeneficiaryKindChoice
    purpose: str
    status: InitiativeStatusChoice
    progress_percent: int | None
    start_date: date
    end_date: date
    year: int
    total_cost: Money
    grant: Money
    co_funding: Money
    co_funding_rate: Decimal | None = Field(
        ..., description="The share of the total cost that the grant funds, per cent."
    )
    location: InitiativeLocation
    call: InitiativeCallRef | None
    measures: list[InitiativeMeasureRef]
    last_update: date | None


class InitiativeProgressUpdate(Schema):
    date: date
    text: str
    progress_percent: int | None
    photos: list[ImageSchema]


class InitiativeGalleryImage(Schema):
    image: ImageSchema
    caption: str


class InitiativeDocumentSchema(Schema):
    kind: InitiativeDocumentKindChoice
    title: str
    document: DocumentSchema


class InitiativeContribution(Schema):
    indicator: str
    unit: str
    indicator_translation_key: UUID
    measure_code: str
    amount: Decimal


class InitiativeIdeaRef(Schema):
    id: int
    title: str
    url: str


class InitiativeDetail(InitiativeSummary):
    description: RichContent
    progress_updates: list[InitiativeProgressUpdate]
    gallery: list[InitiativeGalleryImage]
    documents: list[InitiativeDocumentSchema]
    indicator_contributions: list[InitiativeContribution]
    ideas: list[InitiativeIdeaRef]


def initiative_summary(initiative, request, language: str) -> dict:
    url = request.build_absolute_uri(initiative.get_url(request))
    record = operation_record(initiative, url)
    call = initiative.call
    return {
        "id": initiative.pk,
        "translation_key": initiative.translation_key,
        "locale": language,
        "url": url,
        "project_number": record["project_number"],
        "operation_name": record["operation_name"],
        "beneficiary": record["beneficiary"],
        "beneficiary_kind": choice(BeneficiaryKind, initiative.beneficiary_kind),
        "purpose": record["purpose"],
        "status": choice(InitiativeStatus, initiative.status),
        "progress_percent": record["progress_percent"],
        "start_date": record["start_date"],
        "end_date": record["end_date"],
        "year": initiative.year,
        "total_cost": record["total_cost_eur"],
        "grant": record["grant_eur"],
        "co_funding": record["co_funding_eur"],
        "co_funding_rate": record["co_financing_rate_percent"],
        "location": {
            "address": record["location"],
            "country": record["country"],
            "latitude": record["latitude"],
            "longitude": record["longitude"],
        },
        "call": (
            {
                "id": call.pk,
                "number": call.call_number,
                "title": call.title,
                "url": request.build_absolute_uri(call.get_url(request)),
                "translation_key": call.translation_key,
            }
            if call is not None and call.live
            else None
        ),
        "measures": [
            {
                "code": link.measure.code,
                "title": link.measure.title,
                "translation_key": link.measure.translation_key,
            }
            for link in initiative.measure_links.all()
        ],
        "last_update": record["last_update"],
    }


def _image(image, alt: str) -> dict:
    data = rendition_data(image)
    data["alt"] = alt
    return data


def initiative_detail_data(initiative, request, language: str) -> dict:
    detail = initiative_detail(initiative, request)
    initiative.latest_progress = detail["reported_progress"]
    initiative.last_update_on = detail["timeline"][0].date if detail["timeline"] else None
    return {
        **initiative_summary(initiative, request, language),
        "description": initiative.body.stream_block.get_api_representation(initiative.body),
        "progress_updates": [
            {
                "date": entry.date,
                "text": entry.text,
                "progress_percent": entry.progress,
                "photos": [_image(image, alt) for image, alt in entry.photos],
            }
            for entry in detail["timeline"]
        ],
        "gallery": [
            {"image": _image(item.image, item.alt_text), "caption": item.caption}
            for item in detail["gallery"]
        ],
        "documents": [
            {
                "kind": choice(DocumentKind, item.kind),
                "title": item.display_title,
                "document": document_data(item.document),
            }
            for item in detail["initiative_documents"]
        ],
        "indicator_contributions": [
            {
                "indicator": item.indicator.name,
                "unit": item.indicator.unit,
                "indicator_translation_key": item.indicator.translation_key,
                "measure_code": item.indicator.measure.code,
                "amount": item.amount,
            }
            for item in detail["contributions"]
        ],
        "ideas": [
            {
                "id": chain.idea_id,
                "title": chain.title,
                "url": request.build_absolute_uri(chain.url) if chain.url else "",
            }
            for chain in detail["idea_chains"]
        ],
    }


@router.get(
    "",
    response={200: Paginated[InitiativeSummary], 400: ErrorSchema},
    summary="Funded initiatives",
    description="The funded operations of one language, newest start first: beneficiary, "
    "operation name, purpose, dates, total cost, grant, co-financing rate, location, call and "
    "measures (the open data of the CSV at /iniciatyvos/csv/). `call` is a call's id in the "
    "same language, `measure` a strategy measure's code (e.g. 1.2), `year` the year the "
    "implementation starts.",
)
def list_initiatives(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    status: StatusCode | None = None,
    call: int | None = Query(None, ge=1, le=MAX_PAGE_ID),
    measure: str | None = Query(None, max_length=20),
    year: int | None = Query(None, ge=1900, le=2999),
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        filters = InitiativeFilters(
            status=status, call=call, measure=(measure or "").strip() or None, year=year
        )
        locale_id = Locale.objects.filter(language_code=locale).values_list("pk", flat=True)
        initiatives = for_listing(
            changed_since(filters.initiatives(locale_id.first()), modified_since)
        )
        result = paginate(request, initiatives, page.limit, page.offset)
        result["results"] = [initiative_summary(i, request, locale) for i in result["results"]]
        return result


@router.get(
    "/{page_id:initiative_id}",
    response={200: InitiativeDetail, 404: ErrorSchema},
    summary="One funded initiative",
    description="An initiative with its description, progress updates (latest first, with "
    "photos as renditions), photo gallery, documents, indicator contributions and the "
    "residents' ideas it grew out of. The id of an initiative in either language gives it in "
    "the language asked for.",
)
def get_initiative(request, initiative_id: PageId, locale: Language = "lt"):
    with use_language(locale):
        prepare_page_urls(request)  # the restrictions and what addresses are made from
        found = InitiativePage.objects.filter(pk=initiative_id).values("translation_key")
        initiative = for_listing(
            InitiativePage.objects.filter(
                public_q(), locale__language_code=locale, translation_key__in=found
            )
        ).first()
        if initiative is None:
            raise Http404
        return initiative_detail_data(initiative, request, locale)
