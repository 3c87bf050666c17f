"""
Money and percentages as readers of each language expect them, through Babel (CLDR data):
Lithuanian "1 234,56 €" (non-breaking spaces), English "€1,234.56". Django's own Lithuanian
number format groups thousands with a full stop, which is not how Lithuanian is written.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as babel_percent
from django.utils import translation

CURRENCY = "EUR"
BABEL_LOCALES = {"lt": "lt_LT", "en": "en_IE"}  # en_IE: euro amounts as Irish English writes them


def babel_locale(language: str | None = None) -> str:
    language = language or translation.get_language() or "lt"
    return BABEL_LOCALES.get(language, "lt_LT")


def format_money(amount: Decimal | int | None, language: str | None = None) -> str:
    if amount is None:
        return ""
    return _money(Decimal(amount), babel_locale(language))


@lru_cache(maxsize=4096)
def _money(amount: Decimal, locale: str) -> str:
    # Babel takes about 0.1 ms an amount; listings show the same budgets again and again.
    return format_currency(amount, CURRENCY, locale=locale)


def format_percent(value: Decimal | int | None, language: str | None = None) -> str:
    """A rate stored in per cent (80.00 means 80 %)."""
    if value is None:
        return ""
    return babel_percent(
        Decimal(value) / 100, locale=babel_locale(language), decimal_quantization=False
    )


def format_number(value: Decimal | int | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return format_decimal(Decimal(value), format="#,##0.##", locale=babel_locale(language))
