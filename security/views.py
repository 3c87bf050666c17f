"""The admin pages where editors turn two-factor authentication on and off and get new
recovery codes."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import two_factor
from .forms import DisableTwoFactorForm, EnableTwoFactorForm, NewRecoveryCodesForm


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
            context["recovery_codes_left"] = two_factor.recovery_codes_left(self.request.user)
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
            two_factor.turn_off(self.request.user)
            messages.success(self.request, _("Two-factor authentication is off."))
            return redirect("security_two_factor")
        device = two_factor.confirm_device(self.request, form.key)
        # This session has just proved the code, so it counts as verified.
        django_otp.login(self.request, device)
        codes = two_factor.new_recovery_codes(self.request.user)
        messages.success(
            self.request,
            _("Two-factor authentication is on. From now on you sign in with a code."),
        )
        return recovery_codes_response(self.request, codes)


def recovery_codes_response(request, codes):
    """The new recovery codes, shown once (the page is never cached)."""
    return TemplateResponse(
        request,
        "security/recovery_codes.html",
        {
            "page_title": _("Recovery codes"),
            "header_icon": "key",
            "codes": codes,
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("security_two_factor"), "label": _("Two-factor authentication")},
                {"url": "", "label": _("Recovery codes")},
            ],
        },
    )


@method_decorator([never_cache, sensitive_post_parameters("password", "code")], name="dispatch")
class RecoveryCodesView(WagtailAdminTemplateMixin, FormView):
    """New recovery codes in place of the old ones, confirmed with the password and a code."""

    template_name = "wagtailadmin/generic/form.html"
    form_class = NewRecoveryCodesForm
    page_title = _("New recovery codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("security_two_factor"), "label": _("Two-factor authentication")},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not two_factor.has_two_factor(request.user):
            return redirect("security_two_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Make new codes")
        context["submit_button_active_label"] = context["submit_button_label"]
        return context

    def form_valid(self, form):
        return recovery_codes_response(self.request, two_factor.new_recovery_codes(form.user))
