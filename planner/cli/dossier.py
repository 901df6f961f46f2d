"""`planner dossier`: make the bid dossier PDF with a progress bar, or list the dossiers made (--history).

The work is in planner.services.dossier; the texts are in the dossier area's catalog (planner.dossier.labels).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from planner.cli.consoles import print_json
from planner.cli.context import err_console, out_console, state_of
from planner.cli.params import bid_option, json_option
from planner.dossier import labels as msg
from planner.i18n import N_, _
from planner.i18n.text import literal

app = typer.Typer()


def register(root: typer.Typer) -> None:
    root.add_typer(app)


@app.command("dossier", help=msg.HELP_COMMAND)
def dossier_command(
    ctx: typer.Context,
    bid_id: int = bid_option(msg.HELP_BID),
    locale: str = typer.Option(None, "--locale", metavar="sv|en", help=msg.HELP_LOCALE),
    audience: str = typer.Option("committee", "--audience", metavar="committee|partner|internal",
                                 help=msg.HELP_AUDIENCE),
    partner: str = typer.Option(None, "--partner", metavar="NAME", help=msg.HELP_PARTNER),
    output: Path = typer.Option(None, "-o", "--output", metavar="PATH", help=msg.HELP_OUTPUT),
    recipient: str = typer.Option("", "--recipient", metavar="NAME", help=msg.HELP_RECIPIENT),
    history: bool = typer.Option(False, "--history", help=msg.HELP_HISTORY),
    omit_confidential: bool = typer.Option(False, "--omit-confidential", help=msg.HELP_OMIT),
    without_guarantee: bool = typer.Option(False, "--without-guarantee", help=msg.HELP_WITHOUT_GUARANTEE),
    force: bool = typer.Option(False, "--force", help=N_("Replace the -o file if it exists.")),
    as_json: bool = json_option(N_("Print JSON for scripts: the dossiers made (with --history), or the file "
                                   "written.")),
) -> None:
    from planner.domain.enums import Audience
    from planner.services.dossier import export_dossier

    state = state_of(ctx)
    ws = state.workspace()
    if history:
        print_history(ws, bid_id, as_json)
        return
    try:
        chosen = Audience(audience.strip().lower())
    except ValueError:
        raise typer.BadParameter(_(msg.HELP_AUDIENCE), param_hint="--audience") from None
    with _progress_bar() as bar:
        task = bar.add_task(_(msg.MSG_PROGRESS), total=None)

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "pages":
                bar.update(task, completed=done, total=max(total, done))

        result = export_dossier(ws, bid_id, audience=chosen, locale=locale or state.settings.locale,
                                partner=partner, output=output, recipient=recipient, progress=progress,
                                omit_confidential=omit_confidential, without_guarantee=without_guarantee,
                                overwrite=force)
        bar.update(task, completed=result.pages, total=result.pages)
    for warning in result.warnings:
        err_console().print(literal(_(msg.MSG_WARNING).format(warning=warning)))
    if as_json:
        print_json({"path": str(result.path), "pages": result.pages, "seconds": round(result.seconds, 3),
                    "warnings": [str(w) for w in result.warnings]})
        return
    out_console().print(literal(_(msg.MSG_WRITTEN).format(path=result.path, pages=result.pages,
                                                          seconds=f"{result.seconds:.1f}")))


def _progress_bar() -> Progress:
    console = err_console()  # on a terminal only: a pipe or a log gets the result line alone
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


def print_history(ws, bid_id: int | None, as_json: bool = False) -> None:
    from planner.i18n.labels import label
    from planner.services.dossier import export_history

    records = export_history(ws, bid_id)
    if as_json:
        print_json([{"id": r.id, "bid": r.bid_id, "bid_title": r.bid_title, "created_at": r.created_at,
                     "created_by": r.created_by, "audience": r.audience, "locale": r.locale,
                     "recipient": r.recipient, "pages": r.pages, "sha256": r.sha256, "path": r.path,
                     "options": r.options} for r in records])
        return
    console = out_console()
    if not records:
        console.print(_(msg.MSG_NO_EXPORTS))
        return
    table = Table(show_lines=False)
    for title, justify in ((msg.COLUMN_WHEN, "left"), (msg.COLUMN_BID, "right"), (msg.COLUMN_AUDIENCE, "left"),
                           (msg.COLUMN_LANGUAGE, "left"), (msg.COLUMN_RECIPIENT, "left"),
                           (msg.COLUMN_PAGES, "right"), ("SHA-256", "left"), (msg.COLUMN_FILE, "left")):
        table.add_column(_(title) if title != "SHA-256" else title, justify=justify,
                         no_wrap=title in (msg.COLUMN_WHEN, "SHA-256", msg.COLUMN_FILE))
    for r in records:
        # the file name says bid, audience, language and date; the folder is the exports folder or -o's
        table.add_row(r.created_at.strftime("%Y-%m-%d %H:%M"), str(r.bid_id), label(r.audience), literal(r.locale),
                      literal(r.recipient), str(r.pages), literal(r.sha256[:12]), literal(Path(r.path).name))
    console.print(table)
