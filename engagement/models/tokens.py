"""The fill-time tokens already used: each form that is shown can be sent (and stored) once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedFillToken(models.Model):
    """
    A fill-time token that has been spent on a stored submission. Kept in the database, in the
    submission's own transaction, so that no cache outage can make a token usable again; kept
    only until the token would have expired anyway (engagement/spam.py).
    """

    token_id = models.CharField(_("token identifier"), max_length=32, unique=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self):
        return self.token_id

    def changes_what_visitors_see(self) -> bool:
        """Nothing any visitor sees (portal/ledger.py): no cache is renewed for it."""
        return False
