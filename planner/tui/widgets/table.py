"""A data table that sorts (click a header, or `s`), filters as you type and scrolls, on Textual's public
DataTable API, and stays quick on 10 000 rows. Right and Left scroll a column at a time, ctrl+left and
ctrl+right to the first and last column; Home and End go to the first and last row, as in a list, ctrl+home
and ctrl+end to the first and last row and column. An amount or a date is drawn whole or not at all.

Rows are kept as plain tuples beside the table with a sort key per cell, so sorting compares numbers and
dates rather than the formatted text, and text in natural order (`Line 2` before `Line 10`). The expensive
parts happen away from the screen: `prepare()` (run in a worker) wraps every cell and measures the columns
once. A wrapped cell (`Cell`) offers no measurement of its own, so the DataTable does not measure 80 000
cells on the UI thread as rows come in (the columns have fixed widths); rows go in by chunks, one chunk per
turn of the event loop; re-sorting hands the DataTable the new order of the rows it already holds.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any

from rich.cells import cell_len, get_character_cell_size
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.renderables.styled import Styled
from textual.strip import Strip
from textual.widgets import DataTable, Input, Static

from planner.i18n import N_, _
from planner.services.collector import paused
from planner.tui.heap import keep_long_lived

CHUNK = 200  # rows added per turn of the event loop (DataTable.add_row and its measuring: ~0.1 ms a row)
DRAWN_LINES = 400  # the rows' lines kept made: a few screenfuls (scrolling back, the cursor moving)
REPLACE_CHUNK = 1000  # rows whose cells are compared (and changed in place) per turn of the event loop
MIN_TEXT = 16  # a text column is not narrowed below this (or its label) to make room for the others
LAST_RESORT_TEXT = 9  # ... unless narrowing it to this lets every amount and date be seen whole
PADDING = 1  # DataTable's cell padding, each side
# the keys whose DataTable actions hide the hover, even where the cursor cannot move (Left and Right scroll here)
CURSOR_KEYS = frozenset({"enter", "up", "down", "pageup", "pagedown", "home", "end", "ctrl+home", "ctrl+end"})
KEY_SHARE = 2  # the key columns kept in view take at most 1/KEY_SHARE of the view: the rest is for the others


@lru_cache(maxsize=1 << 16)
def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell (no tab, line break, control, combining or wide
    character): a line of it is then as many cells as characters. Kept for the last 65 536 texts."""
    if text.isascii():
        return text.isprintable()
    return all(get_character_cell_size(ch) == 1 for ch in text)


class Cell:
    """One cell as the table shows it (a Rich renderable) and the value it sorts by.

    Text is cut with an ellipsis at the column's width; numbers are right-aligned. It deliberately has no
    `__rich_measure__`: the DataTable would otherwise measure every new cell on the UI thread."""

    __slots__ = ("content", "plain", "justify")

    def __init__(self, content: Any, plain: str, justify: str = "left") -> None:
        # content: a str (drawn as it is, never read as markup), rich Text or another renderable
        self.content = content
        self.plain = plain
        self.justify = justify

    def line(self, console, width: int) -> tuple[str, Style | None] | None:
        """The line Rich would make of the cell at `width` cells (justified, cut with an ellipsis) and its
        style, made directly; None when only Rich can make it (spans, wide or control characters)."""
        content = self.content
        plain_text, style = None, None
        if type(content) is str:
            plain_text = content
        elif (type(content) is Text and not content.spans and content.justify is None and content.overflow is None
              and content.no_wrap is None and "\n" not in content.plain):
            plain_text = content.plain  # one style over all of it (show.clean's texts)
            if content.style:
                style = console.get_style(content.style)
        if plain_text is None or width <= 0 or not _one_cell_each(plain_text):
            return None
        right = self.justify == "right"
        text = plain_text.rstrip() if right else plain_text
        if len(text) > width:
            text = text[:width - 1] + "…"
        elif right:
            text = " " * (width - len(text)) + text
        else:
            text += " " * (width - len(text))
        return text, style

    def __rich_console__(self, console, options):
        # the DataTable draws a screenful of cells again after every change, and Text's wrapping and justifying
        # was a sixth of that: the line is made directly where it can be
        quick = self.line(console, options.max_width)
        if quick is not None:
            yield Segment(*quick)
            yield Segment("\n")
            return
        if options.max_width <= 0:
            return
        content = self.content
        # text is made only for the cells drawn (a screenful), not for all 80 000 when the rows arrive
        content = Text(content) if isinstance(content, str) else content
        yield from console.render(content, options.update(justify=self.justify, overflow="ellipsis", no_wrap=True))

    def __str__(self) -> str:
        return self.plain

    def __repr__(self) -> str:
        return f"Cell({self.plain!r})"


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[Any, ...]  # str (shown as it is, never as markup), rich Text or another renderable
    sort_keys: tuple[Any, ...] | None = None  # one comparable value per cell; None: the shown text
    search: str = ""  # lower-case text the filter looks in


@dataclass
class Prepared:
    """Rows ready to show: cells wrapped, the width each column needs, which columns hold numbers (shown
    right-aligned) and which are never narrowed (numbers and dates); computed off the UI thread."""

    labels: list[str]
    rows: list[Row]
    widths: list[int]
    numeric: list[bool]
    whole: list[bool]
    # the rows shown under a filter and a sort, ((filter text, sort column, reversed), rows), made in the worker
    # (see arrange) so that the UI thread does not sort 10 000 rows again when they arrive
    shown: tuple[tuple, list[Row]] | None = None


def plain(cell: Any) -> str:
    """What a cell says, as text."""
    if isinstance(cell, Cell | Text):
        return cell.plain
    if isinstance(cell, str):
        return cell
    text = getattr(cell, "plain", None)  # textual Content
    return text if isinstance(text, str) else str(cell)


_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=1 << 16)
def natural(text: str) -> tuple:
    """A sort key putting `Line 2` before `Line 10`: runs of digits compare as numbers. Kept for the last 65 536
    texts: sorting 10 000 rows again (reversed, or after a switch of scenario keeps the rows) on the UI thread
    then costs no regular expression per row."""
    parts = _DIGITS.split(text.casefold())
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def order_key(value: Any) -> tuple:
    """A key that sorts any one column's values without comparing unlike kinds; empty values last."""
    if value is None or value == "":
        return (1, "", 0)
    if isinstance(value, bool):
        return (0, "bool", int(value))
    if isinstance(value, int | float | Decimal):
        return (0, "number", value)
    if isinstance(value, str):
        return (0, "text", natural(value))
    return (0, type(value).__name__, value)


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float | Decimal) and not isinstance(value, bool))


def _is_day(value: Any) -> bool:
    return value is None or isinstance(value, date)


def prepare(labels: Sequence[str], rows: Iterable[Row]) -> Prepared:
    """Wrapped cells, search text, column widths and numeric columns for `rows`; safe in a worker thread."""
    done = []
    count = len(labels)
    widths = [cell_len(label) + 2 for label in labels]  # room for the sort arrow
    numeric = [True] * count
    seen_number = [False] * count
    dated = [True] * count
    seen_day = [False] * count
    # a column sorted by numbers that shows words and no digits is text (a status sorted in its order, a
    # number per status): left-aligned, and narrowed like text; one of amounts or only dashes stays numbers
    digits = [False] * count
    letters = [False] * count
    for row in rows:
        plains = [plain(c) for c in row.cells]
        if len(plains) > count:
            raise ValueError(f"Row {row.key!r} has {len(plains)} cells for {count} columns.")
        for i, text in enumerate(plains):
            n = len(text) if text.isascii() else cell_len(text)
            if n > widths[i]:
                widths[i] = n
            if numeric[i] and not digits[i]:
                if any(ch.isdigit() for ch in text):
                    digits[i] = True
                elif not letters[i] and any(ch.isalpha() for ch in text):
                    letters[i] = True
        keys = row.sort_keys
        if keys is not None:
            for i in range(min(count, len(keys))):
                value = keys[i]
                if numeric[i]:
                    if not _is_number(value):
                        numeric[i] = False
                    elif value is not None:
                        seen_number[i] = True
                if dated[i]:
                    if not _is_day(value):
                        dated[i] = False
                    elif value is not None:
                        seen_day[i] = True
        else:
            numeric = [False] * count
            dated = [False] * count
        done.append((row, plains))
    numeric = [n and s and (d or not w) for n, s, d, w in zip(numeric, seen_number, digits, letters, strict=True)]
    whole = [n or (d and s) for n, d, s in zip(numeric, dated, seen_day, strict=True)]
    out = []
    # equal text cells share one Cell ("Fixed", a category): a large bid's tables hold tens of thousands fewer
    # objects for the cycle collector to walk. The first column's cells stay one per row: they name the row
    # when the DataTable is handed a new order (SortableTable.sort_by); so do amounts and dates, which a new
    # scenario changes in place (SortableTable._replace_cells).
    shared: dict[tuple[int, str], Cell] = {}
    for row, plains in done:
        cells = []
        for i, (cell, text) in enumerate(zip(row.cells, plains, strict=True)):
            justify = "right" if numeric[i] else "left"
            if i and isinstance(cell, str) and not whole[i]:
                found = shared.get((i, cell))
                if found is None:
                    found = shared[(i, cell)] = Cell(cell, text, justify)
                cells.append(found)
            else:
                cells.append(Cell(cell, text, justify))
        out.append(Row(row.key, tuple(cells), row.sort_keys, row.search or " ".join(plains).lower()))
    return Prepared(list(labels), out, widths, numeric, whole)


def shown_of(rows: list[Row], filter_text: str, sort_index: int | None, reverse: bool) -> list[Row]:
    """The rows the filter `filter_text` keeps, sorted by the column `sort_index` (None: in their own order);
    safe in a worker thread."""
    if filter_text:
        words = filter_text.lower().split()
        rows = [r for r in rows if all(w in r.search for w in words)]
    if sort_index is None:
        return rows
    i = sort_index

    def key(row: Row):
        value = row.sort_keys[i] if row.sort_keys and i < len(row.sort_keys) else plain(row.cells[i])
        return order_key(value)

    try:
        return sorted(rows, key=key, reverse=reverse)
    except TypeError:  # values of one kind that do not compare (mixed tuples): compare as shown
        return sorted(rows, key=lambda r: natural(plain(r.cells[i])), reverse=reverse)


def arrange(prepared: Prepared, view: tuple) -> Prepared:
    """`prepared` with the rows it shows under `view` (SortableTable.view(): the filter and the sort, read on the
    UI thread) sorted in the worker; the table uses them if its view is still that one when they arrive."""
    prepared.shown = (view, shown_of(prepared.rows, *view))
    return prepared


def fit(widths: Sequence[int], whole: Sequence[bool], labels: Sequence[str], available: int,
        keep: Sequence[int] = ()) -> list[int]:
    """Column widths for `available` cells: each column as wide as its content, no column wider than the
    view; when they do not all fit, the widest text columns give way first (`whole` columns, numbers and
    dates, are never narrowed, so an amount is never cut), down to MIN_TEXT or their label; whatever is
    still too wide scrolls. The text columns in `keep` (the one naming the row) give way only once the other
    text columns are at their floors."""
    room = max(available, 8)
    out = [min(w, room - 2 * PADDING) for w in widths]
    total = sum(out) + 2 * PADDING * len(out)
    if total <= room:
        return out
    floors = [w if whole[i] else min(w, max(MIN_TEXT, cell_len(labels[i]) + 2)) for i, w in enumerate(out)]
    # when the text columns at their last resort would let every amount and date be seen, narrow them that far
    # (a name cut short with its ellipsis reads better than an amount left out)
    last_resort = [w if whole[i] else min(w, max(LAST_RESORT_TEXT, cell_len(labels[i]) + 1))
                   for i, w in enumerate(out)]
    if sum(floors) + 2 * PADDING * len(out) > room >= sum(last_resort) + 2 * PADDING * len(out):
        floors = last_resort
    if keep:  # the others give way first; then, if that was not enough, the kept ones too
        _narrow(out, [w if i in keep else floors[i] for i, w in enumerate(out)], total - room)
        total = sum(out) + 2 * PADDING * len(out)
    _narrow(out, floors, total - room)
    return out


def pin(fitted: Sequence[int], whole: Sequence[bool], labels: Sequence[str], available: int,
        count: int) -> tuple[list[int], int]:
    """How many of the leading `count` columns (the ones naming a row) stay in view while the others scroll
    past, and the widths then. None when every column fits (nothing scrolls). Together they take no more than
    1/KEY_SHARE of the view, text among them narrowed down to its last resort to get there, else fewer of them
    stay: at 80 columns there is always room for the columns scrolling past."""
    room = max(available, 8)
    if count <= 0 or sum(fitted) + 2 * PADDING * len(fitted) <= room:
        return list(fitted), 0
    cap = room // KEY_SHARE
    for n in range(min(count, len(fitted) - 1), 0, -1):
        out = list(fitted)
        span = sum(out[:n]) + 2 * PADDING * n
        if span > cap:
            floors = [w if whole[i] or i >= n else min(w, max(LAST_RESORT_TEXT, cell_len(labels[i]) + 1))
                      for i, w in enumerate(out)]
            _narrow(out, floors, span - cap)
            span = sum(out[:n]) + 2 * PADDING * n
        if span <= cap:
            return out, n
    return list(fitted), 0


def _narrow(out: list[int], floors: Sequence[int], excess: int) -> None:
    """Take `excess` cells off the widest columns above their floors: a common ceiling lowered on them until the
    excess is gone or every one is at its floor."""
    while excess > 0:
        shrinkable = [i for i, w in enumerate(out) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(out[i] for i in shrinkable)
        tops = [i for i in shrinkable if out[i] == widest]
        below = max([out[i] for i in shrinkable if out[i] < widest] + [max(floors[i] for i in tops)])
        step = min(widest - below, -(-excess // len(tops)))
        if step <= 0:
            step = 1
        for i in tops:
            cut = min(step, out[i] - floors[i], excess)
            out[i] -= cut
            excess -= cut
            if excess <= 0:
                break


def _same(cell: Any, before: Any) -> bool:
    """Whether two cells show the same: the same text, alignment and style."""
    if cell is before:
        return True
    if not (isinstance(cell, Cell) and isinstance(before, Cell)):
        return False
    if cell.plain != before.plain or cell.justify != before.justify:
        return False
    new, old = cell.content, before.content
    if isinstance(new, str) and isinstance(old, str):
        return True  # the same plain text
    if isinstance(new, Text) and isinstance(old, Text):
        return new.style == old.style and new.spans == old.spans and new.justify == old.justify
    return False


@dataclass(frozen=True)
class LineLooks:
    """The styles a row's line is drawn with, as DataTable's component classes give them now."""

    base: Style
    even: Style
    odd: Style
    fixed: Style
    cursor: Style
    hover: Style
    header_hover: Style
    fixed_cursor: Style
    css_color: bool
    css_background: bool
    _cells: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def cell(self, cursor: bool, hover: bool, fixed: bool, heading: bool = False) -> tuple[Style, Style]:
        """The cursor's and the hover's style over a cell (of a key column, of the header), and the colours
        the CSS keeps over the cell's own (DataTable's rule: by default the cursor's foreground from the CSS)."""
        made = self._cells.get((cursor, hover, fixed, heading))
        if made is None:
            component = Style()
            if hover:
                component += self.hover
                if heading:
                    component += self.header_hover
            if cursor:
                component += self.cursor
                if fixed:
                    component += self.fixed_cursor
            post = (Style.from_color(color=component.color) if self.css_color else Style.null()) + (
                Style.from_color(bgcolor=component.bgcolor) if self.css_background else Style.null())
            made = self._cells[(cursor, hover, fixed, heading)] = (component, post)
        return made


class SortableTable(DataTable):
    """A DataTable keeping its rows so it can re-sort and filter them without reloading."""

    BINDINGS = [
        Binding("s", "sort_column", N_("Sort"), tooltip=N_("Sort by the next column; again to reverse")),
        Binding("ctrl+left", "first_column", N_("First column"), show=False),
        Binding("ctrl+right", "last_column", N_("Last column"), show=False),
    ]

    class Shown(Message):
        """The rows on show changed (new data or a new filter): `shown` of `total` rows."""

        def __init__(self, table: SortableTable, shown: int, total: int) -> None:
            super().__init__()
            self.table = table
            self.shown = shown
            self.total = total

        @property
        def control(self) -> SortableTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None, keep: Sequence[int] = (),
                 key_columns: int = 1) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.keep = tuple(keep)  # the text columns that give way last (see fit)
        # the leading columns naming a row (a budget line's Category and Line): they stay in view while the
        # others scroll, when the columns do not all fit (see pin; DataTable's fixed_columns)
        self.key_columns = key_columns
        self.all_rows: list[Row] = []
        self.labels: list[str] = []
        self.widths: list[int] = []  # what each column needs
        self.numeric: list[bool] = []
        self.whole: list[bool] = []
        self.fitted: list[int] = []  # what each column gets
        self.sort_index: int | None = None
        self.sort_reverse = False
        self.filter_text = ""
        self.focus_key: str | None = None  # the row to put the cursor on when the rows next arrive
        self._shown: list[Row] = []
        self._added = 0
        self._made: tuple = ()  # (labels, widths) the columns were made with
        self._wanted: str | None = None  # the row the cursor goes to once it is in
        self._refreshing = False  # the cells of the rows shown are being replaced (_replace_cells)
        self._own: list[bool] = []
        self._arranged: tuple[tuple, list[Row]] | None = None  # Prepared.shown of the rows in all_rows
        # the rows' lines made (see _row_line), a few screenfuls: a plain dict, emptied when full (an LRU cache's
        # ring of links is left as cycles for the collector to find, and every strip kept is walked by it)
        self._drawn: dict[tuple, Strip] = {}
        self._looks: LineLooks | None = None  # the styles of the lines being drawn
        self._pointing = False  # the mouse is over a row: DataTable shows its hover there

    # --- filling ----------------------------------------------------------------------------------------

    def set_columns(self, labels: Sequence[str]) -> None:
        """Columns named `labels`, as wide as their names until rows come."""
        self.labels = list(labels)
        self.widths = [cell_len(label) + 2 for label in labels]
        self.numeric = self.whole = [False] * len(self.labels)
        self._make_columns()

    def _make_columns(self) -> bool:
        """(Re)make the columns when their labels or fitted widths changed; True when they were."""
        available = self._available_width()
        fitted = fit(self.widths, self.whole, self.labels, available, self.keep)
        fitted, fixed = pin(fitted, self.whole, self.labels, available, self.key_columns)
        made = (tuple(self.labels), tuple(fitted), tuple(self.numeric), fixed)
        if made == self._made:
            return False
        self._made, self.fitted = made, fitted
        self.clear(columns=True)
        self.fixed_columns = fixed
        for index, (label, width) in enumerate(zip(self.labels, fitted, strict=True)):
            self.add_column(self._label(index, label), key=str(index), width=width)
        return True

    def _remake_columns(self) -> bool:
        """Remake the columns if their widths or labels changed, and then put the rows in again with the cursor on
        the row it was on (noted first: new columns empty the table); True when they were remade."""
        keep = self.row_to_keep()
        if not self._make_columns():
            return False
        self.focus_key = self.focus_key or keep
        self.redraw()
        return True

    def _available_width(self) -> int:
        """The cells the columns can use: the table's width or, while it is hidden (another tab), that of the
        nearest shown container; less the vertical scrollbar."""
        width = 0
        for node in self.ancestors_with_self:
            size = getattr(node, "size", None)
            if size is not None and size.width:
                width = size.width
                break
        if not width and self.is_attached:
            width = self.app.size.width
        return max(width - self.styles.scrollbar_size_vertical, 20)

    def set_rows(self, rows: Iterable[Row] | Prepared, focus: str | None = None) -> None:
        prepared = rows if isinstance(rows, Prepared) else prepare(self.labels, rows)
        self.labels = prepared.labels or self.labels
        self.widths, self.numeric, self.whole = prepared.widths, prepared.numeric, prepared.whole
        self.all_rows = prepared.rows
        self._arranged = prepared.shown
        if focus is not None:
            self.focus_key = focus
        if not self._remake_columns() and (self.focus_key is not None or not self._update_in_place()):
            self.redraw()

    def _update_in_place(self) -> bool:
        """Show the new rows by replacing only the cells that changed, when they are the rows shown, in the same
        order, under the same columns (a switch of scenario changes amounts, not rows): the cursor and the
        scroll stay, and 10 000 rows are not put in again. False (nothing done) when rows came, went or moved."""
        old = self._shown
        if self.filling or not self.ordered_columns or not old:
            return False
        shown = self.shown_rows()
        if len(shown) != len(old) or any(new.key != was.key or len(new.cells) != len(was.cells)
                                         for new, was in zip(shown, old, strict=True)):
            return False
        rows = list(old)  # becomes the new rows as their cells are replaced
        self._shown = rows
        self._refreshing = True
        self.post_message(self.Shown(self, len(rows), len(self.all_rows)))
        self.run_worker(partial(self._replace_cells, rows, shown), group="fill-table",
                        description="update the table")
        return True

    async def _replace_cells(self, rows: list[Row], new_rows: list[Row]) -> None:
        """Put the new cells in, the rows in view first, by chunks (one per turn of the event loop).

        An amount or a date (a cell that is its row's own, see prepare) takes its new text in place, and the
        DataTable is told once, at the end: each time it is told, it draws the rows in view again and walks
        all 10 000 rows for their offsets (40 to 60 ms of the event loop; telling it after the rows in view as
        well made that twice). Any other cell is replaced through the DataTable. The rows kept hold the cells
        the DataTable holds: they name the rows when it is sorted again."""
        own = self._own
        first = min(max(round(self.scroll_y) - 1, 0), len(rows))
        order = [*range(first, len(rows)), *range(first)]
        step = max(self.size.height, 1) + 2  # the first chunk: the rows in view
        start, changed = 0, None
        try:
            while start < len(order):
                if self._shown is not rows:
                    return  # newer rows replaced these
                with paused(keep=True):  # the new rows stay until the next data
                    changed = self._replace_chunk(rows, new_rows, order[start:start + step], own) or changed
                start += step
                step = REPLACE_CHUNK
                await asyncio.sleep(0)
            if changed is not None:
                self._changed(changed)
        finally:
            if self._shown is rows:
                self._refreshing = False

    def _replace_chunk(self, rows: list[Row], new_rows: list[Row], indices: Sequence[int],
                       own: list[bool]) -> tuple[str, int, Cell] | None:
        """Put the new cells of the rows at `indices` in (see _replace_cells); the last cell changed in place."""
        changed = None
        for i in indices:
            new, was = new_rows[i], rows[i]
            cells = list(was.cells)
            for index, (cell, before) in enumerate(zip(new.cells, was.cells, strict=True)):
                if _same(cell, before):
                    continue
                if index < len(own) and own[index] and isinstance(cell, Cell) and isinstance(before, Cell):
                    before.content, before.plain, before.justify = cell.content, cell.plain, cell.justify
                    changed = (new.key, index, before)
                else:
                    cells[index] = cell
                    self.update_cell(new.key, str(index), cell)
            rows[i] = Row(new.key, tuple(cells), new.sort_keys, new.search)
        return changed

    def _changed(self, changed: tuple[str, int, Cell]) -> None:
        """Tell the DataTable its cells changed (it then draws what is in view again, once)."""
        key, index, cell = changed
        self.update_cell(key, str(index), cell)

    def view(self) -> tuple[str, int | None, bool]:
        """What decides the rows shown and their order: (filter text, sort column, reversed)."""
        return (self.filter_text, self.sort_index, self.sort_reverse)

    def shown_rows(self) -> list[Row]:
        """The rows the filter keeps, in the order shown."""
        arranged = self._arranged
        if arranged is not None and arranged[0] == self.view():
            return arranged[1]  # sorted in the worker that prepared them, for this filter and sort
        return shown_of(self.all_rows, *self.view())

    def _sorted(self, rows: list[Row]) -> list[Row]:
        return shown_of(rows, "", self.sort_index, self.sort_reverse)

    def redraw(self) -> None:
        """Put the shown rows into the table (after new data or a new filter), the cursor on the same row.

        Rows go in by chunks in a worker on the event loop, one chunk per turn of it: the first screenful
        shows at once and keys keep working while the rest follows."""
        keep = self.focus_key or self.row_to_keep()
        self.focus_key = None
        # a list of its own: a fill still running sees it replaced (two redraws in a row of the same unsorted,
        # unfiltered rows, such as two resizes, filled the table twice: DuplicateKey)
        self._shown = list(self.shown_rows())
        self._added = 0
        self._refreshing = False
        self._own = list(self.whole)  # the columns whose cells are each their row's own (see prepare)
        self.clear()
        self.post_message(self.Shown(self, len(self._shown), len(self.all_rows)))
        # not exclusive: a fill that newer rows replaced sees it and ends by itself (a cancelled worker would
        # fail whoever waits for the workers to complete)
        self._wanted = keep  # at once: a redraw before this fill begins keeps it too
        self.run_worker(partial(self._fill, self._shown), group="fill-table", description="fill the table")

    async def _fill(self, rows: list[Row]) -> None:
        for start in range(0, len(rows), CHUNK):
            if self._shown is not rows:
                return  # newer rows replaced these
            chunk = rows[start:start + CHUNK]
            with paused(keep=True):  # the rows stay: out of the collector's walks as they come in
                for row in chunk:
                    self.add_row(*row.cells, key=row.key)
            self._added = start + len(chunk)
            wanted = self._wanted
            if wanted is not None:
                for offset, row in enumerate(chunk):
                    if row.key == wanted:
                        self._wanted = None
                        self.move_cursor(row=start + offset, animate=False)
                        break
            await asyncio.sleep(0)
        self._wanted = None
        if len(rows) > CHUNK:  # a few rows are not worth the collection it starts (tens of ms on a large bid)
            keep_long_lived()  # the rows stay until the next data: out of the cycle collector's full walks

    @property
    def filling(self) -> bool:
        """Rows (or new cells of the rows shown) are still going in."""
        return self._refreshing or self._added < len(self._shown)

    def row_to_keep(self) -> str | None:
        """The row the cursor is on, or is on its way to while the rows go in (a resize or new data during a
        fill keep it: the cursor is on the first row until the row's chunk arrives)."""
        return (self._wanted if self.filling else None) or self.cursor_row_key()

    def cursor_row_key(self) -> str | None:
        """The key of the highlighted row, or None when the table is empty."""
        if not self.row_count or not self.is_valid_row_index(self.cursor_row):
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def show_row(self, key: str) -> bool:
        """Put the cursor on the row `key` (scrolled into view); False when no shown row has it."""
        for index, row in enumerate(self._shown):
            if row.key == key:
                if index < self._added:
                    self.move_cursor(row=index, animate=False)
                else:
                    self._wanted = key  # on its way: the filling puts the cursor there
                return True
        return False

    # --- sorting and filtering --------------------------------------------------------------------------

    def sort_by(self, index: int, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = (not self.sort_reverse) if self.sort_index == index else False
        self.sort_index, self.sort_reverse = index, reverse
        self._label_sort_arrows()
        if self.filling or not self.ordered_columns:
            self.redraw()
            return
        keep = self.cursor_row_key()
        self._shown = self._sorted(self._shown)
        # hand the DataTable the new order of the rows it holds (each cell object is one row's own)
        rank = {row.cells[0]: position for position, row in enumerate(self._shown)} if self.labels else {}
        self.sort("0", key=rank.__getitem__)
        if keep is not None:
            self.show_row(keep)

    def _label(self, position: int, label: str) -> Text:
        arrow = ""
        if position == self.sort_index:
            arrow = " ▼" if self.sort_reverse else " ▲"
        return Text(label + arrow, justify="right" if self.numeric and self.numeric[position] else "left")

    def _label_sort_arrows(self) -> None:
        self._drawn.clear()
        for position, column in enumerate(self.ordered_columns):
            column.label = self._label(position, self.labels[position])

    def filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.redraw()

    def action_sort_column(self) -> None:
        if not self.labels:
            return
        if self.sort_index is None:
            self.sort_by(0, False)
        elif not self.sort_reverse:
            self.sort_by(self.sort_index, True)
        else:
            self.sort_by((self.sort_index + 1) % len(self.labels), False)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_index)

    # --- moving sideways: a column at a time (the cursor is on rows, so these scroll) --------------------

    def column_starts(self) -> list[int]:
        """Where each column begins, in cells from the table's left edge (padding included), as if none were
        kept in view: a column that scrolls is drawn at its start less the scroll."""
        starts, x = [], 0
        for column in self.ordered_columns:
            starts.append(x)
            x += column.get_render_width(self)
        return starts

    def fixed_width(self) -> int:
        """The cells the key columns kept in view take at the left (0 when none are)."""
        return sum(column.get_render_width(self) for column in self.ordered_columns[:self.fixed_columns])

    def span_on_screen(self, index: int) -> tuple[int, int]:
        """Where the column `index` is drawn, from its left to its right edge in cells from the table's left
        (before the cut at the view's edges): a key column kept in view where it is, the others moved by the
        scroll; those that scroll are seen only right of the key columns."""
        start = self.column_starts()[index]
        left = start if index < self.fixed_columns else start - round(self.scroll_x)
        return left, left + self.ordered_columns[index].get_render_width(self)

    def first_shown_column(self) -> int:
        """The column at the left edge of the part that scrolls (the first whose start is at or after the
        scroll, right of the key columns kept in view)."""
        starts = self.column_starts()
        x = round(self.scroll_x) + self.fixed_width()
        return next((i for i, start in enumerate(starts) if i >= self.fixed_columns and start >= x),
                    max(len(starts) - 1, 0))

    def render_lines(self, crop: Region) -> list[Strip]:
        # after new rows or cells the DataTable makes the offsets of all 10 000 rows again (10 000 tuples) and a
        # screenful of segments: made with the cycle collector paused, the offsets then kept out of its walks,
        # as a collection set off by them walked everything made since the last freeze (15 to 130 ms)
        self._looks = self._line_looks()
        try:
            with paused(keep=True):
                return super().render_lines(crop)
        finally:
            self._looks = None

    # --- drawing the rows: what DataTable draws, made directly ------------------------------------------
    # DataTable draws a row's every cell through Rich (padding, styles, lines): 2 ms a line, 70 ms for a
    # screenful, after every sort, scroll by a page or change of scenario. A row of these tables is one line
    # high, with no label and the cursor on rows, so its cells (`Cell.line`) are put together here with the
    # styles and the clicks' row and column DataTable gives them, and only the cells in view are made.

    def _line_looks(self) -> LineLooks:
        rich = self.get_component_rich_style
        styles = self.get_component_styles
        return LineLooks(
            base=self.rich_style, even=styles("datatable--even-row").rich_style,
            odd=styles("datatable--odd-row").rich_style,
            fixed=styles("datatable--fixed").rich_style + Style.from_meta({"fixed": True}),
            cursor=rich("datatable--cursor"), hover=rich("datatable--hover"),
            header_hover=rich("datatable--header-hover"),
            fixed_cursor=rich("datatable--fixed-cursor"),
            css_color=self.cursor_foreground_priority == "css",
            css_background=self.cursor_background_priority == "css")

    def add_row(self, *cells, height: int | None = 1, key: str | None = None, label=None):
        self._drawn.clear()
        return super().add_row(*cells, height=height, key=key, label=label)

    def add_column(self, label, *, width: int | None = None, key: str | None = None, default=None):
        self._drawn.clear()
        return super().add_column(label, width=width, key=key, default=default)

    def update_cell(self, row_key, column_key, value, *, update_width: bool = False) -> None:
        self._drawn.clear()
        super().update_cell(row_key, column_key, value, update_width=update_width)

    def update_cell_at(self, coordinate, value, *, update_width: bool = False) -> None:
        self._drawn.clear()
        super().update_cell_at(coordinate, value, update_width=update_width)

    def remove_row(self, row_key) -> None:
        self._drawn.clear()
        super().remove_row(row_key)

    def remove_column(self, column_key) -> None:
        self._drawn.clear()
        super().remove_column(column_key)

    def clear(self, columns: bool = False):
        self._drawn.clear()
        return super().clear(columns)

    def sort(self, *columns, key=None, reverse: bool = False):
        self._drawn.clear()
        return super().sort(*columns, key=key, reverse=reverse)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        meta = event.style.meta
        self._pointing = bool(meta) and "row" in meta and "column" in meta  # as DataTable shows its hover

    def on_click(self) -> None:
        self._pointing = True

    def on_leave(self) -> None:
        self._pointing = False

    def on_key(self, event: events.Key) -> None:
        if event.key in CURSOR_KEYS:
            self._pointing = False  # a key moving the cursor hides the hover, as DataTable does

    def _row_line(self, y: int) -> Strip | None:
        """Line `y` of the table, the header's or a row's (or a blank one below the rows), made directly; None
        when the table or the row is not one this way of drawing knows (see above): DataTable draws it."""
        header = self._header_lines()
        if self.cursor_type != "row" or self.fixed_rows or not self.ordered_columns or header > 1:
            return None
        looks = self._looks or self._line_looks()
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y < header:
            index, key = -1, None
        else:
            index = y - header + scroll_y
            if index >= self.row_count:
                return Strip.blank(width, looks.base)
            key = self.coordinate_to_cell_key(Coordinate(index, 0)).row_key
            row = self.rows[key]
            if row.height != 1 or row.label is not None:
                return None
        cursor = self.show_cursor and self.cursor_row == index
        hover = self.show_cursor and self._pointing and self.hover_row == index
        cache_key = (key, index, cursor, hover, scroll_x, width, self.fixed_columns, self.zebra_stripes, looks)
        strip = self._drawn.get(cache_key)
        if strip is None:
            if index == -1:
                values = [column.label for column in self.ordered_columns]
            else:
                values = self.get_row_at(index)
                if any(type(value) is not Cell for value in values):
                    return None  # DataTable reads a str as markup: only it draws one
            strip = self._make_row_line(values, index, cursor, hover, scroll_x, width, looks)
            if len(self._drawn) >= DRAWN_LINES:
                self._drawn.clear()
            self._drawn[cache_key] = strip
        return strip

    def _make_row_line(self, values: list, index: int, cursor: bool, hover: bool, scroll_x: int, width: int,
                       looks: LineLooks) -> Strip:
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        fixed = self.fixed_columns
        fixed_width = sum(widths[:fixed])
        heading = index == -1
        if heading:
            row_style = fixed_style = self.get_component_styles("datatable--header").rich_style
        else:
            row_style = (looks.odd if index % 2 else looks.even) if self.zebra_stripes else looks.base
            fixed_style = looks.fixed
        segments: list[Segment] = []
        for column in range(min(fixed, len(widths))):
            segments += self._cell_line(values[column], index, column, fixed_style, widths[column], cursor,
                                        hover, not heading, looks)
        # the part that scrolls is cut from the whole row (its key columns too, as DataTable draws it, then the
        # row's style out to the table's right edge): only the columns in view are made
        start, end = scroll_x + fixed_width, scroll_x + width
        part: list[Segment] = []
        part_start = None
        x = 0
        for column, cell_width in enumerate(widths):
            if x + cell_width > start and x < end:
                if part_start is None:
                    part_start = x
                part += self._cell_line(values[column], index, column, row_style, cell_width, cursor, hover,
                                        False, looks)
            x += cell_width
        remaining = max(0, width - sum(widths[fixed:]))
        if remaining and x < end and x + remaining > start:
            if part_start is None:
                part_start = x
            extend, _post = looks.cell(cursor, hover, False, heading)
            part.append(Segment(" " * remaining, row_style + extend + Style.from_meta(
                {"row": index, "column": 0, "out_of_bounds": True})))
        if part_start is not None:
            segments += list(Strip(part).crop(start - part_start, end - part_start))
        return Strip(segments).adjust_cell_length(width, looks.base).simplify()

    def _cell_line(self, value: Any, row: int, column: int, base: Style, width: int, cursor: bool, hover: bool,
                   fixed: bool, looks: LineLooks) -> list[Segment]:
        """A cell's segments as DataTable makes them (padding, the row's and the cursor's styles, the cell's
        row and column for clicks), `width` cells wide."""
        component, post = looks.cell(cursor, hover, fixed, row == -1)
        pre = base + Style.from_meta({"row": row, "column": column}) + component
        padding = self.cell_padding
        console = self.app.console
        quick = value.line(console, width - 2 * padding) if type(value) is Cell else None
        if quick is None:  # drawn through Rich, as DataTable does
            options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
            return console.render_lines(Styled(Padding(value, (0, padding)), pre_style=pre, post_style=post),
                                        options)[0]
        text, style = quick
        body = pre + style
        around = pre
        if post:
            body, around = body + post, around + post
        if not padding:
            return [Segment(text, body)]
        space = " " * padding
        return [Segment(space, around), Segment(text, body), Segment(space, around)]

    def render_line(self, y: int) -> Strip:
        """A line as DataTable draws it, less any number or date that the view's edges would cut: a column
        of amounts or dates that is not wholly in view is left blank (the next Right shows it whole)."""
        strip = self._row_line(y)
        if strip is None:
            strip = super().render_line(y)
        # what is seen: the line less the vertical scrollbar drawn over its right edge
        width = min(strip.cell_length, self.scrollable_content_region.width)
        if not self.whole or not any(self.whole) or width <= 0:
            return strip
        fixed = self.fixed_width()
        scroll_x = round(self.scroll_x)
        for index, (start, column) in enumerate(zip(self.column_starts(), self.ordered_columns, strict=False)):
            if index >= len(self.whole) or not self.whole[index] or index < self.fixed_columns:
                continue  # text is cut with its ellipsis; a key column stays where it is
            left = start - scroll_x
            right = left + column.get_render_width(self)
            if right - left > width - fixed or (left >= fixed and right <= width) or right <= fixed \
                    or left >= width:
                continue  # wholly in view, wholly out of it, or wider than the view (then cut it is)
            strip = _blank(strip, max(left, fixed), min(right, width))
        return strip

    def action_cursor_right(self) -> None:
        if self.cursor_type != "row":
            super().action_cursor_right()
            return
        starts = self.column_starts()
        nxt = self.first_shown_column() + 1
        if nxt < len(starts):  # the next column goes to the left edge of the part that scrolls
            self.scroll_to(x=max(min(starts[nxt] - self.fixed_width(), self.max_scroll_x), 0), animate=False)

    def action_cursor_left(self) -> None:
        if self.cursor_type != "row":
            super().action_cursor_left()
            return
        fixed = self.fixed_width()
        x = round(self.scroll_x) + fixed
        before = [start for start in self.column_starts()[self.fixed_columns:] if start < x]
        self.scroll_to(x=max(before[-1] - fixed, 0) if before else 0, animate=False)

    def action_scroll_home(self) -> None:
        """Home: the first row, as in a list (the columns stay where they are)."""
        if self.cursor_type != "row":
            super().action_scroll_home()
            return
        super().action_scroll_top()

    def action_scroll_end(self) -> None:
        """End: the last row."""
        if self.cursor_type != "row":
            super().action_scroll_end()
            return
        super().action_scroll_bottom()

    def action_first_column(self) -> None:
        """ctrl+left: back to the first column."""
        self.scroll_to(x=0, animate=False)

    def action_last_column(self) -> None:
        """ctrl+right: on to the last column."""
        self.scroll_to(x=self.max_scroll_x, animate=False)

    def action_scroll_top(self) -> None:
        """ctrl+home: the first row and the first column."""
        super().action_scroll_top()
        self.action_first_column()

    def action_scroll_bottom(self) -> None:
        """ctrl+end: the last row and the last column."""
        super().action_scroll_bottom()
        self.action_last_column()

    def on_resize(self) -> None:
        if not self.labels:
            return
        if not self._remake_columns() and self.is_valid_row_index(self.cursor_row):
            self.call_after_refresh(self._cursor_in_view)  # a shorter view: the cursor's row may be below it

    def _header_lines(self) -> int:
        return self.header_height if self.show_header else 0

    def _cursor_in_view(self) -> None:
        top = round(self.scroll_y)
        rows_seen = self.size.height - self._header_lines()
        if self.is_valid_row_index(self.cursor_row) and not top <= self.cursor_row < top + rows_seen:
            self.move_cursor(row=self.cursor_row, animate=False)


def _blank(strip: Strip, start: int, end: int) -> Strip:
    """`strip` with the cells from `start` to `end` drawn as spaces on their own background (the row's
    stripe or the cursor stays; the clicks on them still name their row)."""
    style = next((segment.style for segment in strip.crop(start, end) if segment.style), None) or Style()
    space = Style(bgcolor=style.bgcolor, meta=style.meta or None)
    parts = [strip.crop(0, start), Strip([Segment(" " * (end - start), space)], end - start),
             strip.crop(end, strip.cell_length)]
    return Strip.join(parts)


class TableBox(Vertical):
    """A SortableTable with a filter of its own (/ opens it; escape clears it) and a line saying what the
    filter leaves: the count while it filters, "No rows match" when it leaves none."""

    DEFAULT_CSS = """
    TableBox { height: 1fr; }
    TableBox > .table-filter { display: none; }
    TableBox > .table-filter.-open { display: block; }
    TableBox > .table-note { display: none; height: 1; padding: 0 1; color: $text-muted; }
    TableBox > .table-note.-shown { display: block; }
    """

    BINDINGS = [Binding("escape", "close_filter", N_("Clear the filter"), show=False)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_filter":
            return self.box.has_class("-open")  # otherwise escape means what it means around the table
        return True

    def __init__(self, table: SortableTable) -> None:
        super().__init__(id=f"{table.id}-box" if table.id else None)
        self.table = table
        self._timer = None

    def compose(self):
        yield Input(placeholder=_("Filter: type words to keep the rows holding them; escape clears"),
                    classes="table-filter", id=f"{self.table.id}-filter" if self.table.id else None)
        yield Static("", classes="table-note")
        yield self.table

    @property
    def box(self) -> Input:
        return self.query_one(".table-filter", Input)

    def open_filter(self) -> None:
        box = self.box
        box.add_class("-open")
        box.focus()

    def action_close_filter(self) -> None:
        box = self.box
        if not box.has_class("-open"):
            return
        if self._timer is not None:
            self._timer.stop()
        box.value = ""
        box.remove_class("-open")
        self.table.filter("")
        self.table.focus()

    @on(Input.Changed, ".table-filter")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        # wait for a pause in the typing: each filtering of 10 000 rows fills the table again
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(0.15, lambda: self.table.filter(value))

    @on(Input.Submitted, ".table-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if self.table.filter_text != event.value.strip():
            self.table.filter(event.value)
        self.table.focus()

    @on(SortableTable.Shown)
    def _shown(self, event: SortableTable.Shown) -> None:
        note = self.query_one(".table-note", Static)
        text = self.table.filter_text
        if not text:
            note.update("")
            note.remove_class("-shown")
            return
        if event.shown == 0:
            message = _("No rows match “{text}”. Escape clears the filter.").format(text=text)
        else:
            message = _("{shown} of {total} rows match “{text}”.").format(shown=event.shown, total=event.total,
                                                                        text=text)
        note.update(Text(message))
        note.add_class("-shown")

