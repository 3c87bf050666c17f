"""
What funded initiatives add to the strategy's indicators, fed to the strategy plugin through
its hook (strategy/contributions.py), never by writing into the strategy's tables.

An initiative and its translation each hold a copy of a contribution, sharing its
translation_key; it is counted once. Only public initiatives count. A contribution is dated by
the initiative's latest progress update.
"""

from __future__ import annotations

from strategy.contributions import Contribution

from .listing import latest_update_subquery, public_q
from .models import IndicatorContribution


def initiative_results(translation_keys) -> dict:
    """{indicator translation_key: [Contribution, ...]} in one query."""
    rows = (
        IndicatorContribution.objects.filter(
            public_q("page__"), indicator__translation_key__in=translation_keys
        )
        .annotate(updated_on=latest_update_subquery("page_id"))
        .order_by("translation_key", "locale_id")
        .values_list("translation_key", "indicator__translation_key", "amount", "updated_on")
    )
    seen = set()
    result: dict = {}
    for key, indicator_key, amount, updated_on in rows:
        if key in seen:
            continue
        seen.add(key)
        result.setdefault(indicator_key, []).append(Contribution(amount, updated_on))
    return result
