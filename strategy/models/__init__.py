"""
The strategy plugin's models: the strategy's structure (priorities, measures, indicators), its
preparation steps, the legal documents register, and the two pages that show them.
"""

from .documents import GROUP_HEADINGS, LegalDocument, LegalDocumentKind, legal_register
from .pages import DocumentsPage, StrategyPage
from .steps import MEETING_KINDS, PreparationStep, StepKind, attach_step_documents
from .structure import Indicator, Measure, Priority, strategy_measures, strategy_priorities

__all__ = [
    "GROUP_HEADINGS",
    "MEETING_KINDS",
    "DocumentsPage",
    "Indicator",
    "LegalDocument",
    "LegalDocumentKind",
    "Measure",
    "PreparationStep",
    "Priority",
    "StepKind",
    "StrategyPage",
    "attach_step_documents",
    "legal_register",
    "strategy_measures",
    "strategy_priorities",
]
