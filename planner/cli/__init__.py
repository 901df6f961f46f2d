"""The `planner` command line: Typer commands that parse, call services and print; no business rules here.

Each area registers its commands from its own module; `COMMAND_MODULES` lists them. A module defines
`register(app: typer.Typer) -> None` and builds its help texts with `_()` inside it, so they come out in the
language chosen with --locale / PLANNER_LOCALE (the app is built after the language is known).
"""

from __future__ import annotations

import sys

import typer

from planner.i18n import _, normalise_locale, set_locale

# One line per area; add yours here.
COMMAND_MODULES = [
    "planner.cli.core",
    "planner.cli.dossier",
    "planner.cli.interchange",
    "planner.cli.planning",
    "planner.cli.team",
]


# Typer carries its own copy of click; take its exception base from a public Typer class.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class UserFacingError(_ClickException):
    """A PlannerError surfaced as one line on stderr with the error's exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        typer.echo(_("Error: {message}").format(message=self.message), err=True, file=file)


class PlannerGroup(typer.core.TyperGroup):
    """Turns the program's own errors into one clear line instead of a traceback."""

    def invoke(self, ctx: typer.Context):
        from planner.services.errors import PlannerError
        from planner.store.db import DatabaseError

        try:
            return super().invoke(ctx)
        except PlannerError as exc:
            raise UserFacingError(str(exc), getattr(exc, "exit_code", 1)) from None
        except DatabaseError as exc:
            raise UserFacingError(str(exc), 1) from None
        except OSError as exc:  # files the user named: missing, unreadable, no space left
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise UserFacingError(f"{where}{exc.strerror or exc}", 1) from None


def _locale_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--locale" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--locale="):
            return arg.split("=", 1)[1]
    return None


def build_app() -> typer.Typer:
    """The Typer application with every area's commands, help in the current language."""
    import importlib

    from planner.cli.context import root_callback

    app = typer.Typer(
        cls=PlannerGroup,
        help=_("planner: prepare a bid to host a conference: venues, budget, speakers, partners, timeline "
               "and the bid dossier. Run without a command to open the terminal UI."),
        no_args_is_help=False,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    app.callback(invoke_without_command=True)(root_callback)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def prepare_locale(argv: list[str]) -> None:
    from planner.config import Settings

    wanted = normalise_locale(_locale_from_argv(argv))
    set_locale(wanted or Settings.load().locale)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    prepare_locale(args)
    app = build_app()
    app(args=args, prog_name="planner")
