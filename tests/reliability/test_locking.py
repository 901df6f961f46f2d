"""Reads never take the write lock: while another process holds a long write (an import), readers answer at once,
a writer says it waits and then saves, and a writer that waits too long gives up with a clear message.

The long write is a real process (tests/reliability/worker.py `hold`) in the middle of one write transaction
on the same SQLite file. Before reads had their own session kind every transaction began IMMEDIATE, and
`planner bids` failed after 10.9 s with "database is locked".
"""

from __future__ import annotations

import time

import pytest
from sqlmodel import select

from planner.services import workspace as wsvc
from planner.store import models as m
from planner.store.db import DatabaseBusy
from tests.reliability.conftest import start_worker, wait_ready
from tests.reliability.test_team import run


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "team.db"
    assert run("--db", str(path), "demo").exit_code == 0
    assert run("--db", str(path), "status").exit_code == 0  # the first look stores the exchange rates
    return path


def hold(path, seconds: float):
    """A worker process inside a write transaction on `path` for `seconds` (it has said "holding")."""
    proc = start_worker("hold", f"sqlite:///{path}", "1", str(seconds), user="anna")
    wait_ready(proc)
    assert proc.stdout.readline().strip() == "holding", proc.stderr.read()
    return proc


def release(proc) -> None:
    """End the held transaction early by killing its process (SQLite rolls it back)."""
    proc.kill()
    proc.communicate(timeout=60)


def finish(proc) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return out


def test_readers_answer_while_a_long_import_holds_the_write_lock(demo_file):
    held_for = 60.0
    proc = hold(demo_file, held_for)
    started = time.monotonic()
    try:
        for args in (("bids",), ("status",), ("log", "--limit", "5"), ("export", "json"),
                     ("dossier", "--history"), ("venues", "rank")):
            began = time.monotonic()
            result = run("--db", str(demo_file), *args)
            assert result.exit_code == 0, (args, result.output)
            assert "locked" not in result.output and "Waiting" not in result.output, args
            assert time.monotonic() - began < 8, args  # a read waits for no one
        assert proc.poll() is None, "the writer finished before the readers: the test proved nothing"
        assert time.monotonic() - started < held_for
    finally:
        release(proc)


def test_a_writer_behind_a_long_import_says_it_waits_then_saves(demo_file):
    proc = hold(demo_file, 6.0)
    began = time.monotonic()
    result = run("--db", str(demo_file), "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken")
    waited = time.monotonic() - began
    out = finish(proc)
    assert result.exit_code == 0, result.output
    assert "Waiting for the database: another change is being saved…" in result.output
    assert "Created bid 2" in result.output and "committed held" in out
    assert waited > 3  # it really queued behind the held transaction instead of failing or skipping it


def test_a_writer_gives_up_after_the_limit_with_a_clear_message(demo_file, workspace_of):
    ws = workspace_of(f"sqlite:///{demo_file}", user="bertil")
    told: list[str] = []
    ws.db.lock.notify = told.append
    ws.db.lock.limit_s = 4.0
    proc = hold(demo_file, 30.0)
    try:
        began = time.monotonic()
        with pytest.raises(DatabaseBusy) as busy:
            wsvc.create_bid(ws, conference="Nordic Design Days", host_city="Sandviken")
        waited = time.monotonic() - began
        assert "busy for 4 seconds; nothing was saved" in str(busy.value)
        assert 3.5 < waited < 15
        assert told == ["Waiting for the database: another change is being saved…"]
        assert [b.title for b in wsvc.list_bids(ws)] == ["Generator 2012, Gävle"]  # reading still works
    finally:
        release(proc)
    assert [b.id for b in wsvc.list_bids(ws)] == [1]  # nothing of the refused change, nothing of the killed one


def test_a_read_session_answers_beside_a_held_write_and_refuses_to_save(demo_file, workspace_of):
    ws = workspace_of(f"sqlite:///{demo_file}")
    proc = hold(demo_file, 20.0)
    try:
        began = time.monotonic()
        with ws.read_session() as s:
            lines = s.exec(select(m.BudgetLine).where(m.BudgetLine.bid_id == 1)).all()
        assert lines and all(line.label != "held" for line in lines)
        assert time.monotonic() - began < 2
        assert wsvc.load_bundle(ws, 1).bid.conference == "Generator"
        with pytest.raises(RuntimeError, match="read session"):
            with ws.read_session() as s:
                s.get(m.Bid, 1).conference = "Changed in a read"
        wsvc.touch_bid(ws, 1)  # remembering the last bid opened is skipped, not waited for
        assert time.monotonic() - began < 8
    finally:
        release(proc)
    assert wsvc.get_bid(ws, 1).conference == "Generator"
