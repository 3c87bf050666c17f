"""
An e-mail the portal sends: stored first, delivered by a background task (outbox/tasks.py).
"""

from __future__ import annotations

import hashlib
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf


class MessageState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingMessage(models.Model):
    key = models.CharField(
        _("idempotency key"),
        max_length=200,
        unique=True,
        help_text=_("One message per key: storing the same key again stores nothing new."),
    )
    to = models.TextField(_("recipients"), help_text=_("E-mail addresses, separated by commas."))
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=MessageState.choices,
        default=MessageState.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # The background task that will deliver it, to tell a lost enqueue from a waiting one.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    # Storing a message must queue nothing but its delivery: should it ever get a foreign key,
    # Wagtail's reference index would otherwise queue a task inside the sender's transaction.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-pk"]
        # Messages hold personal data: only those given these permissions see them.
        default_permissions = ("view",)
        permissions = [("retry_outgoingmessage", _("Can retry a failed outgoing message"))]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return self.subject

    @property
    def recipients(self) -> list[str]:
        return [address.strip() for address in self.to.split(",") if address.strip()]

    @property
    def message_id(self) -> str:
        """The Message-ID header, derived from the key: receivers can drop a repeat."""
        return message_id_for(self.key)


def message_id_for(key: str) -> str:
    domain = conf.get("OUTBOX_MESSAGE_ID_DOMAIN")
    if not domain:
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        domain = address.rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}.outbox@{domain}>"
