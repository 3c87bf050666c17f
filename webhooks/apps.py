from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed POSTs of the portal's visible changes to registered endpoints (docs/api.md)."""

    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from portal.registry import change_listeners

        from .dispatch import fan_out_after_commit

        # After each committed transaction that changed what visitors see.
        change_listeners.register("webhooks", fan_out_after_commit)
