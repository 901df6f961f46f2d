"""A data table that sorts (click a header, or `s`) and filters as you type, and stays quick on 10 000 rows.

Rows are kept as plain tuples beside the table with a sort key per cell, so sorting compares numbers and
dates rather than the formatted text. The expensive parts happen away from the screen: `prepare()` (run in a
worker) measures the columns once, so the table never measures 80 000 cells on the UI thread, and re-sorting
only reorders the rows already in the table.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets._data_table import DuplicateKey, RowKey
from textual.widgets._data_table import Row as TableRow

from planner.i18n import N_

MAX_WIDTH = 34
CHUNK = 500  # rows added per turn of the event loop


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[Any, ...]  # str or rich Text, as shown
    sort_keys: tuple[Any, ...] | None = None  # one comparable value per cell; None: the shown text
    search: str = ""  # lower-case text the filter looks in


@dataclass
class Prepared:
    """Rows ready to show, with the width of each column (computed off the UI thread)."""

    labels: list[str]
    rows: list[Row]
    widths: list[int]


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def prepare(labels: Sequence[str], rows: Iterable[Row]) -> Prepared:
    """Search text and column widths for `rows`; safe to run in a worker thread."""
    done = []
    widths = [cell_len(label) + 2 for label in labels]
    for row in rows:
        plains = [_plain(c) for c in row.cells]
        for i, text in enumerate(plains):
            n = cell_len(text) if not text.isascii() else len(text)
            if n > widths[i]:
                widths[i] = n
        done.append(row if row.search else Row(row.key, row.cells, row.sort_keys, " ".join(plains).lower()))
    return Prepared(list(labels), done, [min(w, MAX_WIDTH) for w in widths])


class SortableTable(DataTable):
    """A DataTable keeping its rows so it can re-sort and filter them without reloading."""

    BINDINGS = [
        Binding("s", "sort_column", N_("Sort"), tooltip=N_("Sort by the column under the cursor; again to reverse")),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.all_rows: list[Row] = []
        self.labels: list[str] = []
        self.widths: list[int] = []
        self.sort_index: int | None = None
        self.sort_reverse = False
        self.filter_text = ""
        self._shown: list[Row] = []
        self._row_keys: dict[str, RowKey] = {}
        self._generation = 0

    # --- filling ----------------------------------------------------------------------------------------

    def set_columns(self, labels: Sequence[str], widths: Sequence[int] | None = None) -> None:
        widths = list(widths) if widths else [cell_len(label) + 2 for label in labels]
        if list(labels) != self.labels or widths != self.widths:
            self.clear(columns=True)
            self.labels, self.widths = list(labels), widths
            for index, (label, width) in enumerate(zip(labels, widths, strict=True)):
                self.add_column(label, key=str(index), width=width)
            self._label_sort_arrows()

    def set_rows(self, rows: Iterable[Row] | Prepared) -> None:
        prepared = rows if isinstance(rows, Prepared) else prepare(self.labels, rows)
        self.set_columns(prepared.labels or self.labels, prepared.widths)
        self.all_rows = prepared.rows
        self.redraw()

    def shown_rows(self) -> list[Row]:
        rows = self.all_rows
        if self.filter_text:
            words = self.filter_text.lower().split()
            rows = [r for r in rows if all(w in r.search for w in words)]
        return self._sorted(rows)

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self.sort_index is None:
            return rows
        i = self.sort_index

        def key(row: Row):
            value = row.sort_keys[i] if row.sort_keys else _plain(row.cells[i]).lower()
            return (value is None, value if value is not None else 0)

        try:
            return sorted(rows, key=key, reverse=self.sort_reverse)
        except TypeError:  # mixed kinds in one column: compare as text
            return sorted(rows, key=lambda r: _plain(r.cells[i]).lower(), reverse=self.sort_reverse)

    def redraw(self) -> None:
        """Put the shown rows into the table (after new data or a new filter).

        Rows go in by chunks, one chunk per turn of the event loop: the first screenful shows at once and keys
        keep working while the rest follows.
        """
        keep = self.cursor_row_key()
        self.clear()
        rows = self.shown_rows()
        self._shown = rows
        self._row_keys = {}
        self._generation += 1
        self._add_chunk(self._generation, 0, keep)

    def _add_chunk(self, generation: int, start: int, keep: str | None) -> None:
        if generation != self._generation:
            return  # newer rows replaced these
        rows = self._shown[start:start + CHUNK]
        self._add_rows(rows)
        if start == 0 or (keep is not None and keep in {row.key for row in rows}):
            self._keep_cursor(keep)
        if start + CHUNK < len(self._shown):
            # call_later alone would run the next chunk in the same turn of the event loop (a widget's queue
            # is drained without yielding), blocking it for all the chunks at once: post it on the next turn
            asyncio.get_running_loop().call_soon(self.call_later, self._add_chunk, generation, start + CHUNK, keep)

    def _add_rows(self, rows: Sequence[Row]) -> None:
        """What DataTable.add_row does, for many one-line rows at once: add_row re-validates the cursor and
        counts an update per row, which on 10 000 rows blocked the UI thread for a fifth of a second."""
        columns = [column.key for column in self.ordered_columns]
        locations, data, table_rows, new_rows = self._row_locations, self._data, self.rows, self._new_rows
        index = len(table_rows)
        was_empty = index == 0
        for row in rows:
            if len(row.cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            row_key = RowKey(row.key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            locations[row_key] = index
            index += 1
            data[row_key] = dict(zip_longest(columns, row.cells))
            table_rows[row_key] = TableRow(row_key, 1, None, False)
            new_rows.add(row_key)
            self._row_keys[row.key] = row_key
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self._update_count += 1
        self.check_idle()

    @property
    def filling(self) -> bool:
        return len(self._row_keys) < len(self._shown)

    def _keep_cursor(self, key: str | None) -> None:
        if key is None:
            return
        for index, row in enumerate(self._shown):
            if row.key == key:
                self.move_cursor(row=index, animate=False)
                break

    def clear(self, columns: bool = False):
        # DataTable.clear() first lists the line offsets of every row it is about to drop (0.2 s for 10 000
        # rows); dropping the rows first makes that list empty.
        self._data.clear()
        self.rows.clear()
        self._row_locations = TwoWayDict({})
        self._update_count += 1
        return super().clear(columns)

    def _update_dimensions(self, new_rows) -> None:
        # Column widths are fixed by prepare() and rows are one line high: nothing to measure, which on
        # 10 000 rows saves seconds of work on the UI thread.
        if all(not column.auto_width for column in self.columns.values()):
            return
        super()._update_dimensions(new_rows)

    def cursor_row_key(self) -> str | None:
        rows = self._shown
        if not rows or self.cursor_row is None or self.cursor_row >= min(len(rows), self.row_count):
            return None
        return rows[self.cursor_row].key

    # --- sorting and filtering --------------------------------------------------------------------------

    def sort_by(self, index: int, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = (not self.sort_reverse) if self.sort_index == index else False
        self.sort_index, self.sort_reverse = index, reverse
        self._label_sort_arrows()
        if self.filling:
            self.redraw()
            return
        keep = self.cursor_row_key()
        # reorder the rows already in the table rather than building them again
        self._shown = self._sorted(self._shown)

        self._row_locations = TwoWayDict({self._row_keys[row.key]: i for i, row in enumerate(self._shown)})
        self._update_count += 1
        self.refresh()
        self._keep_cursor(keep)

    def _label_sort_arrows(self) -> None:
        for position, column in enumerate(self.ordered_columns):
            arrow = ""
            if position == self.sort_index:
                arrow = " ▼" if self.sort_reverse else " ▲"
            column.label = Text(self.labels[position] + arrow)

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
