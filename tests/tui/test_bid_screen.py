"""The bid itself in the terminal UI, keys only: a new bid with its scenarios and decision date, its fields
edited on the Bid screen (0), its status moved twice with the history shown, date options with one preferred
and each venue's availability, and the venue criteria added, renamed, reordered and removed (and put back)."""

from __future__ import annotations

import io
from datetime import date

from textual.widgets import DataTable

from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, choose, error_of, fill, screen_text, settle

SIZE = (120, 40)


async def keys(pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


def plain(widget) -> str:
    """What a panel shows, as text (a table of fields drawn wide enough that nothing wraps)."""
    from rich.console import Console

    console = Console(width=400, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def readiness(app, key: str):
    return next(item for item in app.analysis.readiness.items if item.key == key)


async def test_a_new_bid_asks_for_its_scenarios_and_decision_date(settings):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "n")
        form = app.screen
        assert isinstance(form, FormScreen)
        await fill(pilot, "conference", "Nordic Makers")
        await fill(pilot, "host_city", "Sandviken")
        await fill(pilot, "bid_deadline", "2011-12-01")
        await fill(pilot, "decision_date", "2012-02-15")
        await fill(pilot, "attendance_low", "300")
        await fill(pilot, "attendance_expected", "200")
        await fill(pilot, "attendance_high", "350")
        await keys(pilot, "ctrl+s")
        assert app.screen is form  # low above expected: said under the field, nothing saved
        assert "cannot be above the expected" in error_of(app, "attendance_low")
        await fill(pilot, "attendance_low", "120")
        await keys(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormScreen)
        bid = app.bundle.bid
        assert (bid.attendance_low, bid.attendance_expected, bid.attendance_high) == (120, 200, 350)
        assert bid.decision_date == date(2012, 2, 15)
        await keys(pilot, "0")
        text = plain(app.screen.query_one("#bid-fields"))
        assert "15 February 2012" in text and "350" in text and "Draft" in text


async def test_blank_low_and_high_are_the_expected_attendance(settings):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "n")
        await fill(pilot, "conference", "Nordic Makers")
        await fill(pilot, "host_city", "Sandviken")
        await fill(pilot, "attendance_expected", "200")
        await keys(pilot, "ctrl+s")
        bid = app.bundle.bid
        assert (bid.attendance_low, bid.attendance_expected, bid.attendance_high) == (200, 200, 200)


async def test_the_bid_screen_edits_every_field_and_moves_the_status_with_a_history(settings, small_bid, workspace):
    from planner.services.bidstatus import history
    from planner.services.workspace import get_bid

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "0")
        assert app.current_mode == "bid"
        await keys(pilot, "e")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "contact_name", "Anna [bold]Berg[/]")
        await fill(pilot, "attendance_low", "150")
        await fill(pilot, "attendance_high", "260")
        await fill(pilot, "complimentary_attendees", "12")
        await fill(pilot, "spend_per_delegate_day_minor", "2 800,00")
        await fill(pilot, "internal_notes", "Ask the region first")
        await keys(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormScreen)
        bid = get_bid(workspace, small_bid)
        assert (bid.attendance_low, bid.attendance_high, bid.complimentary_attendees) == (150, 260, 12)
        assert bid.contact_name == "Anna [bold]Berg[/]" and bid.spend_per_delegate_day_minor == 280000
        assert "Anna [bold]Berg[/]" in plain(app.screen.query_one("#bid-fields"))  # as typed, never as markup
        await keys(pilot, "ctrl+z")  # the edit is taken back through the records service, and made again
        assert get_bid(workspace, small_bid).attendance_low == 200
        await keys(pilot, "ctrl+y")
        assert get_bid(workspace, small_bid).attendance_low == 150

        await keys(pilot, "c")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "on", "2011-11-29")
        await fill(pilot, "note", "Sent by courier")
        await keys(pilot, "ctrl+s")
        await keys(pilot, "c")
        choose(pilot, "status", "shortlisted")
        await fill(pilot, "on", "2012-01-10")
        await keys(pilot, "ctrl+s")
        assert get_bid(workspace, small_bid).status == "shortlisted"
        moves = history(workspace, small_bid)
        assert [(c.before, c.after, c.on, c.note) for c in moves] == [
            ("draft", "submitted", date(2011, 11, 29), "Sent by courier"),
            ("submitted", "shortlisted", date(2012, 1, 10), "")]
        table = app.screen.query_one("#history-table", DataTable)
        shown = [" ".join(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)]
        assert len(shown) == 2 and "Sent by courier" in shown[0] and "Shortlisted" in shown[1]


async def test_a_stale_edit_of_the_bid_is_refused(settings, small_bid, workspace):
    from planner.services import records
    from planner.services.workspace import get_bid

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "0", "e")
        form = app.screen
        records.update(workspace, "bid", small_bid, {"organiser": "Someone else"})
        await fill(pilot, "organiser", "Me")
        await keys(pilot, "ctrl+s")
        assert app.screen is form  # the form stays with what was typed
        assert get_bid(workspace, small_bid).organiser == "Someone else"


async def test_date_options_one_preferred_and_availability(settings, small_bid, workspace):
    from planner.services import records

    records.add(workspace, "venue", {"bid_id": small_bid, "name": "Kulturhuset [i]", "currency": "SEK"})
    records.add(workspace, "venue", {"bid_id": small_bid, "name": "Göransson Arena", "currency": "SEK"})
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert readiness(app, "date_options").status == "fail"
        await keys(pilot, "0", "a")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "start_date", "2012-09-06")
        await fill(pilot, "end_date", "2012-09-07")
        await keys(pilot, "ctrl+s")
        await keys(pilot, "a")
        await fill(pilot, "start_date", "2012-09-20")
        await fill(pilot, "end_date", "2012-09-19")
        await keys(pilot, "ctrl+s")
        assert "cannot end before it starts" in error_of(app, "end_date")
        await fill(pilot, "end_date", "2012-09-21")
        await fill(pilot, "note", "Backup [red]week[/]")
        await fill(pilot, "note__en", "Reserve [b]week[/b]")  # a new option's note takes its English at once
        await keys(pilot, "ctrl+s")
        options = records.list_records(workspace, "date_option", small_bid)
        assert [(o.start_date, o.end_date) for o in options] == [(date(2012, 9, 6), date(2012, 9, 7)),
                                                                 (date(2012, 9, 20), date(2012, 9, 21))]
        assert options[1].translations == {"note": {"en": "Reserve [b]week[/b]"}}
        assert "Backup [red]week[/]" in screen_text(app)

        table = app.screen.query_one("#dates-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await keys(pilot, "p")
        table.move_cursor(row=1)
        await keys(pilot, "p")
        preferred = {o.start_date.day: o.preferred for o in records.list_records(workspace, "date_option", small_bid)}
        assert preferred == {6: False, 20: True}  # one preferred at a time
        assert readiness(app, "date_options").status == "pass"
        await keys(pilot, "ctrl+z")  # the move of "preferred" is taken back whole
        preferred = {o.start_date.day: o.preferred for o in records.list_records(workspace, "date_option", small_bid)}
        assert preferred == {6: True, 20: False}

        matrix = app.screen.query_one("#availability", DataTable)
        matrix.focus()
        matrix.move_cursor(row=0, column=1)
        await keys(pilot, "enter")  # available
        await keys(pilot, "right", "enter")  # the second venue, available
        await keys(pilot, "enter")  # and again: not available
        answers = {(a.venue_id, a.date_option_id): a.available for a in app.bundle.availability}
        assert sorted(answers.values()) == [False, True]
        await keys(pilot, "ctrl+z")  # the second venue is available again
        answers = {(a.venue_id, a.date_option_id): a.available for a in app.bundle.availability}
        assert sorted(answers.values()) == [True, True]
        await keys(pilot, "ctrl+z")  # and its answer is gone, as before it was given
        assert [a.available for a in app.bundle.availability] == [True]
        assert app.current_mode == "bid"
        await keys(pilot, "2")  # digits still switch screens from the matrix
        assert app.current_mode == "venues"


async def test_criteria_added_renamed_reordered_and_removed_with_undo(settings, small_bid, workspace):
    from planner.services import records
    from planner.services.editing import set_venue_score

    venue = records.add(workspace, "venue", {"bid_id": small_bid, "name": "Kulturhuset", "currency": "SEK"})
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "2")
        app.screen.query_one("#venue-tabs").active = "tab-scoring"
        await settle(pilot)
        matrix = app.screen.query_one("#matrix", DataTable)
        matrix.focus()
        before = len(app.bundle.criteria)
        await keys(pilot, "a")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "name_en", "Sustainability [b]")
        await fill(pilot, "name_sv", "Hållbarhet")
        await fill(pilot, "weight", "15")
        await keys(pilot, "ctrl+s")
        criteria = records.list_records(workspace, "criterion", small_bid)
        assert len(criteria) == before + 1 and criteria[-1].name_en == "Sustainability [b]"
        new = criteria[-1]
        assert matrix.cursor_row == before  # on the new criterion
        assert "Sustainability [b]" in screen_text(app)
        set_venue_score(workspace, venue.id, new.id, 7)

        await keys(pilot, "e")
        await fill(pilot, "name_en", "Sustainable")
        await keys(pilot, "ctrl+s")
        assert records.list_records(workspace, "criterion", small_bid)[-1].name_en == "Sustainable"

        await keys(pilot, "shift+up")
        order = [c.id for c in records.list_records(workspace, "criterion", small_bid)]
        assert order.index(new.id) == before - 1 and matrix.cursor_row == before - 1
        await keys(pilot, "ctrl+z")
        order = [c.id for c in records.list_records(workspace, "criterion", small_bid)]
        assert order.index(new.id) == before
        matrix.move_cursor(row=before)

        await keys(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 score(s) go with it" in str(app.screen.query_one("#confirm-question").render())
        await keys(pilot, "y")
        assert new.id not in [c.id for c in records.list_records(workspace, "criterion", small_bid)]
        assert not [s for s in app.bundle.scores if s.criterion_id == new.id]
        await keys(pilot, "ctrl+z")
        back = records.list_records(workspace, "criterion", small_bid)
        assert new.id in [c.id for c in back]
        assert [(s.criterion_id, s.score) for s in app.bundle.scores if s.criterion_id == new.id] == [(new.id, 7)]


async def test_the_venues_screen_shows_the_weight_sensitivity(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "2")
        text = str(app.screen.query_one("#sensitivity").render())
        ranking = app.analysis.ranking
        first, second = [v.name for v in ranking.venues if v.qualified][:2]
        assert f"before {second} overtakes {first}" in text
        assert any(s.change is not None for s in ranking.sensitivity) and "(to " in text


async def test_the_bid_screen_fits_80x24(settings, small_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "0")
        assert app.screen.query_one("#bid-fields").region.height > 3
        assert app.screen.query_one("#history-table").region.height > 1
        await keys(pilot, "right_square_bracket")
        assert app.screen.query_one("#availability").region.height > 1


async def test_stale_edits_of_a_date_option_and_a_criterion_are_refused(settings, small_bid, workspace):
    from planner.services import records

    option = records.add(workspace, "date_option", {"bid_id": small_bid, "start_date": date(2012, 9, 6),
                                                    "end_date": date(2012, 9, 7)})
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await keys(pilot, "0", "right_square_bracket")
        app.screen.query_one("#dates-table").focus()
        await keys(pilot, "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        records.update(workspace, "date_option", option.id, {"note": "Theirs"})  # saved meanwhile by another
        await fill(pilot, "note", "Mine")
        await keys(pilot, "ctrl+s")
        assert app.screen is form
        assert records.list_records(workspace, "date_option", small_bid)[0].note == "Theirs"
        await keys(pilot, "escape", "y")

        await keys(pilot, "2")
        app.screen.query_one("#venue-tabs").active = "tab-scoring"
        await settle(pilot)
        app.screen.query_one("#matrix").focus()
        first = app.bundle.criteria[0]
        await keys(pilot, "e")
        form = app.screen
        records.update(workspace, "criterion", first.id, {"name_en": "Theirs"})
        await fill(pilot, "name_en", "Mine")
        await keys(pilot, "ctrl+s")
        assert app.screen is form
        assert records.list_records(workspace, "criterion", small_bid)[0].name_en == "Theirs"


def test_every_palette_command_names_an_action_of_its_screen():
    import importlib

    from planner.tui.app import SCREENS
    from planner.tui.commands import COMMANDS

    for _title, _help, mode, action in COMMANDS:
        if mode and action:
            _key, module, cls, _name = SCREENS[mode]
            screen = getattr(importlib.import_module(f"planner.tui.screens.{module}"), cls)
            assert hasattr(screen, f"action_{action}"), (mode, action)


async def test_the_bid_screen_opens_on_the_bid_fields_not_on_the_empty_status_history(settings, small_bid):
    """The first tab's status history (empty on a new bid) took the focus; the bid's fields have it now, on
    opening the screen and back on the tab, so that the arrows and End scroll them (at 80x24 they do not fit)."""
    from textual.containers import VerticalScroll

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "0")
        box = app.screen.query_one("#bid-fields-box", VerticalScroll)
        assert app.screen.query_one("#history-table", DataTable).row_count == 0
        assert app.focused is box
        assert box.max_scroll_y > 0
        await keys(pilot, "end")
        assert box.scroll_y == box.max_scroll_y
        await keys(pilot, "right_square_bracket")
        assert app.focused is app.screen.query_one("#dates-table")
        await keys(pilot, "left_square_bracket")
        assert app.focused is box
        # elsewhere and back: the fields again
        await keys(pilot, "1", "0")
        assert app.focused is box
