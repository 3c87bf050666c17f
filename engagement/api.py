"""
Public ideas in the API: /api/v1/ideas and /api/v1/ideas/{id}.

Only what the idea wall shows (engagement/wall.py), and nothing more: never an e-mail address,
an attachment, the digest of the client's address, a moderator's note, a name the resident
did not allow to be shown, or an idea that is not public.
"""

from __future__ import annotations

from typing import Literal

from django.http import Http404
from django.utils import translation
from ninja import Field, Query, Router, Schema

from portal.api import DateTime, Language, PageParams, Paginated, RowId, paginate, use_language
from portal.changes import MODIFIED_SINCE, ChangeType, ModifiedSince, changed_since

from .wall import WallFilter, present, public_ideas, themes_in

router = Router(tags=["ideas"])

PublicStatus = Literal["published", "merged", "declined"]


class IdeaMeasureRef(Schema):
    code: str
    title: str


class ThemeOut(Schema):
    id: int
    title: str
    translation_key: str
    measure: IdeaMeasureRef | None = None


class OutcomeOut(Schema):
    title: str
    url: str


class MergedInto(Schema):
    id: int
    title: str


class IdeaOut(Schema):
    id: int
    title: str
    description: str = Field(description="Empty for a declined idea.")
    location: str
    author_name: str = Field(description="Only when the resident allowed it to be shown.")
    theme: ThemeOut | None
    status: PublicStatus
    status_label: str
    public_reason: str = Field(description="Why the idea was declined; empty otherwise.")
    merged_into: MergedInto | None
    outcomes: list[OutcomeOut] = Field(description="Pages that grew out of the idea.")
    language: str = Field(description="The language the resident wrote in.")
    published_at: DateTime | None


class IdeaFilters(Schema):
    theme: int | None = Field(None, description="A theme's id in the requested language.")
    status: PublicStatus | None = None


def _serialise(item, request) -> dict:
    theme = item.theme
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "location": item.location,
        "author_name": item.author_name,
        "theme": {
            "id": theme.pk,
            "title": theme.title,
            "translation_key": str(theme.translation_key),
            "measure": {"code": item.measure.code, "title": item.measure.title}
            if item.measure
            else None,
        }
        if theme
        else None,
        "status": item.status,
        "status_label": str(item.status_label),
        "public_reason": item.public_reason,
        "merged_into": {"id": item.merged_into.pk, "title": item.merged_into.title}
        if item.merged_into
        else None,
        "outcomes": [
            {"title": o.title, "url": request.build_absolute_uri(o.url)} for o in item.outcomes
        ],
        "language": item.language,
        "published_at": item.published_at,
    }


@router.get(
    "",
    response=Paginated[IdeaOut],
    summary="Public ideas of residents",
    description="Published, merged and declined ideas, newest first. Ideas are in the "
    "language their author wrote in; themes and labels in the requested locale.",
)
def list_ideas(
    request,
    filters: Query[IdeaFilters],
    page: Query[PageParams],
    locale: Language = "lt",
    modified_since: ModifiedSince | None = MODIFIED_SINCE,
):
    with use_language(locale):
        themes = themes_in(locale)
        wall_filter = WallFilter.from_query(
            {"theme": filters.theme or "", "status": filters.status or ""}, themes
        )
        ideas = changed_since(public_ideas(wall_filter), modified_since)
        result = paginate(request, ideas, page.limit, page.offset)
        result["results"] = [
            _serialise(item, request)
            for item in present(result["results"], themes, translation.get_language(), request)
        ]
        return result


@router.get("/{row_id:idea_id}", response=IdeaOut, summary="One public idea")
def get_idea(request, idea_id: RowId, locale: Language = "lt"):
    with use_language(locale):
        idea = public_ideas().filter(pk=idea_id).first()
        if idea is None:
            raise Http404
        themes = themes_in(locale)
        return _serialise(present([idea], themes, translation.get_language(), request)[0], request)


# The change feed and webhooks (portal/changes.py) -------------------------------------------


def public_idea_links(ids, links) -> dict:
    """The public ideas among `ids`, each with its page under the ideas page of its language
    and its address in the API (one query, plus the ideas pages when not cached)."""
    from wagtail.models import Locale

    from portal.registry import find_section_page

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    ideas = list(public_ideas().filter(pk__in=numbers).values_list("pk", "language"))
    if not ideas:
        return {}
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    found = {}
    for pk, language in ideas:
        section = find_section_page("ideas", locales.get(language, 0))
        url = section.get_url(links.request) if section is not None else None
        found[str(pk)] = (
            links.absolute(f"{url}{pk}/") if url else None,
            links.api(f"ideas/{pk}"),
        )
    return found


def existing_themes(ids, links) -> dict:
    from .models import Theme

    numbers = [int(pk) for pk in ids if pk.isdigit()]
    return {
        str(pk): (None, None)
        for pk in Theme.objects.filter(pk__in=numbers).values_list("pk", flat=True)
    }


CHANGE_TYPES = {
    "engagement.idea": ChangeType("idea", public=public_idea_links),
    "engagement.theme": ChangeType("idea_theme", public=existing_themes),
}
