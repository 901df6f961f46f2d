"""Commands for the workspace itself: bids, the demo bid, the database schema, the lossless JSON bid file.

`import_app` and `export_app` are the `planner import` and `planner export` groups; planner.cli.interchange
adds its formats to them.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer

from planner.cli.consoles import confirm
from planner.cli.context import err_console, out_console, state_of
from planner.cli.params import bid_option, count_option, date_option, group, id_argument, json_option, wire
from planner.i18n import N_, _
from planner.i18n.text import json_safe, literal

app = typer.Typer()
bid_app = group(N_("Create, show, change and remove bids."))
db_app = group(N_("The database schema."))
export_app = group(N_("Write a bid to a file."))
import_app = group(N_("Read a file into the database."))


def register(root: typer.Typer) -> None:
    wire(root, app, {"bid": bid_app, "db": db_app, "export": export_app, "import": import_app})


def print_bids(state, as_json: bool = False, *, archived: bool = False) -> None:
    from planner.cli.listing import show_bids
    from planner.services.listing import quick_bids

    found = quick_bids(state.settings, archived=archived)  # a current SQLite file is read without the ORM
    if found is None:
        from planner.services.workspace import list_bids

        found = list_bids(state.workspace(), archived=archived)
    show_bids(found, as_json, archived=archived)


@app.command("bids", help=N_("List the bids in the database (--archived: the deleted ones, kept with their "
                             "history)."))
def bids_command(ctx: typer.Context, as_json: bool = json_option(),
                 archived: bool = typer.Option(False, "--archived", help=N_("List the deleted (archived) bids "
                                                                            "instead."))) -> None:
    print_bids(state_of(ctx), as_json, archived=archived)


@bid_app.command("new", help=N_("Create a bid. Dates as YYYY-MM-DD."))
def bid_new(
    ctx: typer.Context,
    conference: str = typer.Option(..., "--conference", help=N_("The conference to host, e.g. Generator.")),
    host_city: str = typer.Option(..., "--city", help=N_("The host city.")),
    edition: str = typer.Option("", "--edition", help=N_("The edition, e.g. 2012.")),
    region: str = typer.Option("", "--region", help=N_("The host region.")),
    organiser: str = typer.Option("", "--organiser", help=N_("Who makes the bid.")),
    deadline: date = date_option(None, "--deadline", help=N_("Bid deadline.")),
    decision: date = date_option(None, "--decision", "--decision-date", help=N_("Date of the decision.")),
    start: date = date_option(None, "--start", help=N_("First event day.")),
    end: date = date_option(None, "--end", help=N_("Last event day.")),
    attendance: int = count_option(0, "--attendance", help=N_("Expected attendance.")),
    low: int = count_option(None, "--low", help=N_("Attendance in the low scenario.")),
    high: int = count_option(None, "--high", help=N_("Attendance in the high scenario.")),
    currency: str = typer.Option("SEK", "--currency", help=N_("Base currency (ISO 4217).")),
    no_vat_deduction: bool = typer.Option(False, "--no-vat-deduction",
                                          help=N_("The organiser cannot deduct input VAT.")),
) -> None:
    from planner.services.errors import ValidationError
    from planner.services.workspace import create_bid

    values = dict(conference=conference, host_city=host_city, edition=edition, host_region=region,
                  organiser=organiser, bid_deadline=deadline, decision_date=decision, event_start=start,
                  event_end=end, attendance_expected=attendance, base_currency=currency.upper(),
                  vat_deductible=not no_vat_deduction)
    if low is not None:
        values["attendance_low"] = low
    if high is not None:
        values["attendance_high"] = high
    options = {"conference": "--conference", "host_city": "--city", "edition": "--edition",
               "host_region": "--region", "organiser": "--organiser", "base_currency": "--currency",
               "attendance_low": "--low", "attendance_expected": "--attendance", "attendance_high": "--high",
               "event_end": "--end", "event_days": "--end"}
    try:
        bid = create_bid(state_of(ctx).workspace(), **values)
    except ValidationError as exc:  # name the options the user typed, not our field names
        raise ValidationError({options.get(k, k): v for k, v in exc.errors.items()}) from None
    out_console().print(literal(_("Created bid {id}: {title}").format(id=bid.id, title=bid.title)))


@bid_app.command("delete", help=N_("Delete a bid: it leaves the lists, kept with its records and history until "
                                   "purged ('planner bid restore ID' brings it back). --purge removes it for good, "
                                   "after asking."))
def bid_delete(
    ctx: typer.Context,
    bid_id: int = id_argument(),
    purge: bool = typer.Option(False, "--purge", help=N_("Remove the bid, its records and its history for good.")),
    yes: bool = typer.Option(False, "--yes", help=N_("Do not ask before purging (for scripts).")),
) -> None:
    from planner.i18n.text import neutralise
    from planner.services.workspace import archive_bid, delete_bid, get_bid

    ws = state_of(ctx).workspace()
    bid = get_bid(ws, bid_id)
    if not purge:
        archive_bid(ws, bid_id)
        out_console().print(literal(_("Deleted bid {id} ({title}); it is kept with its history: 'planner bid "
                                      "restore {id}' brings it back.").format(id=bid_id, title=bid.title)))
        return
    if not yes:
        from planner.cli.records import can_ask

        if not can_ask():
            raise typer.BadParameter(_("Purging bid {id} needs confirmation and there is no terminal to ask on; "
                                       "run again with --yes.").format(id=bid_id), param_hint="--yes")
        if not confirm(_("Remove {title} with all its records and its history for good? This cannot be "
                         "undone.").format(title=neutralise(bid.title))):
            out_console().print(_("Nothing was removed."))
            raise typer.Exit(1)
    delete_bid(ws, bid_id)
    out_console().print(_("Removed bid {id} for good.").format(id=bid_id))


@bid_app.command("restore", help=N_("Bring a deleted (archived) bid back, as it was; 'planner bids --archived' "
                                    "lists them."))
def bid_restore(ctx: typer.Context, bid_id: int = id_argument()) -> None:
    from planner.services.workspace import restore_bid

    bid = restore_bid(state_of(ctx).workspace(), bid_id)
    out_console().print(literal(_("Restored bid {id}: {title}").format(id=bid.id, title=bid.title)))


@app.command("demo", help=N_("Load the demo bid: Region Gävleborg's bid for the Generator conference, "
                             "Gävle 2012."))
def demo(ctx: typer.Context) -> None:
    from planner.services.demo import load_demo

    bid_id, created = load_demo(state_of(ctx).workspace())
    if created:
        out_console().print(_("Loaded the demo bid as bid {id}.").format(id=bid_id))
    else:
        out_console().print(_("The demo bid is already here (bid {id}).").format(id=bid_id))


@db_app.command("upgrade", help=N_("Upgrade the database to this program's schema (a SQLite file is "
                                   "backed up first)."))
def db_upgrade(ctx: typer.Context) -> None:
    from planner.services.team import upgraded_revision

    ws = state_of(ctx).workspace()  # opening upgrades, after a backup
    out_console().print(_("The database is at schema {rev}.").format(rev=upgraded_revision(ws)))


@db_app.command("current", help=N_("Show the database's schema revision and where it is."))
def db_current(ctx: typer.Context, as_json: bool = json_option()) -> None:
    from planner.cli.consoles import print_json
    from planner.services.team import schema_revisions
    from planner.services.workspace import database_address

    state = state_of(ctx)
    ws = state.workspace()
    if as_json:
        current, head = schema_revisions(ws)
        print_json({"database": database_address(state.settings.db_url), "schema": current, "program": head,
                    "current": current == head})
        return
    console = out_console()
    console.print(literal(_("Database: {where}").format(where=database_address(state.settings.db_url))))
    current, head = schema_revisions(ws)
    console.print(_("Schema: {rev} (this program: {head})").format(rev=current, head=head))


@export_app.command("json", help=N_("Write one bid with everything in it as a planner bid file (JSON)."))
def export_json(
    ctx: typer.Context,
    bid_id: int = bid_option(),
    output: Path = typer.Option(None, "-o", "--output", help=N_("File to write; '-' or none for standard "
                                                                "output.")),
    force: bool = typer.Option(False, "--force", help=N_("Replace the -o file if it exists.")),
) -> None:
    from planner.services.bidfile import export_bid
    from planner.services.files import check_target, write_private
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    to_file = output is not None and str(output) != "-"
    if to_file:  # refused before the work: an existing file without --force, the database always
        check_target(output, overwrite=force, protected=ws.protected_files())
    from planner.cli.consoles import working

    with working("write"):
        text = export_bid(ws, bid.id)
    if not to_file:
        # on a terminal, C1 and bidi controls in the data are written as \u escapes (the same JSON data)
        sys.stdout.write(json_safe(text) if sys.stdout.isatty() else text)
        return
    write_private(output, text.encode("utf-8"), overwrite=force, protected=ws.protected_files())
    err_console().print(literal(_("Wrote bid {id} to {path}").format(id=bid.id, path=output)))


@import_app.command("json", help=N_("Read a planner bid file (JSON) as a new bid, or with --into update an existing "
                                     "bid from it (a preview first); all of it or nothing."))
def import_json(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The bid file; '-' for standard input.")),
    into: int = typer.Option(None, "--into", metavar="BID", min=1,
                             help=N_("Update this bid from the file instead of making a new bid: rows match by "
                                     "their number in the bid's own export; new, changed and removed rows are "
                                     "shown first. The bid keeps its id and its history.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("With --into: show what would change; write "
                                                             "nothing.")),
    yes: bool = typer.Option(False, "--yes", "-y", help=N_("With --into: do not ask before writing.")),
) -> None:
    from planner.cli.consoles import working
    from planner.services.bidfile import import_bid

    if into is None and (dry_run or yes):
        raise typer.BadParameter(_("--dry-run and --yes go with --into BID (a new bid is made without asking)."),
                                 param_hint="--into")
    ws = state_of(ctx).workspace()
    if into is not None:
        _update_from_file(ctx, path, into, dry_run=dry_run, yes=yes)
        return
    if str(path) == "-":
        with working("import"):
            bid_id = import_bid(ws, sys.stdin.buffer)
    else:
        with path.open("rb") as stream, working("import"):  # read up to the size limit, not the whole file
            bid_id = import_bid(ws, stream)
    out_console().print(_("Imported the bid as bid {id}.").format(id=bid_id))


def _update_from_file(ctx: typer.Context, path: Path, bid_id: int, *, dry_run: bool, yes: bool) -> None:
    from planner.services.bidupdate import apply_update, preview_update
    from planner.services.workspace import get_bid

    ws = state_of(ctx).workspace()
    get_bid(ws, bid_id)  # an unknown bid is said before the file is read
    if str(path) == "-":
        update = preview_update(ws, bid_id, sys.stdin.buffer)
    else:
        with path.open("rb") as stream:
            update = preview_update(ws, bid_id, stream)
    console = out_console()
    show_update(update)
    if dry_run:
        console.print(_("Dry run: nothing was written."))
        return
    if not update.changes_anything:
        console.print(_("Nothing to import: the bid already holds what the file holds."))
        return
    if not yes and not typer.confirm(_("Update bid {id} from the file?").format(id=bid_id), default=False):
        console.print(_("Nothing was imported."))
        raise typer.Exit(1)
    apply_update(ws, update)
    console.print(literal(_("Updated bid {id}: {summary}.").format(id=bid_id, summary=update.summary())))


def show_update(update) -> None:
    """The preview of an update from a bid file: a row per new, changed or removed record, then the counts."""
    from rich.table import Table

    from planner.services.bidupdate import CHANGED, NEW, REMOVED

    console = out_console()
    names = {NEW: _("new"), CHANGED: _("changed"), REMOVED: _("removed")}
    if update.items:
        table = Table(title=_("What the import will do"), title_justify="left")
        for column in (_("Action"), _("Kind"), _("Row"), _("Record"), _("Details")):
            table.add_column(column, justify="right" if column == _("Row") else "left")
        for item in update.items:
            details = ", ".join(f"{name}: {_shown(old)} -> {_shown(new)}" for name, (old, new) in item.changes.items())
            table.add_row(names[item.action], item.table, item.number, literal(item.name), literal(details))
        console.print(table)
    console.print(literal(update.summary()))


def _shown(value) -> str:
    """A field's JSON value in a preview: text quoted, nothing as '-', a long one (a file's bytes) cut short."""
    if value is None:
        return "-"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value).lower() \
        if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


SHELLS = ("bash", "zsh", "fish")


@app.command("completion", help=N_("Print the shell completion script for bash, zsh or fish, e.g. 'planner "
                                   "completion bash >> ~/.bashrc' ('--install-completion' installs it for the "
                                   "current shell)."))
def completion(shell: str = typer.Argument(..., metavar="bash|zsh|fish",
                                           help=N_("The shell: bash, zsh or fish."))) -> None:
    from typer.completion import get_completion_script

    if shell.strip().lower() not in SHELLS:
        raise typer.BadParameter(_("{shell!r} is not a shell planner completes; use bash, zsh or fish.")
                                 .format(shell=shell), param_hint="SHELL")
    script = get_completion_script(prog_name="planner", complete_var="_PLANNER_COMPLETE",
                                   shell=shell.strip().lower())
    sys.stdout.write(script.rstrip("\n") + "\n")


@app.command("schema", help=N_("Print the JSON Schema of the planner bid file."))
def schema() -> None:
    from planner.interchange.bidjson import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
