"""Fixtures for the interchange tests: a workspace on a real database, a bid in it, a loopback HTTP server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.services import workspace as wsvc
from tests.integrations.loopback_server import Loopback

FIXTURES = Path(__file__).resolve().parent.parent / "integrations" / "fixtures"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One freshly migrated SQLite file per session; each test works on its own copy (migrating is slow)."""
    from planner.store.db import open_database

    path = tmp_path_factory.mktemp("template") / "planner.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def ws(migrated_sqlite, tmp_path):
    from planner.store.db import open_database

    target = tmp_path / "planner.db"
    shutil.copyfile(migrated_sqlite, target)
    database = open_database(f"sqlite:///{target}")
    yield wsvc.Workspace(db=database, user="tester")
    database.dispose()


@pytest.fixture
def any_ws(db):
    """A workspace on SQLite and on PostgreSQL (when a server can be started)."""
    return wsvc.Workspace(db=db, user="tester")


def make_bid(ws) -> int:
    bid = wsvc.create_bid(
        ws, conference="Generator", edition="2012", host_city="Gävle", host_region="Gävleborg",
        bid_deadline=date(2011, 11, 30), decision_date=date(2012, 1, 20), event_start=date(2012, 5, 9),
        event_end=date(2012, 5, 11), attendance_low=200, attendance_expected=300, attendance_high=400,
        base_currency="SEK",
    )
    return bid.id


@pytest.fixture
def bid_id(ws) -> int:
    return make_bid(ws)


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture
def fixture_bytes():
    return lambda name: (FIXTURES / name).read_bytes()
