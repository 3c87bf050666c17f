"""
The calls' part of the public API: /api/v1/calls (a filtered, paginated list) and
/api/v1/calls/{id} (one call with its documents, questions and answers, events and results).

Both read calls through calls.listing and calls.status, so the API, the pages and the feeds
agree on which calls are live and what their status is. Money is a decimal string with two
places, times are ISO 8601 in Europe/Vilnius with their offset.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from portal.api import (
    DateTime,
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
from portal.api_content import DocumentSchema, RichContent
from portal.changes import MODIFIED_SINCE, ModifiedSince, changed_ids
from portal.images import document_data
from portal.navigation import private_pages_q
from portal.schedule import visible

from .listing import CallFilters, absolute_url, call_year
from .models import CallMeasure, CallPage, DocumentKind, SelectionMethod, SupportForm
from .status import CALL_TIME_ZONE, CallStatus

router = Router(tags=["calls"])

StatusCode = Literal["upcoming", "open", "closing_soon", "closed", "results_published"]


CallStatusChoice = choice_schema("CallStatusChoice", CallStatus)
SelectionMethodChoice = choice_schema("SelectionMethodChoice", SelectionMethod)
SupportFormChoice = choice_schema("SupportFormChoice", SupportForm)
CallDocumentKindChoice = choice_schema("CallDocumentKindChoice", DocumentKind)


class MeasureRef(Schema):
    code: str
    title: str
    translation_key: UUID


class CallSummary(Schema):
    id: int
    translation_key: UUID
    locale: str
    url: str
    ics_url: str
    number: str
    title: str
    summary: str
    status: CallStatusChoice
    opens_at: DateTime
    closes_at: DateTime
    year: int
    budget: Money
    max_grant: Money
    min_grant: Money | None
    co_funding_rate: Decimal = Field(
        ..., description="The share of eligible costs that the call funds, per cent."
    )
    selection_method: SelectionMethodChoice
    support_form: SupportFormChoice
    measures: list[MeasureRef]
    results_published_at: DateTime | None


class CallDocumentSchema(Schema):
    kind: CallDocumentKindChoice
    title: str
    document: DocumentSchema


class ContactSchema(Schema):
    name: str
    role: str
    email: str
    phone: str
    hours: str


class EventSchema(Schema):
    translation_key: UUID
    title: str
    starts_at: DateTime
    ends_at: DateTime | None
    place: str
    url: str


class QuestionSchema(Schema):
    question: str
    answer: str
    answered_on: date | None


class CriterionSchema(Schema):
    name: str
    description: str
    max_points: int


class ProjectResultSchema(Schema):
    rank: int
    applicant: str
    project_title: str
    score: Decimal | None
    amount: Money


class IntakeSchema(Schema):
    proposals_received: int | None
    amount_requested: Money | None


class ResultsSchema(Schema):
    published_at: DateTime
    decision_document: DocumentSchema | None
    funded: list[ProjectResultSchema]
    reserve: list[ProjectResultSchema]
    total_proposed: Money


class CallDetail(CallSummary):
    description: RichContent
    own_contribution: str
    own_contribution_rate: Decimal
    eligible_applicants: str
    eligible_partners: str
    eligible_activities: str
    target_groups: str
    requirements: str
    documents: list[CallDocumentSchema]
    contacts: list[ContactSchema]
    events: list[EventSchema]
    questions: list[QuestionSchema]
    intake: IntakeSchema
    criteria: list[CriterionSchema]
    results: ResultsSchema | None


def _local(moment):
    return timezone.localtime(moment, CALL_TIME_ZONE) if moment else None


def _html(value: str) -> str:
    return expand_db_html(value) if value else ""


def call_summary(call: CallPage, request, language: str) -> dict:
    url = absolute_url(call, request)
    return {
        "id": call.pk,
        "translation_key": call.translation_key,
        "locale": language,
        "url": url,
        "ics_url": url + "ics/",
        "number": call.call_number,
        "title": call.title,
        "summary": call.intro,
        "status": choice(CallStatus, call.status),
        "opens_at": _local(call.opens_at),
        "closes_at": _local(call.closes_at),
        "year": call_year(call),
        "budget": call.budget,
        "max_grant": call.max_grant,
        "min_grant": call.min_grant,
        "co_funding_rate": call.co_funding_rate,
        "selection_method": choice(SelectionMethod, call.selection_method),
        "support_form": choice(SupportForm, call.support_form),
        "measures": [
            {
                "code": link.measure.code,
                "title": link.measure.title,
                "translation_key": link.measure.translation_key,
            }
            for link in call.measure_links.all()
        ],
        "results_published_at": (
            _local(call.results_published_at) if call.results_are_public else None
        ),
    }


def _projects(stream) -> list[dict]:
    return [
        {
            "rank": rank,
            "applicant": child.value["applicant"],
            "project_title": child.value["project_title"],
            "score": child.value["score"],
            "amount": child.value["amount"],
        }
        for rank, child in enumerate(stream, start=1)
    ]


def call_detail(call: CallPage, request, language: str) -> dict:
    context = call.detail_context(request)
    results = None
    if call.results_are_public:
        funded = _projects(call.funded_projects)
        results = {
            "published_at": _local(call.results_published_at),
            "decision_document": document_data(context["decision"]),
            "funded": funded,
            "reserve": _projects(call.reserve_projects),
            "total_proposed": sum((p["amount"] for p in funded), Decimal("0.00")),
        }
    return {
        **call_summary(call, request, language),
        "description": call.body.stream_block.get_api_representation(call.body),
        "own_contribution": call.own_contribution,
        "own_contribution_rate": call.own_contribution_rate,
        "eligible_applicants": _html(call.eligible_applicants),
        "eligible_partners": _html(call.eligible_partners),
        "eligible_activities": _html(call.eligible_activities),
        "target_groups": _html(call.target_groups),
        "requirements": _html(call.requirements),
        "documents": [
            {
                "kind": choice(DocumentKind, item.kind),
                "title": item.display_title,
                "document": document_data(item.document),
            }
            for item in context["call_documents"]
        ],
        "contacts": [
            {key: child.value[key] or "" for key in ("name", "role", "email", "phone", "hours")}
            for child in call.contacts
        ],
        "events": [
            {
                "translation_key": event.translation_key,
                "title": event.title,
                "starts_at": _local(event.starts_at),
                "ends_at": _local(event.ends_at),
                "place": event.place,
                "url": event.url,
            }
            for event in context["events"]
        ],
        "questions": [
            {
                "question": child.value["question"],
                "answer": _html(child.value["answer"].source),
                "answered_on": child.value["answered_on"],
            }
            for child in call.questions
        ],
        "intake": {
            "proposals_received": call.proposals_received,
            "amount_requested": call.amount_requested,
        },
        "criteria": [
            {
                "name": child.value["name"],
                "description": child.value["description"] or "",
                "max_points": child.value["max_points"],
            }
            for child in call.criteria
        ],
        "results": results,
    }


@router.get(
    "",
    response={200: Paginated[CallSummary], 400: ErrorSchema},
    summary="Funding calls",
    description="Live calls in one language, open calls first (nearest deadline first), then "
    "upcoming, then past calls. `status=open` also matches calls closing soon (their last "
    "7 days); `measure` is a strategy measure's code, e.g. 1.2; `year` is the year a call "
    "opens.",
)
def list_calls(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    status: StatusCode | None = None,
    measure: str | None = Query(None, max_length=20),
    year: int | None = Query(None, ge=1900, le=2999),
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        filters = CallFilters(
            status=CallStatus(status) if status else None,
            year=year,
            measure=(measure or "").strip() or None,
        )
        locale_id = Locale.objects.filter(language_code=locale).values_list("pk", flat=True)
        listing = filters.apply(locale_id.first())
        rows = listing.rows
        changed = changed_ids(CallPage, modified_since)
        if changed is not None:
            rows = [row for row in rows if row.pk in changed]
        result = paginate(request, rows, page.limit, page.offset)
        calls = listing.fetch(result["results"])
        result["results"] = [call_summary(call, request, locale) for call in calls]
        return result


@router.get(
    "/{page_id:call_id}",
    response={200: CallDetail, 404: ErrorSchema},
    summary="One funding call",
    description="A call with its conditions, documents, consultations, information events, "
    "questions and answers and, once published, its results. The id of a call in either "
    "language gives that call in the language asked for.",
)
def get_call(request, call_id: PageId, locale: Language = "lt"):
    with use_language(locale):
        public = visible(CallPage.objects.all()).exclude(private_pages_q())
        found = public.filter(pk=call_id).values_list("translation_key", flat=True)
        call = (
            public.filter(translation_key__in=found, locale__language_code=locale)
            .select_related("decision_document")
            .prefetch_related(
                Prefetch("measure_links", CallMeasure.objects.select_related("measure"))
            )
            .first()
        )
        if call is None:
            raise Http404
        return call_detail(call, request, locale)
