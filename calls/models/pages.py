"""The calls index (/kvietimai/, /en/calls/) and the call page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import RICH_TEXT_FEATURES
from portal.cache import remember
from portal.models import IntroBodyPage, SectionPageMixin

from ..blocks import ContactBlock, CriterionBlock, ProjectResultBlock, QuestionBlock
from ..status import CallStatus, call_status, seconds_fresh, time_left

# Sub-paths that the index serves itself, so no call may take them as its slug.
INDEX_ROUTES = ("rss", "ics")

MONEY = {"max_digits": 12, "decimal_places": 2}


def fresh_until_next_change(response, calls):
    """Let caches keep a page that shows statuses only until one of them changes."""
    patch_cache_control(response, max_age=seconds_fresh(calls))
    return response


class CallIndexPage(RoutablePageMixin, SectionPageMixin, IntroBodyPage):
    """Funding calls for residents' and local organisations' initiatives, with their feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["calls.CallPage"]
    max_count_per_parent = 1
    template = "calls/call_index_page.html"

    class Meta:
        verbose_name = _("funding calls page")

    @path("")
    def index_route(self, request):
        from ..listing import CallFilters, paginate_calls

        filters = CallFilters.from_query(request.GET)
        listing = filters.apply(self.locale_id)
        response = self.render(
            request,
            context_overrides={
                "filters": filters,
                "listing": listing,
                "calls_page": paginate_calls(listing, request.GET.get("page")),
                "status_choices": CallStatus.choices,
            },
        )
        return fresh_until_next_change(response, listing.all_rows)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import CallsRssFeed

        feed = CallsRssFeed(self)
        return fresh_until_next_change(feed(request), feed.listed_calls)

    @path("ics/", name="ics")
    def ics_feed(self, request):
        from ..feeds import index_calendar_response

        return index_calendar_response(self, request)


class SelectionMethod(models.TextChoices):
    COMPETITION = "competition", _("Competition")
    CONTINUOUS = "continuous", _("Continuous selection")


class SupportForm(models.TextChoices):
    GRANT = "grant", _("Grant")
    SUBSIDY = "subsidy", _("Subsidy")


class CallPage(RoutablePageMixin, IntroBodyPage):
    """
    One funding call, from its announcement to the list of funded projects.

    Its status is never stored: `status_at()` derives it from the dates and the publication
    of the results (see calls/status.py).
    """

    call_number = models.CharField(
        _("call number"), max_length=50, help_text=_("As in the call conditions, e.g. 2026-01.")
    )
    opens_at = models.DateTimeField(
        _("applications accepted from"), help_text=_("Date and time in Vilnius.")
    )
    closes_at = models.DateTimeField(
        _("applications accepted until"), help_text=_("Date and time in Vilnius.")
    )
    selection_method = models.CharField(
        _("selection method"),
        max_length=20,
        choices=SelectionMethod.choices,
        default=SelectionMethod.COMPETITION,
    )
    support_form = models.CharField(
        _("form of support"), max_length=20, choices=SupportForm.choices, default=SupportForm.GRANT
    )

    budget = models.DecimalField(_("call budget, EUR"), **MONEY)
    max_grant = models.DecimalField(_("maximum grant per project, EUR"), **MONEY)
    min_grant = models.DecimalField(
        _("minimum grant per project, EUR"), null=True, blank=True, **MONEY
    )
    co_funding_rate = models.DecimalField(
        _("co-funding rate, %"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(0, _("The co-funding rate must be between 0 and 100 per cent.")),
            MaxValueValidator(100, _("The co-funding rate must be between 0 and 100 per cent.")),
        ],
        help_text=_("The share of eligible costs that the call funds."),
    )
    own_contribution = models.CharField(
        _("required own contribution"),
        max_length=255,
        blank=True,
        help_text=_("e.g. at least 5 per cent of eligible costs; may be in kind (voluntary work)."),
    )
    eligible_applicants = RichTextField(
        _("eligible applicants"), features=RICH_TEXT_FEATURES, blank=True
    )
    eligible_partners = RichTextField(
        _("eligible partners"), features=RICH_TEXT_FEATURES, blank=True
    )
    eligible_activities = RichTextField(
        _("eligible activities"), features=RICH_TEXT_FEATURES, blank=True
    )
    target_groups = RichTextField(_("target groups"), features=RICH_TEXT_FEATURES, blank=True)
    requirements = RichTextField(_("requirements"), features=RICH_TEXT_FEATURES, blank=True)

    contacts = StreamField(
        [("contact", ContactBlock())], verbose_name=_("consultations"), blank=True
    )
    questions = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("questions and answers"),
        blank=True,
        help_text=_("Add questions and answers as they come in during the call."),
    )

    proposals_received = models.PositiveIntegerField(_("proposals received"), null=True, blank=True)
    amount_requested = models.DecimalField(
        _("total amount requested, EUR"), null=True, blank=True, **MONEY
    )
    criteria = StreamField(
        [("criterion", CriterionBlock())], verbose_name=_("evaluation criteria"), blank=True
    )
    funded_projects = StreamField(
        [("project", ProjectResultBlock())],
        verbose_name=_("projects proposed for funding"),
        blank=True,
        help_text=_("In ranking order."),
    )
    reserve_projects = StreamField(
        [("project", ProjectResultBlock())],
        verbose_name=_("reserve list"),
        blank=True,
        help_text=_("In ranking order."),
    )
    results_published_at = models.DateTimeField(
        _("results published at"),
        null=True,
        blank=True,
        help_text=_(
            "The results and the lists of projects appear on the site from this moment. "
            "Leave empty until they are approved."
        ),
    )
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("funding decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["calls.CallIndexPage"]
    subpage_types = []
    template = "calls/call_page.html"

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("call_number"), FieldPanel("selection_method")]),
        FieldPanel("intro", heading=_("Summary")),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        InlinePanel("measure_links", heading=_("Strategy measures"), label=_("Measure")),
        FieldPanel("body", heading=_("Description")),
    ]
    conditions_panels = [
        MultiFieldPanel(
            [
                FieldPanel("budget"),
                FieldRowPanel([FieldPanel("max_grant"), FieldPanel("min_grant")]),
                FieldRowPanel([FieldPanel("co_funding_rate"), FieldPanel("support_form")]),
                FieldPanel("own_contribution"),
            ],
            heading=_("Funding"),
        ),
        FieldPanel("eligible_applicants"),
        FieldPanel("eligible_partners"),
        FieldPanel("eligible_activities"),
        FieldPanel("target_groups"),
        FieldPanel("requirements"),
    ]
    documents_panels = [
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
    questions_panels = [
        FieldPanel("contacts"),
        InlinePanel("events", heading=_("Information events"), label=_("Event")),
        FieldPanel("questions"),
    ]
    results_panels = [
        HelpPanel(
            _(
                "Fill these in after the deadline. The lists of projects are shown once the "
                "results are published; the moment of publication cannot be before the deadline."
            )
        ),
        FieldRowPanel([FieldPanel("proposals_received"), FieldPanel("amount_requested")]),
        FieldPanel("criteria"),
        FieldPanel("funded_projects"),
        FieldPanel("reserve_projects"),
        FieldRowPanel([FieldPanel("results_published_at"), FieldPanel("decision_document")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Main")),
            ObjectList(conditions_panels, heading=_("Conditions")),
            ObjectList(documents_panels, heading=_("Documents")),
            ObjectList(questions_panels, heading=_("Q&A")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *IntroBodyPage.search_fields,
        index.SearchField("call_number", boost=3),
        index.SearchField("eligible_applicants"),
        index.SearchField("eligible_activities"),
        index.SearchField("target_groups"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    # Status ----------------------------------------------------------------------------

    def status_at(self, moment=None) -> CallStatus:
        return call_status(self.opens_at, self.closes_at, self.results_published_at, moment)

    @property
    def status(self) -> CallStatus:
        """The status now, computed once per object (a listing sets it for its moment)."""
        if not hasattr(self, "_status"):
            self._status = self.status_at()
        return self._status

    @status.setter
    def status(self, value: CallStatus) -> None:
        self._status = value

    @property
    def measure_codes(self) -> list[str]:
        """The codes of the measures the call carries out, in order (a listing sets them)."""
        if not hasattr(self, "_measure_codes"):
            self._measure_codes = [link.measure.code for link in self.measure_links.all()]
        return self._measure_codes

    @measure_codes.setter
    def measure_codes(self, value) -> None:
        self._measure_codes = list(value)

    @property
    def time_left(self):
        return time_left(self.closes_at) if self.status.is_open else None

    @property
    def results_are_public(self) -> bool:
        return self.status == CallStatus.RESULTS_PUBLISHED

    @property
    def own_contribution_rate(self):
        if self.co_funding_rate is None:
            return None
        return 100 - self.co_funding_rate

    @property
    def listing_summary(self):
        return self.search_description or self.intro

    # Validation ------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in INDEX_ROUTES:
            errors["slug"] = _("“%(slug)s” is the address of the calls feed; choose another.") % {
                "slug": self.slug
            }
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if self.budget is not None and self.max_grant is not None and self.max_grant > self.budget:
            errors["max_grant"] = _("The maximum grant cannot be larger than the call budget.")
        if (
            self.min_grant is not None
            and self.max_grant is not None
            and self.min_grant > self.max_grant
        ):
            errors["min_grant"] = _("The minimum grant cannot be larger than the maximum grant.")
        if (
            self.results_published_at
            and self.closes_at
            and self.results_published_at < self.closes_at
        ):
            errors["results_published_at"] = _(
                "Results cannot be published before the call closes (%(deadline)s)."
            ) % {"deadline": timezone.localtime(self.closes_at).strftime("%Y-%m-%d %H:%M")}
        if errors:
            raise ValidationError(errors)

    # Serving ---------------------------------------------------------------------------

    @path("")
    def index_route(self, request):
        response = self.render(request, context_overrides=self.detail_context(request))
        return fresh_until_next_change(response, [self])

    @path("ics/", name="ics")
    def ics_file(self, request):
        from ..feeds import call_calendar_response

        if not self.live and not getattr(request, "is_preview", False):
            raise Http404
        return call_calendar_response(self, request)

    def detail_context(self, request) -> dict:
        """What the page shows beyond its own fields: its related content, structured data."""
        from ..structured_data import call_structured_data

        related = self.related_content(request)
        return {
            **related,
            "structured_data": call_structured_data(
                self, request, measures=related["measures"], events=related["events"]
            ),
        }

    def related_content(self, request) -> dict:
        """
        The call's measures, documents, information events and funding decision.

        They change only when content is saved or published, which sets a new content version
        (portal/cache.py), so they are kept in the cache under it and are never stale. A
        preview shows the unsaved relations of a draft: it is never cached.
        """
        if getattr(request, "is_preview", False) or not self.pk:
            return self.fetch_related_content()
        return remember("calls:related", self.pk, build=self.fetch_related_content)

    def fetch_related_content(self) -> dict:
        """The call's related content, in one query per related list."""
        return {
            "measures": [link.measure for link in self.measure_links.select_related("measure")],
            "call_documents": list(self.documents.select_related("document")),
            "events": list(self.events.order_by("starts_at")),
            "decision": self.decision_document if self.decision_document_id else None,
        }
