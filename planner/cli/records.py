"""Any record of a bid from the command line: `planner list|add|set|delete KIND`, `planner link`, and the bid's
own fields and status (`planner bid show|set|status`, on the `bid` group of planner.cli.core).

KIND is the bid file's table name (`venue`, `budget_line`, `task` ...) and FIELD=VALUE names its fields; the
values are read by planner.services.fields (amounts with either decimal mark, dates as YYYY-MM-DD, choices by
their value, yes/no). What people typed is printed through `literal`, JSON through `json_safe`.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import typer
from rich.table import Table

from planner.cli.consoles import confirm
from planner.cli.context import err_console, out_console, state_of
from planner.cli.core import bid_app
from planner.cli.params import bid_option, date_option, id_argument, json_option, parse_id
from planner.i18n import N_, _
from planner.i18n.text import json_safe, literal, neutralise

app = typer.Typer()
link_app = typer.Typer(help=N_("Link records: a task to the tasks it waits for, a session to its speakers, a "
                               "commitment to its budget line."), no_args_is_help=True)

KIND_HELP = N_("The kind of record: venue, room, date_option, venue_availability, criterion, venue_score, "
               "accommodation_block, budget_line, speaker, programme_session, partner, commitment, task, "
               "bid_text or budget_baseline.")
VALUES_HELP = N_("Fields as FIELD=VALUE: amounts as 1234.50 or 1234,50 in the record's currency, dates as "
                 "YYYY-MM-DD, times as HH:MM, choices by their value, yes or no; an empty value clears a field.")
SHOWN_AT_MOST = 60  # characters of a typed argument an error quotes


def register(root: typer.Typer) -> None:
    root.add_typer(app)
    root.add_typer(link_app, name="link")


# --- shared -------------------------------------------------------------------------------------------------


def emit_json(document: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


def _quoted(text: str) -> str:
    shown = json.dumps(text, ensure_ascii=False)
    return shown if len(shown) <= SHOWN_AT_MOST else shown[:SHOWN_AT_MOST] + "…"


def assignments(args: list[str] | None) -> dict[str, str]:
    """{field: typed value} of FIELD=VALUE arguments; anything else is a usage error saying what to write."""
    out: dict[str, str] = {}
    for arg in args or ():
        name, sep, value = arg.partition("=")
        name = name.strip()
        if not sep or not name:
            raise typer.BadParameter(_("{arg} is not FIELD=VALUE; write for example name=Konserthuset.").format(
                arg=_quoted(arg)), param_hint="FIELD=VALUE")
        if name in out:
            raise typer.BadParameter(_("{field} is given twice.").format(field=_quoted(name)),
                                     param_hint="FIELD=VALUE")
        out[name] = value
    return out


def _bid(ctx: typer.Context, bid_id: int | None):
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    return ws, resolve_bid(ws, bid_id)


def _kind(kind: str) -> str:
    from planner.services.fields import check_kind

    return check_kind(kind)


def cell(spec, value: Any, row: dict[str, Any]) -> str:
    """A field's value as a table shows it: amounts with their currency, yes/no, '-' for none."""
    from planner.domain.money import Money
    from planner.i18n.format import format_money

    if value is None or value == "":
        return "-"
    if spec is not None and spec.type == "money":
        currency = row.get(spec.currency_field) or ""
        try:
            return format_money(Money(value, currency))
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    if isinstance(value, dict):  # translations: title.en=…, as they are typed
        return "; ".join(f"{name}.{locale}={text}" for name, texts in value.items() if isinstance(texts, dict)
                         for locale, text in texts.items()) or "-"
    if spec is not None and spec.type == "time" and isinstance(value, str) and value.endswith(":00"):
        return value[:5]  # 09:00, as it is typed
    return str(value)


def _key_of(kind: str, record: dict[str, Any]) -> str:
    from planner.services.fields import fields_of

    return ",".join(str(record[f.name]) for f in fields_of(kind) if f.key)


def _with_it(goes: dict[str, int]) -> str:
    return ", ".join(f"{kind}: {n}" for kind, n in goes.items())


def can_ask() -> bool:
    """Whether a question can be asked: standard input is a terminal (a script's pipe is not)."""
    return sys.stdin.isatty()


# --- planner list / add / set / delete ----------------------------------------------------------------------


@app.command("list", help=N_("List the records of one kind in a bid (KIND: venue, budget_line, task ...); "
                             "--json gives every field."))
def list_command(
    ctx: typer.Context,
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    bid_id: int = bid_option(),
    columns: str = typer.Option(None, "--fields", metavar="FIELD,...",
                                help=N_("The fields to show, separated by commas (default: the main ones).")),
    as_json: bool = json_option(),
) -> None:
    from planner.services import fields
    from planner.services.errors import ValidationError

    kind = _kind(kind)
    ws, bid = _bid(ctx, bid_id)
    found = fields.rows(ws, kind, bid.id)
    if as_json:
        emit_json(found)
        return
    specs = {f.name: f for f in fields.fields_of(kind)}
    links = list(fields.links_of_kind(kind))
    if columns:
        shown = [c.strip() for c in columns.split(",") if c.strip()]
        unknown = [c for c in shown if c not in specs and c not in links]
        if unknown:
            raise ValidationError({"--fields": _("A {kind} has no field {field}; its fields are: {fields}.").format(
                kind=kind, field=_quoted(unknown[0]), fields=", ".join([*specs, *links]))})
    else:
        shown = [*fields.summary_fields(kind), *links]
    console = out_console()
    if not found:
        console.print(literal(_("No {kind} in bid {id} yet; add one with 'planner add {kind} FIELD=VALUE ...'.")
                              .format(kind=kind, id=bid.id)))
        return
    table = Table(title=literal(_("{kind} in bid {id}: {title}").format(kind=kind, id=bid.id, title=bid.title)),
                  title_justify="left")
    for name in shown:
        spec = specs.get(name)
        right = spec is not None and spec.type in ("int", "money", "reference")
        short = spec is not None and spec.type not in ("text", "lines")
        table.add_column(literal(name), justify="right" if right else "left", overflow="fold", no_wrap=short)
    for row in found:
        table.add_row(*[literal(cell(specs.get(name), row.get(name), row)) for name in shown])
    console.print(table)


@app.command("add", help=N_("Add a record to a bid and print its id. Example: planner add venue "
                            "name=Konserthuset cost_minor=45000"))
def add_command(
    ctx: typer.Context,
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    values: list[str] = typer.Argument(None, metavar="FIELD=VALUE", help=VALUES_HELP),
    bid_id: int = bid_option(),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the new record as JSON instead of its id.")),
) -> None:
    from planner.services import fields

    kind = _kind(kind)
    typed = assignments(values)
    ws, bid = _bid(ctx, bid_id)
    record = fields.add(ws, kind, bid.id, typed)
    if as_json:
        emit_json(record)
        return
    key = _key_of(kind, record)
    sys.stdout.write(key + "\n")
    err_console().print(literal(_("Added {kind} {id} to bid {bid}.").format(kind=kind, id=key, bid=bid.id)))


@app.command("set", help=N_("Change fields of a record. Example: planner set venue 3 status=option_held"))
def set_command(
    ctx: typer.Context,
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    key: str = typer.Argument(..., metavar="ID", help=N_("The record's id (as 'planner list' shows it; for a "
                                                         "venue's availability or score, two ids: 3,7).")),
    values: list[str] = typer.Argument(None, metavar="FIELD=VALUE", help=VALUES_HELP),
    if_version: int = typer.Option(None, "--if-version", metavar="<int>", parser=parse_id,
                                   help=N_("Only if the record is still at this version (as 'list --json' "
                                           "showed it); refused if someone saved it since.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the record as saved, as JSON.")),
) -> None:
    from planner.services import fields

    kind = _kind(kind)
    typed = assignments(values)
    if not typed:
        raise typer.BadParameter(_("Give at least one field to change, e.g. name=Konserthuset."),
                                 param_hint="FIELD=VALUE")
    record, changed = fields.update(state_of(ctx).workspace(), kind, key, typed, expected_version=if_version)
    if as_json:
        emit_json(record)
        return
    key = _key_of(kind, record)
    if changed:
        out_console().print(literal(_("Saved {kind} {id}.").format(kind=kind, id=key)))
    else:
        out_console().print(literal(_("{kind} {id} already has these values; nothing changed.").format(
            kind=kind, id=key)))


@app.command("delete", help=N_("Delete a record and what belongs to it (a venue's rooms and scores ...); asks "
                               "first, and in a script needs --yes."))
def delete_command(
    ctx: typer.Context,
    kind: str = typer.Argument(..., metavar="KIND", help=KIND_HELP),
    key: str = typer.Argument(..., metavar="ID", help=N_("The record's id (for a venue's availability or score, "
                                                         "two ids: 3,7).")),
    yes: bool = typer.Option(False, "--yes", help=N_("Do not ask for confirmation.")),
    if_version: int = typer.Option(None, "--if-version", metavar="<int>", parser=parse_id,
                                   help=N_("Only if the record is still at this version; refused if someone "
                                           "saved it since.")),
) -> None:
    from planner.services import fields

    kind = _kind(kind)
    ws = state_of(ctx).workspace()
    found = fields.deletion(ws, kind, key)
    what = (_("{kind} {id} ({name})") if found.name else _("{kind} {id}")).format(
        kind=kind, id=found.key, name=found.name)
    if not yes:
        if not can_ask():
            raise typer.BadParameter(_("Deleting {what} needs confirmation and there is no terminal to ask on; "
                                       "run again with --yes.").format(what=neutralise(what)), param_hint="--yes")
        question = _("Delete {what}?").format(what=what)
        if found.with_it:
            question = _("Delete {what}? These go with it: {records}.").format(what=what,
                                                                               records=_with_it(found.with_it))
        if not confirm(neutralise(question)):
            raise typer.Exit(1)
    fields.delete(ws, kind, key, expected_version=if_version)
    if found.with_it:
        message = _("Deleted {what}, and with it {records}.").format(what=what, records=_with_it(found.with_it))
    else:
        message = _("Deleted {what}.").format(what=what)
    out_console().print(literal(message))


# --- planner link ... ---------------------------------------------------------------------------------------

REMOVE_HELP = N_("Remove the link instead of adding it.")


@link_app.command("task", help=N_("Make a task wait for other tasks (it cannot finish before they have)."))
def link_task(
    ctx: typer.Context,
    task_id: int = id_argument(),
    after: list[str] = typer.Option(..., "--after", metavar="ID", help=N_("A task it waits for; repeat for "
                                                                          "several.")),
    remove: bool = typer.Option(False, "--remove", help=REMOVE_HELP),
) -> None:
    from planner.services import fields

    ids = [parse_id(i) for i in after]
    linked = fields.link(state_of(ctx).workspace(), "task", task_id, "depends_on", ids, remove=remove)
    out_console().print(_("Task {id} waits for: {ids}.").format(id=task_id, ids=", ".join(map(str, linked)) or "-"))


@link_app.command("session", help=N_("Give a programme session its speakers."))
def link_session(
    ctx: typer.Context,
    session_id: int = id_argument(),
    speaker: list[str] = typer.Option(..., "--speaker", metavar="ID", help=N_("A speaker of the session; repeat "
                                                                             "for several.")),
    remove: bool = typer.Option(False, "--remove", help=REMOVE_HELP),
) -> None:
    from planner.services import fields

    ids = [parse_id(i) for i in speaker]
    linked = fields.link(state_of(ctx).workspace(), "programme_session", session_id, "speakers", ids,
                         remove=remove)
    out_console().print(_("Session {id} has the speakers: {ids}.").format(
        id=session_id, ids=", ".join(map(str, linked)) or "-"))


@link_app.command("commitment", help=N_("Count a partner's commitment towards a budget line."))
def link_commitment(
    ctx: typer.Context,
    commitment_id: int = id_argument(),
    line: int = typer.Option(None, "--line", metavar="ID", parser=parse_id,
                             help=N_("The budget line it pays for.")),
    remove: bool = typer.Option(False, "--remove", help=N_("Count it towards no budget line.")),
) -> None:
    from planner.services import fields

    if (line is None) == (not remove):
        raise typer.BadParameter(_("Give --line ID, or --remove."), param_hint="--line")
    fields.update(state_of(ctx).workspace(), "commitment", str(commitment_id),
                  {"budget_line_id": "" if remove else str(line)})
    if remove:
        out_console().print(_("Commitment {id} counts towards no budget line.").format(id=commitment_id))
    else:
        out_console().print(_("Commitment {id} counts towards budget line {line}.").format(
            id=commitment_id, line=line))


# --- planner bid show / set / status ------------------------------------------------------------------------


@bid_app.command("show", help=N_("Show a bid's own fields and its status history."))
def bid_show(ctx: typer.Context, bid_id: int = bid_option(), as_json: bool = json_option()) -> None:
    from planner.domain.enums import BidStatus
    from planner.i18n.format import format_date
    from planner.i18n.labels import label
    from planner.services import bidstatus, fields

    ws, bid = _bid(ctx, bid_id)
    values = bidstatus.show(ws, bid.id)
    history = bidstatus.history(ws, bid.id)
    if as_json:
        emit_json({"bid": values, "status_history": [h.as_dict() for h in history]})
        return
    console = out_console()
    table = Table(title=literal(_("Bid {id}: {title}").format(id=bid.id, title=bid.title)), title_justify="left")
    table.add_column(_("Field"))
    table.add_column(_("Value"))
    specs = {f.name: f for f in fields.fields_of("bid")}
    for name in fields.field_names("bid"):
        table.add_row(literal(name), literal(cell(specs[name], values[name], values)))
    console.print(table)
    if not history:
        return
    changes = Table(title=_("Status history"), title_justify="left")
    for header in (_("Date"), _("From"), _("To"), _("Note"), _("By")):
        changes.add_column(header)
    for h in history:
        to = label(h.after, BidStatus) + (" " + _("(correction)") if h.correction else "")
        changes.add_row(format_date(h.on) if h.on else "-", literal(label(h.before, BidStatus)), literal(to),
                        literal(h.note or "-"), literal(h.who))
    console.print(changes)


@bid_app.command("set", help=N_("Change a bid's own fields ('planner bid show' lists them). Example: planner bid "
                                "set attendance_low=150 decision_date=2011-12-15. rate_date=YYYY-MM-DD is the day "
                                "whose exchange rates the budget converts at (empty: the bid deadline)."))
def bid_set(
    ctx: typer.Context,
    values: list[str] = typer.Argument(None, metavar="FIELD=VALUE", help=VALUES_HELP),
    bid_id: int = bid_option(),
) -> None:
    from planner.services import bidstatus

    typed = assignments(values)
    if not typed:
        raise typer.BadParameter(_("Give at least one field to change, e.g. decision_date=2011-12-15."),
                                 param_hint="FIELD=VALUE")
    ws, bid = _bid(ctx, bid_id)
    _saved, changed = bidstatus.set_fields(ws, bid.id, typed)
    if changed:
        out_console().print(_("Saved bid {id}.").format(id=bid.id))
    else:
        out_console().print(_("Bid {id} already has these values; nothing changed.").format(id=bid.id))


@bid_app.command("status", help=N_("Move a bid along its lifecycle: draft, submitted, shortlisted, then won, lost "
                                   "or withdrawn; kept in the bid's status history."))
def bid_status(
    ctx: typer.Context,
    status: str = typer.Argument(..., metavar="STATUS", help=N_("draft, submitted, shortlisted, won, lost or "
                                                                 "withdrawn.")),
    on: date = date_option(None, "--on", help=N_("The day it happened (default: today).")),
    note: str = typer.Option("", "--note", metavar="TEXT", help=N_("What happened, for the history.")),
    correct: bool = typer.Option(False, "--correct", help=N_("Set a status the lifecycle does not lead to (to "
                                                             "correct a mistake).")),
    bid_id: int = bid_option(),
) -> None:
    from planner.domain.enums import BidStatus
    from planner.i18n.labels import label
    from planner.services import bidstatus

    ws, bid = _bid(ctx, bid_id)
    saved = bidstatus.move(ws, bid.id, status, on=on, note=note, correction=correct)
    out_console().print(_("Bid {id} is now {status}.").format(id=bid.id, status=label(saved["status"], BidStatus)))
