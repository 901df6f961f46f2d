"""Revision 0011 gives venue availability and budget baselines a version: it goes down and up again on a real
SQLite file keeping every record, and the rows it finds start at version 1."""

from __future__ import annotations

import sqlite3

from alembic import command

from planner.services import workspace as wsvc
from planner.services.demo import load_demo
from planner.services.planning import freeze_baseline
from planner.store import migrations
from planner.store.db import open_database

TABLES = ("venue_availability", "budget_baseline")


def _columns(path, table):
    con = sqlite3.connect(path)
    try:
        return {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
    finally:
        con.close()


def _rows(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in TABLES}
    finally:
        con.close()


def test_revision_0011_goes_down_and_up_keeping_every_answer_and_baseline(tmp_path):
    path = tmp_path / "p.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    bid_id, _new = load_demo(ws)
    freeze_baseline(ws, bid_id, "Approved by the board")
    ws.close()
    at_head = _rows(path)
    assert all(at_head.values())  # the demo has availability answers and a baseline
    db = open_database(f"sqlite:///{path}")
    command.downgrade(migrations.alembic_config(db.engine), "0010")
    db.dispose()
    assert all("version" not in _columns(path, t) for t in TABLES)
    assert {t: len(rows) for t, rows in _rows(path).items()} == {t: len(rows) for t, rows in at_head.items()}
    db = open_database(f"sqlite:///{path}")  # opening upgrades it again
    try:
        assert migrations.current(db.engine) == migrations.head_revision()
    finally:
        db.dispose()
    assert _rows(path) == at_head  # the same rows, each at version 1 again
    con = sqlite3.connect(path)
    try:
        assert {con.execute(f'SELECT DISTINCT version FROM "{t}"').fetchone()[0] for t in TABLES} == {1}
    finally:
        con.close()
