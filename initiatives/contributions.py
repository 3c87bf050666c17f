"""
What funded initiatives add to the strategy's indicators, fed to the strategy plugin through
its hook (strategy/contributions.py), never by writing into the strategy's tables.

An initiative and its translation each hold a copy of a contribution, sharing its
translation_key; it is counted once, in the copy of the first language that has it public.
Only public initiatives count. A contribution is dated by the initiative's latest progress
update.

With thousands of initiatives the sums and dates are aggregated in SQL, one row per indicator,
and kept in the cache under the content version (any publication changes it), so the strategy
page, the home page and the API do not add them up again on every request.
"""

from __future__ import annotations

from django.db.models import Exists, Max, OuterRef, Sum

from portal.cache import remember
from strategy.contributions import Contribution

from .listing import latest_update_subquery, public_q
from .models import IndicatorContribution


def initiative_results(translation_keys) -> dict:
    """{indicator translation_key: [Contribution]} in one query, or none once cached."""
    keys = ",".join(sorted(str(key) for key in translation_keys))
    return remember(
        "initiatives:indicator-results",
        keys,
        build=lambda: compute_initiative_results(translation_keys),
    )


def compute_initiative_results(translation_keys) -> dict:
    """
    The public contributions to these indicators, summed per indicator and dated by the latest
    update of the initiatives that made them. Each contribution is one row in the sum: the copy
    of the lowest locale id among its public copies that count (no such copy comes before it).
    """
    counted = IndicatorContribution.objects.filter(
        public_q("page__"), indicator__translation_key__in=translation_keys
    )
    earlier_copy = counted.filter(
        translation_key=OuterRef("translation_key"), locale_id__lt=OuterRef("locale_id")
    )
    rows = (
        counted.filter(~Exists(earlier_copy))
        .annotate(page_updated_on=latest_update_subquery("page_id"))
        .order_by()  # no default ordering in the GROUP BY
        .values("indicator__translation_key")
        .annotate(amount=Sum("amount"), updated_on=Max("page_updated_on"))
        .values_list("indicator__translation_key", "amount", "updated_on")
    )
    return {key: [Contribution(amount, updated_on)] for key, amount, updated_on in rows}
