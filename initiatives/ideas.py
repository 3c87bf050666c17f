"""
"You said, we did": residents' ideas (the engagement plugin) that led to an initiative.

Initiatives store an idea's number as a plain integer and read ideas only when engagement is
installed, so either plugin can be removed. Engagement learns which initiatives grew out of an
idea through its own hook, engagement.outcomes.idea_outcomes (see docs/engagement.md), which
this plugin fills from its AppConfig.ready().
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.apps import apps

CHOICES_LIMIT = 500  # the newest public ideas offered in the editor's list


def engagement_installed() -> bool:
    return apps.is_installed("engagement")


class IdeaSelect(forms.Select):
    """A list of the public ideas, read when the editor opens the form (not at start-up)."""

    def get_context(self, name, value, attrs):
        from engagement.models import Idea

        ideas = Idea.objects.public().order_by("-published_at", "-pk")[:CHOICES_LIMIT]
        self.choices = [("", "---------")] + [
            (idea.pk, f"#{idea.pk} {idea.title}") for idea in ideas.only("pk", "title")
        ]
        return super().get_context(name, value, attrs)


def idea_widget():
    """The idea picker when engagement is installed, otherwise a plain number field."""
    return IdeaSelect() if engagement_installed() else None


@dataclass
class IdeaChain:
    """One idea and the path from it to the initiative: idea -> measure -> call -> initiative."""

    idea_id: int
    title: str
    url: str
    measures: list = field(default_factory=list)


def idea_chains(initiative, measures, request) -> list[IdeaChain]:
    """The public ideas linked to an initiative, each with the measures it leads through.

    One query for the ideas (with their theme's measure) and none without engagement; the
    ideas page comes from the core's cache. An idea
    whose theme names one of the initiative's measures leads through that measure; otherwise
    through all of them.
    """
    if not engagement_installed():
        return []
    from engagement.models import Idea
    from portal.registry import find_section_page

    from .models import InitiativeIdea

    linked = InitiativeIdea.objects.filter(page_id=initiative.pk).values("idea_id")
    rows = list(
        Idea.objects.public()
        .filter(pk__in=linked)
        .order_by("published_at", "pk")
        .values_list("pk", "title", "theme__measure__translation_key")
    )
    if not rows:
        return []
    ideas_page = find_section_page("ideas", initiative.locale_id)  # cached
    base = ideas_page.get_url(request) if ideas_page is not None else ""
    by_key = {measure.translation_key: measure for measure in measures}
    chains = []
    for idea_id, title, measure_key in rows:
        through = [by_key[measure_key]] if measure_key in by_key else list(measures)
        url = f"{base}#idea-{idea_id}" if base else ""
        chains.append(IdeaChain(idea_id, title, url, through))
    return chains


def initiatives_grown_from(ideas, language, request):
    """engagement's outcome provider: the live initiatives linked to these ideas, in one query.

    Each initiative is given in the visitor's language where it is translated, otherwise in
    the language it was linked in.
    """
    from engagement.outcomes import Outcome

    from .listing import public_q
    from .models import InitiativeIdea

    ids = [idea.pk for idea in ideas]
    links = list(
        InitiativeIdea.objects.filter(public_q("page__"), idea_id__in=ids)
        .select_related("page", "page__locale")
        .only(
            "idea_id",
            "sort_order",
            "page__title",
            "page__url_path",
            "page__path",
            "page__translation_key",
            "page__locale__language_code",
        )
        .order_by("idea_id", "page__path")
    )
    chosen: dict = {}
    for link in links:
        key = (link.idea_id, link.page.translation_key)
        current = chosen.get(key)
        if current is None or link.page.locale.language_code == language:
            chosen[key] = link.page
    result: dict = {}
    for (idea_id, _key), page in chosen.items():
        result.setdefault(idea_id, []).append(Outcome(page.title, page.get_url(request)))
    return result
