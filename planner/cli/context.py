"""What every command shares: the global options, the settings they give, the workspace opened from them, and
the consoles that print (user text through `literal`, never as markup)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date

import typer
from rich.text import Text

from planner.cli.consoles import confirm
from planner.cli.consoles import err_console as err_console
from planner.cli.consoles import out_console as out_console
from planner.cli.params import bid_option, date_option
from planner.config import Settings
from planner.i18n import N_, _, normalise_locale, set_locale
from planner.i18n.text import literal


@dataclass
class CliContext:
    settings: Settings
    _workspace: object | None = field(default=None, repr=False)
    db_given: bool = False  # --db named the database (not PLANNER_DB or the default in the data folder)
    create: bool = False  # --create: a --db file that does not exist may be made

    def workspace(self):
        """Opens (creating or upgrading) the database on first use."""
        from planner.services.workspace import Workspace

        if self._workspace is None:
            self._check_new_file()
            ws = Workspace.open(self.settings)
            ws.db.lock.notify = lambda message: err_console().print(Text(message))  # a writer waiting says so
            if ws.db.backup_path is not None:
                err_console().print(literal(_("The database was upgraded; the previous version is kept in {path}")
                                            .format(path=ws.db.backup_path)))
            self._workspace = ws
        return self._workspace

    def _check_new_file(self) -> None:
        """A --db file that does not exist is made only when asked: a mistyped path must not quietly become a
        new, empty database (and its folders). On a terminal planner asks; a script says --create."""
        path = self.settings.sqlite_path
        if not self.db_given or self.create or self.settings.read_only or path is None or path.exists():
            return
        from planner.cli.app import UserFacingError
        from planner.i18n.text import neutralise

        shown = neutralise(str(path))
        if not _has_terminal():
            raise UserFacingError(_("There is no database at {path}; check the path, or add --create to make a "
                                    "new one there.").format(path=shown), exit_code=2)
        if not confirm(_("There is no database at {path}. Create a new one there?").format(path=shown)):
            raise UserFacingError(_("Nothing was created; check the path given with --db."), exit_code=1)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def parse_locale(value: str | None) -> str | None:
    """sv or en (sv_SE.UTF-8 and EN are taken too); anything else is refused, naming the languages."""
    if value is None:
        return None
    found = normalise_locale(value)
    if found is None:
        raise typer.BadParameter(_("{value!r} is not a language planner speaks; use sv (Swedish) or en "
                                   "(English).").format(value=value))
    return found


def program_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("planner")
    except PackageNotFoundError:  # run from a folder that was never installed
        return "0+unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"planner {program_version()}")
        raise typer.Exit(0)


def _has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def root_callback(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", metavar="PATH_OR_URL",
                           help=N_("Database file or URL (postgresql+psycopg://...); default PLANNER_DB or "
                                   "planner.db in your data folder.")),
    locale: str = typer.Option(None, "--locale", metavar="sv|en", parser=parse_locale,
                               help=N_("Language of the output: sv or en (default PLANNER_LOCALE or the "
                                       "system's).")),
    bid: int = bid_option(N_("The bid to open in the terminal UI.")),
    read_only: bool = typer.Option(False, "--read-only",
                                   help=N_("Open the database read-only: look at everything, change nothing.")),
    today: date = date_option(None, "--today",
                              help=N_("Open the terminal UI as if today were this day (to walk through a past "
                                      "or planned bid, such as the 2012 demo).")),
    create: bool = typer.Option(False, "--create",
                                help=N_("Make the --db file if it does not exist yet (on a terminal planner "
                                        "asks instead); PLANNER_CREATE=1 does the same.")),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help=N_("Show planner's version and exit.")),
) -> None:
    settings = Settings.load(db=db, locale=locale, read_only=read_only or None)
    set_locale(settings.locale)
    create = create or os.environ.get("PLANNER_CREATE", "") in ("1", "true", "yes")
    state = CliContext(settings=settings, db_given=db not in (None, ""), create=create)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        # without a terminal the screens would be drawn into a pipe and wait there for keys; a driver named in
        # TEXTUAL_DRIVER (planner serve's browser sessions) draws them over its pipe on purpose
        if not _has_terminal() and not os.environ.get("TEXTUAL_DRIVER"):
            typer.echo(_("planner opens its screens only on a terminal; give a command, such as 'planner "
                         "bids'.") + "\n", err=True)
            typer.echo(ctx.get_help(), err=True)
            raise typer.Exit(2)
        open_terminal_ui(state, bid, today)


def open_terminal_ui(state: CliContext, bid_id: int | None, today: date | None = None) -> None:
    from planner.tui import make_app

    state.workspace()  # a database that cannot be used is reported here, as one line, before the screen opens
    state.close()
    make_app(state.settings, bid_id=bid_id, today=today).run()


def state_of(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliContext)
    return obj
