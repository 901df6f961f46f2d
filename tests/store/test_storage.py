"""Storage on a real SQLite file and a real PostgreSQL server: money, constraints, cascades, migrations."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import SQLModel, select

from planner.domain.enums import Basis, BudgetCategory, CommitmentStatus, LineKind
from planner.store import migrations
from planner.store.db import (
    DatabaseError,
    DatabaseTooNew,
    NotAPlannerDatabase,
    open_database,
)
from planner.store.models import Bid, BudgetLine, Commitment, Partner, Task, TaskDependency, Venue


def _bid(**kw) -> Bid:
    values = dict(conference="Generator", edition="2012", host_city="Gävle", base_currency="SEK",
                  attendance_low=150, attendance_expected=300, attendance_high=450)
    values.update(kw)
    return Bid(**values)


def test_money_round_trips_exactly(db):
    big = 12345678901234567  # 123 456 789 012 345,67 kr
    with db.session() as s:
        bid = _bid()
        s.add(bid)
        s.flush()
        s.add(BudgetLine(bid_id=bid.id, kind=LineKind.INCOME, category=BudgetCategory.SPONSORSHIP, label="Big",
                         unit_minor=big, currency="SEK"))
        s.add(BudgetLine(bid_id=bid.id, kind=LineKind.EXPENSE, category=BudgetCategory.TRAVEL, label="Small",
                         unit_minor=-1999, currency="EUR", basis=Basis.PER_SPEAKER))
    with db.session() as s:
        rows = {r.label: (r.unit_minor, r.currency) for r in s.exec(select(BudgetLine))}
    assert rows == {"Big": (big, "SEK"), "Small": (-1999, "EUR")}


def test_no_float_or_real_column_anywhere():
    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            assert not isinstance(column.type, sa.Float | sa.Numeric) or isinstance(column.type, sa.Integer), (
                f"{table.name}.{column.name} is {column.type}"
            )
            if column.name.endswith("_minor"):
                assert isinstance(column.type, sa.BigInteger), f"{table.name}.{column.name} must be BIGINT"


def test_database_checks_enumerations_and_ranges(db):
    with db.session() as s:
        bid = _bid()
        s.add(bid)
    for statement in (
        "UPDATE bid SET status = 'maybe'",
        "UPDATE bid SET attendance_low = -1",
        "UPDATE bid SET base_currency = 'kr'",
        "UPDATE bid SET attendance_expected = 1000",
    ):
        with pytest.raises(IntegrityError):
            with db.engine.begin() as conn:
                conn.exec_driver_sql(statement)
    with pytest.raises((StatementError, LookupError)):
        with db.session() as s:
            s.add(BudgetLine(bid_id=bid.id, kind="gift", category="venue", label="x", currency="SEK"))


def test_foreign_keys_enforced_and_bid_deletion_cascades(db):
    with db.session() as s:
        bid, other = _bid(), _bid(conference="Other")
        s.add_all([bid, other])
        s.flush()
        partner = Partner(bid_id=bid.id, name="Almi")
        s.add(partner)
        s.add(Venue(bid_id=bid.id, name="Gävle Konserthus"))
        s.add(Venue(bid_id=other.id, name="Elsewhere"))
        s.flush()
        s.add(Commitment(bid_id=bid.id, partner_id=partner.id, amount_minor=1_500_000, currency="SEK",
                         status=CommitmentStatus.PLEDGED))
    with pytest.raises(IntegrityError):
        with db.session() as s:
            s.add(Venue(bid_id=999_999, name="Orphan"))
    # a partner with commitments cannot simply be deleted
    with pytest.raises(IntegrityError):
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"DELETE FROM partner WHERE id = {partner.id}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM commitment WHERE bid_id = {bid.id}")
        conn.exec_driver_sql(f"DELETE FROM bid WHERE id = {bid.id}")
    with db.session() as s:
        assert [v.name for v in s.exec(select(Venue))] == ["Elsewhere"]
        assert s.exec(select(Partner)).all() == []


def test_task_dependency_on_itself_refused(db):
    with db.session() as s:
        bid = _bid()
        s.add(bid)
        s.flush()
        task = Task(bid_id=bid.id, title="Submit", due_date=date(2011, 11, 1))
        s.add(task)
    with pytest.raises(IntegrityError):
        with db.session() as s:
            s.add(TaskDependency(task_id=task.id, depends_on_id=task.id))


def test_sqlite_connection_settings(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_new_sqlite_file_is_private(tmp_path):
    path = tmp_path / "sub" / "new.db"
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    assert path.exists()
    assert (os.stat(path).st_mode & 0o777) == 0o600


def test_not_a_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    before = path.read_bytes()
    with pytest.raises(NotAPlannerDatabase, match="not a planner database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_corrupt_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "broken.db"
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(NotAPlannerDatabase):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(NotAPlannerDatabase, match="not a planner database"):
        open_database(f"sqlite:///{path}")


def test_database_newer_than_program_is_refused(any_db_url):
    db = open_database(any_db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.dispose()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_database(any_db_url)


def test_older_database_is_backed_up_then_upgraded(tmp_path, monkeypatch):
    """A database at an older revision is copied beside itself, then upgraded to head."""
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    db = open_database(url)
    with db.session() as s:
        s.add(_bid())
    db.dispose()
    # Pretend the program has gained a migration after the one this database carries.
    head = migrations.head_revision()
    monkeypatch.setattr(migrations, "head_revision", lambda: "0002_next")
    monkeypatch.setattr(migrations, "known_revisions", lambda: {head, "0002_next"})
    upgraded = []
    monkeypatch.setattr(migrations, "upgrade", lambda engine, revision="head": upgraded.append(revision))
    db = open_database(url)
    db.dispose()
    assert upgraded == ["head"]
    assert db.backup_path is not None and db.backup_path.exists()
    assert (os.stat(db.backup_path).st_mode & 0o777) == 0o600
    con = sqlite3.connect(db.backup_path)
    assert con.execute("SELECT conference FROM bid").fetchall() == [("Generator",)]
    con.close()


def test_first_migration_builds_what_the_models_describe(any_db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = open_database(any_db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    db.dispose()
    assert diff == []


def test_unreachable_postgresql_gives_a_clear_error():
    with pytest.raises(DatabaseError, match="Cannot open the database"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_the_revisions_read_from_the_scripts_are_alembics():
    # opening a database reads the revisions without Alembic; they must be the ones Alembic would run
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert migrations.head_revision() == scripts.get_current_head()
    assert migrations.known_revisions() == {rev.revision for rev in scripts.walk_revisions()}
