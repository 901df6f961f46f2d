"""Commands for the workspace itself: bids, the demo bid, the database schema, the lossless JSON bid file."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from planner.cli.context import err_console, out_console, state_of
from planner.i18n import _
from planner.i18n.format import format_date
from planner.i18n.labels import label


def _parse_date(value: str | None, option: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2012-05-03.")
                                 .format(value=value), param_hint=option) from None


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
        table.add_row(str(bid.id), bid.title, label(bid.status),
                      format_date(bid.bid_deadline) if bid.bid_deadline else "-", bid.base_currency)
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("bids", help=_("List the bids in the database."))
    def bids_command(ctx: typer.Context) -> None:
        print_bids(state_of(ctx))

    bid_app = typer.Typer(help=_("Create and remove bids."), no_args_is_help=True)
    app.add_typer(bid_app, name="bid")

    @bid_app.command("new", help=_("Create a bid. Dates as YYYY-MM-DD."))
    def bid_new(
        ctx: typer.Context,
        conference: str = typer.Option(..., "--conference", help=_("The conference to host, e.g. Generator.")),
        host_city: str = typer.Option(..., "--city", help=_("The host city.")),
        edition: str = typer.Option("", "--edition", help=_("The edition, e.g. 2012.")),
        region: str = typer.Option("", "--region", help=_("The host region.")),
        organiser: str = typer.Option("", "--organiser", help=_("Who makes the bid.")),
        deadline: str = typer.Option(None, "--deadline", help=_("Bid deadline.")),
        decision: str = typer.Option(None, "--decision", help=_("Date of the decision.")),
        start: str = typer.Option(None, "--start", help=_("First event day.")),
        end: str = typer.Option(None, "--end", help=_("Last event day.")),
        attendance: int = typer.Option(0, "--attendance", help=_("Expected attendance.")),
        low: int = typer.Option(None, "--low", help=_("Attendance in the low scenario.")),
        high: int = typer.Option(None, "--high", help=_("Attendance in the high scenario.")),
        currency: str = typer.Option("SEK", "--currency", help=_("Base currency (ISO 4217).")),
        no_vat_deduction: bool = typer.Option(False, "--no-vat-deduction",
                                              help=_("The organiser cannot deduct input VAT.")),
    ) -> None:
        from planner.services.workspace import create_bid

        values = dict(conference=conference, host_city=host_city, edition=edition, host_region=region,
                      organiser=organiser, bid_deadline=_parse_date(deadline, "--deadline"),
                      decision_date=_parse_date(decision, "--decision"), event_start=_parse_date(start, "--start"),
                      event_end=_parse_date(end, "--end"), attendance_expected=attendance,
                      base_currency=currency.upper(), vat_deductible=not no_vat_deduction)
        if low is not None:
            values["attendance_low"] = low
        if high is not None:
            values["attendance_high"] = high
        from planner.services.errors import ValidationError

        options = {"conference": "--conference", "host_city": "--city", "base_currency": "--currency",
                   "attendance_low": "--low", "attendance_expected": "--attendance", "attendance_high": "--high",
                   "event_end": "--end", "event_days": "--end"}
        try:
            bid = create_bid(state_of(ctx).workspace(), **values)
        except ValidationError as exc:  # name the options the user typed, not our field names
            raise ValidationError({options.get(k, k): v for k, v in exc.errors.items()}) from None
        out_console().print(_("Created bid {id}: {title}").format(id=bid.id, title=bid.title))

    @bid_app.command("delete", help=_("Delete a bid and everything in it."))
    def bid_delete(
        ctx: typer.Context,
        bid_id: int = typer.Argument(..., metavar="ID"),
        yes: bool = typer.Option(False, "--yes", help=_("Do not ask for confirmation.")),
    ) -> None:
        from planner.services.workspace import delete_bid, get_bid

        ws = state_of(ctx).workspace()
        bid = get_bid(ws, bid_id)
        if not yes and not typer.confirm(_("Delete {title} and all its records?").format(title=bid.title)):
            raise typer.Exit(1)
        delete_bid(ws, bid_id)
        out_console().print(_("Deleted bid {id}.").format(id=bid_id))

    @app.command("demo", help=_("Load the demo bid: Region Gävleborg's bid for the Generator conference, "
                                "Gävle 2012."))
    def demo(ctx: typer.Context) -> None:
        from planner.services.demo import load_demo

        bid_id, created = load_demo(state_of(ctx).workspace())
        if created:
            out_console().print(_("Loaded the demo bid as bid {id}.").format(id=bid_id))
        else:
            out_console().print(_("The demo bid is already here (bid {id}).").format(id=bid_id))

    db_app = typer.Typer(help=_("The database schema."), no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @db_app.command("upgrade", help=_("Upgrade the database to this program's schema (a SQLite file is "
                                      "backed up first)."))
    def db_upgrade(ctx: typer.Context) -> None:
        from planner.store import migrations

        ws = state_of(ctx).workspace()  # opening upgrades, after a backup
        out_console().print(_("The database is at schema {rev}.").format(rev=migrations.current(ws.db.engine)))

    @db_app.command("current", help=_("Show the database's schema revision and where it is."))
    def db_current(ctx: typer.Context) -> None:
        from planner.store import migrations
        from planner.store.db import redact_url

        state = state_of(ctx)
        ws = state.workspace()
        console = out_console()
        console.print(_("Database: {where}").format(where=redact_url(state.settings.db_url)))
        console.print(_("Schema: {rev} (this program: {head})").format(
            rev=migrations.current(ws.db.engine), head=migrations.head_revision()))

    export_app = typer.Typer(help=_("Write a bid to a file."), no_args_is_help=True)
    import_app = typer.Typer(help=_("Read a file into the database."), no_args_is_help=True)
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")

    @export_app.command("json", help=_("Write one bid with everything in it as a planner bid file (JSON)."))
    def export_json(
        ctx: typer.Context,
        bid_id: int = typer.Option(None, "--bid", help=_("The bid (default: the only or last used one).")),
        output: Path = typer.Option(None, "-o", "--output", help=_("File to write; '-' or none for standard "
                                                                   "output.")),
    ) -> None:
        from planner.interchange.bidjson import export_bid
        from planner.services.workspace import resolve_bid

        ws = state_of(ctx).workspace()
        bid = resolve_bid(ws, bid_id)
        text = export_bid(ws, bid.id)
        if output is None or str(output) == "-":
            sys.stdout.write(text)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err_console().print(_("Wrote bid {id} to {path}").format(id=bid.id, path=output))

    @import_app.command("json", help=_("Read a planner bid file (JSON) as a new bid; all of it or nothing."))
    def import_json(
        ctx: typer.Context,
        path: Path = typer.Argument(..., metavar="FILE", help=_("The bid file; '-' for standard input.")),
    ) -> None:
        from planner.interchange.bidjson import import_text

        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        bid_id = import_text(state_of(ctx).workspace(), data)
        out_console().print(_("Imported the bid as bid {id}.").format(id=bid_id))

    @app.command("schema", help=_("Print the JSON Schema of the planner bid file."))
    def schema() -> None:
        from planner.interchange.bidjson import json_schema

        sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
