"""The strategy's key figures, computed from its preparation steps and never stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models.steps import MEETING_KINDS, StepKind


@dataclass(frozen=True)
class KeyFigure:
    key: str  # stable, for API clients
    value: int
    label: str | Promise


def _total(counts: list[int | None]) -> int | None:
    """The sum of the known counts; None when no step gave one (unknown is not zero)."""
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


def key_figures(steps: Iterable) -> list[KeyFigure]:
    """
    Survey respondents, project proposals, meetings held, meeting participants and the number
    of steps, from the steps' kinds and counts. A figure no step gives a count for is left out.
    """
    steps = list(steps)
    if not steps:
        return []
    candidates = [
        (
            "survey_respondents",
            _total([s.participant_count for s in steps if s.kind == StepKind.SURVEY]),
            _("Residents surveyed"),
        ),
        (
            "project_proposals",
            _total([s.participant_count for s in steps if s.kind == StepKind.PROPOSALS]),
            _("Project proposals received"),
        ),
        ("meetings", _total([s.meeting_count for s in steps]), _("Meetings held")),
        (
            "meeting_participants",
            _total([s.participant_count for s in steps if s.kind in MEETING_KINDS]),
            _("Meeting participants"),
        ),
        ("steps", len(steps), _("Steps in preparing the strategy")),
    ]
    return [KeyFigure(key, value, label) for key, value, label in candidates if value is not None]
