"""The Bid screen's new places show people's text as typed and never obey it: the bid's own text fields, the
date options' notes, the status history's notes, the criteria's names in the scoring matrix and the venues'
names over the availability matrix, with the corpus of tests/tui/test_hostile_text.py written past the
services' checks (as an older or crafted database holds it)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from textual.widgets import DataTable

from planner.config import Settings
from planner.tui import make_app
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, settle
from tests.tui.test_bid_screen import plain
from tests.tui.test_hostile_text import GROUPS, assert_nothing_raw, is_literal, shown

SIZE = (120, 40)
BID_TEXTS = ("edition", "host_region", "organiser", "contact_name", "contact_email", "contact_phone", "guarantor",
             "guarantee_statement", "internal_notes")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from planner.services import records
    from planner.services.workspace import Workspace, create_bid

    db_path = tmp_path_factory.mktemp("bid-hostile") / "p.db"
    settings = Settings.load(db=db_path, locale="en")
    ws = Workspace.open(settings)
    made = []
    for strings in GROUPS:
        bid = create_bid(ws, conference="Placeholder", host_city="Gävle", attendance_expected=100)
        options = [records.add(ws, "date_option", {"bid_id": bid.id, "start_date": date(2012, 9, 1),
                                                   "end_date": date(2012, 9, 2), "note": f"note-{i}"}).id
                   for i in range(len(strings))]
        criteria = [records.add(ws, "criterion", {"bid_id": bid.id, "key": f"c{i}", "name_en": f"c-{i}",
                                                  "name_sv": f"c-{i}", "position": 100 + i}).id
                    for i in range(len(strings))]
        venues = [records.add(ws, "venue", {"bid_id": bid.id, "name": f"v-{i}", "currency": "SEK"}).id
                  for i in range(3)]
        made.append((bid.id, strings, options, criteria, venues))
    ws.close()
    con = sqlite3.connect(db_path)
    with con:
        for bid_id, strings, options, criteria, venues in made:
            for name, text in zip(BID_TEXTS, strings, strict=False):
                con.execute(f"UPDATE bid SET {name} = ? WHERE id = ?", (text, bid_id))
            for key, text in zip(options, strings, strict=True):
                con.execute("UPDATE date_option SET note = ? WHERE id = ?", (text, key))
            for key, text in zip(criteria, strings, strict=True):
                con.execute("UPDATE criterion SET name_en = ? WHERE id = ?", (text, key))
            for key, text in zip(venues, strings, strict=False):
                con.execute("UPDATE venue SET name = ? WHERE id = ?", (text, key))
            con.executemany(
                "INSERT INTO audit_entry (bid_id, at, who, action, entity, entity_id, before, after) "
                "VALUES (?, '2011-10-01 10:00:00.000000', ?, 'status', 'bid', ?, ?, ?)",
                [(bid_id, "anna", str(bid_id), json.dumps({"status": "draft"}),
                  json.dumps({"status": "submitted", "date": "2011-11-29", "note": text})) for text in strings])
    con.close()
    return settings, made


def column_plain(table: DataTable, column: int) -> list[str]:
    cells = [table.get_row_at(row)[column] for row in range(table.row_count)]
    assert all(is_literal(c) for c in cells), cells
    return [c.plain for c in cells]


async def test_the_bid_screen_shows_every_text_as_typed(hostile):
    settings, made = hostile
    app = make_app(settings, bid_id=made[0][0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for bid_id, strings, _options, _criteria, _venues in made:
            app.open_bid(bid_id)
            await settle(pilot)
            await pilot.press("0")
            await settle(pilot)
            screen = app.screen
            screen.query_one("#bid-tabs").active = "tab-bid"
            await settle(pilot)
            fields = plain(screen.query_one("#bid-fields"))
            for text in strings[:len(BID_TEXTS)]:
                assert shown(text) in fields
            history = screen.query_one("#history-table", DataTable)
            assert sorted(column_plain(history, 3)) == sorted(shown(t) for t in strings)
            assert_nothing_raw(app, "bid")

            await pilot.press("e")  # the form shows them neutralised, and saving it untouched changes nothing
            await settle(pilot)
            assert isinstance(app.screen, FormScreen)
            assert app.screen.query_one("#field-contact_name").value == shown(strings[3])
            assert_nothing_raw(app, "bid form")
            await pilot.press("escape")
            await settle(pilot)

            screen.query_one("#bid-tabs").active = "tab-dates"
            await settle(pilot)
            dates = screen.query_one("#dates-table", DataTable)
            assert sorted(column_plain(dates, 4)) == sorted(shown(t) for t in strings)
            matrix = screen.query_one("#availability", DataTable)
            labels = [column.label.plain for column in matrix.ordered_columns][1:]
            # cut to the column's 14 cells with an ellipsis, as typed (no markup read)
            assert all(label == shown(t) or (label.endswith("…") and shown(t).startswith(label[:-1]))
                       for label, t in zip(labels, strings[:3], strict=True)), labels
            assert_nothing_raw(app, "date options")

            await pilot.press("2")
            await settle(pilot)
            app.screen.query_one("#venue-tabs").active = "tab-scoring"
            await settle(pilot)
            scoring = app.screen.query_one("#matrix", DataTable)
            names = column_plain(scoring, 0)
            for text in strings:  # as typed, or its first 27 cells and an ellipsis when longer than the column
                assert any(name == shown(text) or (name.endswith("…") and shown(text).startswith(name[:-1]))
                           for name in names), (text, names)
            assert_nothing_raw(app, "scoring")
            app.screen.query_one("#venue-tabs").active = "tab-candidates"
            await settle(pilot)
