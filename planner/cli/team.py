"""Commands for working as a team and keeping the data safe: the audit log, backup and restore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from planner.cli.consoles import confirm
from planner.cli.context import err_console, out_console, state_of
from planner.cli.params import bid_option, count_option
from planner.i18n import N_, _
from planner.i18n.text import json_safe, literal

NAMING_FIELDS = ("conference", "name", "title", "label", "display_name", "hotel", "host_city", "amount_minor")
MAX_SHOWN = 60  # characters of one value in the log table; --json has everything

app = typer.Typer()


def register(root: typer.Typer) -> None:
    root.add_typer(app)


def _short(value: Any) -> str:
    text = "" if value is None else (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def describe_change(entry) -> str:
    """One line per field: `field: before -> after` for a change, `field: value` for a creation."""
    lines = []
    names = sorted(entry.fields, key=lambda n: (n not in NAMING_FIELDS, n))
    for name in names:
        if entry.action == "update":
            lines.append(f"{name}: {_short(entry.before.get(name))} → {_short(entry.after.get(name))}")
        elif entry.action == "delete":
            continue
        else:
            lines.append(f"{name}: {_short(entry.after.get(name))}")
    if entry.action in ("create", "restore") and len(lines) > 3:
        lines = [*lines[:3], _("… and {n} more fields").format(n=len(lines) - 3)]
    return "\n".join(lines)


@app.command("log", help=N_("Show who changed what and when (the audit log), newest first."))
def log_command(
    ctx: typer.Context,
    bid_id: int = bid_option(N_("Only the changes of this bid (default: all bids).")),
    limit: int = count_option(50, "--limit", "-n", help=N_("How many changes to show; 0 for all.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the entries as JSON, with every field.")),
) -> None:
    from planner.services.team import audit_log

    entries = audit_log(state_of(ctx).workspace(), bid_id, limit=limit)
    if as_json:
        typer.echo(json_safe(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2)))
        return
    console = out_console()
    if not entries:
        console.print(_("No changes recorded yet."))
        return
    for entry in entries:
        where = (_("{what} {entity} {id} (bid {bid})") if entry.bid_id is not None and entry.entity != "bid"
                 else _("{what} {entity} {id}"))
        console.print(literal(f"{entry.at:%Y-%m-%d %H:%M} UTC  {entry.who}  " + where.format(
            what=entry.action_label, entity=entry.entity, id=entry.entity_id, bid=entry.bid_id).strip()))
        for line in describe_change(entry).splitlines():
            console.print(literal(f"    {line}"))


@app.command("backup", help=N_("Copy the database to a file readable only by you (SQLite's online backup, "
                               "safe while others work). For PostgreSQL, says how to use pg_dump."))
def backup_command(
    ctx: typer.Context,
    target: Path = typer.Argument(None, metavar="[PATH]",
                                  help=N_("File or folder for the copy (default: beside the database, "
                                          "named with the time).")),
    force: bool = typer.Option(False, "--force", help=N_("Replace PATH if it is an existing file (never the "
                                                         "database).")),
) -> None:
    from planner.services.team import UseDatabaseTools, backup_database

    state = state_of(ctx)
    try:
        path = backup_database(state.settings.db_url, target, overwrite=force)
    except UseDatabaseTools as exc:
        out_console().print(literal(str(exc)))
        raise typer.Exit(1) from None
    out_console().print(literal(_("Backed up the database to {path}").format(path=path)))


@app.command("restore", help=N_("Replace the database with a backup file; the current database is kept as "
                                "a backup first."))
def restore_command(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="PATH", help=N_("The backup file to restore.")),
    yes: bool = typer.Option(False, "--yes", help=N_("Do not ask for confirmation.")),
) -> None:
    from planner.i18n.text import neutralise
    from planner.services.team import UseDatabaseTools, check_planner_file, restore_database, restore_target

    state = state_of(ctx)
    current = restore_target(state.settings)
    if current is not None:
        checked = check_planner_file(source)  # refuse a wrong file before asking anything
        if not yes and not confirm(neutralise(
                _("Replace {db} with {source} ({n} bids)? The current database is kept as a backup.")
                .format(db=current, source=source, n=checked.bids))):
            raise typer.Exit(1)
    try:
        result = restore_database(state.settings.db_url, source)
    except UseDatabaseTools as exc:
        out_console().print(literal(str(exc)))
        raise typer.Exit(1) from None
    if result.previous_kept_in is not None:
        err_console().print(literal(_("The previous database is kept in {path}").format(
            path=result.previous_kept_in)))
    out_console().print(literal(_("Restored the database from {path} ({n} bids).")
                                .format(path=result.restored_from, n=result.bids)))
