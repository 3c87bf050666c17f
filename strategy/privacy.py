"""The strategy plugin holds no one's personal data: the strategy, its preparation and the legal
acts, as the editors publish them (portal/privacy.py)."""

from portal import privacy

from .models import (
    DocumentsPage,
    Indicator,
    LegalDocument,
    Measure,
    PreparationStep,
    Priority,
    StrategyPage,
)

privacy.register(Priority, not_personal=["code", "title", "description"])
privacy.register(Measure, not_personal=["code", "title", "description"])
privacy.register(Indicator, not_personal=["name", "unit"])
privacy.register(
    LegalDocument,
    not_personal=["title", "kind", "issuer", "number", "official_url", "summary"],
)
privacy.register(PreparationStep, not_personal=["kind", "title", "description", "documents"])
privacy.register(
    StrategyPage,
    not_personal=[
        "intro",
        "body",
        "steps_intro",
        "invitation_heading",
        "invitation_text",
        "invitation_label",
    ],
)
privacy.register(DocumentsPage, not_personal=["intro", "body"])
