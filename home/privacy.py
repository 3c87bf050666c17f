"""The home plugin holds no one's personal data: pages the editors publish (portal/privacy.py)."""

from portal import privacy

from .models import ContentPage, HomePage

privacy.register(
    HomePage,
    not_personal=["intro", "body", "hero_kicker", "hero_title", "hero_lead", "hero_cta_label"],
)
privacy.register(ContentPage, not_personal=["intro", "body"])
