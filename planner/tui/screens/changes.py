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
from planner.tui.labels import label
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.table import Row, SortableTable, TableBox, prepare

LIMIT = 1000  # entries loaded at most; `planner log --limit 0` lists every one
MAX_VALUE = 240  # characters of one value in the detail panel
MAX_LABEL = 26  # characters of a field's name there

ENTITIES = {
    "bid": N_("Bid"), "bid_text": N_("Bid text"), "date_option": N_("Date option"), "venue": N_("Venue"),
    "room": N_("Room"), "venue_availability": N_("Venue availability"), "criterion": N_("Criterion"),
    "venue_score": N_("Venue score"), "accommodation_block": N_("Accommodation"),
    "budget_line": N_("Budget line"), "budget_baseline": N_("Baseline"), "baseline_line": N_("Baseline line"),
    "speaker": N_("Speaker"), "programme_session": N_("Session"), "session_speaker": N_("Session speaker"),
    "partner": N_("Partner"), "commitment": N_("Commitment"), "task": N_("Task"),
    "task_dependency": N_("Task dependency"), "exchange_rate": N_("Exchange rate"),
    "dossier_export": N_("Dossier export"),
}

# names of the columns no form shows (the form's own labels name the others)
EXTRA_LABELS = {
    "edition": N_("Edition"), "host_region": N_("Host region"), "organiser": N_("Organiser"),
    "contact_name": N_("Contact"), "contact_email": N_("Contact e-mail"), "contact_phone": N_("Contact phone"),
    "event_days": N_("Event days"), "complimentary_attendees": N_("Complimentary attendees"),
    "vat_deductible": N_("VAT deductible"), "status": N_("Status"), "internal_notes": N_("Internal notes"),
    "note": N_("Note"), "position": N_("Position"), "stars": N_("Stars"), "address": N_("Address"),
    "cost_note": N_("Cost note"), "distance_airport_km": N_("Distance to the airport (km)"),
    "description": N_("Description"), "website": N_("Website"), "phone": N_("Phone"), "country": N_("Country"),
    "bio": N_("Biography"), "role": N_("Role"), "avatar_url": N_("Picture address"), "source": N_("Source"),
    "source_id": N_("Source id"), "letter_file": N_("Letter file"), "logo_path": N_("Logo file"),
    "score": N_("Score"), "comment": N_("Comment"), "weight": N_("Weight"), "min_score": N_("Minimum score"),
    "name_sv": N_("Name in Swedish"), "name_en": N_("Name in English"), "available": N_("Available"),
    "body": N_("Text"), "locale": N_("Language"), "start_date": N_("Start date"), "end_date": N_("End date"),
    "preferred": N_("Preferred"), "abstract": N_("Abstract"), "template_key": N_("Template"),
    "venue_id": N_("Venue"), "criterion_id": N_("Criterion"), "session_id": N_("Session"),
    "speaker_id": N_("Speaker"), "task_id": N_("Task"), "depends_on_id": N_("Waits for"),
    "budget_line_id": N_("Budget line"), "partner_id": N_("Partner"), "room_id": N_("Room"),
    "date_option_id": N_("Date option"),
}

# a column holding another record's id -> that record's table
REFERENCES = {
    "venue_id": "venue", "criterion_id": "criterion", "session_id": "programme_session", "speaker_id": "speaker",
    "task_id": "task", "depends_on_id": "task", "budget_line_id": "budget_line", "partner_id": "partner",
    "room_id": "room", "line_id": "budget_line", "baseline_id": "budget_baseline",
}

ACTION_STYLES = {"create": "green", "delete": "red", "restore": "cyan", "import": "magenta"}

# fields that name a record, best first
NAMING = ("display_name", "name", "title", "label", "hotel", "description", "conference", "key")
SKIPPED = ("id", "bid_id", "version", "created_at", "updated_at", "updated_by", "last_opened_at")


def entity_label(entity: str) -> str:
    return _(ENTITIES[entity]) if entity in ENTITIES else entity.replace("_", " ")


def _name_in(values: dict) -> str:
    for key in NAMING:
        value = values.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _bundle_names(bundle) -> dict[tuple[str, str], str]:
    """(table, id) -> the record's name as it is now, for the records of the open bid."""
    names: dict[tuple[str, str], str] = {}
    if bundle is None:
        return names
    names[("bid", str(bundle.bid.id))] = bundle.bid.title
    for entity, records in (("venue", bundle.venues), ("room", bundle.rooms), ("criterion", bundle.criteria),
                            ("accommodation_block", bundle.accommodation), ("budget_line", bundle.budget_lines),
                            ("budget_baseline", bundle.baselines), ("speaker", bundle.speakers),
                            ("programme_session", bundle.sessions), ("partner", bundle.partners),
                            ("commitment", bundle.commitments), ("task", bundle.tasks)):
        for record in records:
            name = _name_in({key: getattr(record, key, None) for key in NAMING})
            if name:
                names[(entity, str(record.id))] = name
    return names


def record_names(entries, bundle) -> dict[tuple[str, str], str]:
    """A name for every record the entries touch: its name now, else the last name the log saw."""
    names: dict[tuple[str, str], str] = {}
    for entry in reversed(entries):  # oldest first, so later names win
        name = _name_in(entry.after) or _name_in(entry.before)
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


def field_label(name: str, specs: dict) -> str:
    spec = specs.get(name)
    if spec is not None:
        return _(spec.label)
    if name in EXTRA_LABELS:
        return _(EXTRA_LABELS[name])
    return name.removesuffix("_minor").replace("_", " ").capitalize()


def ordered(names: list[str], specs: dict) -> list[str]:
    """Fields in the order of the record's form, the others after them."""
    order = {name: index for index, name in enumerate(specs)}
    return sorted(names, key=lambda name: (order.get(name, len(order)), name))


def show_value(value: Any, spec, currency: str | None, name: str = "", names: dict | None = None) -> str:
    """A stored (JSON) value as the user reads it: money with its currency, dates per language, labels."""
    from planner.i18n.format import format_date, format_minor

    if value is None or value == "":
        return "–"
    kind = getattr(spec, "kind", "")
    if name in REFERENCES and names and (REFERENCES[name], str(value)) in names:
        return names[(REFERENCES[name], str(value))]
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
            return label(spec.enum, value)
        if kind == "choice" and spec.options is not None:
            for shown, key in spec.options():
                if key == value:
                    return shown
    except (ValueError, TypeError):
        pass
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def when(entry) -> str:
    from planner.i18n.format import format_datetime

    return format_datetime(entry.at.astimezone(), style="short")


def changed_fields(entry, specs: dict) -> list[str]:
    """The fields worth showing: what an update changed; what a new or deleted record held (not the blanks)."""
    names = [name for name in entry.fields if name not in SKIPPED]
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
    out.append(f"{entity_label(entry.entity)} “{record}”", style="bold")
    out.append("  " + _("{action} by {who}, {when}").format(
        action=entry.action_label, who=entry.who, when=format_datetime(entry.at.astimezone(), style="medium"))
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

    width = min(MAX_LABEL, max(len(field_label(name, specs)) for name in fields))
    for name in fields:
        spec = specs.get(name)
        shown = field_label(name, specs)
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
            return {"changes-note": Text(_("The changes could not be read: {reason}").format(
                reason=_error_text(exc)), style="red"), "changes-table": prepare(self.columns(), []),
                "entries": ({}, {})}
        more = len(entries) > LIMIT
        entries = entries[:LIMIT]
        names = record_names(entries, bundle)
        rows = []
        for entry in entries:
            specs = field_specs(entry.entity, bundle)
            record = names.get((entry.entity, entry.entity_id)) or f"#{entry.entity_id}"
            fields = ", ".join(field_label(name, specs) for name in changed_fields(entry, specs)) \
                if entry.before and entry.after else ""
            rows.append(Row(str(entry.id), (
                when(entry), entry.who, Text(entry.action_label, style=ACTION_STYLES.get(entry.action, "")),
                entity_label(entry.entity), record, fields),
                (entry.at, entry.who.lower(), entry.action_label, entity_label(entry.entity).lower(),
                 record.lower(), fields.lower())))
        if not entries:
            note = _("No changes recorded for this bid yet.")
        elif more:
            note = _("Showing the latest {n} changes, newest first; `planner log --bid {bid} --limit 0` lists "
                     "them all.").format(n=LIMIT, bid=bundle.bid.id)
        else:
            note = _("{n} changes, newest first.").format(n=len(entries)) if len(entries) != 1 \
                else _("One change.")
        return {"changes-note": note, "changes-table": prepare(self.columns(), rows),
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
