"""
The transparency summary: where the money went, by call, by strategy measure and by year, how
many initiatives are at each status, and what the strategy's indicators have achieved.

Every figure is an aggregate query over the public initiatives of one language, so the summary
costs the same whatever their number. Cancelled initiatives are counted under their status but
left out of the money granted, since their grants are not spent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from portal.cache import remember

from .listing import locale_id_of, public_initiatives
from .models import InitiativeMeasure
from .progress import InitiativeStatus

ZERO = Decimal("0.00")


@dataclass
class Row:
    label: str
    count: int
    grant: Decimal
    total_value: Decimal
    code: str = ""


@dataclass
class Summary:
    count: int
    grant: Decimal
    total_value: Decimal
    by_call: list[Row] = field(default_factory=list)
    by_measure: list[Row] = field(default_factory=list)
    by_year: list[Row] = field(default_factory=list)
    by_status: list[tuple[str, str, int]] = field(default_factory=list)
    measures: list = field(default_factory=list)  # the strategy's measures with indicators

    @property
    def co_funding(self) -> Decimal:
        return self.total_value - self.grant


def _money(value) -> Decimal:
    return (value or ZERO).quantize(Decimal("0.01"))


def funded(locale):
    """The initiatives whose grants count: public, not cancelled."""
    return public_initiatives(locale).exclude(status=InitiativeStatus.CANCELLED)


def money_summary(locale, *, with_indicators: bool = True) -> Summary:
    """The summary of a language, kept in the cache until any content changes."""
    return remember(
        "initiatives:summary",
        locale_id_of(locale),
        with_indicators,
        build=lambda: compute_summary(locale, with_indicators=with_indicators),
    )


def compute_summary(locale, *, with_indicators: bool = True) -> Summary:
    initiatives = funded(locale)
    # Counts and money by status in one query: the totals are the statuses' sums without
    # the cancelled initiatives.
    by_status = {
        row["status"]: row
        for row in public_initiatives(locale)
        .order_by()  # no default ordering in the GROUP BY
        .values("status")
        .annotate(n=Count("pk"), grant=Sum("grant"), total=Sum("total_value"))
    }
    counted = [row for status, row in by_status.items() if status != InitiativeStatus.CANCELLED]
    summary = Summary(
        count=sum(row["n"] for row in counted),
        grant=_money(sum((row["grant"] or ZERO for row in counted), ZERO)),
        total_value=_money(sum((row["total"] or ZERO for row in counted), ZERO)),
    )
    summary.by_status = [
        (value, label, by_status[value]["n"] if value in by_status else 0)
        for value, label in InitiativeStatus.choices
    ]
    for row in (
        initiatives.values("call_id", "call__title")
        .annotate(count=Count("pk"), grant=Sum("grant"), total=Sum("total_value"))
        .order_by("call__title")
    ):
        summary.by_call.append(
            Row(row["call__title"] or "", row["count"], _money(row["grant"]), _money(row["total"]))
        )
    # An initiative that serves several measures counts in full under each of them.
    from calls.listing import code_order

    measure_rows = (
        InitiativeMeasure.objects.filter(page__in=initiatives.values("pk"))
        .order_by()  # no default ordering in the GROUP BY
        .values("measure__code", "measure__title")
        .annotate(count=Count("page_id"), grant=Sum("page__grant"), total=Sum("page__total_value"))
    )
    by_measure = []
    for row in measure_rows:
        by_measure.append(
            Row(
                row["measure__title"],
                row["count"],
                _money(row["grant"]),
                _money(row["total"]),
                row["measure__code"],
            )
        )
    summary.by_measure = sorted(by_measure, key=lambda r: code_order(r.code))
    for row in (
        initiatives.annotate(year=ExtractYear("starts_on"))
        .values("year")
        .annotate(count=Count("pk"), grant=Sum("grant"), total=Sum("total_value"))
        .order_by("-year")
    ):
        summary.by_year.append(
            Row(str(row["year"]), row["count"], _money(row["grant"]), _money(row["total"]))
        )
    if with_indicators:
        from strategy.models.structure import strategy_measures

        summary.measures = [m for m in strategy_measures(locale) if m.indicator_list]
    return summary
