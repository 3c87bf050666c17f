from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """
    The portal's defences: response headers and the Content-Security-Policy, admin sign-in
    (lockout and two-factor authentication), checks on uploaded files, and backups.
    See docs/security.md.
    """

    name = "security"
    verbose_name = _("Security")

    def ready(self):
        from . import spreadsheets

        spreadsheets.install()
