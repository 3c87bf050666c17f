from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal core")

    def ready(self):
        from . import ledger

        # Every change a visitor could see writes a row of the ledger (portal/ledger.py), in
        # the same transaction; cache keys carry its latest id (portal/cache.py).
        ledger.connect()

        from .changes import register_core_types

        # How the change feed and webhooks name pages, documents and images.
        register_core_types()

        from django.core import checks

        from .api_fields import check_api_fields

        # No model may offer an API an e-mail address, an account or form submissions.
        checks.register(check_api_fields, "api")
