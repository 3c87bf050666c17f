"""
The strategy's public API under /api/v1/strategy (conventions in portal/api.py).

    GET /strategy                      the strategy page, its key figures, priorities and measures
    GET /strategy/measures             measures with their indicators (?priority=1)
    GET /strategy/measures/{code}      one measure, e.g. /strategy/measures/1.2
    GET /strategy/steps                the steps taken to prepare the strategy
    GET /strategy/legal-documents      the legal documents register (?kind=lt_act|eu|vvg, ?year=)
    GET /strategy/legal-documents/{id} one entry, in the language asked for

Every endpoint answers in a fixed number of queries, whatever the number of items: the data
comes from the same functions the pages use (strategy_measures, attach_step_documents,
LegalDocument.objects.for_locale, key_figures), so the page and the API never disagree.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Query, Router, Schema

from portal.api import (
    ErrorSchema,
    Language,
    PageParams,
    Paginated,
    RowId,
    paginate,
    use_language,
)
from portal.api_content import DocumentSchema
from portal.changes import MODIFIED_SINCE, ChangeType, ModifiedSince, changed_ids, changed_since
from portal.images import document_data
from portal.navigation import private_pages_q
from portal.schedule import visible

from .figures import key_figures
from .models import (
    Indicator,
    LegalDocument,
    Measure,
    Priority,
    StrategyPage,
    attach_step_documents,
    strategy_measures,
    strategy_priorities,
)

router = Router(tags=["strategy"])

KindFilter = Literal["lt_act", "eu", "vvg"]


class IndicatorSchema(Schema):
    translation_key: UUID
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    achieved: Decimal | None  # recorded by editors plus what funded initiatives report
    achieved_recorded: Decimal | None
    achieved_contributed: Decimal | None
    percent_of_target: int | None
    updated_on: date | None


class PriorityRefSchema(Schema):
    translation_key: UUID
    code: str
    title: str


class MeasureSchema(Schema):
    translation_key: UUID
    code: str
    title: str
    description: str
    url: str | None  # the measure on the strategy page, when that page exists
    priority: PriorityRefSchema
    indicators: list[IndicatorSchema]


class PriorityMeasureSchema(Schema):
    translation_key: UUID
    code: str
    title: str
    description: str
    url: str | None
    indicators: list[IndicatorSchema]


class PrioritySchema(Schema):
    translation_key: UUID
    code: str
    title: str
    description: str
    measures: list[PriorityMeasureSchema]


class KeyFigureSchema(Schema):
    key: str
    label: str
    value: int


class StepSchema(Schema):
    translation_key: UUID
    kind: str
    kind_label: str
    title: str
    description: str
    started_on: date | None
    ended_on: date | None
    participant_count: int | None
    meeting_count: int | None
    documents: list[DocumentSchema]


class StrategySchema(Schema):
    title: str | None
    intro: str
    steps_intro: str
    url: str | None
    translation_key: UUID | None
    key_figures: list[KeyFigureSchema]
    priorities: list[PrioritySchema]


class LegalDocumentSchema(Schema):
    id: int
    translation_key: UUID
    kind: str
    kind_label: str
    title: str
    issuer: str
    number: str
    adopted_on: date | None
    official_url: str
    consolidated_on: date | None
    summary: str
    document: DocumentSchema | None


# Data builders ---------------------------------------------------------------------------


def strategy_page_for(locale: str) -> StrategyPage | None:
    pages = visible(StrategyPage.objects.all()).exclude(private_pages_q())
    return pages.filter(locale__language_code=locale).first()


def page_url(request, page) -> str | None:
    return page.get_full_url(request) if page is not None else None


def indicator_data(indicator) -> dict:
    progress = indicator.progress
    return {
        "translation_key": indicator.translation_key,
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": progress.target,
        "achieved": progress.achieved,
        "achieved_recorded": progress.recorded,
        "achieved_contributed": progress.contributed,
        "percent_of_target": progress.percent,
        "updated_on": progress.updated_on,
    }


def measure_data(measure, base_url: str | None, with_priority: bool = True) -> dict:
    data = {
        "translation_key": measure.translation_key,
        "code": measure.code,
        "title": measure.title,
        "description": measure.description,
        "url": f"{base_url}#{measure.anchor}" if base_url else None,
        "indicators": [indicator_data(i) for i in measure.indicator_list],
    }
    if with_priority:
        priority = measure.priority
        data["priority"] = {
            "translation_key": priority.translation_key,
            "code": priority.code,
            "title": priority.title,
        }
    return data


def step_data(step) -> dict:
    return {
        "translation_key": step.translation_key,
        "kind": step.kind,
        "kind_label": step.get_kind_display(),
        "title": step.title,
        "description": step.description,
        "started_on": step.started_on,
        "ended_on": step.ended_on,
        "participant_count": step.participant_count,
        "meeting_count": step.meeting_count,
        "documents": [document_data(document) for document in step.document_list],
    }


def legal_document_data(entry) -> dict:
    return {
        "id": entry.pk,
        "translation_key": entry.translation_key,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "title": entry.title,
        "issuer": entry.issuer,
        "number": entry.number,
        "adopted_on": entry.adopted_on,
        "official_url": entry.official_url,
        "consolidated_on": entry.consolidated_on,
        "summary": entry.summary,
        "document": document_data(entry.document),
    }


def _steps(page) -> list:
    return attach_step_documents(page.steps.all()) if page is not None else []


# Endpoints -------------------------------------------------------------------------------


@router.get(
    "",
    response=StrategySchema,
    summary="The strategy: key figures, priorities, measures and indicators",
)
def get_strategy(request, locale: Language = "lt"):
    with use_language(locale):
        page = strategy_page_for(locale)
        url = page_url(request, page)
        steps = _steps(page)
        return {
            "title": page.title if page else None,
            "intro": page.intro if page else "",
            "steps_intro": page.steps_intro if page else "",
            "url": url,
            "translation_key": page.translation_key if page else None,
            "key_figures": [
                {"key": f.key, "label": str(f.label), "value": f.value} for f in key_figures(steps)
            ],
            "priorities": [
                {
                    "translation_key": priority.translation_key,
                    "code": priority.code,
                    "title": priority.title,
                    "description": priority.description,
                    "measures": [
                        measure_data(measure, url, with_priority=False)
                        for measure in priority.measure_list
                    ],
                }
                for priority in strategy_priorities(locale)
            ],
        }


@router.get(
    "/measures",
    response=Paginated[MeasureSchema],
    summary="Measures with their indicators and what is achieved so far",
)
def list_measures(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    priority: str | None = Query(None, max_length=20),
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        measures = strategy_measures(locale, **({"priority__code": priority} if priority else {}))
        # A measure's indicators are part of it: their changes are the measure's.
        changed = changed_ids(Measure, modified_since)
        if changed is not None:
            measures = [measure for measure in measures if measure.pk in changed]
        result = paginate(request, measures, page.limit, page.offset)
        url = page_url(request, strategy_page_for(locale)) if result["results"] else None
        result["results"] = [measure_data(m, url) for m in result["results"]]
        return result


@router.get(
    "/measures/{code}",
    response={200: MeasureSchema, 404: ErrorSchema},
    summary="One measure by its code, e.g. 1.2",
)
def get_measure(request, code: str, locale: Language = "lt"):
    with use_language(locale):
        measures = strategy_measures(locale, code=code)
        if not measures:
            raise Http404
        measure = measures[0]
        return measure_data(measure, page_url(request, strategy_page_for(locale)))


@router.get(
    "/steps",
    response=Paginated[StepSchema],
    summary="The steps taken to prepare the strategy, in order",
)
def list_steps(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        strategy = strategy_page_for(locale)
        steps = _steps(strategy)
        # The steps are part of the strategy page: its changes are theirs.
        changed = changed_ids(StrategyPage, modified_since)
        if changed is not None and (strategy is None or strategy.pk not in changed):
            steps = []
        result = paginate(request, steps, page.limit, page.offset)
        result["results"] = [step_data(step) for step in result["results"]]
        return result


@router.get(
    "/legal-documents",
    response=Paginated[LegalDocumentSchema],
    summary="The register of legal acts and documents that govern the VVG",
)
def list_legal_documents(
    request,
    page: Query[PageParams],
    locale: Language = "lt",
    kind: KindFilter | None = None,
    year: int | None = Query(None, ge=1900, le=2999, description="Year of adoption."),
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        entries = changed_since(LegalDocument.objects.for_locale(locale), modified_since)
        if kind:
            entries = entries.filter(kind=kind)
        if year is not None:
            entries = entries.filter(adopted_on__year=year)
        result = paginate(request, entries, page.limit, page.offset)
        result["results"] = [legal_document_data(entry) for entry in result["results"]]
        return result


@router.get(
    "/legal-documents/{row_id:document_id}",
    response={200: LegalDocumentSchema, 404: ErrorSchema},
    summary="One entry of the register, in the language asked for",
)
def get_legal_document(request, document_id: RowId, locale: Language = "lt"):
    # The id of any language's entry names the entry: its translation in `locale` answers.
    with use_language(locale):
        same = LegalDocument.objects.filter(pk=document_id).values("translation_key")
        entry = LegalDocument.objects.for_locale(locale).filter(translation_key__in=same).first()
        if entry is None:
            raise Http404
        return legal_document_data(entry)


# The change feed and webhooks (portal/changes.py) -------------------------------------------
# The strategy's snippets are public while they exist; a legal document and a measure (and an
# indicator, through its measure) have their own address in the API, the others are read in
# their lists.


def _existing(model, api_url=None):
    def public(ids, links):
        numbers = [int(pk) for pk in ids if pk.isdigit()]
        objects = model.objects.filter(pk__in=numbers).select_related("locale")
        if api_url is not None:
            objects = objects.select_related(*api_url[0])
        return {
            str(obj.pk): (None, links.api(api_url[1](obj)) if api_url else None) for obj in objects
        }

    return public


def _legal_document_path(entry) -> str:
    return f"strategy/legal-documents/{entry.pk}?locale={entry.locale.language_code}"


def _measure_path(measure) -> str:
    return f"strategy/measures/{measure.code}?locale={measure.locale.language_code}"


CHANGE_TYPES = {
    "strategy.legaldocument": ChangeType(
        "legal_document", public=_existing(LegalDocument, ((), _legal_document_path))
    ),
    "strategy.priority": ChangeType("strategy_priority", public=_existing(Priority)),
    "strategy.measure": ChangeType(
        "strategy_measure", public=_existing(Measure, ((), _measure_path))
    ),
    "strategy.indicator": ChangeType(
        "strategy_indicator",
        public=_existing(Indicator, (("measure__locale",), lambda i: _measure_path(i.measure))),
    ),
}
