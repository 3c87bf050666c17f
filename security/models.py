"""What the security app keeps in the database: failed passwords of private pages and
collections (security/passwords.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordFailure(models.Model):
    """
    One wrong password for a page or collection restricted by a shared password. Kept in the
    database, like django-axes' failed sign-ins, so that every worker counts it and a cache
    outage cannot lift the limit; deleted when it no longer counts.
    """

    restriction = models.CharField(_("restriction"), max_length=40)
    client = models.CharField(
        _("digest of the client's address"),
        max_length=64,
        help_text=_("A keyed one-way digest; the address itself is never stored."),
    )
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wrong page password")
        verbose_name_plural = _("wrong page passwords")
        indexes = [models.Index(fields=["restriction", "client", "failed_at"])]

    def __str__(self):
        return f"{self.restriction} {self.failed_at:%Y-%m-%d %H:%M}"

    def changes_what_visitors_see(self) -> bool:
        """Nothing any visitor sees (portal/ledger.py): no cache is renewed for it."""
        return False
