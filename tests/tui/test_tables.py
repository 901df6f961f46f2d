"""Every table scrolls to its last row and last column at 120x40 and 80x24, sorts in natural order, filters on
its own; digits on the Scoring tab switch screens; the cursor lands on what was saved; modals show their keys.

The tables are filled from a mid-sized bid (more rows and columns than either terminal shows) made by the
large-bid generator, plus hotel blocks and the audit entries their adding writes.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from planner.config import Settings
from planner.store import models as m
from planner.tui import make_app
from planner.tui.widgets.table import Cell, SortableTable, fit, natural, prepare
from tests.tui.conftest import TODAY, add_record, fill, settle

# (screen key, tab pane id or None, table id)
TABLES = [
    ("2", "tab-candidates", "venues-table"),
    ("2", "tab-rooms", "rooms-table"),
    ("2", "tab-blocks", "blocks-table"),
    ("3", "tab-lines", "lines-table"),
    ("3", "tab-categories", "categories-table"),
    ("4", "tab-speakers", "speakers-table"),
    ("4", "tab-sessions", "sessions-table"),
    ("5", "tab-partners", "partners-table"),
    ("5", "tab-commitments", "commitments-table"),
    ("6", "tab-list", "tasks-table"),
    ("9", None, "changes-table"),
]


@pytest.fixture(scope="module")
def mid_bid_db(tmp_path_factory):
    """A database file with a bid bigger than any terminal: 45 lines, 40 speakers, 30 venues ..."""
    from datetime import date

    from benchmarks.generate_large_bid import generate_large_bid
    from planner.services.workspace import Workspace, add_record

    path = tmp_path_factory.mktemp("mid") / "mid.db"
    ws = Workspace.open(Settings.load(db=path))
    bid_id = generate_large_bid(ws, speakers=40, lines=45, tasks=40, partners=30, venues=30, sessions=40)
    for n in range(1, 31):
        add_record(ws, m.AccommodationBlock(bid_id=bid_id, hotel=f"Hotell {n} vid Stortorget i Gävle", rooms=n,
                                            nights=2, rate_minor=95_000 + n, currency="SEK", distance_m=100 * n,
                                            release_date=date(2012, 4, 1)))
    ws.close()
    return path


def copy_of(db, tmp_path):
    import shutil

    target = tmp_path / "p.db"
    shutil.copy(db, target)
    return Settings.load(db=target)


async def show_table(pilot, key: str, pane: str | None, table_id: str) -> SortableTable:
    app = pilot.app
    await pilot.press(key)
    await settle(pilot)
    if pane is not None:
        from textual.widgets import TabbedContent

        app.screen.query_one(TabbedContent).active = pane
        await settle(pilot)
    table = app.screen.query_one(f"#{table_id}", SortableTable)
    table.focus()
    await settle(pilot)
    return table


def visible(table: SortableTable, row: int, column: int) -> bool:
    """Whether the cell (row, column) is wholly inside the part of the table on screen: a column that scrolls
    is seen right of the key columns kept in view."""
    left, right = table.span_on_screen(column)
    fixed = table.fixed_width() if column >= table.fixed_columns else 0
    y = row + (table.header_height if table.show_header else 0)
    view = table.scrollable_content_region
    scroll_y = table.scroll_offset.y
    header = table.header_height if table.show_header else 0
    return (fixed <= left and left + min(right - left, view.width - fixed) <= view.width
            and scroll_y + header <= y < scroll_y + view.height)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (200, 60)], ids=["120x40", "80x24", "200x60"])
async def test_every_table_scrolls_to_its_last_row_and_column(mid_bid_db, tmp_path, size):
    app = make_app(copy_of(mid_bid_db, tmp_path), today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key, pane, table_id in TABLES:
            table = await show_table(pilot, key, pane, table_id)
            assert table.row_count > 3, table_id
            assert table.virtual_size.height == table.row_count + 1, table_id  # header + one line a row
            assert visible(table, 0, 0), table_id
            await pilot.press("ctrl+end")
            await settle(pilot)
            last_row, last_column = table.row_count - 1, len(table.ordered_columns) - 1
            assert table.cursor_row == last_row, table_id
            assert visible(table, last_row, last_column), (table_id, table.scroll_offset, table.size)
            # and the row's name with it: the key columns stay in view, in no more than half of the table
            assert visible(table, last_row, 0), (table_id, table.scroll_offset, table.fixed_columns)
            assert all(visible(table, last_row, i) for i in range(table.fixed_columns)), table_id
            assert table.fixed_width() <= table.scrollable_content_region.width // 2, table_id
            # and back: the first cell is in view again
            await pilot.press("ctrl+home")
            await settle(pilot)
            assert table.cursor_row == 0 and visible(table, 0, 0), table_id


async def test_down_keeps_the_cursor_row_in_view_and_the_budget_scrolls_sideways(mid_bid_db, tmp_path):
    app = make_app(copy_of(mid_bid_db, tmp_path), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "3", "tab-lines", "lines-table")
        for _ in range(30):
            await pilot.press("down")
        await settle(pilot)
        assert table.cursor_row == 30 and visible(table, 30, 0)
        assert table.scroll_offset.y > 0
        # 80 columns less the side panel cannot hold eight columns: they scroll, and Forecast is reached
        assert table.max_scroll_x > 0
        await pilot.press("ctrl+right")
        await settle(pilot)
        forecast = len(table.ordered_columns) - 1
        assert table.ordered_columns[forecast].label.plain.startswith("Forecast")
        assert visible(table, 30, forecast)
        await pilot.press("ctrl+left")
        await settle(pilot)
        assert table.scroll_offset.x == 0 and table.cursor_row == 30
        # Home and End go to the first and the last row, as in a list; the columns stay
        await pilot.press("ctrl+right", "home")
        await settle(pilot)
        assert table.cursor_row == 0 and visible(table, 0, forecast)
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == table.row_count - 1 and visible(table, table.row_count - 1, forecast)


def test_money_columns_are_never_narrowed_and_text_gives_way():
    labels = ["Category", "Line", "Planned", "Forecast"]
    widths = [20, 60, 14, 14]
    numeric = [False, False, True, True]
    fitted = fit(widths, numeric, labels, 70)
    assert fitted[2:] == [14, 14]
    assert sum(fitted) + 2 * len(fitted) <= 70
    assert fitted[1] < 60 and fitted[0] <= 20
    # wide enough: every column as wide as its content
    assert fit(widths, numeric, labels, 200) == widths


def test_names_give_way_further_when_that_lets_every_amount_be_seen():
    """Partners at 120 columns: at their usual floor the names left 3 cells too few, so the Committed column
    was left out of view; names cut shorter show every amount, and a table that cannot fit even so keeps the
    usual floor and scrolls."""
    labels = ["Partner", "Kind", "Letter", "Received", "Commitments", "Committed"]
    widths = [33, 13, 9, 12, 11, 10]
    whole = [False, False, False, True, True, True]
    fitted = fit(widths, whole, labels, 80)
    assert fitted[3:] == [12, 11, 10] and sum(fitted) + 2 * len(fitted) <= 80
    assert 9 <= fitted[0] < 16
    too_wide = fit(widths + [40], whole + [True], labels + ["Forecast"], 80)
    assert too_wide[0] == 16  # cannot fit anyway: the names keep their usual floor and the table scrolls


def test_natural_order_and_right_aligned_numbers():
    assert sorted(["Line 10", "Line 2", "line 1000", "Line 1"], key=natural) == ["Line 1", "Line 2", "Line 10",
                                                                             "line 1000"]
    from planner.tui.widgets.table import Row

    done = prepare(["Name", "Amount"], [Row("1", ("[b]bold?[/b]", "1 200 kr"), ("x", 120_000)),
                                        Row("2", ("Line 2", "–"), ("y", None))])
    assert done.numeric == [False, True]
    cell = done.rows[0].cells[0]
    assert isinstance(cell, Cell) and str(cell) == "[b]bold?[/b]"  # shown as written, never as markup
    assert done.rows[0].cells[1].justify == "right"
    from datetime import date

    dated = prepare(["Due", "Task"], [Row("1", ("30 Sept 2011", "Ask"), (date(2011, 9, 30), "ask")),
                                      Row("2", ("–", "Tell"), (None, "tell"))])
    assert dated.whole == [True, False] and dated.numeric == [False, False]


async def test_lines_sort_in_natural_order(small_bid, settings, workspace):
    from planner.services.workspace import add_record

    for n in (1000, 2, 10, 1, 1010):
        add_record(workspace, m.BudgetLine(bid_id=small_bid, kind="expense", category="venue", label=f"Line {n}",
                                           unit_minor=100, currency="SEK", vat_rate_percent=0))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "3", "tab-lines", "lines-table")
        await pilot.press("s", "s", "s")  # category ascending, descending, then the Line column ascending
        await settle(pilot)
        assert table.sort_index == 1 and not table.sort_reverse
        shown = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert shown == ["Line 1", "Line 2", "Line 10", "Line 1000", "Line 1010"]


async def test_each_table_has_its_own_filter_and_says_when_nothing_matches(demo_bid, settings):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        venues = await show_table(pilot, "2", "tab-candidates", "venues-table")
        total = venues.row_count
        await pilot.press("slash", *"zzzq")
        await pilot.pause(0.3)
        await settle(pilot)
        assert venues.row_count == 0
        note = app.screen.query_one("#venues-table-box .table-note")
        assert note.display and "No rows match “zzzq”" in str(note.render())
        # the Rooms tab keeps all its rows and a closed filter of its own
        rooms = await show_table(pilot, "2", "tab-rooms", "rooms-table")
        assert rooms.row_count == len(app.bundle.rooms) > 0
        assert not app.screen.query_one("#rooms-table-filter").display
        # back on Candidates: a word that matches gives the count of what it keeps
        await show_table(pilot, "2", "tab-candidates", "venues-table")
        box = app.screen.query_one("#venues-table-filter")
        box.value = "konserthus"
        await pilot.pause(0.3)
        await settle(pilot)
        assert venues.row_count == 1
        assert f"1 of {total} rows match" in str(note.render())
        box.focus()
        await pilot.press("escape")
        await settle(pilot)
        assert venues.row_count == total and not note.display


async def test_a_digit_on_the_scoring_tab_switches_screen_and_scores_nothing(demo_bid, settings, workspace):
    def scores():
        with workspace.session() as s:
            return sorted((x.venue_id, x.criterion_id, x.score) for x in s.exec(select(m.VenueScore)).all())

    before = scores()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.click("#venue-tabs Tab#--content-tab-tab-scoring")
        await settle(pilot)
        matrix = app.screen.query_one("#matrix")
        matrix.focus()
        matrix.move_cursor(row=0, column=3)
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        assert app.current_mode == "budget"
        assert scores() == before
        # enter first, then the digit: that cell's score
        await pilot.press("2")
        await settle(pilot)
        matrix.focus()
        matrix.move_cursor(row=0, column=3)
        await pilot.pause()
        await pilot.press("enter", "3")
        await settle(pilot)
        assert app.current_mode == "venues"
        changed = [x for x in scores() if x not in before]
        assert changed == [(app.bundle.venues[0].id, app.bundle.criteria[0].id, 3)]


async def test_the_cursor_lands_on_the_added_line_and_on_the_restored_partner(mid_bid_db, tmp_path):
    app = make_app(copy_of(mid_bid_db, tmp_path), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "3", "tab-lines", "lines-table")
        await add_record(pilot, None, kind="expense", category="venue", label="Zz the added line", unit_minor="100")
        added = next(line for line in app.bundle.budget_lines if line.label == "Zz the added line")
        assert table.cursor_row_key() == str(added.id)
        assert visible(table, table.cursor_row, 0)
        # delete a partner far down the list, undo: the cursor is on it again
        partners = await show_table(pilot, "5", "tab-partners", "partners-table")
        partners.move_cursor(row=20)
        await pilot.pause()
        key = partners.cursor_row_key()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("y")  # it has commitments: delete them too
        await settle(pilot)
        assert key not in [str(p.id) for p in app.bundle.partners]
        partners.move_cursor(row=0)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert partners.cursor_row_key() == key


async def test_a_modal_shows_its_own_keys_and_escape_closes_help(demo_bid, settings):
    from textual.widgets import Footer

    from planner.tui.widgets.form import FormScreen

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        footer = app.screen.query_one(Footer)
        shown = {b.binding.description for b in footer.screen.active_bindings.values() if b.binding.show}
        assert {"Save", "Cancel"} <= shown and "Add" not in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert app.current_mode == "help"
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "budget"


async def test_the_dossier_lists_the_exports_made(demo_bid, settings, workspace):
    from planner.services.workspace import add_record

    for n in range(3):
        add_record(workspace, m.DossierExport(bid_id=demo_bid, created_by="anna", locale="sv", audience="committee",
                                              recipient=f"Mottagare {n}", pages=12 + n, sha256="0" * 64,
                                              path=f"exports/dossier-{n}.pdf"))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        table = app.screen.query_one("#exports-table", SortableTable)
        assert table.row_count == 3
        assert table.size.height >= 4  # the header and the three exports
        assert table.region.height >= 4 and visible(table, 2, 0)


async def test_right_and_left_move_a_column_at_a_time(mid_bid_db, tmp_path):
    app = make_app(copy_of(mid_bid_db, tmp_path), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "3", "tab-lines", "lines-table")
        starts = table.column_starts()
        # Category and Line stay at the left; the columns after them scroll
        assert table.fixed_columns == 2 and table.first_shown_column() == 2
        fixed = table.fixed_width()
        assert fixed == starts[2]
        seen = [0]
        for _ in range(len(starts)):
            await pilot.press("right")
            await settle(pilot)
            seen.append(round(table.scroll_x))
        # each press brings the next column to the left edge of the part that scrolls, until the last is in view
        last = len(starts) - 1
        assert seen[1] == starts[3] - fixed and seen[2] == starts[4] - fixed
        assert seen[-1] == table.max_scroll_x and visible(table, 0, last)
        assert all(b >= a for a, b in zip(seen, seen[1:], strict=False))
        assert visible(table, 0, 0) and visible(table, 0, 1)  # the line's name all the way
        await pilot.press("left")
        await settle(pilot)
        assert round(table.scroll_x) < table.max_scroll_x and round(table.scroll_x) + fixed in starts
        await pilot.press("ctrl+left")
        await settle(pilot)
        assert table.scroll_x == 0 and visible(table, 0, 0) and visible(table, 0, 2)


async def test_wide_terminals_show_whole_names_and_every_column(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for key, pane, table_id, name in [("3", "tab-lines", "lines-table", "Line"),
                                          ("6", "tab-list", "tasks-table", "Task"),
                                          ("2", "tab-candidates", "venues-table", "Venue")]:
            table = await show_table(pilot, key, pane, table_id)
            assert table.max_scroll_x == 0, table_id  # every column in view
            index = table.labels.index(name)
            if table_id == "tasks-table":  # two columns of task names (Task, Waits for): the widest give way
                texts = [w for w, whole in zip(table.fitted, table.whole, strict=True) if not whole]
                assert table.fitted[index] == max(texts), table_id
            else:
                assert table.fitted[index] == table.widths[index], table_id  # the names are whole
            numbers = [i for i, whole in enumerate(table.whole) if whole]
            assert all(table.fitted[i] == table.widths[i] for i in numbers), table_id  # amounts and dates too
            assert visible(table, 0, len(table.ordered_columns) - 1), table_id


def cut_cells(table: SortableTable) -> tuple[list[str], int, int]:
    """What the table draws of its amounts and dates at the present scroll, read from the lines it draws: the
    cells drawn in part (each should be drawn whole or not at all), how many were drawn whole, and how many
    the view's edge crosses that were left blank."""
    width = table.scrollable_content_region.width  # what is seen: less the vertical scrollbar over the edge
    scroll_x, scroll_y = round(table.scroll_x), round(table.scroll_y)
    header = table.header_height if table.show_header else 0
    cut, whole, blank = [], 0, 0
    for y in range(header, table.size.height):
        row = y - header + scroll_y
        if row >= table.row_count:
            break
        strip = table.render_line(y)
        cells = table.get_row_at(row)
        for index in range(len(table.ordered_columns)):
            if not table.whole[index]:
                continue
            left, right = table.span_on_screen(index)
            edge = table.fixed_width() if index >= table.fixed_columns else 0  # scrolling ones: right of the keys
            drawn = strip.crop(max(left, edge), max(min(right, width), edge)).text.strip()
            if not drawn:
                blank += left < edge < right or left < width < right
                continue
            if drawn == str(cells[index]).strip():
                whole += 1
            else:
                cut.append(f"{table.id} row {row} {table.labels[index]!r} at x={scroll_x}: {drawn!r}")
    return cut, whole, blank


async def test_amounts_and_dates_are_drawn_whole_or_not_at_all_at_every_scroll(mid_bid_db, tmp_path):
    app = make_app(copy_of(mid_bid_db, tmp_path), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tables = [*TABLES, ("3", "tab-baselines", "baselines-table"), ("0", "tab-dates", "dates-table")]
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("f")  # a baseline, so that its table has a row of amounts
        await settle(pilot)
        await fill(pilot, "name", "Styrelsen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        seen_whole = blanked = 0
        for key, pane, table_id in tables:
            table = await show_table(pilot, key, pane, table_id)
            assert table.row_count, table_id
            # as a person moves: Right a column at a time to the end, then every position the wheel reaches
            for _ in range(len(table.ordered_columns)):
                cut, whole, blank = cut_cells(table)
                assert not cut, cut
                seen_whole, blanked = seen_whole + whole, blanked + blank
                await pilot.press("right")
                await settle(pilot)
            for x in range(table.max_scroll_x + 1):
                table.scroll_to(x=x, animate=False)  # the lines are drawn from the new offset at once
                cut, whole, blank = cut_cells(table)
                assert not cut, cut
                blanked += blank
        assert seen_whole > 100 and blanked > 0  # amounts were read, and some were left out rather than cut


async def test_brackets_move_between_tabs_and_stop_at_the_first_and_the_last(demo_bid, settings):
    from textual.widgets import TabbedContent

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        tabs = app.screen.query_one("#budget-tabs", TabbedContent)
        panes = [pane.id for pane in tabs.query("TabPane")]
        assert tabs.active == panes[0]
        await pilot.press("left_square_bracket")  # on the first tab: it stays
        await settle(pilot)
        assert tabs.active == panes[0]
        await pilot.press(*["right_square_bracket"] * (len(panes) + 2))
        await settle(pilot)
        assert tabs.active == panes[-1]  # no wrap round to the first
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert tabs.active == panes[-2]


async def test_at_200_columns_the_longest_task_name_is_whole_on_screen(settings, demo_bid):
    """The Task and "Waits for" columns both hold task names: the Task column gives way last, so that at 200
    columns the longest name is drawn whole where it is seen."""
    from rich.cells import cell_len

    from planner.tui.screens.timeline import TASK_COLUMN

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "6", "tab-list", "tasks-table")
        assert table.labels[TASK_COLUMN] == "Task"
        titles = [str(table.get_row_at(row)[TASK_COLUMN]) for row in range(table.row_count)]
        longest = max(titles, key=cell_len)
        row = titles.index(longest)
        table.move_cursor(row=row, animate=False)
        await settle(pilot)
        assert visible(table, row, TASK_COLUMN)
        assert table.fitted[TASK_COLUMN] >= cell_len(longest)
        # the line drawn for that row holds the whole name, no ellipsis in it
        header = table.header_height if table.show_header else 0
        drawn = table.render_line(row - round(table.scroll_y) + header).text
        assert longest in drawn and longest + "…" not in drawn


async def test_a_switch_of_scenario_shows_the_new_amounts_in_the_rows_shown_and_the_cursor_stays(settings, demo_bid):
    """The amounts change in the rows already on show (no refill): every cell is what the new scenario gives,
    and the cursor stays on its line."""
    from planner.tui.widgets.table import plain

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = await show_table(pilot, "3", "tab-lines", "lines-table")
        table.move_cursor(row=4, animate=False)
        await settle(pilot)
        key = table.cursor_row_key()
        named = table.get_row(key)[0]  # the cell naming the row: the same object while the rows stay in

        def shown() -> dict[str, list[str]]:
            return {row.key: [plain(cell) for cell in table.get_row(row.key)] for row in table.shown_rows()}

        def expected() -> dict[str, list[str]]:
            rows = app.screen.specs()["lines-table"].rows(app.bundle, app.analysis)
            return {row.key: [plain(cell) for cell in row.cells] for row in rows}

        low = None
        for press, name in (("l", "Low"), ("h", "High")):
            await pilot.press(press)
            await settle(pilot)
            assert f"Scenario: {name}" in str(app.screen.query_one("#budget-result").content)
            assert shown() == expected()
            assert table.cursor_row == 4 and table.cursor_row_key() == key
            assert table.get_row(key)[0] is named  # updated in place, not filled again
            low = low or shown()
        assert shown() != low  # the per-attendee lines changed their amounts


def test_key_columns_stay_only_when_the_columns_scroll_and_take_at_most_half_the_view():
    from planner.tui.widgets.table import pin

    labels, whole = ["Task", "Note", "Amount", "More"], [False, False, True, True]
    assert pin([20, 20, 10, 10], whole, labels, 100, 2) == ([20, 20, 10, 10], 0)  # all fit: none kept
    widths, kept = pin([30, 30, 12, 12], whole, labels, 60, 2)  # the names are narrowed to half the view
    assert kept == 2 and sum(widths[:2]) + 4 <= 30 and widths[2:] == [12, 12]
    widths, kept = pin([12, 30, 40, 12], whole, labels, 60, 2)
    assert kept == 2 and widths == [12, 14, 40, 12]  # the second gives way, down to its last resort at most
    # a key column never narrowed (a date) wider than half the view: none kept rather than no room left
    assert pin([40, 10, 12], [True, False, True], ["Day", "Note", "Amount"], 60, 1) == ([40, 10, 12], 0)
