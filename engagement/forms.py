"""
The forms residents fill in: the idea form, and the base of every editor-built form.

Both carry the same guards (engagement/spam.py) and the same consent checkbox, and both tell
assistive technology which hint and which error belongs to which field.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import attachments, spam
from .models.ideas import (
    DESCRIPTION_MAX_LENGTH,
    LOCATION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

# Control characters people never type (tab, line feed and carriage return are kept).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What Django puts in place of bytes that are not valid UTF-8.
UNREADABLE = "\ufffd"


def normalise_text(value: str) -> str:
    """Text as stored: composed Unicode (NFC), without invisible control characters."""
    return CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", value))


class AccessibleFormMixin:
    """Links each field to its hint and error (aria-describedby) and marks invalid fields."""

    def describe_fields(self):
        # Only errors already found: looking at `bound.errors` would validate the form now.
        found = self._errors or {}
        for bound in self:
            if bound.is_hidden:
                continue
            widget = bound.field.widget
            described_by = []
            if bound.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if found.get(bound.name):
                described_by.append(f"{bound.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            else:
                widget.attrs.pop("aria-invalid", None)
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                widget.attrs.pop("aria-describedby", None)

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def error_summary(self):
        """Every error with the id of its field, for the summary at the top of the form."""
        items = [{"target": None, "message": message} for message in self.non_field_errors()]
        for bound in self:
            for message in bound.errors:
                items.append({"target": bound.auto_id, "message": message})
        return items


class GuardedFormMixin(AccessibleFormMixin):
    """The honeypot, the signed fill time and the consent checkbox."""

    def __init__(self, *args, privacy_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_url = privacy_url
        self.fields[spam.HONEYPOT_FIELD] = forms.CharField(
            label=gettext_lazy("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["consent"] = forms.BooleanField(
            label=self.consent_label(),
            required=True,
            error_messages={
                "required": gettext_lazy(
                    "Tick the box to agree, or we cannot accept what you send."
                )
            },
        )
        self.describe_fields()

    def consent_label(self):
        if self.privacy_url:
            return format_html(
                _("I agree that the VVG keeps what I send as described in the {link}."),
                link=format_html(
                    '<a href="{}">{}</a>',
                    self.privacy_url,
                    # Its own context: "privacy notice" alone is translated elsewhere in the
                    # nominative ("pranešimas"); here Lithuanian needs the locative.
                    pgettext("as described in the", "privacy notice"),
                ),
            )
        return _("I agree that the VVG keeps what I send as described in the privacy notice.")

    def consent_text(self) -> str:
        """What the resident agreed to, as stored with the submission."""
        text = strip_tags(str(self.consent_label()))
        return f"{text} ({self.privacy_url})" if self.privacy_url else text

    @property
    def fields_for_people(self):
        """The fields a person fills in, without the honeypot and the consent checkbox."""
        return [b for b in self if b.name not in (spam.HONEYPOT_FIELD, "consent")]

    @property
    def honeypot(self):
        return self[spam.HONEYPOT_FIELD]

    def is_honeypot_filled(self) -> bool:
        return self.is_bound and spam.honeypot_filled(self.data)

    @property
    def fill_token(self) -> str:
        """The submitted token while it is still valid (so correcting an error does not restart
        the clock), otherwise a new one."""
        submitted = self.data.get(spam.FILL_TOKEN_FIELD, "") if self.is_bound else ""
        if submitted and spam.fill_time_problem(submitted) in (None, "too_fast"):
            return submitted
        return spam.fill_token()

    def clean(self):
        cleaned = super().clean()
        self.check_text(cleaned)
        problem = spam.fill_time_problem(self.data.get(spam.FILL_TOKEN_FIELD, ""))
        if problem == "too_fast":
            raise forms.ValidationError(
                _("That was very quick. Please check what you wrote and send it again."),
                code="too_fast",
            )
        if problem == "used":
            raise self.used_token_error()
        if problem in ("expired", "missing"):
            raise forms.ValidationError(
                _(
                    "The form had been open too long. Please check what you wrote and send it "
                    "again."
                ),
                code="expired",
            )
        return cleaned

    def check_text(self, cleaned) -> None:
        """Refuse text that arrived as bytes that are not UTF-8 (a browser never sends them;
        storing the replacement characters would garble the words), and normalise the rest."""
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            if UNREADABLE in value:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _(
                            "Some characters of this text could not be read. Check the text "
                            "and type them again."
                        ),
                        code="unreadable",
                    ),
                )
            else:
                cleaned[name] = normalise_text(value)

    def used_token_error(self):
        return forms.ValidationError(
            _(
                "This form has already been sent. To send something more, check what you wrote "
                "and send it again."
            ),
            code="used",
        )

    def refuse_used_token(self) -> None:
        """Another submission spent this form's token while this one was being checked."""
        self.add_error(None, self.used_token_error())
        self.describe_fields()


def _required(message):
    return {"required": message}


class IdeaForm(GuardedFormMixin, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Your idea in a few words"),
        max_length=TITLE_MAX_LENGTH,
        help_text=gettext_lazy("For example: benches along the river walk."),
        error_messages=_required(gettext_lazy("Give your idea a short title.")),
    )
    description = forms.CharField(
        label=gettext_lazy("Describe your idea"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        # Formatted when shown, in the visitor's language: `gettext_lazy(...) % {...}` would
        # translate once, at import, in no language at all.
        help_text=lazy(
            lambda: (
                _("What would you like to change or create, and why? At most %(limit)s characters.")
                % {"limit": DESCRIPTION_MAX_LENGTH}
            ),
            str,
        )(),
        error_messages=_required(gettext_lazy("Describe your idea.")),
    )
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    location = forms.CharField(
        label=gettext_lazy("Place (optional)"),
        max_length=LOCATION_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy("A street, a park or an address, if your idea is about a place."),
    )
    name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    show_name = forms.BooleanField(
        label=gettext_lazy("Show my name with my idea if it is published"),
        required=False,
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Only to confirm that we received your idea and to ask you "
            "about it. Never shown publicly."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": gettext_lazy(
                "Enter an e-mail address like name@example.com, or leave the field empty."
            )
        },
    )
    attachment = forms.FileField(
        label=gettext_lazy("A photo or a PDF (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT}),
    )

    def __init__(self, *args, themes=(), **kwargs):
        self.themes = {str(theme.pk): theme for theme in themes}
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Other or not sure"))] + [
            (pk, theme.title) for pk, theme in self.themes.items()
        ]
        from . import conf

        self.fields["attachment"].help_text = _(
            "A JPEG, PNG or WebP photo, or a PDF, of at most %(limit)s. Photos are stored "
            "without their location and camera data."
        ) % {"limit": _size(conf.get("ENGAGEMENT_ATTACHMENT_MAX_BYTES"))}
        self.describe_fields()

    def clean_theme(self):
        return self.themes.get(self.cleaned_data.get("theme") or "")

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if not uploaded:
            return None
        return attachments.check_attachment(uploaded)

    @property
    def attachment_lost(self) -> bool:
        """A file was chosen but the form must be sent again: browsers do not keep files."""
        return self.is_bound and bool(self.files.get("attachment")) and bool(self.errors)


def _size(value):
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(value)


class EditorFormBase(GuardedFormMixin, BaseForm):
    """The base of every editor-built form: the editor's fields, then the consent checkbox."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != "consent"] + ["consent"])


class EditorFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("EditorForm", (EditorFormBase,), self.formfields)


def editor_form_class(fields):
    return EditorFormBuilder(fields).get_form_class()
