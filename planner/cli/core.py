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
from rich.table import Table

from planner.cli.context import err_console, out_console, state_of
from planner.cli.params import bid_option, count_option, date_option, group, id_argument, wire
from planner.i18n import N_, _
from planner.i18n.format import format_date
from planner.i18n.labels import label
from planner.i18n.text import json_safe, literal

app = typer.Typer()
bid_app = group(N_("Create, show, change and remove bids."))
db_app = group(N_("The database schema."))
export_app = group(N_("Write a bid to a file."))
import_app = group(N_("Read a file into the database."))


def register(root: typer.Typer) -> None:
    wire(root, app, {"bid": bid_app, "db": db_app, "export": export_app, "import": import_app})


def print_bids(state) -> None:
    from planner.services.workspace import list_bids

    bids = list_bids(state.workspace())
    console = out_console()
    if not bids:
        console.print(_("No bids yet. Create one with 'planner bid new', or load the demo bid with 'planner demo'."))
        return
    table = Table(title=_("Bids"), title_justify="left")
    table.add_column(_("ID"), justify="right")
    table.add_column(_("Bid"))
    table.add_column(_("Status"))
    table.add_column(_("Deadline"))
    table.add_column(_("Currency"))
    for bid in bids:
        table.add_row(str(bid.id), literal(bid.title), label(bid.status),
                      format_date(bid.bid_deadline) if bid.bid_deadline else "-", literal(bid.base_currency))
    console.print(table)


@app.command("bids", help=N_("List the bids in the database."))
def bids_command(ctx: typer.Context) -> None:
    print_bids(state_of(ctx))


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


@bid_app.command("delete", help=N_("Delete a bid and everything in it."))
def bid_delete(
    ctx: typer.Context,
    bid_id: int = id_argument(),
    yes: bool = typer.Option(False, "--yes", help=N_("Do not ask for confirmation.")),
) -> None:
    from planner.i18n.text import neutralise
    from planner.services.workspace import delete_bid, get_bid

    ws = state_of(ctx).workspace()
    bid = get_bid(ws, bid_id)
    if not yes and not typer.confirm(_("Delete {title} and all its records?").format(title=neutralise(bid.title))):
        raise typer.Exit(1)
    delete_bid(ws, bid_id)
    out_console().print(_("Deleted bid {id}.").format(id=bid_id))


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
def db_current(ctx: typer.Context) -> None:
    from planner.services.team import schema_revisions
    from planner.services.workspace import database_address

    state = state_of(ctx)
    ws = state.workspace()
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
    text = export_bid(ws, bid.id)
    if not to_file:
        # on a terminal, C1 and bidi controls in the data are written as \u escapes (the same JSON data)
        sys.stdout.write(json_safe(text) if sys.stdout.isatty() else text)
        return
    write_private(output, text.encode("utf-8"), overwrite=force, protected=ws.protected_files())
    err_console().print(literal(_("Wrote bid {id} to {path}").format(id=bid.id, path=output)))


@import_app.command("json", help=N_("Read a planner bid file (JSON) as a new bid; all of it or nothing."))
def import_json(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The bid file; '-' for standard input.")),
) -> None:
    from planner.services.bidfile import import_bid

    if str(path) == "-":
        bid_id = import_bid(state_of(ctx).workspace(), sys.stdin.buffer)
    else:
        with path.open("rb") as stream:  # read up to the size limit, not whatever the file holds
            bid_id = import_bid(state_of(ctx).workspace(), stream)
    out_console().print(_("Imported the bid as bid {id}.").format(id=bid_id))


@app.command("schema", help=N_("Print the JSON Schema of the planner bid file."))
def schema() -> None:
    from planner.interchange.bidjson import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
