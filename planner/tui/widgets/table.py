"""A data table that sorts (click a header, or `s` on a column) and filters as you type, fast on 10 000 rows.

Rows are kept as plain tuples beside the table with a sort key per cell, so sorting compares numbers and
dates rather than the formatted text, and a filter narrows the shown rows without asking the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from planner.i18n import N_


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[Any, ...]  # str or rich Text, as shown
    sort_keys: tuple[Any, ...] | None = None  # one comparable value per cell; None: the shown text
    search: str = ""  # lower-case text the filter looks in


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


class SortableTable(DataTable):
    """A DataTable keeping its rows so it can re-sort and filter them without reloading."""

    BINDINGS = [
        Binding("s", "sort_column", N_("Sort"), tooltip=N_("Sort by the column under the cursor; again to reverse")),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.all_rows: list[Row] = []
        self.labels: list[str] = []
        self.sort_index: int | None = None
        self.sort_reverse = False
        self.filter_text = ""

    def set_columns(self, labels: Sequence[str]) -> None:
        if list(labels) != self.labels:
            self.clear(columns=True)
            self.labels = list(labels)
            for index, label in enumerate(labels):
                self.add_column(label, key=str(index))

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.all_rows = [r if r.search else Row(r.key, r.cells, r.sort_keys,
                                                " ".join(_plain(c) for c in r.cells).lower()) for r in rows]
        self.redraw()

    def shown_rows(self) -> list[Row]:
        rows = self.all_rows
        if self.filter_text:
            words = self.filter_text.lower().split()
            rows = [r for r in rows if all(w in r.search for w in words)]
        if self.sort_index is not None:
            i = self.sort_index

            def key(row: Row):
                value = row.sort_keys[i] if row.sort_keys else _plain(row.cells[i]).lower()
                return (value is None, value if value is not None else 0)

            try:
                rows = sorted(rows, key=key, reverse=self.sort_reverse)
            except TypeError:  # mixed kinds in one column: compare as text
                rows = sorted(rows, key=lambda r: _plain(r.cells[i]).lower(), reverse=self.sort_reverse)
        return rows

    def redraw(self) -> None:
        keep = self.cursor_row_key()
        self.clear()
        rows = self.shown_rows()
        self.add_rows([r.cells for r in rows])  # keys are positions; map back through `rows`
        self._shown = rows
        if keep is not None:
            for index, row in enumerate(rows):
                if row.key == keep:
                    self.move_cursor(row=index, animate=False)
                    break

    def cursor_row_key(self) -> str | None:
        rows = getattr(self, "_shown", None)
        if not rows or self.cursor_row is None or self.cursor_row >= len(rows):
            return None
        return rows[self.cursor_row].key

    def sort_by(self, index: int, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = (not self.sort_reverse) if self.sort_index == index else False
        self.sort_index, self.sort_reverse = index, reverse
        for position, column in enumerate(self.ordered_columns):
            arrow = (" ▼" if reverse else " ▲") if position == index else ""
            column.label = Text(self.labels[position] + arrow)
        self.redraw()

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
