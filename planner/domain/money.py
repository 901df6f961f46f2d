"""Exact money: integer minor units with an ISO 4217 currency, and the rounding rule we use.

Rounding rule (written once, used everywhere): any computation that produces a fraction of a minor unit
rounds once, half away from zero (ROUND_HALF_UP on the magnitude), at the level of a single budget line or
conversion. Totals are sums of already-rounded amounts and are never rounded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor-unit exponents that are not 2; every other valid code has two decimals.
_EXPONENT_EXCEPTIONS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
}

# Largest magnitude a stored amount may have: a signed 64-bit integer column.
MAX_MINOR = 2**63 - 1

_CHECKED_CURRENCIES: set[str] = set()


def minor_exponent(currency: str) -> int:
    """How many decimals the currency's minor unit has (SEK 2, JPY 0, KWD 3)."""
    return _EXPONENT_EXCEPTIONS.get(currency.upper(), 2)


def round_minor(value: Decimal) -> int:
    """Round a fractional count of minor units to a whole one, half away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class MoneyError(ValueError):
    """An amount that cannot be represented or combined."""


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An exact amount: `minor` units (öre, cent) of `currency`."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        minor = self.minor
        if type(minor) is not int:  # noqa: E721 - bool and int subclasses are refused on purpose
            raise MoneyError("amount must be an integer number of minor units")
        if not -MAX_MINOR <= minor <= MAX_MINOR:
            raise MoneyError("amount is larger than the largest storable amount")
        if self.currency not in _CHECKED_CURRENCIES:  # checked once per code: Money is made millions of times
            currency = self.currency
            if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha() \
                    or not currency.isupper() or not currency.isascii():
                raise MoneyError(f"currency must be a three-letter ISO 4217 code, not {currency!r}")
            _CHECKED_CURRENCIES.add(currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_decimal(cls, amount: Decimal | str | int, currency: str) -> Money:
        """Build from a major-unit amount (12.50 SEK), rounding once per the rule above."""
        scaled = Decimal(amount) * (Decimal(10) ** minor_exponent(currency))
        return cls(round_minor(scaled), currency)

    def to_decimal(self) -> Decimal:
        """The amount in major units, exact."""
        return Decimal(self.minor).scaleb(-minor_exponent(self.currency))

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError("can only combine Money with Money")
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def scale(self, factor: Decimal | int) -> Money:
        """Multiply by a factor, rounding once."""
        return Money(round_minor(Decimal(self.minor) * Decimal(factor)), self.currency)

    def __str__(self) -> str:  # for logs and debugging; users see i18n.format_money
        return f"{self.to_decimal()} {self.currency}"


def money_sum(amounts, currency: str) -> Money:
    """Sum amounts of one currency; the empty sum is zero."""
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


class SharedMoney(dict):
    """Money of one currency by minor units, each amount made once and then shared (Money is immutable).

    A large budget's results hold several amounts per line, mostly zero or repeated; looking one up here is
    far cheaper than making a new Money: `money = SharedMoney("SEK"); money[1250]`.
    """

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def __missing__(self, minor: int) -> Money:
        money = self[minor] = Money(minor, self.currency)
        return money
