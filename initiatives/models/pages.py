"""The initiatives index (/iniciatyvos/, /en/initiatives/) and the initiative page."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from portal.models import IntroBodyPage, SectionPageMixin

from ..progress import InitiativeStatus, initiative_progress, latest_reported

MONEY = {"max_digits": 12, "decimal_places": 2}
# Sub-paths that the index serves itself, so no initiative may take them as its slug.
SUMMARY_SLUGS = {"lt": "suvestine", "en": "summary"}
INDEX_ROUTES = ("csv", *SUMMARY_SLUGS.values())


class InitiativeIndexPage(RoutablePageMixin, SectionPageMixin, IntroBodyPage):
    """Residents' initiatives funded by the VVG, how each progresses, and where the money went."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["initiatives.InitiativePage"]
    max_count_per_parent = 1
    template = "initiatives/initiative_index_page.html"

    class Meta:
        verbose_name = _("initiatives page")

    @path("")
    def index_route(self, request):
        from ..views import index_context

        return self.render(request, context_overrides=index_context(self, request))

    @path("markers/", name="markers")
    def markers_route(self, request):
        from ..views import markers_response

        return markers_response(self, request)

    @path("csv/", name="csv")
    def csv_route(self, request):
        from ..opendata import csv_response

        return csv_response(self, request)

    @re_path(r"^(?P<slug>suvestine|summary)/$", name="summary")
    def summary_route(self, request, slug):
        from ..views import summary_context

        return self.render(
            request,
            context_overrides=summary_context(self, request),
            template="initiatives/summary_page.html",
        )

    def get_sitemap_urls(self, request=None):
        """The list and its transparency summary (in this page's language)."""
        urls = super().get_sitemap_urls(request)
        slug = SUMMARY_SLUGS.get(self.locale.language_code, SUMMARY_SLUGS["en"])
        return [*urls, {**urls[0], "location": urls[0]["location"] + slug + "/"}]

    def summary_url(self, request=None) -> str:
        # The page is served in its own language, so the active language names its locale.
        slug = SUMMARY_SLUGS.get(translation.get_language(), SUMMARY_SLUGS["en"])
        return self.get_url(request) + slug + "/"


class BeneficiaryKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    RESIDENTS_GROUP = "residents_group", _("Residents' group")


class InitiativePage(IntroBodyPage):
    """
    One funded initiative: who carries it out, what it costs, where, and how far it has come.

    Its progress is never stored: `progress` comes from the latest progress update that gives
    a figure (initiatives/progress.py); its co-funding is the total less the grant.
    """

    # Read with the page when it is served (portal/routing.py): the page shows its call.
    serve_select_related = ("call",)

    beneficiary = models.CharField(
        _("beneficiary"),
        max_length=255,
        help_text=_("The organisation or residents' group that carries out the project."),
    )
    beneficiary_kind = models.CharField(
        _("beneficiary is"),
        max_length=20,
        choices=BeneficiaryKind.choices,
        default=BeneficiaryKind.ORGANISATION,
    )
    project_number = models.CharField(
        _("project number"), max_length=50, blank=True, help_text=_("As in the funding agreement.")
    )
    call = models.ForeignKey(
        "calls.CallPage",
        verbose_name=_("funded under the call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
        db_index=True,
    )
    total_value = models.DecimalField(_("total value, EUR"), **MONEY)
    grant = models.DecimalField(_("grant awarded, EUR"), **MONEY)
    starts_on = models.DateField(_("implementation starts"))
    ends_on = models.DateField(_("implementation ends"), help_text=_("Planned or actual."))
    address = models.CharField(_("address or place"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, _("Latitude is between -90 and 90.")),
            MaxValueValidator(90, _("Latitude is between -90 and 90.")),
        ],
        help_text=_("Optional, e.g. 54.015800; puts the initiative on the map."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-180, _("Longitude is between -180 and 180.")),
            MaxValueValidator(180, _("Longitude is between -180 and 180.")),
        ],
        help_text=_("Optional, e.g. 23.975400."),
    )

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []
    template = "initiatives/initiative_page.html"

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("beneficiary"), FieldPanel("beneficiary_kind")]),
        FieldPanel("intro", heading=_("Summary")),
        FieldRowPanel([FieldPanel("status"), FieldPanel("project_number")]),
        PageChooserPanel("call", "calls.CallPage"),
        InlinePanel("measure_links", heading=_("Strategy measures"), label=_("Measure")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("total_value"), FieldPanel("grant")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Funding and period"),
        ),
        FieldPanel("body", heading=_("Description")),
    ]
    progress_panels = [
        HelpPanel(
            _(
                "Add an update: the date is today's, write what happened, add photos if you "
                "have them and, if it changed, the progress in per cent. Then publish."
            )
        ),
        InlinePanel(
            "progress_updates", heading=_("Progress updates"), label=_("Update"), min_num=0
        ),
    ]
    place_panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    results_panels = [
        InlinePanel(
            "contributions",
            heading=_("Indicator contributions"),
            label=_("Contribution"),
            help_text=_("What the initiative adds to the strategy's indicators."),
        ),
    ]
    media_panels = [
        InlinePanel("gallery_images", heading=_("Photo gallery"), label=_("Photo")),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]
    ideas_panels = [
        HelpPanel(_("The residents' ideas this initiative grew out of (“You said, we did”).")),
        InlinePanel("idea_links", heading=_("Residents' ideas"), label=_("Idea")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Main")),
            ObjectList(progress_panels, heading=_("Progress")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(media_panels, heading=_("Photos and documents")),
            ObjectList(ideas_panels, heading=_("Ideas")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *IntroBodyPage.search_fields,
        index.SearchField("beneficiary", boost=2),
        index.SearchField("address"),
        index.FilterField("status"),
        index.FilterField("starts_on"),
    ]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    # Derived facts -------------------------------------------------------------------------

    @property
    def reported_progress(self) -> int | None:
        """The latest reported figure: from the listing's annotation, or from the updates."""
        if hasattr(self, "latest_progress"):
            return self.latest_progress
        return latest_reported(self.progress_updates.all())

    @property
    def progress(self) -> int | None:
        return initiative_progress(self.status, self.reported_progress)

    @property
    def co_funding(self) -> Decimal | None:
        """What the beneficiary and others add to the grant."""
        if self.total_value is None or self.grant is None:
            return None
        return self.total_value - self.grant

    @property
    def co_funding_rate(self) -> Decimal | None:
        """The share of the total value the grant covers, in per cent (EU co-financing rate)."""
        return grant_rate(self.grant, self.total_value)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def year(self) -> int | None:
        return self.starts_on.year if self.starts_on else None

    def timeline(self) -> list:
        """Progress updates, latest first."""
        return sorted(
            self.progress_updates.all(),
            key=lambda u: (u.date, u.sort_order or 0, u.pk or 0),
            reverse=True,
        )

    def get_context(self, request, *args, **kwargs):
        from ..detail import initiative_detail

        context = super().get_context(request, *args, **kwargs)
        detail = initiative_detail(self, request)
        self.latest_progress = detail["reported_progress"]
        context.update(detail)
        return context

    # Validation ----------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in INDEX_ROUTES:
            errors["slug"] = _(
                "“%(slug)s” is an address of the initiatives page; choose another."
            ) % {"slug": self.slug}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The implementation cannot end before it starts.")
        if self.grant is not None and self.total_value is not None:
            if self.grant > self.total_value:
                errors["grant"] = _("The grant cannot be larger than the total value.")
            if self.total_value <= 0:
                errors["total_value"] = _("The total value must be more than zero.")
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Give both latitude and longitude, or neither.")
        if self.call_id and self.locale_id and self.call.locale_id != self.locale_id:
            errors["call"] = _("Choose the call in the same language as the initiative.")
        if errors:
            raise ValidationError(errors)


def grant_rate(grant, total) -> Decimal | None:
    """The grant as a per cent of the total, to two decimal places."""
    if grant is None or not total:
        return None
    return (Decimal(grant) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)
