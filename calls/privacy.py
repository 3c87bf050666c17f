"""The calls plugin holds no resident's personal data: calls as the editors publish them. Their
contacts name VVG staff, and their results the applicants, as the VVG must publish them
(portal/privacy.py)."""

from portal import privacy

from .models import CallDocument, CallEvent, CallIndexPage, CallPage

privacy.register(CallIndexPage, not_personal=["intro", "body"])
privacy.register(
    CallPage,
    not_personal=[
        "intro",
        "body",
        "call_number",
        "selection_method",
        "support_form",
        "own_contribution",
        "eligible_applicants",
        "eligible_partners",
        "eligible_activities",
        "target_groups",
        "requirements",
        "contacts",
        "questions",
        "criteria",
        "funded_projects",
        "reserve_projects",
    ],
)
privacy.register(CallDocument, not_personal=["kind", "title"])
privacy.register(CallEvent, not_personal=["title", "place", "url"])
