"""Crash safety: a process killed with SIGKILL at a random moment of a large import or a burst of edits.

After each kill the database must pass SQLite's integrity check, hold every change the process reported as
committed, hold every imported bid whole (never part of an import), and keep each edited record's version
counter and audit entries in step (a save and its audit entry are one transaction).
"""

from __future__ import annotations

import random
import signal
import sqlite3
import time

import pytest
from sqlmodel import select

from planner.services import workspace as wsvc
from planner.store import models as m
from tests.reliability.conftest import committed, start_worker, wait_ready
from tests.reliability.documents import crash_document, expected_counts

BUNDLE_FIELDS = {
    "bid_text": "texts", "date_option": "date_options", "venue": "venues", "room": "rooms",
    "venue_availability": "availability", "criterion": "criteria", "venue_score": "scores",
    "accommodation_block": "accommodation", "budget_line": "budget_lines", "budget_baseline": "baselines",
    "baseline_line": "baseline_lines", "speaker": "speakers", "programme_session": "sessions",
    "session_speaker": "session_speakers", "partner": "partners", "commitment": "commitments", "task": "tasks",
    "task_dependency": "dependencies", "dossier_export": "exports",
}


def kill_after(proc, delay: float) -> str:
    """SIGKILL the process `delay` seconds after it is ready; what it printed until then."""
    wait_ready(proc)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    return out


def integrity(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def check_imports(url, path, reported: set[int], expected: dict[str, int], workspace_of) -> int:
    assert integrity(path) == "ok"
    ws = workspace_of(url)
    bids = {b.id for b in wsvc.list_bids(ws)}
    assert reported <= bids, f"committed imports missing: {sorted(reported - bids)}"
    for bid_id in bids:
        bundle = wsvc.load_bundle(ws, bid_id)
        counts = {table: len(getattr(bundle, attr)) for table, attr in BUNDLE_FIELDS.items()}
        assert counts == {t: expected.get(t, 0) for t in BUNDLE_FIELDS}, f"bid {bid_id} is half imported"
        with ws.session() as s:
            audit = s.exec(select(m.AuditEntry).where(m.AuditEntry.bid_id == bid_id)).all()
        assert [a.action for a in audit] == ["import"]
    ws.close()
    return len(bids)


@pytest.mark.parametrize("rounds", [pytest.param(2, id="2-rounds"),
                                    pytest.param(3, id="3-rounds", marks=pytest.mark.slow)])
def test_killed_import_leaves_whole_bids_only(tmp_path, workspace_of, rounds):
    path = tmp_path / "crash.db"
    url = f"sqlite:///{path}"
    workspace_of(url).close()  # create the schema once
    expected = expected_counts(crash_document())
    rng = random.Random(20120524 + rounds)
    reported: set[int] = set()
    for _ in range(rounds):
        out = kill_after(start_worker("import", url, "50"), rng.uniform(0.1, 2.0))
        reported |= {int(args[0]) for args in committed(out)}
        total = check_imports(url, path, reported, expected, workspace_of)
    assert total >= len(reported)


def test_killed_edits_keep_every_committed_edit_and_its_audit_entry(tmp_path, workspace_of):
    from benchmarks.generate_large_bid import large_bid_document
    from planner.interchange.bidjson import dumps, parse
    from planner.services.bidfile import import_document

    path = tmp_path / "edits.db"
    url = f"sqlite:///{path}"
    ws = workspace_of(url)
    bid_id = import_document(ws, parse(dumps(large_bid_document(speakers=5, lines=40, tasks=5, partners=3,
                                                                  venues=2, sessions=3))))
    ws.close()
    rng = random.Random(1776)
    last_reported: dict[int, int] = {}
    for round_number in range(3):
        # each round numbers its edits above every earlier round's, so a later edit is always a larger number
        # (an edit committed but not reported before a kill may then only be larger than the last reported)
        first = 1 + round_number * 100000
        out = kill_after(start_worker("edit", url, str(bid_id), "100000", str(first)), rng.uniform(0.05, 1.0))
        for line_id, edit in committed(out):
            last_reported[int(line_id)] = int(edit)
        assert integrity(path) == "ok"
        ws = workspace_of(url)
        lines = {line.id: line for line in wsvc.list_records(ws, m.BudgetLine, bid_id)}
        with ws.session() as s:
            updates = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "budget_line",
                                                        m.AuditEntry.action == "update")).all()
        per_line: dict[int, int] = {}
        for entry in updates:
            per_line[int(entry.entity_id)] = per_line.get(int(entry.entity_id), 0) + 1
        for line_id, edit in last_reported.items():
            line = lines[line_id]
            # the stored edit is the last one reported, or one the kill caught between commit and report
            assert line.actual_minor >= edit and line.label == f"edit {line.actual_minor}"
        for line_id, line in lines.items():
            assert line.version == 1 + per_line.get(line_id, 0), "a save without its audit entry (or the reverse)"
        ws.close()
    assert sum(last_reported.values()) > 0, "the worker never committed an edit; the kills came too early"
