"""The tables draw their rows' lines themselves (SortableTable._row_line), for speed: what they draw must be what
DataTable draws, cell by cell, character and style (the clicks' row and column included), in every state a
person puts a table in: the cursor on a row, the mouse over a row or the header, scrolled sideways past the key
columns, sorted, unfocused; with the hostile corpus in its cells, and after its cells change.

Also: a screen seen for the first time is styled once, not once per ScreenResume and again for its width.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable

from planner.config import Settings
from planner.tui import make_app
from planner.tui.widgets.table import Row, SortableTable, TableBox, prepare
from tests.tui.conftest import TODAY, settle
from tests.tui.test_hostile_text import BLNS_SAMPLE, TERMINAL

LABELS = ["Name", "Organisation", "Note", "Amount", "Due", "City"]


def rows(texts: list[str], count: int = 60) -> list[Row]:
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        amount = (n * 7919) % 100_000 - 20_000
        cells = (f"Speaker {n} {text}", text, Text(f"note {n} [b]kept[/b]", style="italic"),
                 Text(f"{amount:,} kr", style="red" if amount < 0 else "green"),
                 (date(2012, 5, 1) + timedelta(days=n)).isoformat(), "Gävle")
        out.append(Row(str(n), cells, (f"Speaker {n}", text, n, amount, date(2012, 5, 1) + timedelta(days=n),
                                       "Gävle")))
    return out


class TableApp(App):
    CSS = "SortableTable { height: 1fr; }"

    def __init__(self, texts: list[str], count: int = 60) -> None:
        super().__init__()
        self.texts = texts
        self.count = count

    def compose(self):
        table = SortableTable(id="t", key_columns=1)
        table.set_columns(LABELS)
        yield TableBox(table)

    def on_mount(self) -> None:
        table = self.query_one(SortableTable)
        table.set_rows(prepare(LABELS, rows(self.texts, self.count)))
        table.focus()


def cells_of(strip) -> list[tuple[str, object]]:
    return [(character, segment.style) for segment in strip for character in segment.text]


def differing(table: SortableTable) -> list[int]:
    """The lines of the table whose own drawing is not DataTable's."""
    out = []
    for y in range(table.size.height):
        mine = table._row_line(y)
        assert mine is not None, f"line {y} fell back to DataTable's drawing"
        if cells_of(mine) != cells_of(DataTable.render_line(table, y)):
            out.append(y)
    return out


@pytest.mark.parametrize("texts", [["Region Gävleborg"], TERMINAL, BLNS_SAMPLE], ids=["plain", "terminal", "blns"])
async def test_rows_are_drawn_as_datatable_draws_them(texts):
    app = TableApp(texts)
    async with app.run_test(size=(70, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(SortableTable)
        assert table.row_count == 60 and table.fixed_columns == 1  # wider than the view: the name stays
        assert differing(table) == [], "focused, cursor on the first row"
        await pilot.press("down", "down", "down")
        assert differing(table) == [], "cursor moved"
        await pilot.press("right", "right")
        await settle(pilot)
        assert table.scroll_x > 0
        assert differing(table) == [], "scrolled past the key column"
        await pilot.hover(table, offset=(4, 5))
        assert differing(table) == [], "the mouse over a row"
        await pilot.hover(table, offset=(4, 0))
        assert table.hover_row == -1
        assert differing(table) == [], "the mouse over the header"
        await pilot.press("s")
        await settle(pilot)
        assert differing(table) == [], "sorted with a key (DataTable keeps the hover)"
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.cursor_row == 59
        assert differing(table) == [], "the last row and column"
        table.blur()
        await pilot.pause()
        assert differing(table) == [], "unfocused"


async def test_a_changed_cell_is_drawn_anew():
    app = TableApp(["Almi"])
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(SortableTable)
        before = "".join(segment.text for segment in table.render_line(3))
        assert "Almi" in before
        table.set_rows(prepare(LABELS, rows(["Movexum"])))  # the same rows, other texts: changed in place
        await settle(pilot)
        after = "".join(segment.text for segment in table.render_line(3))
        assert "Movexum" in after and "Almi" not in after
        assert differing(table) == []


async def test_a_click_on_a_drawn_row_selects_it():
    app = TableApp(["Almi"])
    selected = []
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(SortableTable)
        await pilot.click(table, offset=(3, 6))  # the header is line 0: row 5
        await pilot.pause()
        selected.append(table.cursor_row)
        assert selected == [5]
        await pilot.click(table, offset=(3, 0))  # the header sorts by the column clicked
        await settle(pilot)
        assert table.sort_index == 0


@pytest.mark.parametrize("count", [60, 1000])
async def test_a_resize_keeps_the_cursor_on_its_row_in_view(count):
    """New widths put the rows in again: the cursor stays on the row it was on, scrolled into view (it went back
    to the first row, the columns having emptied the table before the row was noted)."""
    app = TableApp(["Almi"], count)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.query_one(SortableTable)
        await pilot.press("ctrl+end", "up", "up")
        await settle(pilot)
        key = table.cursor_row_key()
        assert key is not None and table.cursor_row == count - 3
        for size in ((80, 24), (200, 60), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert table.cursor_row_key() == key, size
            top = round(table.scroll_y)
            assert top <= table.cursor_row < top + table.size.height - table.header_height, size
        # new data while the rows go in again (a screen redraws on a resize too): the row is still kept
        await pilot.resize_terminal(80, 24)
        table.redraw()
        table.redraw()  # before the first one's rows are in: the cursor is on none of them yet
        table.set_rows(prepare(LABELS, rows(["Almi"], count)))
        await settle(pilot)
        assert table.cursor_row_key() == key
        top = round(table.scroll_y)
        assert top <= table.cursor_row < top + table.size.height - table.header_height


async def test_a_screen_seen_first_is_styled_once(tmp_path, monkeypatch):
    """Textual sends a new mode's screen two ScreenResume and sets its width's class on the first resize: each
    restyled every widget on it (20 to 40 ms each on the Budget screen)."""
    settings = Settings.load(db=tmp_path / "p.db")
    app = make_app(settings, today=TODAY)
    styled: list[object] = []
    update_styles = type(app).update_styles

    def counting(self, node, animate=True):
        styled.append(node)
        return update_styles(self, node, animate)

    monkeypatch.setattr(type(app), "update_styles", counting)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # the demo bid, from the Start screen
        await settle(pilot)
        for key, name in (("3", "BudgetScreen"), ("4", "ProgrammeScreen"), ("2", "VenuesScreen")):
            styled.clear()
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == name
            assert screen.has_class("-wide")
            assert sum(1 for node in styled if node is screen) <= 1, name
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")


async def test_budget_keeps_its_last_line_in_view_through_a_resize_from_an_empty_database(tmp_path):
    """A person opens the demo from an empty database, goes to Budget, ctrl+End to the last line and the last
    column, then makes the terminal smaller and larger: the cursor stays on that line, in view."""
    app = make_app(Settings.load(db=tmp_path / "p.db"), today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # the demo bid, from the Start screen
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#lines-table", SortableTable)
        table.focus()
        await pilot.press("ctrl+end")
        await settle(pilot)
        last = table.cursor_row_key()
        assert table.cursor_row == table.row_count - 1 and table.scroll_x == table.max_scroll_x
        assert "Forecast" in "".join(segment.text for segment in table.render_line(0))
        for size in ((80, 24), (200, 60), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert table.cursor_row_key() == last, size
            top = round(table.scroll_y)
            assert top <= table.cursor_row < top + table.size.height - table.header_height, size
            assert differing(table) == [], size
