"""The workspace service: bids, validation, optimistic locking, audit, delete with confirmation and undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from planner.domain.enums import CommitmentStatus
from planner.services import records
from planner.services import workspace as wsvc
from planner.services.errors import ConflictError, NeedsConfirmation, NotFound, ValidationError
from planner.store import models as m


@pytest.fixture
def ws(db):
    return wsvc.Workspace(db=db, user="anna")


def test_create_bid_fills_defaults_and_criteria(ws):
    bid = wsvc.create_bid(ws, conference="Generator", edition="2012", host_city="Gävle",
                          bid_deadline=date(2011, 11, 30), attendance_expected=300)
    assert bid.id and bid.attendance_low == bid.attendance_high == 300
    bundle = wsvc.load_bundle(ws, bid.id)
    assert [c.key for c in bundle.criteria][:2] == ["capacity_fit", "cost"]
    assert wsvc.resolve_bid(ws, None).id == bid.id


@pytest.mark.parametrize("values, field", [
    (dict(conference="", host_city="Gävle"), "conference"),
    (dict(conference="G", host_city="Gävle", base_currency="KRONOR"), "base_currency"),
    (dict(conference="G", host_city="Gävle", attendance_low=10, attendance_expected=5, attendance_high=20),
     "attendance_expected"),
    (dict(conference="G", host_city="Gävle", attendance_expected=-3), "attendance_expected"),
    (dict(conference="G", host_city="Gävle", event_start=date(2012, 5, 3), event_end=date(2012, 5, 1)), "event_end"),
])
def test_create_bid_refuses_bad_values_and_writes_nothing(ws, values, field):
    with pytest.raises(ValidationError) as err:
        wsvc.create_bid(ws, **values)
    assert field in err.value.errors
    assert wsvc.list_bids(ws) == []


def test_stale_edit_is_refused_not_overwritten(ws):
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    venue = wsvc.add_record(ws, m.Venue(bid_id=bid.id, name="Konserthuset"))
    read_by_both = venue.version
    other = wsvc.Workspace(db=ws.db, user="bertil")
    wsvc.update_record(other, m.Venue, venue.id, {"name": "Gävle Konserthus"}, expected_version=read_by_both)
    with pytest.raises(ConflictError) as err:
        wsvc.update_record(ws, m.Venue, venue.id, {"name": "Mine"}, expected_version=read_by_both)
    assert "bertil" in str(err.value)
    with ws.session() as s:
        assert s.get(m.Venue, venue.id).name == "Gävle Konserthus"
        entries = s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "venue")).all()
    assert [(e.action, e.who) for e in entries] == [("create", "anna"), ("update", "bertil")]
    assert '"name": "Konserthuset"' in entries[1].before and '"Gävle Konserthus"' in entries[1].after


def test_partner_with_commitments_asks_then_deletes_and_undo_restores(ws):
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    partner = wsvc.add_record(ws, m.Partner(bid_id=bid.id, name="Almi"))
    wsvc.add_record(ws, m.Commitment(bid_id=bid.id, partner_id=partner.id, amount_minor=5_000_000,
                                     currency="SEK", status=CommitmentStatus.PLEDGED))
    with pytest.raises(NeedsConfirmation):
        records.delete(ws, "partner", partner.id)
    assert len(wsvc.load_bundle(ws, bid.id).commitments) == 1
    undo = records.delete(ws, "partner", partner.id, force=True)
    bundle = wsvc.load_bundle(ws, bid.id)
    assert bundle.partners == [] and bundle.commitments == []
    records.restore(ws, undo)
    bundle = wsvc.load_bundle(ws, bid.id)
    assert [p.name for p in bundle.partners] == ["Almi"]
    assert [c.amount_minor for c in bundle.commitments] == [5_000_000]


def test_record_validation_names_the_field(ws):
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    with pytest.raises(ValidationError) as err:
        wsvc.add_record(ws, m.BudgetLine(bid_id=bid.id, kind="expense", category="venue", label="Hall",
                                         unit_minor=100, currency="XYZ"))
    assert "currency" in err.value.errors


def test_delete_bid_removes_everything_and_keeps_other_bids(ws):
    a = wsvc.create_bid(ws, conference="A", host_city="Gävle")
    b = wsvc.create_bid(ws, conference="B", host_city="Sandviken")
    p = wsvc.add_record(ws, m.Partner(bid_id=a.id, name="Movexum"))
    wsvc.add_record(ws, m.Commitment(bid_id=a.id, partner_id=p.id, amount_minor=1, currency="SEK"))
    wsvc.delete_bid(ws, a.id)
    assert [x.id for x in wsvc.list_bids(ws)] == [b.id]
    with pytest.raises(NotFound):
        wsvc.get_bid(ws, a.id)


def test_a_save_that_changes_nothing_leaves_no_trace(ws):
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    venue = wsvc.add_record(ws, m.Venue(bid_id=bid.id, name="Konserthuset"))
    same = wsvc.update_record(ws, m.Venue, venue.id, {"name": "Konserthuset"}, expected_version=venue.version)
    assert same.version == venue.version
    with ws.session() as s:
        actions = [e.action for e in s.exec(select(m.AuditEntry).where(m.AuditEntry.entity == "venue"))]
    assert actions == ["create"]


def test_a_bundles_budget_lines_are_the_records_the_orm_loads_made_on_first_use(ws):
    import sqlalchemy as sa

    from planner.services.records import snapshot

    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    for i, (kind, category) in enumerate([("expense", "venue"), ("income", "registration"), ("expense", "other")]):
        wsvc.add_record(ws, m.BudgetLine(bid_id=bid.id, kind=kind, category=category, label=f"Line {i}",
                                         basis="per_attendee", unit_minor=100 * i, currency="EUR", position=2 - i,
                                         note="a note" if i else "", confidential=bool(i)))
    bundle = wsvc.load_bundle(ws, bid.id)
    assert len(bundle.budget_lines) == 3 and bundle.budget_lines._records is None  # counted, not yet made
    with ws.session() as s:
        loaded = s.exec(select(m.BudgetLine).where(m.BudgetLine.bid_id == bid.id)
                        .order_by(m.BudgetLine.position, m.BudgetLine.id)).all()
    made = list(bundle.budget_lines)
    assert [snapshot(r) for r in made] == [snapshot(r) for r in loaded]
    assert [{k: type(v) for k, v in vars(r).items() if not k.startswith("_")} for r in made] == \
        [{k: type(v) for k, v in vars(r).items() if not k.startswith("_")} for r in loaded]
    assert all(sa.inspect(r).detached and sa.inspect(r).identity == (r.id,) for r in made)
    assert bundle.budget_lines[0] is made[0] and bundle.budget_lines == loaded
