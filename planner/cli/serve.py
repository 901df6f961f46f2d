"""`planner serve`: the terminal UI in a browser, read-only, for organisers who never open a terminal.

The server is planner.web.server (textual-serve underneath): each browser session runs its own
`python -m planner --read-only --bid ID` process. The database address reaches those processes through the
environment (PLANNER_DB), never on a command line that `ps` shows; so do the language and read-only mode.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import socket
import sys
import tempfile
from datetime import date

import typer

from planner.cli.app import UserFacingError
from planner.cli.context import CliContext, out_console, state_of
from planner.cli.params import bid_option, today_option
from planner.config import database_url
from planner.i18n import N_, _
from planner.i18n.text import literal

TOKEN_ENV = "PLANNER_SERVE_TOKEN"
SHORTEST_SECRET = 16

app = typer.Typer()


def register(root: typer.Typer) -> None:
    root.add_typer(app)


def _number(value: str | int | None, smallest: int, largest: int, what: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    if text.isdigit() and smallest <= int(text) <= largest:
        return int(text)
    raise typer.BadParameter(_(what).format(value=value, smallest=smallest, largest=largest))


def parse_port(value):
    return _number(value, 1, 65535, N_("{value!r} is not a port (a whole number from {smallest} to {largest})."))


def parse_sessions(value):
    return _number(value, 1, 1000, N_("{value!r} is not a number of sessions (a whole number from {smallest} "
                                      "to {largest})."))


def parse_minutes(value):
    return _number(value, 1, 7 * 24 * 60, N_("{value!r} is not a number of minutes (a whole number from "
                                             "{smallest} to {largest})."))


def access_secret(host: str, new_token: bool) -> str | None:
    """The secret the browsers must bring: a new one, PLANNER_SERVE_TOKEN, or none on a loopback bind."""
    from planner.web.server import is_loopback

    if new_token:
        return secrets.token_urlsafe(24)
    given = os.environ.get(TOKEN_ENV) or None
    if given is not None and (len(given) < SHORTEST_SECRET or not given.isprintable() or given != given.strip()):
        raise UserFacingError(_("{variable} is too short or holds spaces or control characters; use at least "
                                "{count} letters and digits, or --new-token to make one.")
                              .format(variable=TOKEN_ENV, count=SHORTEST_SECRET), exit_code=2)
    if given is None and not is_loopback(host):
        raise UserFacingError(_("Serving on {host} would show the bid to anyone who can reach this computer; "
                                "give an access secret: set {variable}, or add --new-token to make one.")
                              .format(host=host, variable=TOKEN_ENV), exit_code=2)
    return given


def link_host(host: str) -> str:
    """The host name to put in the printed link: this computer's name for a wildcard bind."""
    name = host
    if host in ("0.0.0.0", "::", ""):
        name = socket.gethostname() or "127.0.0.1"
    return f"[{name}]" if ":" in name else name


@app.command("serve", help=N_("Show the bid in a browser, read-only: each browser that opens the page gets "
                              "the terminal UI on this database, where nothing can be changed. Listens on "
                              "this computer only (127.0.0.1) unless --host says otherwise; any other address "
                              "needs an access secret (PLANNER_SERVE_TOKEN or --new-token), which the browser "
                              "brings once in the printed link. Ctrl+C stops it."))
def serve_command(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help=N_("The address to listen on: 127.0.0.1 (this computer only, the default), "
                                     "0.0.0.0 (every network of this computer) or one of its addresses.")),
    port: int = typer.Option(8000, "--port", metavar="<int>", parser=parse_port,
                             help=N_("The port to listen on.")),
    bid_id: int = bid_option(N_("The bid the page opens (default: the only or last used one).")),
    db: str = typer.Option(None, "--db", metavar="PATH_OR_URL",
                           help=N_("Database file or URL to show (default: the one planner uses).")),
    max_sessions: int = typer.Option(8, "--max-sessions", metavar="<int>", parser=parse_sessions,
                                     help=N_("How many browser sessions may run at once (each is a process "
                                             "of its own); the next browser is asked to try again later.")),
    idle_minutes: int = typer.Option(30, "--idle-minutes", metavar="<int>", parser=parse_minutes,
                                     help=N_("Close a session, and end its process, after this many minutes "
                                             "without a key, a click or a resize.")),
    new_token: bool = typer.Option(False, "--new-token",
                                   help=N_("Make a new access secret and print the link that holds it, once.")),
    today: date = today_option(N_("Show the bid as if today were this day (such as 2011-10-03 for the demo).")),
) -> None:
    from planner.services.workspace import database_address, resolve_bid
    from planner.web.server import PlannerServer

    secret = access_secret(host, new_token)
    settings = state_of(ctx).settings.with_(read_only=True)
    if db:
        settings = settings.with_(db_url=database_url(db, settings.data_dir))
    check = CliContext(settings=settings)
    try:  # a database that cannot be read, or no such bid, is one line here, before anything listens
        bid = resolve_bid(check.workspace(), bid_id)
        bid_number, title = bid.id, bid.title
    finally:
        check.close()

    exports = tempfile.mkdtemp(prefix="planner-serve-")  # the dossiers the browsers download; removed at the end
    os.environ.update({"PLANNER_DB": settings.db_url, "PLANNER_READ_ONLY": "1", "PLANNER_LOCALE": settings.locale,
                       "PLANNER_EXPORT_DIR": exports})
    command = [sys.executable, "-m", "planner", "--read-only", "--bid", str(bid_number)]
    if today is not None:
        command += ["--today", today.isoformat()]
    server = PlannerServer(shlex.join(command), host=host, port=port, title=f"Planner: {title}", secret=secret,
                           max_sessions=max_sessions, idle_seconds=idle_minutes * 60)

    def ready() -> None:
        console = out_console()
        address = f"http://{link_host(host)}:{port}/"
        console.print(literal(_("Serving {title} read-only from {database} at {address}").format(
            title=title, database=database_address(settings.db_url), address=address)))
        if secret is not None and new_token:
            console.print(literal(_("Share this link; it holds the access secret, shown only now: {link}")
                                  .format(link=f"{address}?token={secret}")))
        elif secret is not None:
            console.print(literal(_("Share the link {link}, with the secret of {variable} in place of the dots.")
                                  .format(link=f"{address}?token=...", variable=TOKEN_ENV)))
        console.print(_("At most {count} sessions at once; one left idle for {minutes} minutes is closed. "
                        "Ctrl+C stops the server.").format(count=max_sessions, minutes=idle_minutes))

    try:
        server.serve(ready=ready)
    except OSError as exc:
        raise UserFacingError(_("Cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=exc.strerror or exc), exit_code=1) from None
    finally:
        shutil.rmtree(exports, ignore_errors=True)
