"""What the security app stores, classified for the privacy commands (portal/privacy.py)."""

from portal import privacy

from .models import PasswordFailure

# A keyed digest of an address, kept for the 15 minutes it counts towards the limit on page
# passwords; nothing ties it to a person's e-mail address, so there is nothing to export.
privacy.register(PasswordFailure, not_personal=["restriction", "client"])
