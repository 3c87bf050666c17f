from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import LegalDocument, Measure, Priority


class PriorityViewSet(SnippetViewSet):
    model = Priority
    icon = "flag"
    menu_label = _("Priorities")
    list_display = ["code", "title"]
    list_filter = ["locale"]
    search_fields = ["title", "code"]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "list-ol"
    menu_label = _("Measures")
    list_display = ["code", "title", "priority"]
    list_filter = ["locale", "priority"]
    search_fields = ["title", "code"]


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Legal documents")
    list_display = ["title", "kind", "number", "adopted_on"]
    list_filter = ["locale", "kind"]
    search_fields = ["title", "number", "summary"]
    ordering = ["kind", "sort_order", "title"]


class StrategyViewSetGroup(SnippetViewSetGroup):
    items = (PriorityViewSet, MeasureViewSet, LegalDocumentViewSet)
    menu_icon = "site"
    menu_label = _("Strategy")
    menu_name = "strategy"
    add_to_admin_menu = True


register_snippet(StrategyViewSetGroup)
