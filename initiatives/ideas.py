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


def idea_links(request) -> list[tuple[int, object, str, str, str]]:
    """Every link from a public initiative to an idea: (idea id, initiative's translation key,
    language, title, URL), cached under the content version (portal/cache.py), so the idea
    wall spends no query on it once the cache is warm."""
    from portal.cache import remember
    from portal.navigation import site_for_request

    from .listing import public_q
    from .models import InitiativeIdea

    def build():
        return [
            (
                link.idea_id,
                link.page.translation_key,
                link.page.locale.language_code,
                link.page.title,
                link.page.get_url(request),
            )
            for link in InitiativeIdea.objects.filter(public_q("page__"))
            .select_related("page", "page__locale")
            .order_by("idea_id", "page__path")
        ]

    # A link within the request's site is relative, to another site absolute: per site.
    site = site_for_request(request)
    return remember("initiatives:idea-links", site.pk if site else 0, build=build)


def initiatives_grown_from(ideas, language, request):
    """engagement's outcome provider: the public initiatives linked to these ideas.

    Each initiative is given in the visitor's language where it is translated, otherwise in
    the language it was linked in. No query once the links are cached.
    """
    from engagement.outcomes import Outcome

    wanted = {idea.pk for idea in ideas}
    chosen: dict = {}
    for idea_id, translation_key, page_language, title, url in idea_links(request):
        if idea_id not in wanted:
            continue
        current = chosen.get((idea_id, translation_key))
        if current is None or page_language == language:
            chosen[(idea_id, translation_key)] = (title, url)
    result: dict = {}
    for (idea_id, _key), (title, url) in chosen.items():
        result.setdefault(idea_id, []).append(Outcome(title, url))
    return result
