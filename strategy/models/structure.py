"""
The strategy's structure: priorities (tikslai), measures (uždaviniai / veiksmai), indicators.

Priorities (tikslai), measures (uždaviniai / veiksmai) and indicators are translatable snippets
rather than rows inside the strategy page, because calls and initiatives link to measures:
a measure has a stable identity (its primary key within a language, its `code` and
`translation_key` across languages) that survives edits of the strategy page. Each measure
keeps its indicators in an orderable InlinePanel.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


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
    # The code is the same in every language: translators do not see it.
    override_translatable_fields = [SynchronizedField("code")]
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
    # Calls and initiatives find a measure by its code in each language.
    override_translatable_fields = [SynchronizedField("code")]
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

    @property
    def anchor(self) -> str:
        """The fragment that links to this measure on the strategy page, e.g. measure-1-2."""
        return "measure-" + re.sub(r"[^0-9A-Za-z_-]+", "-", self.code).strip("-")

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
        _("achieved so far"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "What has been achieved apart from funded initiatives. The site adds the amounts "
            "that funded initiatives report to this figure."
        ),
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


def locale_filter(locale, field: str = "locale") -> dict:
    """Filter by a Locale, its primary key or its language code ("lt"), without a lookup."""
    if isinstance(locale, str):
        return {f"{field}__language_code": locale}
    return {f"{field}_id": getattr(locale, "pk", locale)}


def _concrete_fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def strategy_measures(locale, **filters) -> list[Measure]:
    """
    The measures of one language, in the strategy's order, each with its `priority` and its
    `indicator_list`, each indicator with its `progress` (strategy.contributions): the one
    query path for the strategy page and the API.

    `filters` narrow the measures (`code="1.2"`, `priority__code="1"`). The measures, their
    priorities and their indicators come in one query (a LEFT JOIN to the indicators, so a
    measure without indicators is kept), plus whatever other plugins need to contribute to
    the indicators, whatever the number of priorities, measures and indicators. The strategy
    page shares the site-wide budget of 12 queries with everything else it shows.
    """
    from ..contributions import attach_progress

    measure_fields = _concrete_fields(Measure)
    priority_fields = _concrete_fields(Priority)
    indicator_fields = _concrete_fields(Indicator)
    rows = (
        Measure.objects.filter(**locale_filter(locale), **filters)
        .order_by(
            "priority__sort_order",
            "priority__code",
            "priority_id",
            "sort_order",
            "code",
            "id",
            "indicators__sort_order",
            "indicators__id",
        )
        .values_list(
            *measure_fields,
            *(f"priority__{name}" for name in priority_fields),
            *(f"indicators__{name}" for name in indicator_fields),
        )
    )
    db = rows.db
    m_end = len(measure_fields)
    p_end = m_end + len(priority_fields)
    measures: dict[int, Measure] = {}
    priorities: dict[int, Priority] = {}
    indicators: list[Indicator] = []
    for row in rows:
        measure = measures.get(row[0])
        if measure is None:
            measure = Measure.from_db(db, measure_fields, row[:m_end])
            priority_values = row[m_end:p_end]
            priority = priorities.get(priority_values[0])
            if priority is None:
                priority = Priority.from_db(db, priority_fields, priority_values)
                priorities[priority.pk] = priority
            measure.priority = priority
            measure.indicator_list = []
            measures[measure.pk] = measure
        indicator_values = row[p_end:]
        if indicator_values[0] is not None:
            indicator = Indicator.from_db(db, indicator_fields, indicator_values)
            indicator.measure = measure
            measure.indicator_list.append(indicator)
            indicators.append(indicator)
    attach_progress(indicators)
    return list(measures.values())


def strategy_priorities(locale) -> list[Priority]:
    """The priorities that have measures, in order, each with its `measure_list`.

    Kept under the content version (portal/cache.py): the measures, the indicators and what
    other plugins contribute to them change only with content (strategy.contributions).
    """
    from portal.cache import remember

    ((field, value),) = locale_filter(locale).items()
    return remember("strategy:priorities", field, value, build=lambda: _strategy_priorities(locale))


def _strategy_priorities(locale) -> list[Priority]:
    priorities: dict[int, Priority] = {}
    for measure in strategy_measures(locale):
        priority = priorities.setdefault(measure.priority_id, measure.priority)
        if not hasattr(priority, "measure_list"):
            priority.measure_list = []
        priority.measure_list.append(measure)
    return list(priorities.values())
