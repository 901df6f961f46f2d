"""Screens made of record tables: add, edit and delete the highlighted record, filter and sort, the same way
on every screen (a, e/enter, x/delete, /, s)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.binding import Binding
from textual.widgets import DataTable, Input, TabbedContent

from planner.i18n import N_, _
from planner.tui import forms
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.table import Row, SortableTable


@dataclass
class TableSpec:
    """One table of records: what it shows and how its records are added, edited and named."""

    model: Any
    noun: str  # N_ message id: "venue", "budget line"
    columns: Callable[[], list[str]]
    rows: Callable[[Any, Any], list[Row]]  # (bundle, analysis) -> rows
    fields: Callable[[Any, Any], list]  # (bundle, record or None) -> field specs
    fixed: Callable[[Any], dict] = lambda bundle: {"bid_id": bundle.bid.id}
    defaults: Callable[[Any], dict] = lambda bundle: {}
    name: Callable[[Any], str] = lambda record: getattr(record, "name", "") or str(record.id)
    save_new: Callable | None = None  # (bundle) -> save(ws, values); default add_record
    save_edit: Callable | None = None  # (bundle, record) -> save(ws, values); default update_record
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
    ]

    def specs(self) -> dict[str, TableSpec]:
        raise NotImplementedError

    def filter_input(self) -> Input:
        return Input(placeholder=_("Filter: type words to keep the rows holding them; escape clears"),
                     id="filter", classes="filter", disabled=True)

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
        model = self.specs()[table_id].model
        return self.find(model, key)

    def find(self, model, key: str):
        from planner.store import models as m

        bundle = self.app.bundle
        collection = {
            m.Venue: bundle.venues, m.Room: bundle.rooms, m.AccommodationBlock: bundle.accommodation,
            m.BudgetLine: bundle.budget_lines, m.Speaker: bundle.speakers, m.ProgrammeSession: bundle.sessions,
            m.Partner: bundle.partners, m.Commitment: bundle.commitments, m.Task: bundle.tasks,
            m.Criterion: bundle.criteria,
        }.get(model, [])
        for record in collection:
            if str(record.id) == key:
                return record
        return None

    # --- drawing --------------------------------------------------------------------------------------

    def show_data(self) -> None:
        self.show_extra()
        self.build_rows(self.app.bundle, self.app.analysis, self.shown_version)

    def show_extra(self) -> None:
        """Draw what is not a record table (panels, matrices); runs on the UI thread."""

    @work(thread=True, exclusive=True, group="rows")
    def build_rows(self, bundle, analysis, version: int) -> None:
        """Format the rows away from the UI thread (10 000 budget lines take most of a second to format)."""
        built = {table_id: (spec.columns(), spec.rows(bundle, analysis)) for table_id, spec in self.specs().items()}
        self.app.call_from_thread(self._apply_rows, built, version)

    def _apply_rows(self, built, version: int) -> None:
        if version != self.shown_version:
            return  # newer data is on its way
        for table_id, (columns, rows) in built.items():
            table = self.query_one(f"#{table_id}", SortableTable)
            table.set_columns(columns)
            table.set_rows(rows)
        self.rows_shown()

    def rows_shown(self) -> None:
        """Called when the tables hold the current rows."""

    # --- actions --------------------------------------------------------------------------------------

    def action_add(self) -> None:
        self.add_to(self.active_table_id())

    def add_to(self, table_id: str) -> None:
        spec = self.specs()[table_id]
        bundle = self.app.bundle
        save = spec.save_new(bundle) if spec.save_new else forms.adder(spec.model, **spec.fixed(bundle))
        self.app.edit(_("New {noun}").format(noun=_(spec.noun)), spec.fields(bundle, None), save,
                      spec.defaults(bundle), saved=_("Added: {noun}.").format(noun=_(spec.noun)))

    def action_edit(self) -> None:
        table_id = self.active_table_id()
        spec = self.specs()[table_id]
        record = self.record_of(table_id)
        if record is None:
            self.notify(_("Highlight a row first."), severity="warning")
            return
        bundle = self.app.bundle
        fields = spec.fields(bundle, record)
        values = spec.edit_values(bundle, record) if spec.edit_values else forms.values_of(record, fields)
        save = spec.save_edit(bundle, record) if spec.save_edit else forms.updater(
            spec.model, record.id, getattr(record, "version", None))
        self.app.edit(_("Edit {noun}: {name}").format(noun=_(spec.noun), name=spec.name(record)), fields, save,
                      values, saved=_("Saved."))

    def action_delete(self) -> None:
        table_id = self.active_table_id()
        spec = self.specs()[table_id]
        record = self.record_of(table_id)
        if record is None:
            self.notify(_("Highlight a row first."), severity="warning")
            return
        self.app.delete(spec.model, record.id, spec.name(record))

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in self.specs():
            event.data_table.focus()
            self.action_edit()

    # --- filtering ------------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self._filter_target = self.active_table_id()
        box = self.query_one("#filter", Input)
        box.disabled = False
        box.add_class("visible")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        target = getattr(self, "_filter_target", None) or self.active_table_id()
        self.query_one(f"#{target}", SortableTable).filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        target = getattr(self, "_filter_target", None) or self.active_table_id()
        self.query_one(f"#{target}", SortableTable).focus()

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.has_class("visible"):
            target = getattr(self, "_filter_target", None) or self.active_table_id()
            box.value = ""
            box.remove_class("visible")
            box.disabled = True
            table = self.query_one(f"#{target}", SortableTable)
            table.filter("")
            table.focus()
