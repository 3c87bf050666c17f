"""Forms: the admin sign-in with its code, two-factor setup, and document uploads."""

from __future__ import annotations

from django import forms
from django.contrib.auth.signals import user_login_failed
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm

from . import two_factor
from .uploads import validate_document_file


def code_field(**kwargs):
    # No numeric keyboard: a recovery code has letters.
    return forms.CharField(
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        **kwargs,
    )


class AdminLoginForm(LoginForm):
    """
    Wagtail's sign-in form with a field for the code of the user's authenticator app (or a
    recovery code), needed by users who have set up two-factor authentication.

    Whatever is wrong (the user name, the password, a missing or wrong code), the answer is the
    same and the attempt counts as a failed sign-in for django-axes: the form never tells
    anyone that a password was right.
    """

    otp_token = code_field(
        label=_("Verification code"),
        required=False,
        help_text=_(
            "The code your authenticator app shows, or one of your recovery codes. Leave it "
            "empty only if you have not set up two-factor authentication yet."
        ),
    )

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _(
            "The user name, password or verification code is not right. Please try again."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail leaves the password label untranslated; browsers and password managers fill
        # the fields by their purpose (WCAG 1.3.5).
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def clean(self):
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            # A wrong password was counted by authenticate(); an inactive account's is answered
            # like any other failure.
            raise self.get_invalid_login_error() from error
        user = self.get_user()
        if user is None or not two_factor.has_two_factor(user):
            return cleaned_data
        device = two_factor.verify_code(user, cleaned_data.get("otp_token") or "")
        if device is None:
            # The right password without the right code: a failure like any other.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        # django_otp stores the device in the session when Django logs the user in.
        user.otp_device = device
        return cleaned_data


class PasswordConfirmationMixin:
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."), code="password")
        return password


class EnableTwoFactorForm(PasswordConfirmationMixin, forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)
    code = code_field(
        label=_("Code from the app"),
        help_text=_("The six digits your authenticator app shows after you add the key."),
    )

    def __init__(self, *args, key, **kwargs):
        self.key = key
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data.get("code", "")
        if not two_factor.code_matches_key(self.key, code):
            raise forms.ValidationError(
                _("The code does not match. Check the time on your phone and try the new code."),
                code="code_invalid",
            )
        return code


class DisableTwoFactorForm(PasswordConfirmationMixin, forms.Form):
    """Confirms with the password and a current code (or a recovery code)."""

    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)
    code = code_field(
        label=_("Current code from the app"), help_text=_("Or one of your recovery codes.")
    )

    def clean_code(self):
        code = self.cleaned_data.get("code", "")
        if two_factor.verify_code(self.user, code) is None:
            raise forms.ValidationError(
                _("The verification code is not right. Enter the current one."),
                code="code_invalid",
            )
        return code


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, which also checks what a new file really contains."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            validate_document_file(file)
        return file


class NewRecoveryCodesForm(DisableTwoFactorForm):
    """Confirms a request for new recovery codes, as for turning two-factor off."""
