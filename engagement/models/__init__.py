from .ideas import (  # noqa: F401
    PUBLIC_STATUSES,
    Idea,
    IdeaOutcome,
    IdeaQuerySet,
    IdeaStatus,
    Theme,
)
from .pages import FormField, FormPage, IdeaPage  # noqa: F401
from .tokens import UsedFillToken  # noqa: F401
