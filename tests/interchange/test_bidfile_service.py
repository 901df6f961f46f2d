"""The bid file as a service, on real databases: export, import as a new bid (all or nothing), the rules."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa
from sqlmodel import select

from planner.config import shipped_file
from planner.interchange import bidjson
from planner.services import bidfile
from planner.services import workspace as wsvc
from planner.services.bidfile import BidFileError
from planner.services.demo import load_demo
from planner.store import models as m
from planner.store.db import ReadOnlyError, open_database


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads(shipped_file("demo", "generator-gavle-2012.json").read_bytes())


def with_change(doc: dict, change) -> str:
    copy = json.loads(json.dumps(doc))
    change(copy)
    return json.dumps(copy, ensure_ascii=False)


def count(ws, model) -> int:
    with ws.session() as s:
        return s.exec(select(sa.func.count()).select_from(model)).one()


def test_export_import_export_is_the_same_file_on_every_database(any_ws):
    first_id, created = load_demo(any_ws)
    assert created
    first = bidfile.export_bid(any_ws, first_id)
    second_id = bidfile.import_bid(any_ws, first)
    assert second_id != first_id
    assert bidfile.export_bid(any_ws, second_id) == first
    assert bidfile.bid_document(any_ws, second_id) == bidjson.parse(first)


def test_an_import_is_one_audit_entry_by_the_importer_and_every_row(ws, demo):
    bid_id = bidfile.import_bid(ws, json.dumps(demo).encode())
    with ws.session() as s:
        entries = s.exec(select(m.AuditEntry).where(m.AuditEntry.bid_id == bid_id)).all()
        speakers = s.exec(select(m.Speaker).where(m.Speaker.bid_id == bid_id)).all()
    assert [(e.action, e.who, e.entity) for e in entries] == [("import", "tester", "bid")]
    assert len(speakers) == len(demo["speaker"]) and {sp.updated_by for sp in speakers} == {"tester"}


def test_field_rules_list_every_problem_and_nothing_is_stored(ws, demo):
    def negative(d):
        d["budget_line"][2]["unit_minor"] = -1
        d["budget_line"][5]["unit_minor"] = -2
        d["speaker"][0]["email"] = "no at sign"

    with pytest.raises(BidFileError) as err:
        bidfile.import_bid(ws, with_change(demo, negative))
    assert err.value.paths == ["$.budget_line[2].unit_minor", "$.budget_line[5].unit_minor", "$.speaker[0].email"]
    assert err.value.exit_code == 2
    assert count(ws, m.Bid) == 0 and count(ws, m.AuditEntry) == 0


def test_a_partner_named_twice_is_refused_with_its_path_not_a_database_error(ws, demo):
    # before: the database's UNIQUE constraint refused it, naming no place in the file
    with pytest.raises(BidFileError) as err:
        bidfile.import_bid(ws, with_change(demo, lambda d: d["partner"][3].__setitem__("name", d["partner"][0]["name"])))
    assert err.value.paths == ["$.partner[3].name"]
    assert count(ws, m.Bid) == 0


def test_a_moment_in_iso_basic_form_is_refused(ws, demo):
    # before: "20120101T100000" went in, since no checker of the date-time format was installed
    baseline = [{"id": 1, "name": "Approved by the board", "frozen_at": "20120101T100000"}]
    with pytest.raises(BidFileError) as err:
        bidfile.import_bid(ws, with_change(demo, lambda d: d.__setitem__("budget_baseline", baseline)))
    assert err.value.paths == ["$.budget_baseline[0].frozen_at"]
    baseline[0]["frozen_at"] = "2012-01-01T10:00:00+00:00"
    assert bidfile.import_bid(ws, with_change(demo, lambda d: d.__setitem__("budget_baseline", baseline)))


def long_chain(d: dict, tasks: int, *, close: bool) -> None:
    """Task n depends on task n + 1: the order that walked the old recursive check 1 500 calls deep, past
    Python's limit of 1 000 (a RecursionError)."""
    d["task"] = [{"id": n, "title": f"Step {n}", "due_date": "2011-11-01"} for n in range(1, tasks + 1)]
    d["task_dependency"] = [{"task_id": n, "depends_on_id": n + 1} for n in range(1, tasks)]
    if close:
        d["task_dependency"].append({"task_id": tasks, "depends_on_id": 1})


def test_a_long_dependency_chain_is_checked_without_recursion_error(ws, demo):
    bid_id = bidfile.import_bid(ws, with_change(demo, lambda d: long_chain(d, 1500, close=False)))
    assert len(wsvc.load_bundle(ws, bid_id).dependencies) == 1499
    with pytest.raises(BidFileError) as err:
        bidfile.import_bid(ws, with_change(demo, lambda d: long_chain(d, 1500, close=True)))
    assert err.value.paths == ["$.task_dependency"]
    assert "cycle" in str(err.value) and "Step 1500 -> Step 1499" in str(err.value)


def test_a_read_only_database_says_so_before_the_file_is_read(tmp_path, demo):
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    open_database(url).dispose()
    ws = wsvc.Workspace(db=open_database(url, read_only=True), user="tester")
    stream = io.BytesIO(json.dumps(demo).encode())
    try:
        with pytest.raises(ReadOnlyError):
            bidfile.import_bid(ws, stream)
    finally:
        ws.close()
    assert stream.tell() == 0


def test_an_endless_input_is_read_only_up_to_the_limit(ws, monkeypatch):
    monkeypatch.setattr(bidjson, "MAX_FILE_BYTES", 1 << 20)
    with open("/dev/zero", "rb") as endless, pytest.raises(BidFileError) as err:
        bidfile.import_bid(ws, endless)
    assert "larger than 1 MB" in str(err.value)
    assert count(ws, m.Bid) == 0


def test_the_rate_date_travels_with_the_bid_file(any_ws, demo):
    from datetime import date

    from planner.services import records

    bid_id, _created = load_demo(any_ws)
    records.update(any_ws, "bid", bid_id, {"rate_date": date(2011, 10, 3)})
    text = bidfile.export_bid(any_ws, bid_id)
    assert json.loads(text)["bid"]["rate_date"] == "2011-10-03"
    again = bidfile.import_bid(any_ws, text)
    assert wsvc.load_bundle(any_ws, again).bid.rate_date == date(2011, 10, 3)
    assert bidfile.export_bid(any_ws, again) == text
    older = with_change(demo, lambda doc: doc["bid"].pop("rate_date", None))  # a file from before the field
    assert wsvc.load_bundle(any_ws, bidfile.import_bid(any_ws, older)).bid.rate_date is None
    wrong = with_change(demo, lambda doc: doc["bid"].update(rate_date="3/10/2011"))
    with pytest.raises(BidFileError) as caught:
        bidfile.import_bid(any_ws, wrong)
    assert "$.bid.rate_date" in str(caught.value)
