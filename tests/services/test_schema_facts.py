"""What the tables say about themselves (planner.store.models), and that the maps built from it agree with the
schema: every bid table reaches the bid, every RESTRICT child has its question, every link its message."""

from __future__ import annotations

import sqlalchemy as sa

from planner.services import records
from planner.services.workspace import BUNDLE_TABLES, BidBundle
from planner.store import models as m


def test_every_table_of_a_bid_reaches_the_bid_through_its_parents():
    for model in m.BID_TABLES:
        if model is m.Bid:
            assert m.parent_of(model) is None
            continue
        path = m.bid_path(model)
        assert path, model.__tablename__
        last_model, column = path[-1]
        assert m.references(last_model)[column] == "bid"
        for step, (child, column) in enumerate(path):
            parent = path[step + 1][0] if step + 1 < len(path) else m.Bid
            assert m.references(child)[column] == parent.__tablename__
    assert m.parent_of(m.Room) == (m.Venue, "venue_id")
    assert m.parent_of(m.TaskDependency) == (m.Task, "task_id")


def test_children_and_references_are_read_from_the_foreign_keys():
    partner = {(c.model, c.column): c.ondelete for c in m.children_of(m.Partner)}
    assert partner == {(m.Commitment, "partner_id"): "RESTRICT", (m.DossierExport, "partner_id"): "SET NULL",
                       (m.Attachment, "partner_id"): "CASCADE"}  # a partner's letter of support goes with it
    assert {(c.model, c.column) for c in m.children_of(m.Task)} == {(m.TaskDependency, "task_id"),
                                                                   (m.TaskDependency, "depends_on_id")}
    assert m.references(m.Commitment) == {"bid_id": "bid", "partner_id": "partner", "budget_line_id": "budget_line"}
    for model in m.TABLES.values():
        for column in model.__table__.columns:
            assert (column.name in m.references(model)) == bool(column.foreign_keys)


def test_housekeeping_columns_are_marked_on_the_columns():
    assert m.housekeeping(m.Venue) == ("version", "created_at", "updated_at", "updated_by", "uuid")
    assert m.housekeeping(m.VenueScore) == ("version",)
    assert "created_at" not in m.housekeeping(m.DossierExport)  # when a dossier was made is data
    assert set(m.HOUSEKEEPING) == {"version", "created_at", "updated_at", "updated_by", "last_opened_at", "uuid",
                                  "archived_at"}


def test_naming_fields_and_links_name_real_columns():
    for model in m.TABLES.values():
        name = m.name_field(model)
        if name is not None:
            kind = model.__table__.columns[name].type
            assert isinstance(getattr(kind, "impl_instance", kind), sa.String | sa.Text), model.__tablename__
    assert m.name_field(m.Speaker) == "display_name" and m.name_field(m.VenueScore) is None
    assert set(m.links_of(m.Task)) == {"depends_on"} and set(m.links_of(m.ProgrammeSession)) == {"speakers"}
    link = m.links_of(m.ProgrammeSession)["speakers"]
    assert (link.table, link.own, link.target, link.other) == (m.SessionSpeaker, "session_id", m.Speaker,
                                                                "speaker_id")


def test_every_asking_child_has_its_question_and_every_link_its_message():
    asking = {c.model.__tablename__ for model in m.BID_TABLES for c in m.children_of(model) if c.asks}
    assert asking == set(records.QUESTIONS)
    names = {name for model in m.BID_TABLES for name in m.links_of(model)}
    assert names == set(records.LINK_GONE)


def test_the_bundle_holds_every_table_of_a_bid_but_its_log():
    assert set(BUNDLE_TABLES) == {t.__tablename__ for t in m.BID_TABLES} - {"bid", "audit_entry"}
    bundle = BidBundle(bid=m.Bid(id=1, conference="G", host_city="Gävle"),
                       **{attribute: [table] for table, attribute in BUNDLE_TABLES.items()})
    for table, attribute in BUNDLE_TABLES.items():
        assert bundle.rows(table) == bundle.rows(m.table_named(table)) == getattr(bundle, attribute) == [table]
    assert bundle.rows("bid") == [bundle.bid]


def test_the_front_ends_read_the_same_facts_through_the_service():
    assert records.reference_targets()["depends_on_id"] == "task"
    assert records.reference_targets()["line_id"] == "budget_line"
    assert records.name_field("accommodation_block") == "hotel"
    assert "last_opened_at" in records.kept_fields("bid")
    assert "bid" in records.named_kinds() and "venue_score" not in records.named_kinds()
