"""The CSV import writes its new records as one batch: every row still gets its record and its audit entry."""

from __future__ import annotations

from sqlmodel import select

from planner.services import imports
from planner.services import workspace as wsvc
from planner.store import models as m


def test_batched_import_keeps_one_audit_entry_per_new_record_and_updates_in_the_same_transaction(
        sqlite_url, workspace_of):
    ws = workspace_of(sqlite_url, user="anna")
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    wsvc.add_record(ws, m.Speaker(bid_id=bid.id, display_name="Anna Lind", email="anna@example.se"))
    rows = ["Display name,E-mail,Organisation", "Anna Lind,anna@example.se,Region Gävleborg"]
    rows += [f"Speaker {i},s{i}@example.se,Org {i}" for i in range(300)]
    preview = imports.preview_csv(ws, bid.id, "speakers", "\n".join(rows).encode())
    assert preview.counts["new"] == 300 and preview.counts["updated"] == 1
    imports.apply_import(ws, preview)
    speakers = {s.id: s for s in wsvc.list_records(ws, m.Speaker, bid.id)}
    assert len(speakers) == 301
    assert all(item.record_id in speakers for item in preview.items if item.action == imports.NEW)
    with ws.session() as s:
        audit = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "speaker",
                                                  m.AuditEntry.action == "import")).all()
    assert sorted(int(a.entity_id) for a in audit) == sorted(speakers)
    anna = next(s for s in speakers.values() if s.display_name == "Anna Lind")
    assert anna.organisation == "Region Gävleborg" and anna.version == 2


def test_rows_inserted_from_their_values_are_the_rows_and_audit_entries_the_orm_writes(tmp_path, workspace_of):
    """`insert_values` writes on SQLite through the driver's cursor; what it stores (every column, by its stored
    text) and logs is what a flush of the same records through the ORM stores and logs."""
    import sqlite3
    from datetime import UTC, datetime

    from planner.domain.enums import ImportSource, SpeakerStatus
    from planner.services import records

    moment = datetime(2026, 12, 1, 23, 0, 0, 123456, tzinfo=UTC)
    people = [
        {"display_name": "Łukasz Ünal", "given_name": "Łukasz", "status": SpeakerStatus.CONFIRMED,
         "source": ImportSource.CSV, "consent_to_be_named": True, "fee_minor": 150_000, "fee_currency": "EUR",
         "nights": 2, "bio": "two\nlines\ttabbed", "email": "l@example.se",
         "translations": {"talk_title": {"en": "Hello ‮ there"}}, "created_at": moment, "updated_at": moment},
        {"display_name": "'=SUM(A1)", "created_at": moment, "updated_at": moment},
        {"display_name": "Null \x7f and 🎉", "internal_notes": "", "created_at": moment, "updated_at": moment},
    ]
    stored = []
    for way in ("values", "orm"):
        path = tmp_path / f"{way}.db"
        ws = workspace_of(f"sqlite:///{path}", user="anna")
        bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
        rows = [records.new_values(m.Speaker, {"bid_id": bid.id, **person}) for person in people]
        with ws.session() as s:
            if way == "values":
                ids = records.insert_values(s, "anna", m.Speaker, rows, action="import")
            else:
                made = [m.Speaker(**{**row, "updated_by": "anna"}) for row in rows]
                records.insert(s, "anna", made, action="import")
                ids = [speaker.id for speaker in made]
        con = sqlite3.connect(path)
        try:
            speakers = con.execute("SELECT * FROM speaker ORDER BY id").fetchall()
            numbers = [row[0] for row in con.execute("SELECT id FROM speaker ORDER BY id")]
            audit = con.execute("SELECT bid_id, who, action, entity, entity_id, before, after FROM audit_entry "
                                "WHERE entity = 'speaker' ORDER BY id").fetchall()
        finally:
            con.close()
        assert ids == numbers and len(ids) == len(people)
        stored.append((speakers, audit))
    assert stored[0] == stored[1]
