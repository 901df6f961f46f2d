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
