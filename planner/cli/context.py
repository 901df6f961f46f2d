"""What every command shares: the global options, the settings they give, the workspace opened from them, and
the consoles that print (user text through `literal`, never as markup)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import typer
from rich.text import Text

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

    def workspace(self):
        """Opens (creating or upgrading) the database on first use."""
        from planner.services.workspace import Workspace

        if self._workspace is None:
            ws = Workspace.open(self.settings)
            ws.db.lock.notify = lambda message: err_console().print(Text(message))  # a writer waiting says so
            if ws.db.backup_path is not None:
                err_console().print(literal(_("The database was upgraded; the previous version is kept in {path}")
                                            .format(path=ws.db.backup_path)))
            self._workspace = ws
        return self._workspace

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
) -> None:
    settings = Settings.load(db=db, locale=locale, read_only=read_only or None)
    set_locale(settings.locale)
    state = CliContext(settings=settings)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
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
