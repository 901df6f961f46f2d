"""Exchange rates: latest rate on or before a date, through EUR, rounded once, missing rate explicit."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.fx import AmountTooLargeError, MissingRateError, Rate, RateTable
from planner.domain.money import MAX_MINOR, Money

RATES = RateTable([
    Rate("SEK", date(2012, 1, 2), Decimal("8.9120")),
    Rate("SEK", date(2012, 1, 5), Decimal("8.8000")),
    Rate("USD", date(2012, 1, 2), Decimal("1.2939")),
    Rate("JPY", date(2012, 1, 2), Decimal("99.51")),
])


def test_eur_to_sek_uses_latest_rate_on_or_before_the_date():
    # 100.00 EUR x 8.8000 = 880.00 SEK, with the 5 January rate on 9 January
    result = RATES.convert(Money(10_000, "EUR"), "SEK", date(2012, 1, 9))
    assert result.result == Money(88_000, "SEK")
    assert [(r.currency, r.on) for r in result.rates] == [("SEK", date(2012, 1, 5))]
    # on 4 January the 2 January rate is the latest: 100 x 8.912 = 891.20 SEK
    assert RATES.convert(Money(10_000, "EUR"), "SEK", date(2012, 1, 4)).result == Money(89_120, "SEK")


def test_cross_rate_goes_through_eur_and_names_both_rates():
    # 1 000.00 USD -> EUR: 1000 / 1.2939 = 772.857...; -> SEK: x 8.912 = 6 887.70 SEK (6887.6992...)
    result = RATES.convert(Money(100_000, "USD"), "SEK", date(2012, 1, 3))
    assert result.result == Money(688_770, "SEK")
    assert {r.currency for r in result.rates} == {"USD", "SEK"}


def test_minor_unit_exponents_are_respected():
    # 10.00 EUR = 995.1 JPY -> JPY has no minor unit: 995
    assert RATES.convert(Money(1_000, "EUR"), "JPY", date(2012, 1, 2)).result == Money(995, "JPY")


def test_missing_rate_is_an_error_naming_currency_and_date():
    with pytest.raises(MissingRateError) as info:
        RATES.convert(Money(100, "GBP"), "SEK", date(2012, 1, 3))
    assert info.value.currency == "GBP"
    assert info.value.message.params["date"] == date(2012, 1, 3)
    with pytest.raises(MissingRateError):  # before the first SEK rate
        RATES.convert(Money(100, "EUR"), "SEK", date(2011, 12, 31))


def test_same_currency_needs_no_rate():
    result = RateTable().convert(Money(123, "SEK"), "SEK", date(2012, 1, 1))
    assert result.result == Money(123, "SEK") and result.rates == ()


def test_too_large_result_is_explicit():
    with pytest.raises(AmountTooLargeError):
        RATES.convert(Money(MAX_MINOR, "EUR"), "SEK", date(2012, 1, 9))


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_convert_and_back_stays_within_rounding(minor):
    on = date(2012, 1, 9)
    there = RATES.convert(Money(minor, "SEK"), "USD", on).result
    back = RATES.convert(there, "SEK", on).result
    # one USD cent is 8.8/1.2939 = 6.8 öre: the round trip can be off by half a cent in SEK plus half an öre
    assert abs(back.minor - minor) <= 4
