from .ideas import (  # noqa: F401 - the app's models, re-exported
    PUBLIC_STATUSES,
    Idea,
    IdeaOutcome,
    IdeaQuerySet,
    IdeaStatus,
    Theme,
)
from .pages import FormField, FormPage, IdeaPage  # noqa: F401 - the app's models, re-exported
from .tokens import UsedFillToken  # noqa: F401 - the app's models, re-exported
