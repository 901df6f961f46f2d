"""Crafted databases are refused before they are trusted, by open and by restore, and their bytes stay as they were.

Each crafted file starts as a real planner database (a bid with a budget line), is changed with sqlite3 the
way an attacker or a half-finished tool would, and is put back in rollback-journal mode, so that a program
switching it to WAL (as opening a foreign file, or --read-only, once did) would show in its bytes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planner.services import team
from planner.store.db import DatabaseTooNew, NotAPlannerDatabase, open_database
from planner.store.schema_check import expected_objects, inventory, read_file
from tests.reliability.test_team import bids_in, run


def planner_file(path: Path) -> Path:
    """A real planner database with one bid and one budget line, in rollback-journal mode."""
    from planner.services import workspace as wsvc
    from planner.store import models as m

    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    try:
        bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
        wsvc.add_record(ws, m.BudgetLine(bid_id=bid.id, kind="expense", category="venue", label="Hall",
                                         unit_minor=1_500_000, currency="SEK"))
    finally:
        ws.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    return path


def craft(path: Path, *statements: str) -> Path:
    planner_file(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    return path


INFLATE = """CREATE TRIGGER inflate AFTER INSERT ON budget_line BEGIN
    UPDATE budget_line SET unit_minor = unit_minor * 10;
    DELETE FROM audit_entry WHERE entity = 'budget_line';
END"""

CRAFTED = {
    "trigger": ((INFLATE,), "a trigger inflate on budget_line"),
    "view in place of a table": (
        ("DROP TABLE accommodation_block",
         "CREATE VIEW accommodation_block AS SELECT id, bid_id, label AS hotel FROM budget_line"),
        "a view accommodation_block"),
    "missing table": (("DROP TABLE task_dependency",), "the table task_dependency is missing"),
    "unknown table": (("CREATE TABLE exfiltrate (data TEXT)",), "a table planner does not make: exfiltrate"),
    "unknown column": (("ALTER TABLE bid ADD COLUMN secret TEXT",), "the table bid has unknown column(s) secret"),
    "missing index": (("DROP INDEX ix_venue_bid_id",), "the index ix_venue_bid_id is missing"),
    "unknown index": (("CREATE INDEX sneaky ON bid (conference)",), "an index planner does not make: sneaky"),
}


@pytest.mark.parametrize("case", list(CRAFTED))
@pytest.mark.parametrize("read_only", [False, True])
def test_open_refuses_a_crafted_database_naming_the_difference_and_leaves_its_bytes(tmp_path, case, read_only):
    statements, named = CRAFTED[case]
    path = craft(tmp_path / "crafted.db", *statements)
    before = path.read_bytes()
    with pytest.raises(NotAPlannerDatabase) as refused:
        open_database(f"sqlite:///{path}", read_only=read_only)
    message = str(refused.value)
    assert named in message and str(path) in message and "left untouched" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.db"]  # no -wal, no -shm, no backup


@pytest.mark.parametrize("case", list(CRAFTED))
def test_restore_refuses_a_crafted_database_and_changes_nothing(tmp_path, case):
    statements, named = CRAFTED[case]
    db = planner_file(tmp_path / "p.db")
    current = db.read_bytes()
    source = craft(tmp_path / "crafted.db", *statements)
    crafted = source.read_bytes()
    result = run("--db", str(db), "restore", "--yes", str(source))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert named in result.output and "Nothing was changed" in result.output
    assert db.read_bytes() == current and source.read_bytes() == crafted
    assert not list(tmp_path.glob("p.db.before-restore-*"))


def test_the_cli_says_in_one_line_why_a_crafted_database_is_not_opened(tmp_path):
    path = craft(tmp_path / "crafted.db", INFLATE)
    before = path.read_bytes()
    for args in (("bids",), ("--read-only", "bids"), ("status",)):
        result = run("--db", str(path), *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 1 and len(lines) == 1 and "a trigger inflate on budget_line" in lines[0], args
    assert path.read_bytes() == before


def test_the_trigger_would_have_inflated_every_amount(tmp_path):
    """What the refusal protects from: the crafted trigger really multiplies amounts and hides its trace."""
    path = craft(tmp_path / "crafted.db", INFLATE)
    con = sqlite3.connect(path)
    columns = [r[1] for r in con.execute("PRAGMA table_info(budget_line)") if r[1] not in ("id", "label",
                                                                                        "unit_minor")]
    listed = ", ".join(columns)
    con.execute(f"INSERT INTO budget_line (label, unit_minor, {listed}) SELECT 'Catering', 100, {listed} "
                "FROM budget_line")
    amounts = sorted(r[0] for r in con.execute("SELECT unit_minor FROM budget_line"))
    audit = con.execute("SELECT count(*) FROM audit_entry WHERE entity = 'budget_line'").fetchone()[0]
    con.close()
    assert amounts == [1000, 15_000_000] and audit == 0


@pytest.mark.parametrize("read_only", [False, True])
def test_a_newer_rollback_journal_database_keeps_its_bytes(tmp_path, read_only):
    path = craft(tmp_path / "newer.db", "UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_database(f"sqlite:///{path}", read_only=read_only)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]
    assert "newer version" in run("--db", str(tmp_path / "p.db"), "restore", "--yes", str(path)).output


@pytest.mark.parametrize("read_only", [False, True])
def test_a_foreign_rollback_journal_file_keeps_its_bytes(tmp_path, read_only):
    path = tmp_path / "customers.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('Sandvik')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NotAPlannerDatabase, match="not a planner database"):
        open_database(f"sqlite:///{path}", read_only=read_only)
    assert path.read_bytes() == before and before[18:20] == b"\x01\x01"  # still rollback-journal
    assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.db"]


def test_read_only_leaves_a_rollback_journal_planner_database_as_it_was(tmp_path):
    path = planner_file(tmp_path / "copy.db")
    before = path.read_bytes()
    for args in (("bids",), ("status",), ("log",), ("export", "json")):
        result = run("--db", str(path), "--read-only", *args)
        assert result.exit_code == 0, (args, result.output)
    assert path.read_bytes() == before and before[18:20] == b"\x01\x01"
    assert "Generator" in run("--db", str(path), "--read-only", "bids").output


def test_restore_runs_a_full_integrity_check(tmp_path):
    """An index whose entries no longer match its table passes SQLite's quick check; restore still refuses it."""
    db = planner_file(tmp_path / "p.db")
    source = planner_file(tmp_path / "broken.db")
    con = sqlite3.connect(source)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_audit_entry_at'").fetchone()[0]
    year = con.execute("SELECT substr(at, 1, 4) FROM audit_entry LIMIT 1").fetchone()[0].encode()
    con.close()
    data = bytearray(source.read_bytes())
    start = (root - 1) * page_size
    page = bytes(data[start:start + page_size])
    assert page.count(year + b"-") >= 1
    later = str(int(year) + 1).encode()
    data[start:start + page_size] = page.replace(year + b"-", later + b"-")  # every key moves alike: still in order
    source.write_bytes(bytes(data))
    con = sqlite3.connect(source)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    con.close()
    current = db.read_bytes()
    result = run("--db", str(db), "restore", "--yes", str(source))
    assert result.exit_code == 1 and "damaged (integrity check:" in result.output, result.output
    assert db.read_bytes() == current and bids_in(db) == ["Generator"]


def test_a_database_as_the_migrations_make_it_is_trusted(tmp_path):
    path = planner_file(tmp_path / "good.db")
    state = read_file(path, full_check=True)
    assert state.integrity == "ok" and state.bids == 1
    assert state.objects == expected_objects(state.revision)
    assert team.check_planner_file(path).bids == 1
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    con = sqlite3.connect(path)
    assert inventory(con) == state.objects  # opening for work changed the journal mode, not the schema
    con.close()


def test_the_shipped_schema_objects_are_what_the_migrations_make():
    """Opening a file compares it with the schema objects shipped per revision (no Alembic at start-up); they
    must be exactly what the migrations build. After adding a migration: python -m planner.store.schema_check"""
    from planner.store import migrations, schema_check

    shipped = schema_check._shipped()
    assert set(shipped) == migrations.known_revisions()
    for revision in sorted(shipped):
        assert shipped[revision] == schema_check.built_objects(revision), revision


def test_a_stored_rate_that_is_not_a_number_is_one_line_naming_it_not_a_traceback(tmp_path):
    """The schema is planner's but a value is not one planner could have stored (a rate edited by hand to text):
    every command that reads it says so in one line, in the user's language, and exits 1."""
    from planner.services import rates
    from planner.services import workspace as wsvc

    path = planner_file(tmp_path / "p.db")
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    try:
        rates.ensure_seeded(ws)
    finally:
        ws.close()
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE exchange_rate SET rate = 'abc' WHERE id = (SELECT min(id) FROM exchange_rate)")
    con.close()
    for args, words in ((("status",), "'abc' where an exchange rate belongs"),
                        (("rates", "show"), "'abc' where an exchange rate belongs"),
                        (("--locale", "sv", "status"), "'abc' där en växelkurs ska stå")):
        result = run("--db", str(path), *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 1 and len(lines) == 1 and words in lines[0], (args, result.output[-500:])
