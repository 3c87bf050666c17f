"""The admin page where editors turn two-factor authentication on and off."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import two_factor
from .forms import DisableTwoFactorForm, EnableTwoFactorForm


# The page shows the secret key: never cached; passwords and codes stay out of error reports.
@method_decorator([never_cache, sensitive_post_parameters("password", "code")], name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, FormView):
    template_name = "security/two_factor.html"
    page_title = _("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.enabled = two_factor.has_two_factor(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return DisableTwoFactorForm if self.enabled else EnableTwoFactorForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if not self.enabled:
            kwargs["key"] = two_factor.setup_key(self.request)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enabled"] = self.enabled
        context["action_url"] = self.request.path
        if self.enabled:
            context["submit_button_label"] = _("Turn off")
        else:
            key = two_factor.setup_key(self.request)
            context["qr_code"] = two_factor.qr_code_data_uri(self.request.user, key)
            context["manual_key"] = two_factor.manual_entry_key(key)
            context["submit_button_label"] = _("Turn on")
        context["submit_button_active_label"] = context["submit_button_label"]
        return context

    def form_valid(self, form):
        if self.enabled:
            TOTPDevice.objects.filter(user=self.request.user).delete()
            messages.success(self.request, _("Two-factor authentication is off."))
        else:
            device = two_factor.confirm_device(self.request, form.key)
            # This session has just proved the code, so it counts as verified.
            django_otp.login(self.request, device)
            messages.success(
                self.request,
                _("Two-factor authentication is on. From now on you sign in with a code."),
            )
        return redirect("security_two_factor")
