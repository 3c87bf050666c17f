"""How site search names the calls plugin's pages (they are searched as pages anyway)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import SearchPageType

CONTRIBUTION = SearchPageType(
    key="call",
    label=_("Funding call"),
    plural_label=_("Funding calls"),
    models=("calls.CallPage",),
)
