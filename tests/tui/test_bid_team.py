"""The bid team on the Bid screen (0, its Bid team tab), keys only: a person added with a role and its
translation, edited, deleted and put back; and every text of a team member shown as typed (the hostile corpus
written past the services' checks, as an older or crafted database holds it), in the table and in the form."""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import DataTable

from planner.config import Settings
from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, fill, settle
from tests.tui.test_bid_hostile import column_plain
from tests.tui.test_hostile_text import GROUPS, assert_nothing_raw, shown

SIZE = (120, 40)
TEAM_TEXTS = ("name", "role", "organisation", "email", "phone")


async def keys(pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


async def open_team_tab(pilot) -> None:
    await keys(pilot, "0", "right_square_bracket", "right_square_bracket")
    assert pilot.app.screen.query_one("#bid-tabs").active == "tab-team"
    pilot.app.screen.query_one("#team-table").focus()
    await settle(pilot)


async def test_a_team_member_is_added_edited_and_deleted_by_keys(settings, small_bid, workspace):
    from planner.services import records

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_team_tab(pilot)
        await keys(pilot, "a")
        form = app.screen
        assert isinstance(form, FormScreen)
        await keys(pilot, "ctrl+s")
        assert app.screen is form  # a person needs a name: said under the field, nothing saved
        assert records.list_records(workspace, "team_member", small_bid) == []
        await fill(pilot, "name", "Sara Lundgren")
        await fill(pilot, "role", "Lokaler och hotell")
        await fill(pilot, "role__en", "Venues and hotels")
        await fill(pilot, "organisation", "Gävle kommun")
        await fill(pilot, "email", "sara@example.org")
        await keys(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormScreen)
        [member] = records.list_records(workspace, "team_member", small_bid)
        assert (member.name, member.role, member.organisation, member.email, member.shown_in_dossier) == (
            "Sara Lundgren", "Lokaler och hotell", "Gävle kommun", "sara@example.org", True)
        assert member.translations == {"role": {"en": "Venues and hotels"}}
        table = app.screen.query_one("#team-table", DataTable)
        assert column_plain(table, 0) == ["Sara Lundgren"] and column_plain(table, 1) == ["Lokaler och hotell"]

        await keys(pilot, "e")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-role__en").value == "Venues and hotels"
        await fill(pilot, "role", "Lokaler, hotell och platsbesök")
        await keys(pilot, "ctrl+s")
        [member] = records.list_records(workspace, "team_member", small_bid)
        assert member.role == "Lokaler, hotell och platsbesök" and member.version == 2
        assert column_plain(table, 1) == ["Lokaler, hotell och platsbesök"]

        await keys(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "y")
        assert records.list_records(workspace, "team_member", small_bid) == []
        assert table.row_count == 0
        await keys(pilot, "ctrl+z")  # the deletion taken back
        [back] = records.list_records(workspace, "team_member", small_bid)
        assert back.name == "Sara Lundgren"


async def test_the_signatorys_title_is_edited_with_its_translation_in_the_bid_form(settings, small_bid, workspace):
    from planner.services.translations import other_locale
    from planner.services.workspace import get_bid

    other = other_locale(get_bid(workspace, small_bid).content_locale)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "0")
        app.screen.query_one("#bid-tabs").active = "tab-bid"
        await settle(pilot)
        await keys(pilot, "e")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "signatory_name", "Eva Lindqvist")
        await fill(pilot, "signatory_title", "Regionråd")
        await fill(pilot, f"signatory_title__{other}", "Regional councillor")
        await keys(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormScreen)
        bid = get_bid(workspace, small_bid)
        assert bid.signatory_title == "Regionråd"
        assert bid.translations == {"signatory_title": {other: "Regional councillor"}}


@pytest.fixture(scope="module")
def hostile_team(tmp_path_factory):
    from planner.services import records
    from planner.services.workspace import Workspace, create_bid

    db_path = tmp_path_factory.mktemp("team-hostile") / "p.db"
    settings = Settings.load(db=db_path, locale="en")
    ws = Workspace.open(settings)
    made = []
    for strings in GROUPS:
        bid = create_bid(ws, conference="Placeholder", host_city="Gävle", attendance_expected=100)
        members = [records.add(ws, "team_member", {"bid_id": bid.id, "name": f"m-{i}"}).id
                   for i in range(len(strings))]
        made.append((bid.id, strings, members))
    ws.close()
    con = sqlite3.connect(db_path)
    with con:
        for _bid_id, strings, members in made:
            for n, (key, text) in enumerate(zip(members, strings, strict=True)):
                column = TEAM_TEXTS[n % len(TEAM_TEXTS)]
                con.execute("UPDATE team_member SET name = ? WHERE id = ?", (text, key))
                if column != "name":
                    con.execute(f"UPDATE team_member SET {column} = ? WHERE id = ?", (text, key))
    con.close()
    return settings, made


async def test_the_team_table_and_form_show_every_text_as_typed(hostile_team):
    settings, made = hostile_team
    app = make_app(settings, bid_id=made[0][0], today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for bid_id, strings, _members in made:
            app.open_bid(bid_id)
            await settle(pilot)
            await keys(pilot, "0")
            app.screen.query_one("#bid-tabs").active = "tab-team"
            await settle(pilot)
            table = app.screen.query_one("#team-table", DataTable)
            table.focus()
            assert sorted(column_plain(table, 0)) == sorted(shown(t) for t in strings)
            for n, text in enumerate(strings):
                column = TEAM_TEXTS[n % len(TEAM_TEXTS)]
                if column != "name":
                    assert shown(text) in column_plain(table, TEAM_TEXTS.index(column))
            assert_nothing_raw(app, "team table")
            table.move_cursor(row=0)
            await keys(pilot, "e")  # the form shows them neutralised
            assert isinstance(app.screen, FormScreen)
            name = app.screen.query_one("#field-name").value
            assert name in {shown(t) for t in strings}
            assert_nothing_raw(app, "team form")
            await keys(pilot, "escape")
            if isinstance(app.screen, ConfirmScreen):
                await keys(pilot, "y")
