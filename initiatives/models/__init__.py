"""The initiatives plugin's models: the index, the initiative page and what it is made of."""

from .pages import BeneficiaryKind, InitiativeIndexPage, InitiativePage, grant_rate
from .related import (
    DocumentKind,
    IndicatorContribution,
    InitiativeDocument,
    InitiativeIdea,
    InitiativeImage,
    InitiativeMeasure,
    ProgressUpdate,
)

__all__ = [
    "BeneficiaryKind",
    "DocumentKind",
    "IndicatorContribution",
    "InitiativeDocument",
    "InitiativeIdea",
    "InitiativeImage",
    "InitiativeIndexPage",
    "InitiativeMeasure",
    "InitiativePage",
    "ProgressUpdate",
    "grant_rate",
]
