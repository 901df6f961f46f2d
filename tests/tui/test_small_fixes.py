"""The small things a coordinator noticed, each checked as it is seen: the declined row of the pipeline, `w`
only where there are criteria, the open bid marked in ctrl+o, a passed deadline as an alert, the baseline panel
in read-only, the speakers' lines on the Budget, one date style on Changes."""

from __future__ import annotations

import re
from datetime import date

from planner.config import Settings
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, screen_text, settle, told


async def test_the_pipeline_counts_declined_commitments(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        pipeline = str(app.screen.query_one("#pipeline").render())
        declined = next(line for line in pipeline.splitlines() if line.startswith("Declined"))
        # the demo has one declined commitment, of 15 000 kr
        assert re.match(r"Declined\s+1\b", declined) and "SEK15,000" in declined


async def test_w_is_for_the_scoring_tab_only(settings, demo_bid):
    from textual.widgets import TabbedContent

    from planner.tui.widgets.form import FormScreen

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        footer = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "weight" not in footer
        await pilot.press("w")  # on the Candidates tab: nothing opens
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        app.screen.query_one(TabbedContent).active = "tab-scoring"
        await settle(pilot)
        assert "weight" in {b.binding.action for b in app.screen.active_bindings.values()}
        app.screen.query_one("#matrix").focus()
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_ctrl_o_marks_the_open_bid_and_puts_the_cursor_on_it(settings, demo_bid, workspace):
    from planner.services.workspace import create_bid
    from planner.tui.widgets.table import SortableTable

    other = create_bid(workspace, conference="Aaa Summit", host_city="Sandviken", bid_deadline=date(2012, 1, 31),
                       base_currency="SEK")
    app = make_app(settings, bid_id=demo_bid, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        table = app.screen.query_one("#bids", SortableTable)
        marks = {str(table.get_row(key)[1]): str(table.get_row(key)[0]) for key in table.rows}
        assert marks["Generator 2012, Gävle"] == "●" and marks[other.title] == ""
        assert table.cursor_row_key() == str(demo_bid)
        assert "● marks the bid that is open" in screen_text(app)


async def test_a_passed_deadline_of_a_draft_bid_is_an_alert(settings, demo_bid):
    app = make_app(settings, today=date(2011, 12, 5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        alerts = str(app.screen.query_one("#ov-alerts").render())
        assert "The bid deadline passed on 30 Nov 2011 and the bid is still a draft" in alerts


async def test_the_baseline_panel_does_not_ask_for_f_in_read_only(tmp_path, small_bid):
    app = make_app(Settings.load(db=tmp_path / "p.db", read_only=True), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        baseline = str(app.screen.query_one("#budget-baseline").render())
        assert "Press f" not in baseline and "read-only" in baseline


async def test_e_on_a_speakers_line_says_where_to_change_it(settings, demo_bid):
    from planner.tui.widgets.table import SortableTable

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#lines-table", SortableTable)
        table.focus()
        row = next(i for i, r in enumerate(table.shown_rows()) if not r.key.isdigit())
        table.move_cursor(row=row)
        await pilot.press("e")
        await settle(pilot)
        toasts = told(app)
        assert any("change them on the Speakers screen" in t for t in toasts)
        assert not any("Highlight a row first" in t for t in toasts)


async def test_changes_show_dates_in_the_one_style_of_the_screens(settings, demo_bid):
    from planner.tui.widgets.table import SortableTable

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        table = app.screen.query_one("#changes-table", SortableTable)
        shown = " ".join(str(c) for c in table.get_row_at(0))
        assert not re.search(r"\d\d/\d\d/\d{2,4}", shown)
        assert re.search(r"\d{1,2} [A-Z][a-z]{2,3} \d{4} \d\d:\d\d", shown), shown


async def test_the_gantt_axis_names_every_month(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        chart = str(app.screen.query_one("#gantt-body").render()).splitlines()
        years, months = chart[0], chart[1]
        # the demo's plan runs from September 2011 to June 2012, a column a week: each month is named
        for month in ("Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun"):
            assert month in months, months
        assert "2011" in years and "2012" in years


async def test_budget_lines_come_in_natural_order(settings, small_bid, workspace):
    from planner.services import records
    from planner.tui.widgets.table import SortableTable

    for name in ("Line 1010", "Line 10", "Line 1000", "Line 2"):
        records.add(workspace, "budget_line", {"bid_id": small_bid, "kind": "expense", "category": "other",
                                               "label": name, "basis": "fixed", "unit_minor": 100_00,
                                               "currency": "SEK"})
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#lines-table", SortableTable)
        names = [str(row.cells[1]) for row in table.shown_rows()]
        assert names == ["Line 2", "Line 10", "Line 1000", "Line 1010"]


async def test_the_overview_groups_the_digits_of_attendance_and_days_as_every_other_figure(settings, workspace):
    from planner.services.workspace import create_bid

    create_bid(workspace, conference="Large Congress", host_city="Gävle", bid_deadline=date(2008, 1, 1),
               event_start=date(2012, 9, 6), event_end=date(2012, 9, 7), attendance_low=1500,
               attendance_expected=3000, attendance_high=4500, base_currency="SEK")
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Attendance: 1,500 / 3,000 / 4,500" in text
        assert f"The deadline passed {(TODAY - date(2008, 1, 1)).days:,} days ago" in text  # 1,371
