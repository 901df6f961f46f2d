"""Screens made of record tables: add, edit and delete the highlighted record, filter and sort, the same way
on every screen (a, e/enter, x/delete, /, s)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent

from planner.i18n import N_, _
from planner.tui import forms
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable, TableBox, prepare


@dataclass
class TableSpec:
    """One table of records: what it shows and how its records are added, edited and named."""

    kind: str  # the records service's name for the table: "venue", "budget_line"
    noun: str  # N_ message id: "venue", "budget line"
    columns: Callable[[], list[str]]
    rows: Callable[[Any, Any], list[Row]]  # (bundle, analysis) -> rows
    fields: Callable[[Any, Any], list]  # (bundle, record or None) -> field specs
    fixed: Callable[[Any], dict] = lambda bundle: {"bid_id": bundle.bid.id}
    defaults: Callable[[Any], dict] = lambda bundle: {}
    name: Callable[[Any], str] = lambda record: getattr(record, "name", "") or str(record.id)
    save_new: Callable | None = None  # (bundle) -> save(ws, values); default forms.adder
    save_edit: Callable | None = None  # (bundle, record) -> save(ws, values); default forms.updater
    edit_values: Callable | None = None  # (bundle, record) -> values for the form


class RecordsScreen(PlannerScreen):
    """A screen with one or more SortableTables, each described by a TableSpec."""

    AUTO_FOCUS = "SortableTable"
    BINDINGS = [
        Binding("a", "add", N_("Add"), id="add"),
        Binding("e", "edit", N_("Edit"), id="edit"),
        Binding("x,delete", "delete", N_("Delete"), id="delete"),
        Binding("slash", "filter", N_("Filter"), id="filter"),
        Binding("ctrl+z", "app.undo", N_("Undo"), id="undo"),
        Binding("ctrl+y", "app.redo", N_("Redo"), id="redo", show=False),
        Binding("right_square_bracket", "next_tab(1)", N_("Next tab"), show=False),
        Binding("left_square_bracket", "next_tab(-1)", N_("Previous tab"), show=False),
    ]

    def specs(self) -> dict[str, TableSpec]:
        raise NotImplementedError

    # --- which table ----------------------------------------------------------------------------------

    def active_table_id(self) -> str:
        focused = self.focused
        if isinstance(focused, SortableTable) and focused.id in self.specs():
            return focused.id
        try:
            tabs = self.query_one(TabbedContent)
            pane = tabs.get_pane(tabs.active)
            found = pane.query(SortableTable)
            for table in found:
                if table.id in self.specs():
                    return table.id
        except Exception:
            pass
        return next(iter(self.specs()))

    def record_of(self, table_id: str):
        table = self.query_one(f"#{table_id}", SortableTable)
        key = table.cursor_row_key()
        if key is None:
            return None
        return self.find(self.specs()[table_id].kind, key)

    def say_nothing_highlighted(self, table_id: str) -> None:
        """Ask for a highlighted row when none is (a row that is no record, such as a speakers' line of the
        budget, has said why already)."""
        if self.query_one(f"#{table_id}", SortableTable).cursor_row_key() is None:
            self.notify(_("Highlight a row first."), severity="warning")

    def find(self, kind: str, key: str):
        for record in self.app.bundle.rows(kind):
            if str(record.id) == key:
                return record
        return None

    # --- drawing --------------------------------------------------------------------------------------

    def prepare(self, bundle, analysis) -> dict:
        content = {table_id: prepare(spec.columns(), spec.rows(bundle, analysis))
                   for table_id, spec in self.specs().items()}
        content.update(self.prepare_extra(bundle, analysis))
        return content

    def prepare_extra(self, bundle, analysis) -> dict:
        """Panels beside the tables, {widget id: renderable}; runs in a worker."""
        return {}

    def row_to_focus(self, table_id: str) -> str | None:
        spec = self.specs().get(table_id)
        focus = self.focus_row
        if spec is None or focus is None or spec.kind != focus[0]:
            return None
        return focus[1]

    # --- actions --------------------------------------------------------------------------------------

    def action_add(self) -> None:
        self.add_to(self.active_table_id())

    def add_to(self, table_id: str) -> None:
        spec = self.specs()[table_id]
        bundle = self.app.bundle
        save = spec.save_new(bundle) if spec.save_new else forms.adder(spec.kind, **spec.fixed(bundle))
        fields = forms.with_translations(spec.kind, spec.fields(bundle, None), bundle)
        self.app.edit(_("New {noun}").format(noun=_(spec.noun)), fields, save,
                      spec.defaults(bundle), saved=_("Added: {noun}.").format(noun=_(spec.noun)))

    def action_edit(self) -> None:
        table_id = self.active_table_id()
        spec = self.specs()[table_id]
        record = self.record_of(table_id)
        if record is None:
            self.say_nothing_highlighted(table_id)
            return
        bundle = self.app.bundle
        fields = forms.with_translations(spec.kind, spec.fields(bundle, record), bundle)
        values = spec.edit_values(bundle, record) if spec.edit_values else forms.values_of(record, fields)
        save = spec.save_edit(bundle, record) if spec.save_edit else forms.updater(
            spec.kind, record.id, getattr(record, "version", None), translations=getattr(record, "translations", None))
        self.app.edit(_("Edit {noun}: {name}").format(noun=_(spec.noun), name=spec.name(record)), fields, save,
                      values, saved=_("Saved. ctrl+z takes it back."), what=show.clean(spec.name(record)))

    def action_delete(self) -> None:
        table_id = self.active_table_id()
        spec = self.specs()[table_id]
        record = self.record_of(table_id)
        if record is None:
            self.say_nothing_highlighted(table_id)
            return
        # the name is quoted in the question, the toasts and the undo entry: one line, control characters shown
        self.app.delete(spec.kind, record.id, show.clean(spec.name(record)))

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in self.specs():
            event.data_table.focus()
            self.action_edit()

    def action_next_tab(self, step: int) -> None:
        """] and [ move to the next and the previous tab of the screen, and stop at the last and the first
        (mouse users click them)."""
        try:
            tabs = self.query_one(TabbedContent)
        except Exception:
            return
        panes = [pane.id for pane in tabs.query("TabPane")]
        if tabs.active in panes:
            index = panes.index(tabs.active) + step
            if not 0 <= index < len(panes):
                self.app.bell()  # already on the first (or the last) tab
                return
            tabs.active = panes[index]
            self.focus_tab()

    def focus_tab(self) -> None:
        """The focus into the tab on show: its table, else what scrolls there (the Gantt chart, the grid, the
        risk), so that the arrows, Page Down and End move what is seen rather than nothing."""
        try:
            tabs = self.query_one(TabbedContent)
        except Exception:
            return
        pane = tabs.get_pane(tabs.active) if tabs.active else None
        if pane is None:
            return
        target = pane.query("DataTable").first() if pane.query("DataTable") else None
        if target is None:
            target = next((widget for widget in pane.query("*") if widget.can_focus and not widget.disabled), None)
        if target is not None:
            target.focus()

    # --- filtering ------------------------------------------------------------------------------------

    def action_filter(self) -> None:
        """/ opens the filter of the table in view (each table has its own)."""
        table = self.query_one(f"#{self.active_table_id()}", SortableTable)
        box = table.parent
        if isinstance(box, TableBox):
            box.open_filter()
