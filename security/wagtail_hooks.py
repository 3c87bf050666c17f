from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from .views import RecoveryCodesView, TwoFactorView


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", TwoFactorView.as_view(), name="security_two_factor"),
        path(
            "two-factor/recovery-codes/",
            RecoveryCodesView.as_view(),
            name="security_recovery_codes",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("security_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an app on your phone as well as your password."),
    }
