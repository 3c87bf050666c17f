"""The strategy page and the legal documents page."""

from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal.cache import remember
from portal.models import IntroBodyPage, SectionPageMixin
from portal.registry import find_section_page

from .documents import GROUP_HEADINGS, LegalDocumentKind, legal_register
from .steps import attach_step_documents
from .structure import strategy_priorities


class StrategyPage(SectionPageMixin, IntroBodyPage):
    """The community-led local development strategy (VPS): how it was prepared, what it aims for."""

    steps_intro = models.TextField(
        _("introduction to the steps"),
        blank=True,
        max_length=1000,
        help_text=_("Shown above the steps taken while preparing the strategy."),
    )
    invitation_heading = models.CharField(_("heading"), max_length=200, blank=True)
    invitation_text = models.TextField(_("text"), max_length=600, blank=True)
    invitation_label = models.CharField(
        _("button label"),
        max_length=80,
        blank=True,
        help_text=_(
            "The button to the ideas page. The invitation is shown when this label is filled "
            "in and the ideas page exists."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("steps_intro"), InlinePanel("steps", label=_("Step"))],
            heading=_("Steps taken while creating the strategy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("invitation_heading"),
                FieldPanel("invitation_text"),
                FieldPanel("invitation_label"),
            ],
            heading=_("Invitation to share ideas"),
        ),
        HelpPanel(
            content=_(
                "The priorities, measures and indicators shown on this page are edited under "
                "Strategy in the admin menu, so that funding calls and initiatives can refer "
                "to them."
            ),
            heading=_("Priorities and measures"),
        ),
    ]
    search_fields = [
        *IntroBodyPage.search_fields,
        index.SearchField("steps_intro"),
        index.RelatedFields(
            "steps", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "strategy/strategy_page.html"

    class Meta:
        verbose_name = _("strategy page")

    def get_context(self, request, *args, **kwargs):
        from ..figures import key_figures

        context = super().get_context(request, *args, **kwargs)
        steps = self.preparation_steps(request)
        context["steps"] = steps
        context["key_figures"] = key_figures(steps)
        context["priorities"] = strategy_priorities(self.locale_id)
        context["ideas_page"] = (
            find_section_page("ideas", self.locale_id) if self.invitation_label else None
        )
        return context

    def preparation_steps(self, request) -> list:
        """The steps with their documents, kept under the content version; a preview shows
        the draft's own steps."""
        if getattr(request, "is_preview", False):
            return attach_step_documents(self.steps.all())
        return remember(
            "strategy:steps", self.pk, build=lambda: attach_step_documents(self.steps.all())
        )


class DocumentsPage(SectionPageMixin, IntroBodyPage):
    """The register of legal acts and documents that govern the VVG."""

    content_panels = [
        *IntroBodyPage.content_panels,
        HelpPanel(
            content=_(
                "The legal acts and documents listed on this page are edited under Strategy "
                "→ Legal documents in the admin menu."
            ),
            heading=_("Legal documents"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "strategy/documents_page.html"

    class Meta:
        verbose_name = _("legal documents page")

    @staticmethod
    def kind_from(request) -> str | None:
        kind = request.GET.get("kind", "") if request is not None else ""
        return kind if kind in LegalDocumentKind.values else None

    @staticmethod
    def year_from(request) -> int | None:
        """The year asked for, if it is one (an unknown filter shows everything, as a kind)."""
        year = request.GET.get("year", "") if request is not None else ""
        return int(year) if year.isdigit() and 1900 <= int(year) <= 2999 else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind, year = self.kind_from(request), self.year_from(request)
        register = legal_register(
            self.locale_id, kind, year, request.GET.get("page") if request else None
        )
        context["register"] = register
        context["selected_kind"] = kind
        context["selected_year"] = year
        context["kind_options"] = [
            {"value": value, "label": GROUP_HEADINGS[value], "count": register["counts"][value]}
            for value in LegalDocumentKind.values
        ]
        context["filter_query"] = urlencode(
            {name: value for name, value in (("kind", kind), ("year", year)) if value}
        )
        return context
