"""Template helpers of the initiatives plugin."""

from django import template
from django.utils.html import format_html

from portal.registry import find_section_page

register = template.Library()


@register.simple_tag(takes_context=True)
def measure_link(context, measure):
    """A measure's code and title, linked to it on the strategy page when there is one."""
    label = f"{measure.code} {measure.title}"
    strategy = find_section_page("strategy", measure.locale_id)  # cached
    if strategy is None:
        return label
    url = strategy.get_url(context.get("request"))
    return format_html('<a href="{}#{}">{}</a>', url, measure.anchor, label)
