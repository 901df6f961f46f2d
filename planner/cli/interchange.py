"""Commands for exchange rates, speaker and CSV imports, and CSV, Excel and calendar exports.

`planner rates update|show|set`, `planner import pretalx|sessionize|csv`, `planner export csv|xlsx|ics`.
The import and export groups are the JSON commands' (planner.cli.core); texts live in
planner.interchange.messages so they are translated with the rest of the interchange area.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import typer
from rich.table import Table

from planner.cli.consoles import confirm, print_json, working
from planner.cli.context import err_console, out_console, state_of
from planner.cli.core import export_app, import_app
from planner.cli.params import bid_option, date_option, json_option
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.i18n.text import literal
from planner.interchange import messages as M

FORCE_HELP = N_("Replace the -o file(s) if they exist.")

rates_app = typer.Typer(help=M.CLI_RATES_HELP, no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(rates_app, name="rates")  # its import and export commands live in planner.cli.core's groups


def _show_preview(preview) -> None:
    from planner.services.csvkinds import csv_kind
    from planner.services.imports import DELETED, NEW, REJECTED, UPDATED, describe_value, field_label

    console = out_console()
    kind = csv_kind(preview.kind)
    if preview.mapping:
        console.print(_(M.CLI_MAPPING))
        for key, header in preview.mapping.items():
            console.print(literal(f"  {header} -> {_(kind.column(key).label)}"))
        if preview.unmapped:
            console.print(literal(_(M.CLI_UNMAPPED).format(headers=", ".join(preview.unmapped))))
    names = {NEW: _(M.ACTION_NEW), UPDATED: _(M.ACTION_UPDATED), DELETED: _(M.ACTION_DELETED),
             REJECTED: _(M.ACTION_REJECTED)}
    shown = [item for item in preview.items if item.action in names]
    if shown:
        table = Table(title=_(M.CLI_PREVIEW_TITLE), title_justify="left")
        table.add_column(_(M.CLI_COL_WHAT))
        table.add_column(_(M.CLI_COL_ROW), justify="right")
        table.add_column(_(M.CLI_COL_WHO))
        table.add_column(_(M.CLI_COL_DETAILS))
        for item in shown:
            if item.action == REJECTED:
                details = "; ".join(item.reasons)
            elif item.action == UPDATED:
                details = ", ".join(f"{field_label(kind, k)}: {o} -> {n}" for k, (o, n) in _changes(item).items())
            else:
                details = ""
            details = "; ".join(filter(None, [details, *item.notes, *(f"⚠ {w}" for w in item.warnings)]))
            table.add_row(names[item.action], str(item.line or ""), literal(item.label), literal(details))
        console.print(table)
    console.print(literal(preview.summary()))
    if preview.warned:
        console.print(literal(_(M.CLI_WARNINGS).format(n=preview.warned)))
    plan = preview.programme
    if plan is not None:
        shown = [item for item in plan.sessions if item.action in names]
        if shown:
            table = Table(title=_(M.CLI_PREVIEW_PROGRAMME), title_justify="left")
            table.add_column(_(M.CLI_COL_WHAT))
            table.add_column(_(M.CLI_COL_WHO))
            table.add_column(_(M.CLI_COL_DETAILS))
            for item in shown:
                values = item.values if item.action == NEW else {}
                when = (f"{values['day'].isoformat()} {values['start_time']:%H:%M}-{values['end_time']:%H:%M}"
                        if values.get("day") else "")
                if item.action == REJECTED:
                    details = "; ".join(item.reasons)
                elif item.action == UPDATED:
                    details = ", ".join([f"{k}: {describe_value(o)} -> {describe_value(n)}"
                                         for k, (o, n) in item.changes.items() if k != "room_id"]
                                        + ([f"room_id -> {item.room}"] if "room_id" in item.changes else []))
                else:
                    details = " ".join(filter(None, [when, item.room]))
                details = "; ".join(filter(None, [details, *item.notes]))
                table.add_row(names[item.action], literal(item.label), literal(details))
            console.print(table)
        counts = {action: plan.count(action) for action in ("new", "updated", "unchanged", "rejected")}
        console.print(literal(_(M.CLI_PROGRAMME_SUMMARY).format(**counts)))
    for note in preview.notes:
        console.print(literal(note))


def _changes(item) -> dict:
    """An updated row's changes as the user reads them (money formatted, choices by label)."""
    from planner.services.imports import describe_value

    if item.shown_changes:
        return dict(item.shown_changes)
    return {k: (describe_value(o), describe_value(n)) for k, (o, n) in item.changes.items()}


def _programme_changes(preview) -> int:
    plan = preview.programme
    return 0 if plan is None else plan.count("new") + plan.count("updated") + len(plan.new_rooms)


def _preview_document(preview) -> dict:
    """The preview for scripts: what each row would become, with the same values the table shows."""
    return {"kind": preview.kind, "source": preview.source, "bid": preview.bid_id, "ok": preview.ok,
            "counts": preview.counts, "mapping": dict(preview.mapping), "unmapped": list(preview.unmapped),
            "items": [{"action": item.action, "row": item.line, "label": item.label,
                       "record_id": list(item.record_id) if isinstance(item.record_id, tuple) else item.record_id,
                       "changes": {k: list(pair) for k, pair in _changes(item).items()},
                       "reasons": list(item.reasons), "warnings": list(item.warnings)} for item in preview.items]}


def _run_import(ctx: typer.Context, make_preview, dry_run: bool, yes: bool, as_json: bool = False) -> None:
    from planner.services.imports import apply_import

    with working("read"):
        preview = make_preview()
    if as_json:  # the preview is the document; what happens after it is said on standard error
        print_json(_preview_document(preview))
    else:
        _show_preview(preview)
    console = err_console() if as_json else out_console()
    if dry_run:
        console.print(_(M.CLI_DRY_RUN))
        if not preview.ok:
            raise typer.Exit(2)
        return
    if not preview.ok:
        apply_import(state_of(ctx).workspace(), preview)  # refuses with one line and exit code 2
    if preview.count("new") + preview.count("updated") + preview.count("deleted") + _programme_changes(preview) == 0:
        console.print(_(M.CLI_NOTHING_TO_DO))
        return
    if not yes and preview.warned and not sys.stdin.isatty():
        # letters lost to '?' are imported from a pipe only when --yes says so
        apply_import(state_of(ctx).workspace(), preview)  # refuses with one line and exit code 2
    question = _(M.CLI_CONFIRM_WARNINGS) if preview.warned else _(M.CLI_CONFIRM)
    if not yes and not confirm(question, err=as_json):
        console.print(_(M.CLI_NOTHING_IMPORTED))
        raise typer.Exit(1)
    with working("import"):
        apply_import(state_of(ctx).workspace(), preview, accept_warnings=True)
    console.print(literal(_(M.CLI_IMPORTED).format(summary=preview.summary())))


@rates_app.command("update", help=M.CLI_RATES_UPDATE_HELP)
def rates_update(
    ctx: typer.Context,
    since: int = typer.Option(None, "--since", metavar="YYYY", min=1999, max=2100, help=M.CLI_RATES_SINCE_HELP),
    history: bool = typer.Option(True, "--history/--today-only", help=M.CLI_RATES_HISTORY_HELP),
) -> None:
    from planner.services.rates import update_rates

    ws = state_of(ctx).workspace()
    with working("fetch"):
        result = update_rates(ws, since=since, history=history)
    out_console().print(_(M.CLI_RATES_UPDATED).format(n=result.fetched, stored=result.stored,
                                                      date=result.latest.isoformat() if result.latest else "-"))


@rates_app.command("show", help=M.CLI_RATES_SHOW_HELP)
def rates_show(
    ctx: typer.Context,
    on: date = date_option(None, "--date", help=M.CLI_RATES_DATE_HELP),
    as_json: bool = json_option(),
) -> None:
    from planner.i18n.format import format_number
    from planner.services.rates import rates_on

    day = on or date.today()
    shown = rates_on(state_of(ctx).workspace(), day)
    if as_json:
        print_json({"date": day, "rates": [{"currency": r.currency, "per_eur": r.per_eur, "rate_date": r.rate_date,
                                            "source": r.source, "age_days": r.age_days} for r in shown]})
        return
    console = out_console()
    if not shown:
        console.print(_(M.CLI_RATES_NONE).format(date=day.isoformat()))
        return
    table = Table(title=_(M.CLI_RATES_TITLE).format(date=day.isoformat()), title_justify="left")
    table.add_column(_(M.XLSX_CURRENCY))
    table.add_column(_(M.XLSX_PER_EUR), justify="right")
    table.add_column(_(M.XLSX_RATE_DATE))
    table.add_column(_(M.XLSX_SOURCE))
    mark = format_number(Decimal("1.5"))[1]  # the decimal mark of the output language
    for rate in shown:
        exact = format(rate.per_eur, "f").replace(".", mark)  # every published digit, trailing zeros too
        table.add_row(literal(rate.currency), exact, rate.rate_date.isoformat(), literal(label(rate.source)))
    console.print(table)
    from planner.services.rates import retired_currencies

    retired = retired_currencies(state_of(ctx).workspace())
    gone = [r for r in shown if r.currency in retired and r.source == "ecb"]
    if gone:
        console.print(literal(_(M.CLI_RATES_RETIRED).format(currencies=", ".join(
            f"{r.currency} ({retired[r.currency].isoformat()})" for r in gone))))
    current = [r for r in shown if r not in gone]
    oldest = min(current, key=lambda r: r.rate_date) if current else None
    if oldest is not None and oldest.age_days > 7:
        console.print(_(M.CLI_RATES_OLD).format(date=oldest.rate_date.isoformat(), days=oldest.age_days))


@rates_app.command("set", help=M.CLI_RATES_SET_HELP)
def rates_set(
    ctx: typer.Context,
    currency: str = typer.Argument(..., metavar="CUR", help=M.CLI_RATES_CUR_HELP),
    rate: str = typer.Argument(..., metavar="RATE", help=M.CLI_RATES_RATE_HELP),
    on: date = date_option(..., "--date", help=M.CLI_RATES_SET_DATE_HELP),
) -> None:
    from planner.services.rates import set_manual_rate

    row = set_manual_rate(state_of(ctx).workspace(), currency, rate, on)
    out_console().print(literal(_(M.CLI_RATES_SET).format(currency=row.currency, rate=row.rate,
                                                          date=row.rate_date.isoformat())))


def _pretalx_token(token: str | None, where: str) -> str | None:
    """An API token is ASCII letters, digits and punctuation; anything else cannot go into an HTTP header."""
    if token is not None and not (token.isascii() and token.isprintable() and " " not in token):
        raise typer.BadParameter(_("The pretalx token in {where} holds characters an API token cannot have "
                                   "(only ASCII letters, digits and punctuation); copy it again from pretalx.")
                                 .format(where=where), param_hint=where)
    return token


@import_app.command("pretalx", help=M.CLI_PRETALX_HELP)
def import_pretalx(
    ctx: typer.Context,
    url: str = typer.Argument(..., metavar="URL", help=M.CLI_PRETALX_URL_HELP),
    event: str = typer.Argument(None, metavar="[EVENT]", help=M.CLI_PRETALX_EVENT_HELP, show_default=False),
    token_env: str = typer.Option("PLANNER_PRETALX_TOKEN", "--token-env", metavar="VAR",
                                  help=M.CLI_TOKEN_ENV_HELP),
    ask_token: bool = typer.Option(False, "--ask-token", help=M.CLI_ASK_TOKEN_HELP),
    lang: str = typer.Option(None, "--lang", metavar="sv|en", help=M.CLI_LANG_HELP),
    question: str = typer.Option(None, "--organisation-question", metavar="ID|TEXT",
                                 help=M.CLI_PRETALX_QUESTION_HELP),
    venue_id: int = typer.Option(None, "--venue", metavar="ID", help=M.CLI_PRETALX_VENUE_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help=M.CLI_DRY_RUN_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", help=M.CLI_YES_HELP),
    as_json: bool = json_option(N_("Print the preview as JSON (what follows it goes to standard error).")),
) -> None:
    from planner.services.imports import preview_pretalx
    from planner.services.workspace import resolve_bid

    token = _pretalx_token(os.environ.get(token_env, "").strip() or None, token_env)
    if token is None and ask_token:
        token = typer.prompt(_(M.CLI_TOKEN_PROMPT), hide_input=True, default="", show_default=False) or None
        token = _pretalx_token(token.strip() if token else None, "--ask-token")
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    _run_import(ctx, lambda: preview_pretalx(ws, bid.id, url, event, token=token, lang=lang,
                                             organisation_question=question, venue_id=venue_id), dry_run, yes,
                as_json)


@import_app.command("sessionize", help=M.CLI_SESSIONIZE_HELP)
def import_sessionize(
    ctx: typer.Context,
    url: str = typer.Argument(..., metavar="URL", help=M.CLI_SESSIONIZE_URL_HELP),
    venue_id: int = typer.Option(None, "--venue", metavar="ID", help=M.CLI_PRETALX_VENUE_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help=M.CLI_DRY_RUN_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", help=M.CLI_YES_HELP),
    as_json: bool = json_option(N_("Print the preview as JSON (what follows it goes to standard error).")),
) -> None:
    from planner.services.imports import preview_sessionize
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    _run_import(ctx, lambda: preview_sessionize(ws, bid.id, url, venue_id=venue_id), dry_run, yes, as_json)


@import_app.command("csv", help=M.CLI_CSV_IMPORT_HELP)
def import_csv(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=M.CLI_CSV_FILE_HELP),
    kind: str = typer.Option(..., "--kind", metavar="KIND", help=M.CLI_KIND_HELP),
    encoding: str = typer.Option("utf-8", "--encoding", help=M.CLI_ENCODING_HELP),
    columns: list[str] = typer.Option(None, "--map", metavar="FIELD=HEADER", help=M.CLI_MAP_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help=M.CLI_DRY_RUN_HELP),
    yes: bool = typer.Option(False, "--yes", "-y", help=M.CLI_YES_HELP),
    as_json: bool = json_option(N_("Print the preview as JSON (what follows it goes to standard error).")),
) -> None:
    from planner.interchange import csvio
    from planner.services.csvkinds import csv_kind, kind_names
    from planner.services.errors import PlannerError
    from planner.services.imports import guess_columns, preview_csv, read_csv_file
    from planner.services.workspace import resolve_bid

    try:
        described = csv_kind(kind)
    except PlannerError:
        raise typer.BadParameter(_(M.IMPORT_UNKNOWN_KIND).format(kind=kind, kinds=", ".join(kind_names())),
                                 param_hint="--kind") from None
    data = read_csv_file(path)  # refused before reading when over the size limit or not a regular file
    mapping = None
    if columns:
        try:
            header = csvio.read_csv(data, encoding=encoding).header
        except csvio.CsvError as exc:
            raise typer.BadParameter(str(exc), param_hint="FILE") from None
        mapping = guess_columns(described, header)
        for item in columns:
            key, sep, name = item.partition("=")
            if not sep or key.strip() not in {c.key for c in described.columns}:
                raise typer.BadParameter(_(M.CLI_BAD_MAP).format(value=item), param_hint="--map")
            mapping = {k: v for k, v in mapping.items() if v != name.strip()}
            mapping[key.strip()] = name.strip()
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    _run_import(ctx, lambda: preview_csv(ws, bid.id, kind, data, encoding=encoding, mapping=mapping),
                dry_run, yes, as_json)


@export_app.command("csv", help=M.CLI_CSV_EXPORT_HELP)
def export_csv(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help=M.CLI_CSV_OUTPUT_HELP),
    kind: str = typer.Option(None, "--kind", metavar="KIND", help=M.CLI_EXPORT_KIND_HELP),
    excel_sv: bool = typer.Option(False, "--excel-sv", help=M.CLI_EXCEL_SV_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    from planner.interchange.csvio import EXCEL_SV, STANDARD
    from planner.services.exports import export_csv as write_csv
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    with working("write"):
        written = write_csv(ws, bid.id, output, kind=kind, dialect=EXCEL_SV if excel_sv else STANDARD,
                            overwrite=force)
    for path in written:
        err_console().print(literal(_(M.CLI_WROTE).format(path=path)))


@export_app.command("xlsx", help=M.CLI_XLSX_HELP)
def export_xlsx(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help=M.CLI_FILE_OUTPUT_HELP),
    on: date = date_option(None, "--date", help=M.CLI_XLSX_DATE_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    from planner.services.exports import export_xlsx as write_xlsx
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    with working("write"):
        path = write_xlsx(ws, bid.id, output, on, overwrite=force)
    err_console().print(literal(_(M.CLI_WROTE).format(path=path)))


@export_app.command("ics", help=M.CLI_ICS_HELP)
def export_ics(
    ctx: typer.Context,
    output: Path = typer.Option(..., "-o", "--output", help=M.CLI_FILE_OUTPUT_HELP),
    include: str = typer.Option("tasks,date_options,venue_options,hotel_releases", "--include",
                                metavar="PART,...", help=M.CLI_ICS_INCLUDE_HELP),
    bid_id: int = bid_option(M.CLI_BID_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    from planner.services.exports import ICS_PARTS
    from planner.services.exports import export_ics as write_ics
    from planner.services.workspace import resolve_bid

    parts = [part.strip() for part in include.split(",") if part.strip()]
    wrong = [part for part in parts if part not in ICS_PARTS]
    if wrong or not parts:
        raise typer.BadParameter(_("{part!r} is not a part of the calendar; choose from {parts}.").format(
            part=wrong[0] if wrong else include, parts=", ".join(ICS_PARTS)), param_hint="--include")
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    with working("write"):
        written = write_ics(ws, bid.id, output, overwrite=force, include=parts)
    err_console().print(literal(_(M.CLI_WROTE).format(path=written)))
