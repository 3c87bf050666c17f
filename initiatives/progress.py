"""
An initiative's status and how far it has come.

Editors set the status (planned, in progress, completed, cancelled); the progress in per cent
is never typed on the initiative: it comes from the latest progress update that gives one.
`initiative_progress()` is the one place that decides the figure shown, for the pages, the
home page, the CSV and the API alike.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# The latest update first: by its date, then by its place in the editor's list (an update
# added later on the same day comes later), then by when it was stored. The page's timeline
# and the listing's SQL subquery both use this order, so they pick the same "latest" update.
LATEST_FIRST = ("-date", "-sort_order", "-pk")


def latest_reported(updates) -> int | None:
    """The progress of the latest update that gives one, from updates in any order."""
    reported = [u for u in updates if u.progress is not None]
    if not reported:
        return None
    latest = max(reported, key=lambda u: (u.date, u.sort_order or 0, u.pk or 0))
    return latest.progress


def initiative_progress(status: str, reported: int | None) -> int | None:
    """
    The progress in per cent shown for an initiative, or None when nothing is reported yet.

    - a completed initiative is at 100 %, whatever its last update said;
    - a planned one that reported nothing is at 0 %;
    - otherwise the latest reported figure, kept within 0..100; a cancelled initiative keeps
      the figure it reached.
    """
    if status == InitiativeStatus.COMPLETED:
        return 100
    if reported is None:
        return 0 if status == InitiativeStatus.PLANNED else None
    return max(0, min(100, int(reported)))
