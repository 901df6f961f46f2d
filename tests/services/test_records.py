"""The records service on a real SQLite file and a real PostgreSQL server: saves that change nothing leave no
trace, the audit log holds only what changed, links are saved with their record or not at all, stale saves and
deletes are refused naming who changed the record, and a delete is undone whole."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlmodel import select

from planner.services import records
from planner.services import workspace as wsvc
from planner.services.errors import ConflictError, NeedsConfirmation, NotFound, ValidationError
from planner.store import models as m


@pytest.fixture
def ws(db):
    return wsvc.Workspace(db=db, user="anna")


@pytest.fixture
def bid(ws):
    return wsvc.create_bid(ws, conference="Generator", edition="2012", host_city="Gävle",
                           event_start=date(2012, 5, 24), event_end=date(2012, 5, 25))


def audit(ws, entity: str) -> list[m.AuditEntry]:
    with ws.session() as s:
        return list(s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == entity).order_by(m.AuditEntry.id)))


def links(ws, link_model, column: str, owner: int, other: str) -> list[int]:
    with ws.session() as s:
        rows = s.exec(select(link_model).where(getattr(link_model, column) == owner)).all()
        return sorted(getattr(r, other) for r in rows)


def task(ws, bid, title: str, depends_on=()) -> m.Task:
    return records.add(ws, "task", {"bid_id": bid.id, "title": title, "due_date": date(2011, 11, 1)},
                       links={"depends_on": list(depends_on)})


def test_an_unknown_kind_is_refused_naming_the_kinds():
    with pytest.raises(ValidationError) as err:
        records.model_for("banana")
    assert "banana" in err.value.errors["kind"] and "budget_line" in err.value.errors["kind"]
    assert records.model_for("venue") is m.Venue and records.model_for("bid") is m.Bid


def test_a_save_that_changes_nothing_writes_no_version_and_no_audit_entry(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset", "cost_minor": 4_500_000})
    first = task(ws, bid, "Book the hall")
    second = task(ws, bid, "Site visit", [first.id])
    same = records.update(ws, "venue", venue.id, {"name": "Konserthuset", "cost_minor": 4_500_000},
                          expected_version=venue.version)
    again = records.update(ws, "task", second.id, {"title": "Site visit"}, expected_version=second.version,
                           links={"depends_on": [first.id]})
    assert (same.version, again.version) == (1, 1)
    assert [e.action for e in audit(ws, "venue")] == ["create"]
    assert [e.action for e in audit(ws, "task")] == ["create", "create"]


def test_the_audit_entry_of_a_change_holds_only_the_fields_that_changed(ws, bid):
    line = records.add(ws, "budget_line", {"bid_id": bid.id, "kind": "expense", "category": "venue",
                                           "label": "Hall", "unit_minor": 100_000, "currency": "SEK"})
    changed = records.update(ws, "budget_line", line.id, {"label": "Hall", "unit_minor": 120_000, "quantity": 1},
                             expected_version=line.version)
    assert changed.version == 2 and changed.unit_minor == 120_000 and changed.updated_by == "anna"
    entry = audit(ws, "budget_line")[-1]
    assert (entry.action, entry.who, entry.entity_id, entry.bid_id) == ("update", "anna", str(line.id), bid.id)
    assert json.loads(entry.before) == {"unit_minor": 100_000}
    assert json.loads(entry.after) == {"unit_minor": 120_000}


def test_a_record_is_saved_with_its_links_in_one_transaction(ws, bid):
    anna = records.add(ws, "speaker", {"bid_id": bid.id, "display_name": "Anna Berg"})
    erik = records.add(ws, "speaker", {"bid_id": bid.id, "display_name": "Erik Lund"})
    values = {"bid_id": bid.id, "title": "Opening", "day": date(2012, 5, 24), "start_time": time(9),
              "end_time": time(10)}
    session = records.add(ws, "programme_session", values, links={"speakers": [anna.id, erik.id]})
    assert links(ws, m.SessionSpeaker, "session_id", session.id, "speaker_id") == [anna.id, erik.id]
    assert json.loads(audit(ws, "programme_session")[-1].after)["speakers"] == [anna.id, erik.id]
    # changing only who speaks is a change: a new version and an entry saying who left
    moved = records.update(ws, "programme_session", session.id, {}, expected_version=1,
                           links={"speakers": [anna.id]})
    assert moved.version == 2
    entry = audit(ws, "programme_session")[-1]
    assert (json.loads(entry.before), json.loads(entry.after)) == ({"speakers": [anna.id, erik.id]},
                                                                   {"speakers": [anna.id]})
    # a speaker of another bid: the title is not saved either, and the links stay as they were
    other = wsvc.create_bid(ws, conference="Other", host_city="Sandviken")
    stranger = records.add(ws, "speaker", {"bid_id": other.id, "display_name": "Someone Else"})
    with pytest.raises(ValidationError) as err:
        records.update(ws, "programme_session", session.id, {"title": "Welcome"}, expected_version=2,
                       links={"speakers": [anna.id, stranger.id]})
    assert "speakers" in err.value.errors
    with ws.session() as s:
        kept = s.get(m.ProgrammeSession, session.id)
    assert (kept.title, kept.version) == ("Opening", 2)
    assert links(ws, m.SessionSpeaker, "session_id", session.id, "speaker_id") == [anna.id]


def test_a_dependency_circle_is_refused_and_nothing_is_saved(ws, bid):
    book = task(ws, bid, "Book the hall")
    visit = task(ws, bid, "Site visit", [book.id])
    sign = task(ws, bid, "Sign the contract", [visit.id])
    entries = len(audit(ws, "task"))
    with pytest.raises(ValidationError) as err:
        records.update(ws, "task", book.id, {"title": "Book the big hall"}, expected_version=book.version,
                       links={"depends_on": [sign.id]})
    message = err.value.errors["depends_on"]  # the circle as it would have been, in the names it would have had
    assert "Book the big hall" in message and "Sign the contract" in message
    with ws.session() as s:
        kept = s.get(m.Task, book.id)
    assert (kept.title, kept.version) == ("Book the hall", 1)
    assert links(ws, m.TaskDependency, "task_id", book.id, "depends_on_id") == []
    assert len(audit(ws, "task")) == entries
    # a dependency row saved on its own is checked the same way
    with pytest.raises(ValidationError):
        records.add(ws, "task_dependency", {"task_id": book.id, "depends_on_id": sign.id})
    assert links(ws, m.TaskDependency, "task_id", book.id, "depends_on_id") == []


def test_a_stale_save_names_who_changed_it_and_when(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    bertil = wsvc.Workspace(db=ws.db, user="bertil")
    records.update(bertil, "venue", venue.id, {"name": "Gävle Konserthus"}, expected_version=1)
    with pytest.raises(ConflictError) as err:
        records.update(ws, "venue", venue.id, {"name": "Mine"}, expected_version=1)
    assert err.value.who == "bertil" and err.value.when is not None
    assert "bertil" in str(err.value) and f"{err.value.when.astimezone():%H:%M}"[:2] in str(err.value)
    with ws.session() as s:
        assert s.get(m.Venue, venue.id).name == "Gävle Konserthus"


def test_a_stale_save_of_a_record_without_edit_times_names_who_from_the_log(ws, bid):
    option = records.add(ws, "date_option", {"bid_id": bid.id, "start_date": date(2012, 5, 24),
                                             "end_date": date(2012, 5, 25)})
    records.update(wsvc.Workspace(db=ws.db, user="bertil"), "date_option", option.id, {"note": "preferred"},
                   expected_version=1)
    with pytest.raises(ConflictError) as err:
        records.update(ws, "date_option", option.id, {"note": "mine"}, expected_version=1)
    assert err.value.who == "bertil" and "bertil" in str(err.value)


def test_a_delete_of_a_record_changed_since_it_was_read_is_refused(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    records.update(wsvc.Workspace(db=ws.db, user="bertil"), "venue", venue.id, {"city": "Gävle"},
                   expected_version=1)
    with pytest.raises(ConflictError) as err:
        records.delete(ws, "venue", venue.id, expected_version=1)
    assert "bertil" in str(err.value)
    assert [v.name for v in records.list_records(ws, "venue", bid.id)] == ["Konserthuset"]
    records.delete(ws, "venue", venue.id, expected_version=2)
    assert records.list_records(ws, "venue", bid.id) == []


def test_saving_a_record_deleted_since_it_was_read_names_who_deleted_it(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    records.delete(wsvc.Workspace(db=ws.db, user="bertil"), "venue", venue.id)
    with pytest.raises(ConflictError) as err:
        records.update(ws, "venue", venue.id, {"name": "Mine"}, expected_version=1)
    assert err.value.who == "bertil" and "deleted" in str(err.value)
    with pytest.raises(NotFound):
        records.update(ws, "venue", venue.id, {"name": "Mine"})


def test_housekeeping_and_key_fields_cannot_be_set(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    for changes in ({"version": 7}, {"updated_by": "mallory"}, {"id": 99}, {"bid_id": bid.id + 1},
                    {"colour": "red"}):
        with pytest.raises(ValidationError) as err:
            records.update(ws, "venue", venue.id, changes)
        assert set(err.value.errors) == set(changes)
    with pytest.raises(ValidationError):
        records.add(ws, "venue", {"bid_id": bid.id, "name": "X", "version": 5})


def test_restore_after_delete_puts_the_children_and_the_cleared_links_back(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    hall = records.add(ws, "room", {"venue_id": venue.id, "name": "Stora salen", "capacity_theatre": 800})
    option = records.add(ws, "date_option", {"bid_id": bid.id, "start_date": date(2012, 5, 24),
                                             "end_date": date(2012, 5, 25)})
    records.add(ws, "venue_availability", {"venue_id": venue.id, "date_option_id": option.id})
    criterion = wsvc.load_bundle(ws, bid.id).criteria[0]
    records.add(ws, "venue_score", {"venue_id": venue.id, "criterion_id": criterion.id, "score": 8})
    session = records.add(ws, "programme_session", {"bid_id": bid.id, "title": "Opening", "day": date(2012, 5, 24),
                                                     "start_time": time(9), "end_time": time(10),
                                                     "room_id": hall.id})
    before = wsvc.load_bundle(ws, bid.id)
    undo = records.delete(ws, "venue", venue.id)
    gone = wsvc.load_bundle(ws, bid.id)
    assert (gone.venues, gone.rooms, gone.scores, gone.availability) == ([], [], [], [])
    assert gone.sessions[0].room_id is None  # the database let go of the room
    records.restore(ws, undo)
    after = wsvc.load_bundle(ws, bid.id)
    for table in ("venue", "room", "venue_availability", "venue_score", "programme_session"):
        assert [records.snapshot(r) for r in after.rows(table)] == [records.snapshot(r) for r in before.rows(table)]
    assert after.sessions[0].room_id == hall.id and after.sessions[0].id == session.id
    assert [e.action for e in audit(ws, "venue")] == ["create", "delete", "restore"]


def test_a_partner_with_commitments_asks_first_and_comes_back_whole(ws, bid):
    partner = records.add(ws, "partner", {"bid_id": bid.id, "name": "Almi"})
    records.add(ws, "commitment", {"bid_id": bid.id, "partner_id": partner.id, "amount_minor": 5_000_000,
                                   "currency": "SEK"})
    with pytest.raises(NeedsConfirmation) as err:
        records.delete(ws, "partner", partner.id)
    assert "Almi" in str(err.value) and "1" in str(err.value)
    undo = records.delete(ws, "partner", partner.id, force=True)
    assert records.list_records(ws, "commitment", bid.id) == []
    records.restore(ws, undo)
    assert [c.amount_minor for c in records.list_records(ws, "commitment", bid.id)] == [5_000_000]


def test_a_bid_is_deleted_with_everything_and_can_be_put_back(ws, bid):
    partner = records.add(ws, "partner", {"bid_id": bid.id, "name": "Almi"})
    records.add(ws, "commitment", {"bid_id": bid.id, "partner_id": partner.id, "amount_minor": 1, "currency": "SEK"})
    first = task(ws, bid, "Book the hall")
    task(ws, bid, "Site visit", [first.id])
    before = wsvc.load_bundle(ws, bid.id)
    undo = records.delete(ws, "bid", bid.id, force=True)
    with pytest.raises(NotFound):
        wsvc.get_bid(ws, bid.id)
    assert [e.action for e in audit(ws, "bid")] == ["delete"]  # the bid's log went with it; this stays
    assert audit(ws, "task") == []
    records.restore(ws, undo)
    after = wsvc.load_bundle(ws, bid.id)
    for table in wsvc.BUNDLE_TABLES:
        assert [records.snapshot(r) for r in after.rows(table)] == [records.snapshot(r) for r in before.rows(table)]
    assert [e.action for e in audit(ws, "bid")] == ["delete", "restore"]


def test_the_bid_fields_go_through_the_same_lock(ws, bid):
    changed = records.update(ws, "bid", bid.id, {"base_currency": "EUR"}, expected_version=bid.version)
    assert changed.base_currency == "EUR" and changed.version == bid.version + 1
    with pytest.raises(ConflictError):
        records.update(ws, "bid", bid.id, {"base_currency": "NOK"}, expected_version=bid.version)
    with pytest.raises(ValidationError) as err:
        records.update(ws, "bid", bid.id, {"attendance_low": 10, "attendance_expected": 5, "attendance_high": 20})
    assert "attendance_expected" in err.value.errors


def test_records_are_listed_by_position_then_id(ws, bid):
    for position, label in ((2, "C"), (0, "A"), (1, "B")):
        records.add(ws, "budget_line", {"bid_id": bid.id, "kind": "expense", "category": "other", "label": label,
                                        "currency": "SEK", "position": position})
    assert [line.label for line in records.list_records(ws, "budget_line", bid.id)] == ["A", "B", "C"]
