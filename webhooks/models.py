"""
Webhook endpoints that administrators register, and the deliveries of changes to them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .addresses import address_problem
from .signing import new_secret


class WebhookEndpoint(models.Model):
    url = models.URLField(
        _("address"),
        max_length=1000,
        help_text=_("Where each change is POSTed: an http:// or https:// address."),
    )
    description = models.CharField(
        _("description"), max_length=255, blank=True, help_text=_("Who receives it, and why.")
    )
    kinds = models.JSONField(
        _("kinds of change"),
        default=list,
        blank=True,
        help_text=_("Only these kinds of change; none chosen: every kind."),
    )
    types = models.JSONField(
        _("types of content"),
        default=list,
        blank=True,
        help_text=_("Only changes of these types; none chosen: every type."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_(
            "Give it to the receiver: it checks the webhook-signature header with it "
            "(Standard Webhooks)."
        ),
    )
    # The secret before the last rotation: it still signs beside the new one until
    # `previous_secret_until`, while the receiver changes to the new one.
    previous_secret = models.CharField(
        _("previous signing secret"), max_length=100, blank=True, editable=False
    )
    previous_secret_until = models.DateTimeField(
        _("previous secret signs until"), null=True, blank=True, editable=False
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Changes are delivered only while it is active.")
    )
    # The last change of the ledger this endpoint was considered for: it receives the changes
    # committed after it was registered (set when it is created) and nothing older.
    last_change_id = models.BigIntegerField(_("last change considered"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["url", "pk"]

    def __str__(self):
        return self.description or self.url

    def save(self, *args, **kwargs):
        if self._state.adding and not self.last_change_id:
            from portal.models import Change

            latest = Change.objects.order_by("-id").values_list("id", flat=True).first()
            self.last_change_id = latest or 0
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        problem = address_problem(self.url) if self.url else None
        if problem:
            raise ValidationError({"url": problem})

    @property
    def active_label(self) -> str:
        return gettext("Yes") if self.active else gettext("No")

    def signing_secrets(self, now=None) -> list[str]:
        """The secrets each POST is signed with now: the current one, and the previous one
        until its time is up."""
        now = now or timezone.now()
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def rotate_secret(self) -> str:
        """A new secret; the current one keeps signing beside it for
        WEBHOOKS_PREVIOUS_SECRET_SECONDS. Returns the new secret."""
        from datetime import timedelta

        from . import conf

        self.previous_secret = self.secret
        self.previous_secret_until = timezone.now() + timedelta(
            seconds=conf.get("WEBHOOKS_PREVIOUS_SECRET_SECONDS")
        )
        self.secret = new_secret()
        self.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
        return self.secret

    def wants(self, item: dict) -> bool:
        return (not self.kinds or item["kind"] in self.kinds) and (
            not self.types or item["type"] in self.types
        )


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    change_id = models.BigIntegerField(_("change"), help_text=_("The id in the change feed."))
    event_type = models.CharField(_("event"), max_length=100)
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=DeliveryState.choices,
        default=DeliveryState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    # The background task that will deliver it, to tell a lost enqueue from a waiting one.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    # Never in Wagtail's reference index: storing a delivery must queue nothing else.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("resend_webhookdelivery", _("Can send a webhook delivery again"))]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "change_id"], name="webhooks_one_delivery_per_change"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhooks_due_idx")]

    def __str__(self):
        return f"{self.event_type} #{self.change_id}"

    @property
    def message_id(self) -> str:
        """The `webhook-id` header: the same for every attempt, so a receiver drops repeats."""
        return f"msg_{self.pk}"
