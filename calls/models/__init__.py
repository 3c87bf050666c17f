"""The calls plugin's models: the calls index, the call page and what a call is made of."""

from .pages import CallIndexPage, CallPage, SelectionMethod, SupportForm
from .related import CallDocument, CallEvent, CallMeasure, DocumentKind

__all__ = [
    "CallDocument",
    "CallEvent",
    "CallIndexPage",
    "CallMeasure",
    "CallPage",
    "DocumentKind",
    "SelectionMethod",
    "SupportForm",
]
