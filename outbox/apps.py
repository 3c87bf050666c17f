from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """
    Outgoing mail: each message stored, delivered by a background worker with retries, and
    listed for staff in the admin (docs/outbox.md).
    """

    name = "outbox"
    verbose_name = _("Outgoing mail")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)
