"""
The public idea wall: which ideas are public, how they are filtered, and what each one shows.

The idea page and the API both read ideas through here, so they never disagree, and both
spend the same fixed number of queries whatever the number of ideas: the page of ideas
(with theme and merge target joined), the themes of the visitor's language, and one query per
outcome provider.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.cache import remember

from .models import PUBLIC_STATUSES, Idea, IdeaStatus, Theme
from .outcomes import Outcome, outcomes_for


def themes_in(locale) -> list[Theme]:
    """The themes of one language: a Locale, its id, or its language code.

    Cached under the content version (portal/cache.py), which saving a theme or a measure
    changes.
    """
    if isinstance(locale, str):
        key, wanted = f"code-{locale}", {"locale__language_code": locale}
    else:
        locale_id = getattr(locale, "pk", locale)
        key, wanted = f"id-{locale_id}", {"locale_id": locale_id}
    return remember(
        "engagement:themes",
        key,
        build=lambda: list(Theme.objects.select_related("measure").filter(**wanted)),
    )


def public_status_choices():
    return [(status.value, status.label) for status in PUBLIC_STATUSES]


@dataclass
class WallFilter:
    """The visitor's choice of theme (a theme's translation key) and status."""

    theme: Theme | None = None
    status: str = ""

    @classmethod
    def from_query(cls, query, themes: list[Theme]) -> WallFilter:
        theme_value = str(query.get("theme", ""))
        theme = next((t for t in themes if str(t.pk) == theme_value), None)
        status = str(query.get("status", ""))
        if status not in {s.value for s in PUBLIC_STATUSES}:
            status = ""
        return cls(theme=theme, status=status)

    def apply(self, ideas):
        if self.theme is not None:
            # Ideas keep the theme in the language they were written in; a theme and its
            # translations share a translation key.
            ideas = ideas.filter(theme__translation_key=self.theme.translation_key)
        if self.status:
            ideas = ideas.filter(status=self.status)
        return ideas

    @property
    def is_active(self):
        return self.theme is not None or bool(self.status)


def public_ideas(wall_filter: WallFilter | None = None):
    ideas = Idea.objects.for_wall()
    return wall_filter.apply(ideas) if wall_filter else ideas


def public_idea_ids(wall_filter: WallFilter) -> list[int]:
    """The ids of the public ideas a filter shows, in the wall's order.

    Cached under the content version (portal/cache.py), which a new, moderated or deleted idea
    changes: ordering thousands of ideas to show a page of them, and counting them, is the
    costly part of the wall.
    """
    theme_key = wall_filter.theme.translation_key if wall_filter.theme is not None else ""
    return remember(
        "engagement:wall-ids",
        theme_key,
        wall_filter.status,
        build=lambda: list(public_ideas(wall_filter).values_list("pk", flat=True)),
    )


def public_ideas_with_ids(ids) -> list[Idea]:
    """These public ideas, as public_ideas() gives them, in this order (one query)."""
    ids = list(ids)
    if not ids:
        return []
    found = {idea.pk: idea for idea in public_ideas().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


@dataclass
class WallIdea:
    """What the wall and the API show of one public idea, and nothing more."""

    idea: Idea
    theme: Theme | None
    measure: object = None  # the strategy measure of the theme, in the visitor's language
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def pk(self):
        return self.idea.pk

    @property
    def title(self):
        return self.idea.title

    @property
    def description(self):
        # A declined idea shows only its title and the public reason.
        return "" if self.idea.status == IdeaStatus.DECLINED else self.idea.description

    @property
    def location(self):
        return "" if self.idea.status == IdeaStatus.DECLINED else self.idea.location

    @property
    def author_name(self):
        return self.idea.public_name

    @property
    def status(self):
        return self.idea.status

    @property
    def status_label(self):
        return self.idea.get_status_display()

    @property
    def public_reason(self):
        return self.idea.public_reason if self.idea.status == IdeaStatus.DECLINED else ""

    @property
    def merged_into(self):
        target = self.idea.merged_into
        if self.idea.status == IdeaStatus.MERGED and target is not None and target.is_public:
            return target
        return None

    @property
    def language(self):
        return self.idea.language

    @property
    def published_at(self):
        return self.idea.published_at


def present(ideas, themes: list[Theme], language: str, request) -> list[WallIdea]:
    """Wrap a page of ideas with their theme in the visitor's language and their outcomes."""
    ideas = list(ideas)
    by_key = {theme.translation_key: theme for theme in themes}
    outcomes = outcomes_for(ideas, language, request) if ideas else {}
    presented = []
    for idea in ideas:
        theme = by_key.get(idea.theme.translation_key) if idea.theme else None
        presented.append(
            WallIdea(
                idea=idea,
                # A theme not translated into the visitor's language shows as it was chosen.
                theme=theme or idea.theme,
                measure=theme.measure if theme else None,
                outcomes=outcomes.get(idea.pk, []),
            )
        )
    return presented
