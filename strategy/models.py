"""
The strategy plugin's models.

Priorities (tikslai), measures (uždaviniai / veiksmai) and indicators are translatable snippets
rather than rows inside the strategy page, because calls and initiatives link to measures:
a measure has a stable identity (its primary key within a language, its `code` and
`translation_key` across languages) that survives edits of the strategy page. Each measure
keeps its indicators in an orderable InlinePanel.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from portal.models import IntroBodyPage, SectionPageMixin


class Priority(TranslatableMixin, index.Indexed, models.Model):
    """A strategic priority (tikslas) of the local development strategy."""

    code = models.CharField(
        _("code"), max_length=20, help_text=_("As in the strategy document, e.g. 1.")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="unique_priority_code")
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Measure(TranslatableMixin, index.Indexed, ClusterableModel):
    """A measure (uždavinys / veiksmas) that calls fund and initiatives carry out."""

    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="measures"
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_(
            "A stable identifier as in the strategy document, e.g. 1.2. "
            "Calls and initiatives refer to the measure by it."
        ),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("priority"),
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("indicators", label=_("Indicators")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.SearchField("code"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["priority__sort_order", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="unique_measure_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        super().clean()
        if self.priority_id and self.locale_id and self.priority.locale_id != self.locale_id:
            raise ValidationError(
                {"priority": _("Choose a priority in the same language as the measure.")}
            )


class Indicator(TranslatableMixin, Orderable):
    """A measurable result of a measure: how much is planned and how much is achieved."""

    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. people, events, %"))
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    achieved = models.DecimalField(
        _("achieved so far"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    updated_on = models.DateField(_("date of the last update"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("baseline"),
        FieldPanel("target"),
        FieldPanel("achieved"),
        FieldPanel("updated_on"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class StrategyPage(SectionPageMixin, IntroBodyPage):
    """The community-led local development strategy (VPS): how it was prepared, what it aims for."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("strategy page")


class DocumentsPage(SectionPageMixin, IntroBodyPage):
    """The register of legal acts and documents that govern the VVG."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("legal documents page")
