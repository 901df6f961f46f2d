"""What every command shares: the global options, the settings they give, and the workspace opened from them."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer
from rich.console import Console

from planner.config import Settings
from planner.i18n import _, set_locale


@dataclass
class CliContext:
    settings: Settings
    _workspace: object | None = field(default=None, repr=False)

    def workspace(self):
        """Opens (creating or upgrading) the database on first use."""
        from planner.services.workspace import Workspace

        if self._workspace is None:
            ws = Workspace.open(self.settings)
            if ws.db.backup_path is not None:
                err_console().print(_("The database was upgraded; the previous version is kept in {path}")
                                    .format(path=ws.db.backup_path))
            self._workspace = ws
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def root_callback(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", metavar="PATH_OR_URL",
                           help=_("Database file or URL (postgresql+psycopg://...); default PLANNER_DB or "
                                  "planner.db in your data folder.")),
    locale: str = typer.Option(None, "--locale", metavar="sv|en",
                               help=_("Language of the output: sv or en (default PLANNER_LOCALE or the "
                                      "system's).")),
    bid: int = typer.Option(None, "--bid", help=_("The bid to open in the terminal UI.")),
    read_only: bool = typer.Option(False, "--read-only",
                                   help=_("Open the database read-only: look at everything, change nothing.")),
    today: str = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                              help=_("Open the terminal UI as if today were this day (to walk through a past "
                                     "or planned bid, such as the 2012 demo).")),
) -> None:
    settings = Settings.load(db=db, locale=locale, read_only=read_only or None)
    set_locale(settings.locale)
    state = CliContext(settings=settings)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        open_terminal_ui(state, bid, _parse_today(today))


def _parse_today(value: str | None):
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2012-05-03.")
                                 .format(value=value), param_hint="--today") from None


def open_terminal_ui(state: CliContext, bid_id: int | None, today=None) -> None:
    try:
        from planner.tui import make_app
    except ImportError:
        make_app = None
    if make_app is None:  # the terminal UI is not part of this build: show where things stand instead
        from planner.cli.core import print_bids

        print_bids(state)
        out_console().print(_("Run 'planner --help' for the commands."))
        return
    state.workspace()  # a database that cannot be used is reported here, as one line, before the screen opens
    state.close()
    state._workspace = None
    make_app(state.settings, bid_id=bid_id, today=today).run()


def state_of(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliContext)
    return obj
