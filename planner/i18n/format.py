"""Numbers, money, dates and percentages formatted per locale with babel (`1 234 567,50 kr`, `7 mars 2025`)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel import numbers as _numbers
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime

from planner.domain.money import MAX_MINOR, Money, minor_exponent
from planner.i18n import get_locale

_BABEL_LOCALE = {"sv": "sv_SE", "en": "en_GB"}


def babel_locale(lang: str | None = None) -> str:
    return _BABEL_LOCALE.get(lang or get_locale(), "en_GB")


def format_money(amount: Money, lang: str | None = None, *, decimals: bool = True) -> str:
    """`1 234 567,50 kr` in Swedish, `SEK 1,234,567.50` in English; whole units when decimals=False.

    What babel's format_currency does, with the locale and the pattern looked up once per language (a large
    budget formats tens of thousands of amounts; parsing them again each time was most of the cost)."""
    locale, pattern, whole = _money_patterns(babel_locale(lang))
    value = amount.to_decimal()
    if decimals:
        return pattern.apply(value, locale, currency=amount.currency, currency_digits=True,
                             decimal_quantization=True, group_separator=True, numbering_system="latn")
    return whole.apply(value.quantize(Decimal(1), rounding=ROUND_HALF_UP), locale, currency=amount.currency,
                       currency_digits=False, decimal_quantization=True, group_separator=True,
                       numbering_system="latn")


@lru_cache(maxsize=8)
def _money_patterns(loc: str):
    """(babel Locale, its standard currency pattern, that pattern in whole units) for a babel locale name."""
    locale = Locale.parse(loc)
    pattern = locale.currency_formats["standard"]
    whole = _numbers.parse_pattern(re.sub(r"\.0+", "", pattern.pattern.split(";")[0]))
    return locale, pattern, whole


DASH = "–"


def money_or_dash(amount: Money | None, lang: str | None = None, *, decimals: bool = True, dash: str = DASH) -> str:
    """An amount in the current (or given) language, or `dash` where there is none: the one helper every table,
    screen and dossier cell uses. Cached per amount and language: a large budget repeats its amounts."""
    if amount is None:
        return dash
    return _formatted(amount.minor, amount.currency, lang or get_locale(), decimals)


@lru_cache(maxsize=65536)
def _formatted(minor: int, currency: str, lang: str, decimals: bool) -> str:
    # keyed by plain values: hashing them is cheaper than hashing the Money (a dataclass)
    return format_money(Money(minor, currency), lang, decimals=decimals)


def format_minor(minor: int, currency: str, lang: str | None = None, *, decimals: bool = True) -> str:
    return format_money(Money(minor, currency), lang, decimals=decimals)


def format_number(value: int | Decimal | float, lang: str | None = None, *, digits: int | None = None) -> str:
    loc = babel_locale(lang)
    if digits is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-digits))
        return _numbers.format_decimal(value, locale=loc, decimal_quantization=False)
    return _numbers.format_decimal(value, locale=loc)


def format_fixed(value: Decimal, digits: int, lang: str | None = None) -> str:
    """A number with exactly `digits` decimals, trailing zeros kept and no grouping (a rate as published: 11.4590)."""
    pattern = "0" + ("." + "0" * digits if digits > 0 else "")  # no grouping: a rate reads as one figure
    return _numbers.format_decimal(Decimal(value), format=pattern, locale=babel_locale(lang),
                                   decimal_quantization=False)


def format_percent(value: Decimal | float, lang: str | None = None, *, digits: int = 0) -> str:
    """`value` is a fraction (0.42 -> 42 %)."""
    loc = babel_locale(lang)
    pattern = Locale.parse(loc).percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0%", "0." + "0" * digits + "%").replace("0 %", "0." + "0" * digits + " %")
        pattern = pattern.replace("0\u00a0%", "0." + "0" * digits + "\u00a0%")
    return _numbers.format_percent(value, format=pattern, locale=loc)


def format_date(value: date, lang: str | None = None, *, style: str = "long") -> str:
    """`7 mars 2025` (sv, long), `7 March 2025` (en, long); `style='short'` gives ISO-like numeric dates."""
    loc = babel_locale(lang)
    if style == "iso":
        return value.isoformat()
    return _format_date(value, format=style, locale=loc)


def format_datetime(value: datetime, lang: str | None = None, *, style: str = "medium") -> str:
    return _format_datetime(value, format=style, locale=babel_locale(lang))


class AmountError(ValueError):
    """A typed amount that is not a number in the user's language."""


def parse_amount(text: str, currency: str, lang: str | None = None) -> Money:
    """Read an amount as a person types it (`12,50`, `1 234,5`, `12.50`) into exact minor units.

    Refuses anything that is not a plain number (`12,5O`) and more decimals than the currency has.
    """
    raw = (text or "").strip().replace("\u00a0", " ").replace("\u202f", " ")
    for suffix in (currency, currency.lower(), "kr", ":-", "€", "$"):
        if raw.endswith(suffix):
            raw = raw[: -len(suffix)].strip()
    if not raw:
        raise AmountError("empty")
    loc = babel_locale(lang)
    candidate = raw.replace(" ", "")
    try:
        value = _numbers.parse_decimal(candidate, locale=loc, strict=True)
    except _numbers.NumberFormatError:
        try:  # accept the other common decimal mark when it is unambiguous (12.50 in Swedish)
            if candidate.count(".") + candidate.count(",") == 1:
                value = Decimal(candidate.replace(",", "."))
            else:
                raise InvalidOperation
        except InvalidOperation:
            raise AmountError(text) from None
    if not value.is_finite():
        raise AmountError(text)
    exponent = minor_exponent(currency)
    try:  # 1e9999 has more digits than any quantize can hold: not an amount, not a crash
        if value != value.quantize(Decimal(1).scaleb(-exponent)):
            raise AmountError(text)
    except InvalidOperation:
        raise AmountError(text) from None
    minor = int(value.scaleb(exponent))
    if abs(minor) > MAX_MINOR:
        raise AmountError(text)
    return Money(minor, currency)
