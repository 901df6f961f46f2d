"""Two processes saving the same record at the same moment: exactly one save wins, the other is refused.

Two real processes (spawned, each with its own engine and connections) work through the same plan. Each round
both read the record's version, meet at a barrier, and save against that version: the same task, session,
venue or bid field, or, in the delete rounds, one deletes the venue the other changes. Every round exactly one
wins and the other gets ConflictError naming the winner, on SQLite and on PostgreSQL, and nothing either
process saved is lost. RACE_ROUNDS (environment) sets the rounds per kind; 60 by default.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
from datetime import date, time

import pytest
from sqlmodel import select

ROUNDS = int(os.environ.get("RACE_ROUNDS", "60"))
USERS = ("anna", "bertil")
# (kind, the field both processes write) of the update rounds
FIELDS = (("task", "title"), ("programme_session", "title"), ("venue", "name"), ("bid", "organiser"))
WAIT = 60  # seconds a process waits for the other at a barrier before the test fails


def race(url: str, user: str, plan: list[tuple], barrier, results) -> None:
    """One person's process: for each round read the version, meet the other process, save against it."""
    from planner.services import records
    from planner.services.errors import ConflictError
    from planner.services.workspace import Workspace
    from planner.store.db import open_database

    ws = Workspace(db=open_database(url), user=user)
    try:
        for number, (op, kind, key, field) in enumerate(plan):
            barrier.wait(WAIT)  # the other process has finished the round before
            with ws.session() as s:
                version = s.get(records.model_for(kind), key).version
            barrier.wait(WAIT)
            try:
                if op == "delete":
                    records.delete(ws, kind, key, expected_version=version)
                else:
                    records.update(ws, kind, key, {field: f"{user} {number}"}, expected_version=version)
                results.put((number, user, op, version, "saved", ""))
            except ConflictError as exc:
                results.put((number, user, op, version, "refused", exc.who))
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails naming it
        results.put((-1, user, "", 0, "error", f"{type(exc).__name__}: {exc}"))
        barrier.abort()
    finally:
        ws.close()


def make_records(ws) -> tuple[dict[str, int], list[int]]:
    """A bid with one task, session and venue to fight over, and a venue per delete round."""
    from planner.services import records
    from planner.services.workspace import create_bid

    bid = create_bid(ws, conference="Generator", edition="2012", host_city="Gävle")
    keys = {
        "bid": bid.id,
        "task": records.add(ws, "task", {"bid_id": bid.id, "title": "Book the hall",
                                         "due_date": date(2011, 11, 1)}).id,
        "programme_session": records.add(ws, "programme_session", {
            "bid_id": bid.id, "title": "Opening", "day": date(2012, 5, 24), "start_time": time(9),
            "end_time": time(10)}).id,
        "venue": records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"}).id,
    }
    doomed = [records.add(ws, "venue", {"bid_id": bid.id, "name": f"Candidate {n}"}).id for n in range(ROUNDS)]
    return keys, doomed


def plans(keys: dict[str, int], doomed: list[int]) -> dict[str, list[tuple]]:
    """Each process's rounds: the update rounds of every kind, then the delete rounds, where the two take
    turns deleting the venue the other one changes."""
    shared = [("update", kind, keys[kind], field) for kind, field in FIELDS for _ in range(ROUNDS)]
    out = {}
    for n, user in enumerate(USERS):
        deletes = [("delete" if (i + n) % 2 == 0 else "update", "venue", venue, "name")
                   for i, venue in enumerate(doomed)]
        out[user] = shared + deletes
    return out


def run_race(url: str, plan: dict[str, list[tuple]]) -> dict[int, list[tuple]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(USERS)), context.Queue()
    procs = [context.Process(target=race, args=(url, user, plan[user], barrier, results)) for user in USERS]
    for proc in procs:
        proc.start()
    expected = sum(len(p) for p in plan.values())
    rounds: dict[int, list[tuple]] = {}
    try:
        for _ in range(expected):
            number, *outcome = results.get(timeout=3 * WAIT)
            assert number >= 0, f"a process failed: {outcome}"
            rounds.setdefault(number, []).append(tuple(outcome))
    except queue.Empty:
        pytest.fail(f"the processes stopped answering after {sum(map(len, rounds.values()))} of {expected} saves")
    finally:
        for proc in procs:
            proc.join(WAIT)
            if proc.is_alive():
                proc.kill()
    assert [proc.exitcode for proc in procs] == [0, 0]
    return rounds


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_round_exactly_one_of_two_simultaneous_saves_wins(backend, tmp_path, workspace_of, request):
    from planner.services import records
    from planner.store import models as m

    url = f"sqlite:///{tmp_path / 'race.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    ws = workspace_of(url)
    keys, doomed = make_records(ws)
    plan = plans(keys, doomed)
    rounds = run_race(url, plan)

    winners: dict[int, str] = {}
    for number, outcomes in sorted(rounds.items()):
        assert len(outcomes) == 2, (number, outcomes)
        assert len({version for _user, _op, version, _r, _who in outcomes}) == 1, f"round {number}: {outcomes}"
        saved = [user for user, _op, _v, result, _who in outcomes if result == "saved"]
        refused = [(user, who) for user, _op, _v, result, who in outcomes if result == "refused"]
        assert len(saved) == 1 and len(refused) == 1, f"round {number}: {outcomes}"
        assert refused[0][1] == saved[0], f"round {number}: the refusal must name the winner {outcomes}"
        winners[number] = saved[0]

    # every update round's winner is in the record, one version per round, one audit entry per real save
    for position, (kind, field) in enumerate(FIELDS):
        last = (position + 1) * ROUNDS - 1
        with ws.session() as s:
            record = s.get(records.model_for(kind), keys[kind])
            entries = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == kind,
                                                        m.AuditEntry.entity_id == str(keys[kind]),
                                                        m.AuditEntry.action == "update")
                             .order_by(m.AuditEntry.id)).all()
        assert getattr(record, field) == f"{winners[last]} {last}"
        assert record.version == 1 + ROUNDS
        assert [json_value(e.after, field) for e in entries] == [
            f"{winners[n]} {n}" for n in range(position * ROUNDS, last + 1)]

    # a delete round's venue is gone when the delete won, and holds the change when the change won
    first = len(FIELDS) * ROUNDS
    left = {v.id: v for v in records.list_records(ws, "venue", keys["bid"])}
    for i, venue_id in enumerate(doomed):
        number = first + i
        won = next(op for user, op, _v, result, _who in rounds[number] if result == "saved")
        if won == "delete":
            assert venue_id not in left, f"round {number}"
        else:
            assert left[venue_id].name == f"{winners[number]} {number}" and left[venue_id].version == 2


def json_value(text: str, field: str):
    return json.loads(text).get(field)
