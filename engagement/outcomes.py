"""
What grew out of an idea: initiatives, calls or any other page, shown with the idea on the wall
and in the API.

Moderators link an idea to the pages that grew out of it (IdeaOutcome, any Wagtail page, so
engagement needs to know no other plugin). Another plugin can also contribute outcomes of its
own by registering a provider here from its AppConfig.ready(), only when engagement is
installed, so that both stay removable (see docs/engagement.md):

    from django.apps import apps

    if apps.is_installed("engagement"):
        from engagement.outcomes import Outcome, idea_outcomes

        idea_outcomes.register("initiatives", initiatives_grown_from)

A provider is `callable(ideas: list[Idea], language: str, request) -> {idea pk: [Outcome]}`
and must answer for the whole list in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wagtail.models import Page

from portal.navigation import private_pages_q
from portal.registry import Registry
from portal.schedule import visible

idea_outcomes = Registry("What grew out of residents' ideas")


@dataclass(frozen=True)
class Outcome:
    title: str
    url: str  # absolute, or relative to the site (the API makes it absolute)


def linked_pages(ideas, language, request):
    """The pages moderators linked to the ideas, in the visitor's language where translated."""
    from .models import IdeaOutcome

    links = list(
        IdeaOutcome.objects.filter(idea__in=[idea.pk for idea in ideas])
        .order_by("idea_id", "sort_order")
        .values_list("idea_id", "page__translation_key")
    )
    if not links:
        return {}
    keys = {key for _, key in links}
    # One query: each linked page's translations, live ones only; the visitor's language
    # wins, otherwise the page in any language.
    pages = {}
    for page in (
        visible(Page.objects.all())
        .exclude(private_pages_q())
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("pk", "title", "url_path", "translation_key", "locale__language_code", "path")
    ):
        current = pages.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            pages[page.translation_key] = page
    result = defaultdict(list)
    for idea_id, key in links:
        page = pages.get(key)
        if page is not None:
            result[idea_id].append(Outcome(page.title, page.get_url(request)))
    return result


idea_outcomes.register("linked_pages", linked_pages, order=0)


def outcomes_for(ideas, language, request) -> dict[int, list[Outcome]]:
    combined = defaultdict(list)
    for _name, provider in idea_outcomes.items():
        for idea_id, outcomes in provider(ideas, language, request).items():
            combined[idea_id].extend(outcomes)
    return combined
