from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.changes import FEED_KINDS, PAGE, SITE
from portal.models import Change
from portal.registry import change_types

KIND_LABELS = {
    **{str(kind): label for kind, label in Change.Kind.choices},
    "hidden": _("hidden (no longer public)"),
}


def type_choices():
    names = sorted({PAGE.name, SITE, *(t.name for t in change_types.values())})
    return [(name, name) for name in names]


class WebhookEndpointForm(WagtailAdminModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of change"),
        choices=[(str(kind), KIND_LABELS[str(kind)]) for kind in FEED_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only these kinds of change; none chosen: every kind."),
    )
    types = forms.MultipleChoiceField(
        label=_("Types of content"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only changes of these types; none chosen: every type."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].choices = type_choices()
