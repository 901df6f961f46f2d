"""Undo and redo for edits as well as deletes, through the records service, the cursor on the row."""

from __future__ import annotations

from planner.services import records
from planner.services.workspace import Workspace
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, add_record, fill, settle, told


def venue_names(app) -> list[str]:
    return [v.name for v in app.bundle.venues]


async def test_an_edit_and_a_delete_are_undone_and_redone_with_the_cursor_on_the_row(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for name in ("Konserthuset", "Gasklockorna"):
            await add_record(pilot, None, name=name)
        table = app.screen.query_one("#venues-table")
        table.focus()
        first = next(v for v in app.bundle.venues if v.name == "Konserthuset")
        assert table.show_row(str(first.id))
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "name", "Gävle Konserthus [stora salen]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Gävle Konserthus [stora salen]" in venue_names(app)

        table.move_cursor(row=0)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sorted(venue_names(app)) == ["Gasklockorna", "Konserthuset"]
        assert table.cursor_row_key() == str(first.id)  # the cursor on the row the undo changed
        toasts = told(app)
        assert any("The edit of “Konserthuset” is taken back." in t for t in toasts)

        await pilot.press("ctrl+y")  # redo
        await settle(pilot)
        assert "Gävle Konserthus [stora salen]" in venue_names(app)

        assert table.show_row(str(first.id))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert venue_names(app) == ["Gasklockorna"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sorted(venue_names(app)) == ["Gasklockorna", "Gävle Konserthus [stora salen]"]
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert venue_names(app) == ["Gasklockorna"]
        await pilot.press("ctrl+z")  # put back again, then the edit before it is taken back too
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sorted(venue_names(app)) == ["Gasklockorna", "Konserthuset"]
        await pilot.press("ctrl+y")
        await pilot.press("ctrl+y")
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert any("There is nothing to redo." in t for t in told(app))
    ws = Workspace.open(settings)
    try:
        kept = records.list_records(ws, "venue", small_bid)
        assert [v.name for v in kept] == ["Gasklockorna"]
    finally:
        ws.close()


async def test_undoing_an_edit_someone_has_changed_since_is_refused_and_kept(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "2", name="Konserthuset")
        table = app.screen.query_one("#venues-table")
        table.focus()
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "name", "Konserthuset, Gävle")
        await pilot.press("ctrl+s")
        await settle(pilot)
        venue = app.bundle.venues[0]
        other = Workspace.open(settings.with_(user="erik"))
        try:
            records.update(other, "venue", venue.id, {"city": "Gävle"}, expected_version=venue.version)
        finally:
            other.close()
        await pilot.press("ctrl+z")
        await settle(pilot)
        toasts = told(app)
        assert any("erik" in t for t in toasts), toasts  # who changed it, as the records service says
        assert len(app.undo_stack) == 1 and not app.redo_stack
        assert venue_names(app) == ["Konserthuset, Gävle"]
