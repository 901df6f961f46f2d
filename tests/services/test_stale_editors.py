"""Every save the TUI's editors make, made with a stale version, is refused on SQLite and on PostgreSQL.

Each case is a save as its editor makes it (the same service call, with the version the screen read), after
someone else saved the record meanwhile: the save is refused naming who saved it, and their change stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from planner.services import editing, records
from planner.services import workspace as wsvc
from planner.services.errors import ConflictError
from planner.store import models as m


@pytest.fixture
def ws(db):
    return wsvc.Workspace(db=db, user="anna")


@pytest.fixture
def bid(ws):
    return wsvc.create_bid(ws, conference="Generator", edition="2012", host_city="Gävle",
                           event_start=date(2012, 5, 24), event_end=date(2012, 5, 25))


@dataclass
class Case:
    """One editor's save: the record it edits, what another person saves first, the editor's stale save, and
    how to read the field both wrote."""

    kind: str
    make: Any  # (ws, bid) -> the record as the screen read it
    theirs: dict  # what the other person saves first
    mine: Any  # (ws, record, version) -> the editor's save, with the version the screen read
    read: str  # the field both saves write


def _option(ws, bid, start=date(2012, 10, 4)):
    return records.add(ws, "date_option", {"bid_id": bid.id, "start_date": start, "end_date": start})


def _criterion(ws, bid, key="stale_first"):
    return records.add(ws, "criterion", {"bid_id": bid.id, "key": key, "name_sv": "Kapacitet",
                                         "name_en": "Capacity", "weight": 10, "position": 0})


def _score(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    criterion = _criterion(ws, bid)
    return editing.set_venue_score(ws, venue.id, criterion.id, 7)


def _commitment(ws, bid):
    partner = records.add(ws, "partner", {"bid_id": bid.id, "name": "Region Gävleborg"})
    return records.add(ws, "commitment", {"bid_id": bid.id, "partner_id": partner.id, "amount_minor": 100_000,
                                          "description": "Cash"})


def _line(ws, bid, label):
    return records.add(ws, "budget_line", {"bid_id": bid.id, "kind": "income", "category": "public_funding",
                                           "label": label, "unit_minor": 100_000, "currency": "SEK",
                                           "vat_rate_percent": 0})


def _two_options(ws, bid):
    first = _option(ws, bid)
    _option(ws, bid, date(2012, 10, 11))
    return first


def _two_criteria(ws, bid):
    first = _criterion(ws, bid)
    _criterion(ws, bid, "stale_second")
    return first


def _commitment_and_line(ws, bid):
    _line(ws, bid, "Region grant")
    return _commitment(ws, bid)


def _availability(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    option = _option(ws, bid)
    return records.add(ws, "venue_availability", {"venue_id": venue.id, "date_option_id": option.id,
                                                  "available": False})


def _prefer(ws, record, version):
    return editing.prefer_date_option(ws, record.id, version)


def _move(ws, record, version):
    return editing.move_criterion(ws, record.id, 1, version)


def _link(ws, record, version):
    line = next(x for x in records.list_records(ws, "budget_line", record.bid_id) if x.label == "Region grant")
    return records.edit(ws, "commitment", record.id, {"budget_line_id": line.id}, expected_version=version)


def _edit(changes):
    """A record's form (e): records.edit with the version the form was opened on."""
    def save(ws, record, version):
        return records.edit(ws, type(record).__tablename__, _key_of(record), changes, expected_version=version)

    return save


CASES = {
    # the Bid screen (0): the bid's fields (e), with the records' translations of its texts in the same form
    "bid fields": Case("bid", lambda ws, bid: bid, {"internal_notes": "Theirs"},
                       _edit({"internal_notes": "Mine"}), "internal_notes"),
    # date options: the form (e), and p marking the preferred one
    "date option": Case("date_option", _option, {"note": "Theirs"}, _edit({"note": "Mine"}), "note"),
    "date option translation": Case("date_option", _option, {"translations": {"note": {"en": "Theirs"}}},
                                    _edit({"translations": {"note": {"en": "Mine"}}}), "translations"),
    "preferred date option": Case("date_option", _two_options, {"note": "Theirs"}, _prefer, "note"),
    # the Scoring tab: a criterion renamed (e), moved (shift+up/down), a venue's score
    "criterion": Case("criterion", _criterion, {"name_sv": "Theirs"}, _edit({"name_sv": "Mine"}), "name_sv"),
    "criterion order": Case("criterion", _two_criteria, {"weight": 30}, _move, "weight"),
    "venue score": Case("venue_score", _score, {"score": 3},
                        lambda ws, r, v: editing.set_venue_score(ws, r.venue_id, r.criterion_id, 9, v), "score"),
    # the dossier's texts editor (t)
    "dossier text": Case("bid_text",
                         lambda ws, bid: records.add(ws, "bid_text", {"bid_id": bid.id, "key": "motivation",
                                                                      "locale": "sv", "body": "Först"}),
                         {"body": "Theirs"}, _edit({"body": "Mine"}), "body"),
    # Partners: a commitment linked to its budget line (k, or its form)
    "commitment link": Case("commitment", _commitment_and_line, {"description": "Theirs"}, _link, "description"),
    # Budget: a line's form
    "budget line": Case("budget_line", lambda ws, bid: _line(ws, bid, "Grant"), {"label": "Theirs"},
                        _edit({"label": "Mine"}), "label"),
    # the Bid screen's availability matrix (Enter on a venue and a date option)
    "venue availability": Case("venue_availability", _availability, {"available": True},
                               lambda ws, r, v: editing.set_availability(ws, r.venue_id, r.date_option_id, False,
                                                                         seen_version=v), "available"),
    # Budget: a frozen baseline's name and note (its form on the baselines tab)
    "budget baseline": Case("budget_baseline",
                            lambda ws, bid: records.add(ws, "budget_baseline", {"bid_id": bid.id,
                                                                                "name": "Approved"}),
                            {"note": "Theirs"}, _edit({"note": "Mine"}), "note"),
}


def _key_of(record):
    if isinstance(record, m.VenueScore):
        return record.venue_id, record.criterion_id
    if isinstance(record, m.VenueAvailability):
        return record.venue_id, record.date_option_id
    return record.id


def _stored(ws, case: Case, record):
    with ws.session() as s:
        return getattr(s.get(records.model_for(case.kind), _key_of(record)), case.read)


@pytest.mark.parametrize("name", list(CASES))
def test_a_stale_save_of_each_editor_is_refused(ws, bid, name):
    case = CASES[name]
    record = case.make(ws, bid)
    seen = record.version  # what the screen read
    bertil = wsvc.Workspace(db=ws.db, user="bertil")
    records.update(bertil, case.kind, _key_of(record), case.theirs, expected_version=seen)
    theirs = _stored(ws, case, record)
    with pytest.raises(ConflictError) as err:
        case.mine(ws, record, seen)
    assert err.value.who == "bertil" and "bertil" in str(err.value)
    assert _stored(ws, case, record) == theirs  # their change stands
    # read again, the same save goes through
    with ws.session() as s:
        fresh = s.get(records.model_for(case.kind), _key_of(record)).version
    case.mine(ws, record, fresh)


def test_an_availability_answered_by_someone_else_since_it_was_seen_unanswered_is_refused(ws, bid):
    venue = records.add(ws, "venue", {"bid_id": bid.id, "name": "Konserthuset"})
    option = _option(ws, bid)
    bertil = wsvc.Workspace(db=ws.db, user="bertil")
    editing.set_availability(bertil, venue.id, option.id, False, seen_version=None)  # bertil answers first
    with pytest.raises(ConflictError) as err:
        editing.set_availability(ws, venue.id, option.id, True, seen_version=None)  # anna saw no answer
    assert err.value.who == "bertil"
    with ws.session() as s:
        kept = s.get(m.VenueAvailability, (venue.id, option.id))
        assert kept.available is False and kept.version == 1


# --- attached files: a caption (and its translation) edited, a file replaced -----------------------------


def _photo(ws, bid, tmp_path):
    from planner.services import attachments
    from tests.tui.test_attachments import make_png

    return attachments.attach_image(ws, bid.id, "photo", make_png(tmp_path / "stora-salen.png"), caption="Salen")


def _caption(ws, bid, record, version):
    from planner.services import attachments

    return attachments.set_caption(ws, bid.id, record.id, "Mine", expected_version=version)


def _translation(ws, bid, record, version):
    from planner.services import attachments

    return attachments.set_caption(ws, bid.id, record.id, "Salen", "Mine", expected_version=version)


def _replace(tmp_path):
    def replace(ws, bid, record, version):
        from planner.services import attachments
        from tests.tui.test_attachments import make_png

        return attachments.replace_file(ws, bid.id, record.id, make_png(tmp_path / "mine.png", 6, 6),
                                        expected_version=version)

    return replace


ATTACHMENT_SAVES = ["caption", "caption translation", "replaced file"]


@pytest.mark.parametrize("mine", ATTACHMENT_SAVES)
@pytest.mark.parametrize("theirs", ["caption", "replaced file"])
def test_a_stale_save_of_an_attached_file_is_refused(ws, bid, tmp_path, theirs, mine):
    from planner.services import attachments
    from tests.tui.test_attachments import make_png

    record = _photo(ws, bid, tmp_path)
    seen = record.version  # what the dialog read
    assert seen == 1
    bertil = wsvc.Workspace(db=ws.db, user="bertil")
    if theirs == "caption":
        attachments.set_caption(bertil, bid.id, record.id, "Theirs", expected_version=seen)
    else:
        attachments.replace_file(bertil, bid.id, record.id, make_png(tmp_path / "theirs.png", 5, 5),
                                 expected_version=seen)
    with ws.session() as s:
        stored = s.get(m.Attachment, record.id)
        after_theirs = (stored.version, stored.caption, dict(stored.translations), stored.sha256)
    assert after_theirs[0] == 2  # their change is one version step
    save = {"caption": _caption, "caption translation": _translation, "replaced file": _replace(tmp_path)}[mine]
    with pytest.raises(ConflictError) as err:
        save(ws, bid, record, seen)
    assert err.value.who == "bertil" and "bertil" in str(err.value) and "not saved" in str(err.value)
    with ws.session() as s:
        stored = s.get(m.Attachment, record.id)
        assert (stored.version, stored.caption, dict(stored.translations), stored.sha256) == after_theirs
    save(ws, bid, record, 2)  # read again, the same save goes through, one more step
    with ws.session() as s:
        assert s.get(m.Attachment, record.id).version == 3


def test_an_attached_file_removed_since_it_was_seen_is_refused_saying_so(ws, bid, tmp_path):
    from planner.services import attachments

    record = _photo(ws, bid, tmp_path)
    attachments.remove_attachment(wsvc.Workspace(db=ws.db, user="bertil"), bid.id, record.id)
    with pytest.raises(ConflictError) as err:
        attachments.set_caption(ws, bid.id, record.id, "Mine", expected_version=1)
    assert err.value.who == "bertil" and "deleted" in str(err.value)
    with pytest.raises(ConflictError):
        attachments.replace_file(ws, bid.id, record.id, tmp_path / "stora-salen.png", expected_version=1)


def test_every_change_of_an_attached_file_is_one_version_step(ws, bid, tmp_path):
    from planner.services import attachments
    from tests.tui.test_attachments import make_png

    record = _photo(ws, bid, tmp_path)
    attachments.set_caption(ws, bid.id, record.id, "Stora salen")
    attachments.set_caption(ws, bid.id, record.id, "Stora salen", "The main hall")
    attachments.set_caption(ws, bid.id, record.id, "Stora salen", "The main hall")  # nothing changes: no step
    replaced = attachments.replace_file(ws, bid.id, record.id, make_png(tmp_path / "new.png", 8, 8))
    assert replaced.version == 4
    shown = attachments.bid_pictures(ws, bid.id, "photo")
    assert [(p.id, p.caption, p.version, p.pixels) for p in shown] == [(record.id, "Stora salen", 4, (8, 8))]
