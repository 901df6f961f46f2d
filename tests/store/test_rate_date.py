"""A bid's budget converts at the rates of its own rate date (else its deadline), on a real SQLite file and a
real PostgreSQL server; revision 0009 adds the column in place and takes it away without losing a record."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from alembic import command

from planner.domain.enums import RateSource, Scenario
from planner.integrations.ecb import EcbRate
from planner.services import records
from planner.services import workspace as wsvc
from planner.services.demo import load_demo
from planner.services.planning import RATE_DISTANCE_DAYS, Planning, budget_rate_date
from planner.services.rates import _upsert
from planner.store import migrations
from planner.store import models as m
from planner.store.db import open_database

# SEK per euro as the ECB published them (eurofxref-hist.csv)
STORED = {date(2011, 9, 30): "9.2580", date(2011, 10, 3): "9.2298", date(2024, 12, 2): "11.5245"}


def _bid_with_a_euro_line(ws, **bid_fields):
    bid = records.add(ws, "bid", {"conference": "Generator", "host_city": "Gävle", "attendance_expected": 300,
                                  "bid_deadline": date(2011, 10, 4), **bid_fields})
    records.add(ws, "budget_line", {"bid_id": bid.id, "kind": "expense", "category": "venue", "label": "Keynote",
                                    "basis": "fixed", "unit_minor": 100_000, "currency": "EUR", "quantity": 1,
                                    "vat_rate_percent": 0})
    return bid


def _store_ecb(ws):
    with ws.session() as s:
        _upsert(s, [EcbRate(day, "SEK", Decimal(rate)) for day, rate in STORED.items()], RateSource.ECB)


def _expenses(ws, bid_id) -> tuple[int, date]:
    plan = Planning.load(ws, bid_id)
    (rate,) = plan.budget.rates_used
    return plan.budget[Scenario.EXPECTED].expenses.minor, rate.on


def test_the_budget_converts_at_the_bid_s_rate_date(db):
    ws = wsvc.Workspace(db=db, user="anna")
    _store_ecb(ws)
    bid = _bid_with_a_euro_line(ws)
    # no rate date: the deadline (4 October 2011) takes the rate of 3 October 2011
    assert _expenses(ws, bid.id) == (922_980, date(2011, 10, 3))
    assert Planning.load(ws, bid.id).rate_warning == ""
    saved = records.update(ws, "bid", bid.id, {"rate_date": date(2011, 10, 1)})
    assert saved.rate_date == date(2011, 10, 1)
    assert _expenses(ws, bid.id) == (925_800, date(2011, 9, 30))  # the Friday before
    records.update(ws, "bid", bid.id, {"rate_date": None})
    assert _expenses(ws, bid.id)[1] == date(2011, 10, 3)


def test_a_rate_far_from_the_rate_date_is_said_once(db):
    ws = wsvc.Workspace(db=db, user="anna")
    _store_ecb(ws)
    bid = _bid_with_a_euro_line(ws, rate_date=date(2011, 12, 30))
    plan = Planning.load(ws, bid.id)
    assert plan.on == date(2011, 12, 30) and plan.budget.rates_used[0].on == date(2011, 10, 3)
    assert (date(2011, 12, 30) - date(2011, 10, 3)).days > RATE_DISTANCE_DAYS
    warning = plan.rate_warning
    assert "30 December 2011" in warning and "3 October 2011" in warning and "88 days" in warning
    assert "rates update --since 2011" in warning


def test_a_day_before_the_stored_history_uses_the_earliest_rate_and_says_so(db):
    ws = wsvc.Workspace(db=db, user="anna")
    _store_ecb(ws)
    bid = _bid_with_a_euro_line(ws, rate_date=date(2005, 1, 3))
    plan = Planning.load(ws, bid.id)
    assert plan.budget.rates_used[0].on == date(2011, 9, 30)  # not a refusal, not the newest
    assert "3 January 2005" in plan.rate_warning


def test_the_default_rule():
    today = date(2026, 12, 1)
    bid = m.Bid(conference="C", host_city="X")
    assert budget_rate_date(bid, today) == today
    bid.decision_date = date(2012, 1, 20)
    assert budget_rate_date(bid, today) == date(2012, 1, 20)
    bid.bid_deadline = date(2011, 11, 30)
    assert budget_rate_date(bid, today) == date(2011, 11, 30)
    bid.rate_date = date(2011, 10, 3)
    assert budget_rate_date(bid, today) == date(2011, 10, 3)
    bid.rate_date = date(2030, 1, 1)  # no rates are published ahead: today's
    assert budget_rate_date(bid, today) == today


def test_revision_0009_goes_down_and_up_keeping_every_record(tmp_path):
    path = tmp_path / "p.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    load_demo(ws)
    with ws.db.engine.begin() as con:
        con.exec_driver_sql("UPDATE bid SET rate_date = '2011-10-03'")
    ws.close()

    def counts():
        con = sqlite3.connect(path)
        try:
            return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                    for t in ("bid", "venue", "room", "partner", "commitment", "budget_line", "task")}
        finally:
            con.close()

    before = counts()
    db = open_database(f"sqlite:///{path}")
    command.downgrade(migrations.alembic_config(db.engine), "0008")
    db.dispose()
    assert counts() == before
    con = sqlite3.connect(path)
    assert "rate_date" not in {row[1] for row in con.execute("PRAGMA table_info(bid)")}
    con.close()
    db = open_database(f"sqlite:///{path}")  # opening upgrades it again
    try:
        assert migrations.current(db.engine) == migrations.head_revision()
    finally:
        db.dispose()
    assert counts() == before
    con = sqlite3.connect(path)
    assert con.execute("SELECT rate_date FROM bid").fetchone()[0] is None
    con.close()
