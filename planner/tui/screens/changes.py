"""Changes: the bid's audit log, newest first: when, who, what was done to which record, and for the highlighted
change each field as it was and as it became.

Read only: the entries come through `planner.services.team.audit_log` in a worker, so a read-only database
works the same. A long-running bid can have many thousands of entries; the latest LIMIT are shown, and a note
says so.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.i18n.names import field_label, table_label
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable, TableBox, prepare

LIMIT = 1000  # entries loaded at most; `planner log --limit 0` lists every one
MAX_VALUE = 240  # characters of one value in the detail panel
MAX_LABEL = 26  # characters of a field's name there

ACTION_STYLES = {"create": "green", "delete": "red", "restore": "cyan", "import": "magenta"}


def _references() -> dict[str, str]:
    """A field holding another record's id -> that record's table (the models say)."""
    from planner.services.records import reference_targets

    return reference_targets()


def _skipped(entity: str) -> tuple[str, ...]:
    """Fields not worth showing: the record's own id and bid, and what the program keeps itself."""
    from planner.services.records import kept_fields

    return ("id", "bid_id", *kept_fields(entity))


def _name_in(entity: str, values: dict) -> str:
    from planner.services.records import name_field

    value = values.get(name_field(entity) or "")
    return value.strip() if isinstance(value, str) else ""


def _bundle_names(bundle) -> dict[tuple[str, str], str]:
    """(table, id) -> the record's name as it is now, for the records of the open bid."""
    from planner.services.records import name_field, named_kinds

    names: dict[tuple[str, str], str] = {}
    if bundle is None:
        return names
    names[("bid", str(bundle.bid.id))] = bundle.bid.title
    for entity in named_kinds():
        if entity == "bid":
            continue
        field = name_field(entity)
        for record in bundle.rows(entity):
            name = getattr(record, field, None)
            if isinstance(name, str) and name.strip():
                names[(entity, str(record.id))] = name.strip()
    return names


def record_names(entries, bundle) -> dict[tuple[str, str], str]:
    """A name for every record the entries touch: its name now, else the last name the log saw."""
    names: dict[tuple[str, str], str] = {}
    for entry in reversed(entries):  # oldest first, so later names win
        name = _name_in(entry.entity, entry.after) or _name_in(entry.entity, entry.before)
        if name:
            names[(entry.entity, entry.entity_id)] = name
    names.update(_bundle_names(bundle))
    for entry in entries:
        if entry.entity == "venue_score" and (entry.entity, entry.entity_id) not in names:
            venue_id, _sep, criterion_id = entry.entity_id.partition(",")
            venue, criterion = names.get(("venue", venue_id)), names.get(("criterion", criterion_id))
            if venue and criterion:
                names[(entry.entity, entry.entity_id)] = f"{venue} · {criterion}"
    return names


def field_specs(entity: str, bundle) -> dict[str, Any]:
    """The form fields of a table ({column: FieldSpec}): their translated labels and how to show values."""
    from planner.tui import forms

    makers = {
        "bid": lambda: forms.bid_fields(new=False), "venue": forms.venue_fields, "room": forms.room_fields,
        "accommodation_block": forms.accommodation_fields, "budget_line": forms.line_fields,
        "speaker": forms.speaker_fields, "partner": forms.partner_fields,
        "programme_session": lambda: forms.session_fields(bundle),
        "commitment": lambda: forms.commitment_fields(bundle), "task": lambda: forms.task_fields(bundle),
    }
    if entity not in makers or (bundle is None and entity in ("programme_session", "commitment", "task")):
        return {}
    return {spec.name: spec for spec in makers[entity]()}


def field_name(name: str, specs: dict) -> str:
    """A field by the label of the form that shows it, else by the audit log's name for the column."""
    spec = specs.get(name)
    return _(spec.label) if spec is not None else show.clean(field_label(name))  # an unknown column as it came


def ordered(names: list[str], specs: dict) -> list[str]:
    """Fields in the order of the record's form, the others after them."""
    order = {name: index for index, name in enumerate(specs)}
    return sorted(names, key=lambda name: (order.get(name, len(order)), name))


def show_value(value: Any, spec, currency: str | None, name: str = "", names: dict | None = None) -> str:
    """A stored (JSON) value as the user reads it: money with its currency, dates per language, labels; one
    line, control characters neutralised (a str for a Text, not markup)."""
    from planner.i18n.format import format_date, format_minor

    if value is None or value == "":
        return "–"
    kind = getattr(spec, "kind", "")
    target = _references().get(name)
    if target and names and (target, str(value)) in names:
        return show.clean(names[(target, str(value))])
    try:
        if (kind == "money" or name.endswith("_minor")) and isinstance(value, int) and currency:
            return format_minor(value, currency)
        if kind == "date" and isinstance(value, str):
            return format_date(date.fromisoformat(value), style="medium")
        if kind == "time" and isinstance(value, str):
            return time.fromisoformat(value).strftime("%H:%M")
        if kind == "bool" or isinstance(value, bool):
            return _("Yes") if value else _("No")
        if kind == "choice" and spec.enum is not None:
            return label(value, spec.enum)
        if kind == "choice" and spec.options is not None:
            for shown, key in spec.options():
                if key == value:
                    return show.clean(shown)
    except (ValueError, TypeError):
        pass
    if isinstance(value, dict):  # translations: "title (sv): …"
        from planner.i18n.names import field_label

        value = "; ".join(f"{field_label(field)} ({locale}): {text}" for field, texts in value.items()
                          if isinstance(texts, dict) for locale, text in texts.items()) or "–"
    text = value if isinstance(value, str) else str(value)
    text = show.clean(" ".join(text.split()))
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def when(entry) -> str:
    """The moment of a change in the one date style of the screens (24 May 2012), with its time of day."""
    moment = entry.at.astimezone()
    return f"{show.day(moment.date())} {moment:%H:%M}"


def changed_fields(entry, specs: dict) -> list[str]:
    """The fields worth showing: what an update changed; what a new or deleted record held (not the blanks)."""
    skipped = _skipped(entry.entity)
    names = [name for name in entry.fields if name not in skipped]
    if not (entry.before and entry.after):
        values = entry.after or entry.before
        names = [name for name in names if values.get(name) not in (None, "")]
    return ordered(names, specs)


def describe(entry, bundle, names: dict) -> Text:
    """The detail of one change: who and when, then each field as it was and as it became."""
    from planner.i18n.format import format_datetime

    specs = field_specs(entry.entity, bundle)
    out = Text()
    record = names.get((entry.entity, entry.entity_id)) or f"#{entry.entity_id}"
    out.append(f"{show.clean(table_label(entry.entity))} “{show.clean(record)}”", style="bold")
    out.append("  " + _("{action} by {who}, {when}").format(
        action=show.clean(entry.action_label), who=show.clean(entry.who),
        when=format_datetime(entry.at.astimezone(), style="medium"))
        + "\n", style=ACTION_STYLES.get(entry.action, ""))
    fields = changed_fields(entry, specs)
    if not fields:
        out.append(_("No field values were recorded for this change."), style="dim")
        return out

    def currency(values: dict, name: str) -> str | None:
        spec = specs.get(name)
        code_field = getattr(spec, "currency_field", None) or "currency"
        code = values.get(code_field) or entry.after.get(code_field) or entry.before.get(code_field)
        if not code and bundle is not None:
            code = bundle.bid.base_currency
        return code

    width = min(MAX_LABEL, max(len(field_name(name, specs)) for name in fields))
    for name in fields:
        spec = specs.get(name)
        shown = field_name(name, specs)
        shown = shown if len(shown) <= width else shown[: width - 1] + "…"
        out.append(f"{shown:<{width}}  ", style="dim")
        has_before, has_after = name in entry.before, name in entry.after
        if has_before and has_after:
            out.append(show_value(entry.before[name], spec, currency(entry.before, name), name, names), style="red")
            out.append(" → ")
            out.append(show_value(entry.after[name], spec, currency(entry.after, name), name, names),
                       style="green")
        elif has_after:
            out.append(show_value(entry.after[name], spec, currency(entry.after, name), name, names),
                       style="green")
        else:
            out.append(show_value(entry.before[name], spec, currency(entry.before, name), name, names),
                       style="red strike")
        out.append("\n")
    out.rstrip()
    return out


class ChangesScreen(PlannerScreen):
    """The audit log of the open bid: a sortable, filterable table and the highlighted change in detail."""

    SCREEN_NAME = N_("Changes")
    MODE = "changes"
    AUTO_FOCUS = "SortableTable"
    BINDINGS = [
        Binding("slash", "filter", N_("Filter"), id="filter"),
        Binding("r", "reload", N_("Reload"), id="reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, Any] = {}
        self.names: dict = {}
        self.top_key: str | None = None

    def body(self) -> ComposeResult:
        yield Static("", id="changes-note", classes="hint")
        yield TableBox(SortableTable(id="changes-table"))
        with VerticalScroll(id="change-panel", classes="panel") as panel:
            panel.border_title = _("What changed")
            yield Static(_("Highlight a change to see each field as it was and as it became."),
                         id="change-detail")

    # --- loading (in the `fill` worker) -----------------------------------------------------------------

    def prepare(self, bundle, analysis) -> dict:
        from planner.services.team import audit_log
        from planner.tui.app import _error_text

        try:
            entries = audit_log(self.app.ws, bundle.bid.id, limit=LIMIT + 1)
        except Exception as exc:  # noqa: BLE001 - shown on the screen; the app keeps running
            return {"changes-note": show.lines(_("The changes could not be read: {reason}").format(
                reason=_error_text(exc)), style="red"), "changes-table": prepare(self.columns(), []),
                "entries": ({}, {})}
        more = len(entries) > LIMIT
        entries = entries[:LIMIT]
        names = record_names(entries, bundle)
        rows = []
        for entry in entries:
            specs = field_specs(entry.entity, bundle)
            record = names.get((entry.entity, entry.entity_id)) or f"#{entry.entity_id}"
            fields = ", ".join(field_name(name, specs) for name in changed_fields(entry, specs)) \
                if entry.before and entry.after else ""
            rows.append(Row(str(entry.id), (
                when(entry), show.line(entry.who), show.line(entry.action_label, ACTION_STYLES.get(entry.action, "")),
                show.line(table_label(entry.entity)), show.line(record), show.line(fields)),
                (entry.at, entry.who.lower(), entry.action_label, table_label(entry.entity).lower(),
                 record.lower(), fields.lower())))
        if not entries:
            note = _("No changes recorded for this bid yet.")
        elif more:
            note = _("Showing the latest {n} changes, newest first; `planner log --bid {bid} --limit 0` lists "
                     "them all.").format(n=LIMIT, bid=bundle.bid.id)
        else:
            note = _("{n} changes, newest first.").format(n=len(entries)) if len(entries) != 1 \
                else _("One change.")
        return {"changes-note": show.lines(note), "changes-table": prepare(self.columns(), rows),
                "entries": ({str(e.id): e for e in entries}, names)}

    @staticmethod
    def columns() -> list[str]:
        return [_("When"), _("Who"), _("Action"), _("Record"), _("Name"), _("Fields")]

    def show(self, message) -> None:
        entries = message.content.pop("entries", None)
        fresh = message.version == self.shown_version and self.is_mounted and entries is not None
        table = self.query_one("#changes-table", SortableTable) if self.is_mounted else None
        # on the top row (the newest change) the cursor stays on the top row; elsewhere it stays put
        at_top = table is not None and (table.cursor_row_key() is None or table.cursor_row == 0)
        self.top_key = None
        if fresh:
            self.entries, self.names = entries
            rows = message.content["changes-table"].rows
            if at_top and rows:
                self.top_key = rows[0].key  # the newest change
        super().show(message)

    def row_to_focus(self, table_id: str) -> str | None:
        return self.top_key

    def shown(self) -> None:
        self.show_detail()

    # --- the detail panel -------------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#changes-table")
    @on(SortableTable.Shown, "#changes-table")
    def _highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        key = self.query_one("#changes-table", SortableTable).cursor_row_key()
        detail = self.query_one("#change-detail", Static)
        entry = self.entries.get(key) if key else None
        if entry is None:
            detail.update(_("Highlight a change to see each field as it was and as it became."))
            return
        detail.update(describe(entry, self.app.bundle, self.names))

    # --- actions ----------------------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the log again (others may have changed the bid meanwhile)."""
        self.redraw(force=True)

    def action_filter(self) -> None:
        self.query_one("#changes-table-box", TableBox).open_filter()
