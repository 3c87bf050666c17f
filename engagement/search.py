"""
Public ideas in site search: what engagement contributes (`CONTRIBUTION`), and keeping the
search index in line with moderation.

The index holds public ideas only, with what the idea wall shows of them (`Idea.public_text`),
so a new idea's text is never in it before a moderator publishes it. It is brought up to date
after the change is committed, as a background task enqueued safely: storing or moderating an
idea never fails because of the index, and `manage.py update_index` repairs what a failed task
left behind.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from outbox.queue import enqueue_safely
from portal.registry import SearchSource

from .models import PUBLIC_STATUSES, Idea

logger = logging.getLogger(__name__)


@task()
def update_ideas_in_search(idea_ids: list[int]) -> int:
    """Index these ideas if they are public, take them out of the index if not (or deleted)."""
    from modelsearch import index

    public = list(Idea.objects.public().filter(pk__in=idea_ids))
    for idea in public:
        index.insert_or_update_object(idea)
    public_ids = {idea.pk for idea in public}
    for idea_id in set(idea_ids) - public_ids:
        index.remove_object(Idea(pk=idea_id))
    return len(public)


def ideas_changed(idea_ids) -> None:
    """Saved, moderated or deleted ideas: update the index once the change is committed."""
    idea_ids = sorted({int(pk) for pk in idea_ids if pk is not None})
    if idea_ids:
        transaction.on_commit(
            lambda: enqueue_safely(
                update_ideas_in_search,
                idea_ids,
                repair="`manage.py update_index` brings the search index up to date",
            )
        )


def idea_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ideas_changed([instance.pk])


def idea_deleted(sender, instance, **kwargs):
    ideas_changed([instance.pk])


def idea_url(idea, context) -> str:
    """The idea's own page under the ideas page of the visitor's language."""
    section = context.section_url("ideas")
    return f"{section}{idea.pk}/" if section else ""


CONTRIBUTION = SearchSource(
    key="idea",
    label=_("Resident's idea"),
    plural_label=_("Residents' ideas"),
    # Ideas written in the visitor's language, as the idea wall shows them.
    queryset=lambda locale: Idea.objects.filter(
        language=locale.language_code, status__in=PUBLIC_STATUSES
    ),
    url=idea_url,
    title=lambda idea: idea.title,
    date=lambda idea: idea.published_at,
    text=lambda idea: idea.public_text,
)
