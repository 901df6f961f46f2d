"""Currency conversion through EUR with dated exchange rates (ECB style: units of a currency per 1 EUR).

Conversion between any two currencies goes through EUR using, for each side, the latest rate on or before
the conversion date. The result names the rates and dates it used. A missing rate is a `MissingRateError`,
never a silent zero. Rounding follows `money.py`: the exact product is rounded once, at the end.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from planner.domain.enums import N_, RateSource
from planner.domain.messages import DomainError
from planner.domain.money import MAX_MINOR, Money, minor_exponent, round_minor

EUR = "EUR"
# Enough digits that conversion factors built from 6-8 digit ECB rates stay exact to far below one minor unit.
PRECISION = 60


@dataclass(frozen=True, slots=True)
class Rate:
    """`per_eur` units of `currency` bought 1 EUR on `on` (ECB reference rate convention)."""

    currency: str
    on: date
    per_eur: Decimal
    source: str = "ecb"

    def __post_init__(self) -> None:
        if Decimal(self.per_eur) <= 0:
            raise DomainError(
                N_("The exchange rate for {currency} on {date} must be greater than zero."),
                currency=self.currency, date=self.on,
            )


class MissingRateError(DomainError):
    """No rate for `currency` on or before `on`."""

    def __init__(self, currency: str, on: date) -> None:
        self.currency = currency
        self.on = on
        super().__init__(
            N_("No exchange rate for {currency} on or before {date}. Fetch or enter a rate for {currency}, "
               "then try again."),
            currency=currency, date=on,
        )


class AmountTooLargeError(DomainError):
    """A computed amount does not fit in storage (a signed 64-bit count of minor units)."""

    def __init__(self, where: str | tuple[str, ...]) -> None:
        self.where = where
        super().__init__(
            N_("The amount for {where} is larger than the largest amount the planner can store. "
               "Check the unit amount and the quantity."),
            where=where,
        )


def exact_to_money(exact: Decimal | int, currency: str, where: str | tuple[str, ...]) -> Money:
    """Round an exact count of minor units once (money.py's rule) into Money, or say it is too large."""
    exact = Decimal(exact)
    if abs(exact) > MAX_MINOR + 1:
        raise AmountTooLargeError(where)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        minor = round_minor(exact)
    if abs(minor) > MAX_MINOR:
        raise AmountTooLargeError(where)
    return Money(minor, currency)


@dataclass(frozen=True, slots=True)
class Conversion:
    """What a conversion produced and how: the rates (with their dates) it used and the exact factor."""

    source: Money
    result: Money
    on: date
    rates: tuple[Rate, ...]
    factor: Decimal  # result minor units per source minor unit, before rounding


class RateTable:
    """Dated rates for several currencies, looked up as 'latest on or before'.

    With `earliest_before_first`, a day before a currency's first rate uses that first rate instead of
    refusing (a budget dated before the stored history; the caller says how far the rate is from the day)."""

    def __init__(self, rates: Iterable[Rate] = (), *, earliest_before_first: bool = False) -> None:
        self.earliest_before_first = earliest_before_first
        self._by_currency: dict[str, list[Rate]] = {}
        for rate in rates:
            self._by_currency.setdefault(rate.currency.upper(), []).append(rate)
        for series in self._by_currency.values():
            series.sort(key=lambda r: r.on)
        self._dates = {cur: [r.on for r in series] for cur, series in self._by_currency.items()}

    def __eq__(self, other: object) -> bool:
        """The same rates, looked up the same way."""
        if not isinstance(other, RateTable):
            return NotImplemented
        return (self.earliest_before_first, self._by_currency) == (other.earliest_before_first, other._by_currency)

    __hash__ = None  # compared by value

    def currencies(self) -> set[str]:
        return set(self._by_currency) | {EUR}

    def latest(self, currency: str, on: date) -> Rate | None:
        """The rate in force on `on` (the last published on or before it); EUR is always 1."""
        currency = currency.upper()
        if currency == EUR:
            return None
        dates = self._dates.get(currency)
        if not dates:
            raise MissingRateError(currency, on)
        index = bisect.bisect_right(dates, on)
        if index == 0:
            if self.earliest_before_first:
                return self._by_currency[currency][0]
            raise MissingRateError(currency, on)
        return self._by_currency[currency][index - 1]

    def factor(self, source: str, target: str, on: date) -> tuple[Decimal, tuple[Rate, ...]]:
        """Target minor units per source minor unit on `on`, exact to PRECISION digits, and the rates used."""
        if source == target:
            return Decimal(1), ()
        used: list[Rate] = []
        with localcontext() as ctx:
            ctx.prec = PRECISION
            value = Decimal(1)
            rate_from = self.latest(source, on)
            if rate_from is not None:
                used.append(rate_from)
                value = value / Decimal(rate_from.per_eur)
            rate_to = self.latest(target, on)
            if rate_to is not None:
                used.append(rate_to)
                value = value * Decimal(rate_to.per_eur)
            value = value.scaleb(minor_exponent(target) - minor_exponent(source))
        return value, tuple(used)

    def convert(self, amount: Money, target: str, on: date) -> Conversion:
        """Convert `amount` into `target`, rounding once (half away from zero)."""
        factor, used = self.factor(amount.currency, target, on)
        with localcontext() as ctx:
            ctx.prec = PRECISION
            exact = Decimal(amount.minor) * factor
        return Conversion(amount, exact_to_money(exact, target, str(amount)), on, used, factor)


# Lower wins when two sources give a rate for the same day.
PRECEDENCE = {RateSource.MANUAL: 0, RateSource.ECB: 1, RateSource.SEED: 2}


def rate_source(value) -> RateSource:
    return value if isinstance(value, RateSource) else RateSource(value)


def effective_series(rows: Iterable) -> list[Rate]:
    """The rate series the budget uses, from the stored rates (anything with `currency`, `rate_date`, `rate`
    and `source`), per currency: fetched or seeded rates before its first manual rate, then manual rates only;
    on a day with several sources the manual, else the ECB's, else the seed's."""
    best: dict[tuple[str, date], object] = {}
    for row in rows:
        key = (row.currency, row.rate_date)
        current = best.get(key)
        if current is None or PRECEDENCE[rate_source(row.source)] < PRECEDENCE[rate_source(current.source)]:
            best[key] = row
    first_manual: dict[str, date] = {}
    for (currency, day), row in best.items():
        if rate_source(row.source) == RateSource.MANUAL:
            first_manual[currency] = min(day, first_manual.get(currency, day))
    out = []
    for (currency, day), row in sorted(best.items()):
        cut = first_manual.get(currency)
        if cut is not None and day >= cut and rate_source(row.source) != RateSource.MANUAL:
            continue
        out.append(Rate(currency, day, Decimal(row.rate), rate_source(row.source).value))
    return out
