"""How site search names the initiatives plugin's pages (they are searched as pages anyway)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import SearchPageType

CONTRIBUTION = SearchPageType(
    key="initiative",
    label=_("Initiative"),
    plural_label=_("Initiatives"),
    models=("initiatives.InitiativePage",),
)
