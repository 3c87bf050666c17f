"""The initiatives plugin holds no resident's personal data: funded operations as the editors
publish them; beneficiaries are published as EU rules require (portal/privacy.py)."""

from portal import privacy

from .models import (
    InitiativeDocument,
    InitiativeImage,
    InitiativeIndexPage,
    InitiativePage,
    ProgressUpdate,
)

privacy.register(InitiativeIndexPage, not_personal=["intro", "body"])
privacy.register(
    InitiativePage,
    not_personal=[
        "intro",
        "body",
        "beneficiary",
        "beneficiary_kind",
        "project_number",
        "status",
        "address",
    ],
)
privacy.register(ProgressUpdate, not_personal=["text", "photos"])
privacy.register(InitiativeImage, not_personal=["caption"])
privacy.register(InitiativeDocument, not_personal=["kind", "title"])
