"""Stored exchange rates: the offline seed, fetching from a loopback ECB, failures that keep what is stored,
and manual rates that win."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from planner.domain.enums import RateSource
from planner.domain.fx import RateTable
from planner.domain.money import Money
from planner.services import rates
from planner.services.errors import ValidationError
from planner.store import models as m
from tests.integrations.loopback_server import Answer


def _rows(ws):
    with ws.session() as s:
        return s.exec(select(m.ExchangeRate)).all()


def test_first_use_seeds_an_empty_table_once(ws):
    assert rates.ensure_seeded(ws) == 60
    assert rates.ensure_seeded(ws) == 0
    shown = {r.currency: r for r in rates.rates_on(ws, date(2025, 1, 15))}
    assert shown["SEK"].per_eur == Decimal("11.4590") and shown["SEK"].rate_date == date(2024, 12, 31)
    assert shown["SEK"].source == "seed" and shown["SEK"].age_days == 15


def test_update_from_a_loopback_ecb_stores_rates_with_date_and_source(ws, loopback, fixture_bytes, monkeypatch):
    loopback.route("/ecb/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    monkeypatch.setenv("PLANNER_ECB_URL", loopback.url + "/ecb/")
    result = rates.update_rates(ws, history=False)  # `rates update --today-only`
    assert (result.fetched, result.stored, result.latest) == (6, 6, date(2025, 3, 7))
    again = rates.update_rates(ws, history=False)
    assert again.stored == 0  # nothing new: no duplicates
    ecb_rows = [r for r in _rows(ws) if r.source == RateSource.ECB]
    assert len(ecb_rows) == 6 and all(r.rate_date == date(2025, 3, 7) for r in ecb_rows)
    shown = {r.currency: r for r in rates.rates_on(ws, date(2025, 3, 10))}
    assert (shown["SEK"].per_eur, shown["SEK"].source) == (Decimal("10.9415"), "ecb")
    assert shown["CHF"].source == "seed"  # not in the fetched file: the seed still answers, with its date


def test_history_gives_a_rate_on_a_given_date(ws, loopback, fixture_bytes):
    loopback.route("/eurofxref-hist-90d.xml", Answer(body=fixture_bytes("ecb_hist_90d.xml")))
    loopback.route("/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    rates.update_rates(ws, history=True, base_url=loopback.url + "/")
    shown = {r.currency: r for r in rates.rates_on(ws, date(2025, 3, 6))}
    assert shown["USD"].per_eur == Decimal("1.0791")


@pytest.mark.parametrize(("answer", "kind"), [
    (Answer(503, body="down for maintenance"), "server"),
    (Answer(429, headers={"Retry-After": "60"}), "rate_limited"),
    (Answer(200, body="<html>not xml</html>"), "format"),
    (Answer(drop=True), "dropped"),
])
def test_failed_update_says_so_in_one_line_and_keeps_stored_rates(ws, loopback, answer, kind):
    rates.ensure_seeded(ws)
    before = len(_rows(ws))
    loopback.route("/eurofxref-daily.xml", answer)
    with pytest.raises(rates.RatesUpdateError) as caught:
        rates.update_rates(ws, base_url=loopback.url + "/")
    message = str(caught.value)
    assert caught.value.kind == kind
    assert "\n" not in message
    assert message.startswith("Exchange rates not updated:")
    assert "kept (latest from 2024-12-31)" in message
    assert len(_rows(ws)) == before


def test_unreachable_ecb_on_a_first_run_still_leaves_the_seed(ws):
    # the test environment points PLANNER_ECB_URL at a closed port
    with pytest.raises(rates.RatesUpdateError) as caught:
        rates.update_rates(ws)
    assert caught.value.kind == "network"
    assert rates.rates_on(ws, date(2025, 1, 1))


def test_manual_rate_wins_over_fetched_ones_from_its_date(ws, loopback, fixture_bytes):
    loopback.route("/eurofxref-hist-90d.xml", Answer(body=fixture_bytes("ecb_hist_90d.xml")))
    loopback.route("/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    rates.update_rates(ws, history=True, base_url=loopback.url + "/")
    rates.set_manual_rate(ws, "sek", "11,00", date(2025, 3, 6))
    shown = {r.currency: r for r in rates.rates_on(ws, date(2025, 3, 7))}
    assert (shown["SEK"].per_eur, shown["SEK"].source, shown["SEK"].rate_date) == (Decimal("11.00"), "manual",
                                                                                   date(2025, 3, 6))
    before = {r.currency: r for r in rates.rates_on(ws, date(2025, 3, 5))}
    assert before["SEK"].source == "ecb"  # before the manual rate's date the fetched rate stands
    rates.set_manual_rate(ws, "SEK", Decimal("11.10"), date(2025, 3, 6))  # corrected, not duplicated
    assert len([r for r in _rows(ws) if r.source == RateSource.MANUAL]) == 1
    table = rates.rate_table(ws)
    assert isinstance(table, RateTable)
    conversion = table.convert(Money(100_00, "EUR"), "SEK", date(2025, 3, 7))
    assert conversion.result == Money(1110_00, "SEK")


@pytest.mark.parametrize(("currency", "rate", "field"), [
    ("KRONOR", "11", "currency"), ("EUR", "1", "currency"), ("SEK", "0", "rate"), ("SEK", "-2", "rate"),
    ("SEK", "elva", "rate"), ("SEK", "NaN", "rate"),
])
def test_manual_rate_refuses_nonsense(ws, currency, rate, field):
    with pytest.raises(ValidationError) as caught:
        rates.set_manual_rate(ws, currency, rate, date(2025, 1, 1))
    assert field in caught.value.errors


def test_cross_rate_goes_through_the_euro(ws):
    value, used = rates.cross_rate(ws, "SEK", "NOK", date(2025, 1, 2))
    assert value == Decimal("11.7950") / Decimal("11.4590")
    assert [r.currency for r in used] == ["SEK", "NOK"]


def test_rates_keep_every_digit_on_sqlite_and_postgresql(any_ws, loopback, fixture_bytes):
    ws = any_ws
    loopback.route("/eurofxref-hist-90d.xml", Answer(body=fixture_bytes("ecb_hist_90d.xml")))
    loopback.route("/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    rates.update_rates(ws, history=True, base_url=loopback.url + "/")
    rates.set_manual_rate(ws, "NOK", "11.79051234", date(2025, 3, 6))
    shown = {r.currency: r for r in rates.rates_on(ws, date(2025, 3, 7))}
    assert shown["GBP"].per_eur == Decimal("0.83950") and str(shown["GBP"].per_eur) == "0.83950"
    assert shown["NOK"].per_eur == Decimal("11.79051234") and shown["NOK"].source == "manual"
    assert rates.update_rates(ws, history=True, base_url=loopback.url + "/").stored == 0
