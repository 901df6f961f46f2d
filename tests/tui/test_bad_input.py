"""Bad input keeps the form open with the reason under the field, and nothing is saved half."""

from __future__ import annotations

from sqlmodel import select

from planner.config import Settings
from planner.store import models as m
from planner.tui import make_app
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import SIZE, TODAY, add_record, error_of, fill, settle


def count(workspace, model) -> int:
    with workspace.session() as s:
        return len(s.exec(select(model)).all())


async def open_budget_form(pilot):
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()


async def test_an_amount_with_a_letter_o_is_refused(settings, small_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_budget_form(pilot)
        await fill(pilot, "label", "Coffee")
        await fill(pilot, "unit_minor", "12,5O")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "“12,5O” is not an amount in SEK" in error_of(app, "unit_minor")
        assert count(workspace, m.BudgetLine) == 0
        # put it right: the same form saves, with exact öre
        await fill(pilot, "unit_minor", "12,50")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert app.bundle.budget_lines[0].unit_minor == 1250


async def test_a_number_typed_into_the_currency_field_is_refused_not_a_crash(settings, small_bid, workspace):
    """Found by hand: 2500 typed into the currency beside an amount crashed the form (the amounts could not be
    made in currency "2500"); now each amount says the currency is wrong, and what typed stays."""
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "3", label="Deltagaravgifter", currency="2500", unit_minor="2500")
        assert isinstance(app.screen, FormScreen)
        assert "“2500” is not a currency" in error_of(app, "unit_minor")
        assert app.screen.query_one("#field-label").value == "Deltagaravgifter"
        assert count(workspace, m.BudgetLine) == 0
        await fill(pilot, "currency", "SEK")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert app.bundle.budget_lines[0].unit_minor == 250000


async def test_a_date_that_does_not_exist_is_refused(settings, small_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "title", "Site visit")
        app.screen.query_one("#field-anchor").clear()
        await fill(pilot, "offset_days", "")
        await fill(pilot, "due_date", "2012-02-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "2012-02-30 is not a day in the calendar" in error_of(app, "due_date")
        assert count(workspace, m.Task) == 0
        assert app.screen.query_one("#field-title").value == "Site visit"  # what was typed stays


async def test_an_empty_required_field_is_named(settings, small_bid, workspace):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_record(pilot, "2", name="")
        assert isinstance(app.screen, FormScreen)
        assert error_of(app, "name") == "This field is required."
        assert app.screen.query_one("#row-name").has_class("has-error")
        assert count(workspace, m.Venue) == 0


async def test_a_negative_attendance_is_refused(settings):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "conference", "Generator")
        await fill(pilot, "host_city", "Gävle")
        await fill(pilot, "attendance_expected", "-20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Must be zero or more, not -20." == error_of(app, "attendance_expected")
        assert app.bids == []


async def test_a_field_says_what_is_wrong_when_left(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_budget_form(pilot)
        await fill(pilot, "quantity", "two")
        await pilot.press("tab")  # leave the field
        await pilot.pause()
        assert "“two” is not a whole number" in error_of(app, "quantity")


async def test_a_dependency_circle_is_refused(settings, small_bid, workspace):
    from planner.services import records

    first = records.add(workspace, "task", {"bid_id": small_bid, "title": "Book venue", "anchor": "bid_deadline",
                                            "offset_days": -30})
    records.add(workspace, "task", {"bid_id": small_bid, "title": "Site visit", "anchor": "bid_deadline",
                                    "offset_days": -20}, links={"depends_on": [first.id]})
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        table = app.screen.query_one("#tasks-table")
        table.focus()
        table.move_cursor(row=0)  # "Book venue" is due first
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-title").value == "Book venue"
        waits = app.screen.query_one("#field-depends_on")
        waits.select_all()  # make it wait for "Site visit", which waits for it
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "depend on each other in a circle" in error_of(app, "depends_on")
        assert "Book venue" in error_of(app, "depends_on") and "Site visit" in error_of(app, "depends_on")
    with workspace.session() as s:
        assert len(s.exec(select(m.TaskDependency)).all()) == 1  # nothing saved half


async def test_a_read_only_database_shows_its_badge_and_switches_the_writing_keys_off(tmp_path, small_bid,
                                                                                       settings):
    read_only = Settings.load(db=tmp_path / "p.db", read_only=True)
    app = make_app(read_only, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("2", "3", "5", "6"):
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            assert "[read-only]" in screen.title
            note = screen.query_one("#read-only-note")
            assert note.display and "adding, editing and deleting are switched off" in str(note.render())
            assert note.region.height == 1  # one line, whole, at 120 columns and 80 alike
            assert note.region.y < screen.query_one("Footer").region.y <= SIZE[1] - 1  # in view, above the keys
            footer = {b.binding.action: b.enabled for b in screen.active_bindings.values()}
            assert footer["add"] is False and footer["delete"] is False and footer["edit"] is False
            await pilot.press("a")  # a dimmed key does nothing: no form opens to be refused on save
            await pilot.pause()
            assert app.screen is screen
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen is screen
