"""Money: exact minor units, the written rounding rule, and refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.money import MAX_MINOR, Money, MoneyError, minor_exponent, money_sum, round_minor


@pytest.mark.parametrize("value, expected", [
    ("0.5", 1), ("1.5", 2), ("2.5", 3), ("-0.5", -1), ("-2.5", -3), ("0.49", 0), ("-0.49", 0),
])
def test_rounding_is_half_away_from_zero(value, expected):
    assert round_minor(Decimal(value)) == expected


def test_from_and_to_decimal_per_currency_exponent():
    assert Money.from_decimal("123456789012345.67", "SEK") == Money(12345678901234567, "SEK")
    assert Money.from_decimal("-19.99", "EUR").minor == -1999
    assert Money.from_decimal("1000", "JPY").minor == 1000 and minor_exponent("JPY") == 0
    assert Money.from_decimal("1.2345", "KWD").minor == 1235  # three decimals, the fourth rounds once
    assert Money(12345678901234567, "SEK").to_decimal() == Decimal("123456789012345.67")


@pytest.mark.parametrize("minor, currency", [
    (True, "SEK"), (1.5, "SEK"), (Decimal(1), "SEK"), (MAX_MINOR + 1, "SEK"), (-MAX_MINOR - 1, "SEK"),
    (1, "sek"), (1, "SE"), (1, "SEKK"), (1, "ÅÄÖ"), (1, None),
])
def test_refuses_what_is_not_exact_money(minor, currency):
    with pytest.raises(MoneyError):
        Money(minor, currency)


def test_currencies_never_mix():
    with pytest.raises(MoneyError):
        Money(1, "SEK") + Money(1, "EUR")
    assert money_sum([], "SEK") == Money(0, "SEK")


@given(st.lists(st.integers(min_value=-10**12, max_value=10**12), max_size=50))
def test_sum_is_exact(parts):
    assert money_sum((Money(p, "SEK") for p in parts), "SEK").minor == sum(parts)


@given(st.integers(min_value=-10**15, max_value=10**15), st.decimals(min_value=0, max_value=1000, places=4))
def test_scale_rounds_once(minor, factor):
    assert Money(minor, "SEK").scale(factor).minor == round_minor(Decimal(minor) * factor)
