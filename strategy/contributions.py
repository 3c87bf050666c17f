"""
What an indicator has achieved so far: the figure editors record plus what other plugins add.

Funded initiatives (a later plugin that this one must not import) report results towards the
strategy's indicators. They plug in here from their AppConfig.ready():

    from strategy.contributions import Contribution, indicator_contributors

    def initiative_results(translation_keys):
        # one query over the initiatives' own data, whatever the number of indicators
        return {key: Contribution(amount=Decimal("12"), updated_on=date(...)), ...}

    indicator_contributors.register("initiatives", initiative_results)

A contributor receives the `translation_key`s of the indicators being shown (an indicator and
its translations share one key, so both languages show the same figure) and returns a mapping
from some of those keys to a `Contribution` or to a list of them. It must answer in a fixed
number of queries, and from content only (what a visitor can see, whose every change sets a new
content version): the strategy page keeps the indicators' progress under that version.

`attach_progress()` is the only place that adds those contributions to the recorded figure; the
strategy page, the home page and the API all read the result from `indicator.progress`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from portal.registry import Registry

# name -> callable(translation_keys: frozenset[UUID]) -> Mapping[UUID, Contribution | list]
indicator_contributors = Registry("Amounts that other plugins add to the strategy's indicators")


@dataclass(frozen=True)
class Contribution:
    amount: Decimal
    updated_on: date | None = None


@dataclass(frozen=True)
class IndicatorProgress:
    """An indicator's target against what is achieved so far, with missing values kept as None."""

    target: Decimal | None
    recorded: Decimal | None  # what editors entered on the indicator
    contributed: Decimal | None  # what other plugins add; None when nothing is reported
    updated_on: date | None

    @property
    def achieved(self) -> Decimal | None:
        if self.recorded is None and self.contributed is None:
            return None
        return (self.recorded or Decimal(0)) + (self.contributed or Decimal(0))

    @property
    def percent(self) -> int | None:
        """Share of the target achieved, rounded to a whole percent; may exceed 100."""
        if self.achieved is None or not self.target or self.target <= 0:
            return None
        share = self.achieved * 100 / self.target
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def bar_value(self) -> Decimal | None:
        """The achieved figure clamped to 0..target, for a <progress> element."""
        if self.percent is None:
            return None
        return max(Decimal(0), min(self.achieved, self.target))


def _as_list(value) -> list[Contribution]:
    if value is None:
        return []
    if isinstance(value, Contribution):
        return [value]
    return list(value)


def collect_contributions(translation_keys: Iterable) -> dict:
    """{translation_key: [Contribution, ...]} from every registered contributor."""
    keys = frozenset(translation_keys)
    collected: dict = {}
    if not keys:
        return collected
    for _name, contributor in indicator_contributors.items():
        for key, value in (contributor(keys) or {}).items():
            if key in keys:
                collected.setdefault(key, []).extend(_as_list(value))
    return collected


CENT = Decimal("0.01")  # indicators keep two decimal places


def progress_of(indicator, contributions: Sequence[Contribution] = ()) -> IndicatorProgress:
    contributed = sum((Decimal(c.amount) for c in contributions), Decimal(0))
    dates = [d for d in [indicator.updated_on, *(c.updated_on for c in contributions)] if d]
    return IndicatorProgress(
        target=indicator.target,
        recorded=indicator.achieved,
        contributed=contributed.quantize(CENT) if contributions else None,
        updated_on=max(dates) if dates else None,
    )


def attach_progress(indicators: Sequence) -> Sequence:
    """Give each indicator its `progress`, asking every contributor once for all of them."""
    contributions = collect_contributions(indicator.translation_key for indicator in indicators)
    for indicator in indicators:
        indicator.progress = progress_of(
            indicator, contributions.get(indicator.translation_key, ())
        )
    return indicators
