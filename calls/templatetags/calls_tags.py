"""Template helpers of the calls plugin: money, per cents, countdowns, structured data."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..formatting import format_money, format_number, format_percent

register = template.Library()

# Characters that must not appear literally inside a <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def money(amount):
    return format_money(amount)


@register.filter
def percent(value):
    return format_percent(value)


@register.filter
def number(value):
    return format_number(value)


@register.simple_tag
def countdown(call):
    """ "12 days left" / "5 hours left" for an open call, empty otherwise."""
    left = call.time_left
    if left is None:
        return ""
    days, hours = left
    if days:
        return ngettext("%(count)d day left", "%(count)d days left", days) % {"count": days}
    if hours:
        return ngettext("%(count)d hour left", "%(count)d hours left", hours) % {"count": hours}
    return _("Less than an hour left")


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD script element, safe to place in the page head."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    # Safe: json.dumps quotes every string and <, > and & are \u-escaped, so nothing in the
    # data can end the script element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  # nosec B308 B703 - escaped (above)
