"""Two people's processes writing the same database at once: nothing locked out, nothing lost, nothing overwritten.

On SQLite both processes queue for the write lock (BEGIN IMMEDIATE + busy timeout), so neither sees "database
is locked". On both SQLite and PostgreSQL a save made against a version someone else has since changed is
refused with ConflictError naming them, so read-then-save increments never lose an update.
"""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from planner.services import workspace as wsvc
from planner.services.errors import ConflictError
from planner.store import models as m
from tests.reliability.conftest import committed, start_worker


def new_bid_with_line(ws) -> tuple[int, int]:
    bid = wsvc.create_bid(ws, conference="Generator", edition="2012", host_city="Gävle")
    line = wsvc.add_record(ws, m.BudgetLine(bid_id=bid.id, kind="expense", category="other", label="Shared",
                                            quantity=0, currency="SEK"))
    return bid.id, line.id


def run_pair(*commands: tuple[str, ...]) -> list[str]:
    """Start the workers together; return their outputs once all are done, failing on any user-visible error."""
    procs = [start_worker(*args, user=f"worker-{n}") for n, args in enumerate(commands)]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert "locked" not in err.lower(), err
        assert proc.returncode == 0, err
        outputs.append(out)
    return outputs


@pytest.mark.parametrize("writes", [pytest.param(200, id="200-writes"),
                                    pytest.param(500, id="500-writes", marks=pytest.mark.slow)])
def test_two_processes_add_to_the_same_sqlite_file_without_locks_or_losses(tmp_path, workspace_of, writes):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    ws = workspace_of(url)
    bid_id, _line = new_bid_with_line(ws)
    run_pair(("add", url, str(bid_id), str(writes), "a"), ("add", url, str(bid_id), str(writes), "b"))
    labels = {line.label for line in wsvc.list_records(ws, m.BudgetLine, bid_id)}
    for tag in "ab":
        assert {f"{tag}-{i}" for i in range(writes)} <= labels
    with ws.session() as s:
        creators = {e.who for e in s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "budget_line")).all()}
    assert creators == {"tester", "worker-0", "worker-1"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_read_then_save_from_two_processes_never_loses_an_update(backend, tmp_path, workspace_of, request):
    url = f"sqlite:///{tmp_path / 'shared.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    ws = workspace_of(url)
    _bid, line_id = new_bid_with_line(ws)
    each = 150 if backend == "sqlite" else 100
    outs = run_pair(("bump", url, str(line_id), str(each), "--retry"), ("bump", url, str(line_id), str(each), "--retry"))
    saved = sum(int(committed(out)[0][0]) for out in outs)
    conflicts = sum(int(committed(out)[0][2]) for out in outs)
    with ws.session() as s:
        line = s.get(m.BudgetLine, line_id)
    assert saved == 2 * each
    assert line.quantity == 2 * each, f"{2 * each - line.quantity} updates were lost ({conflicts} refused)"
    assert line.version == 2 * each + 1


def test_the_second_of_two_simultaneous_edits_is_refused_on_postgresql(pg_url, workspace_of):
    anna = workspace_of(pg_url, user="anna")
    bertil = workspace_of(pg_url, user="bertil")
    _bid, line_id = new_bid_with_line(anna)
    with anna.session() as s:
        version = s.get(m.BudgetLine, line_id).version
    results: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def save(ws, label):
        barrier.wait()
        try:
            wsvc.update_record(ws, m.BudgetLine, line_id, {"label": label}, expected_version=version)
            results[ws.user] = "saved"
        except ConflictError as exc:
            results[ws.user] = exc

    threads = [threading.Thread(target=save, args=(ws, f"by {ws.user}")) for ws in (anna, bertil)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [who for who, r in results.items() if r == "saved"]
    losers = [r for r in results.values() if isinstance(r, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, results
    with anna.session() as s:
        line = s.get(m.BudgetLine, line_id)
    assert line.label == f"by {winners[0]}" and line.version == version + 1
    # a later save with the old version names who changed it and changes nothing
    loser = "bertil" if winners[0] == "anna" else "anna"
    with pytest.raises(ConflictError) as err:
        wsvc.update_record(anna if loser == "anna" else bertil, m.BudgetLine, line_id, {"label": "mine"},
                           expected_version=version)
    assert winners[0] in str(err.value) and "Reload" in str(err.value)
    with anna.session() as s:
        assert s.get(m.BudgetLine, line_id).label == f"by {winners[0]}"
