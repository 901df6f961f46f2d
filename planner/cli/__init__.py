"""The `planner` command line: Typer commands that parse, call services and print; no business rules here.

Each area keeps its commands in its own module, in Typer's own layout: a module-level `typer.Typer()` (and one
per sub-command group) with the commands decorated at import. `register(app)` only wires those apps into the
root (planner.cli.app); `COMMAND_MODULES` lists the modules. Help texts are message ids (`N_`):
`PlannerGroup` translates the whole command tree when it is built, after --locale / PLANNER_LOCALE chose the
language.

Every mistake is one line on stderr (`Error: ...`), exit 2 for usage and 1 for the rest, never a traceback;
what the user typed is shown with its control characters neutralised.

This package itself imports nothing heavy: `planner bids` on a current SQLite file is answered by
planner.cli.quick before Typer (and the pydantic it builds parameters with) is imported, and a bare `planner`
on such a file opens the terminal UI from there; every other command line, and every one the quick path cannot
answer exactly as Typer would, goes to planner.cli.app.
"""

from __future__ import annotations

import sys

_FROM_APP = ("COMMAND_MODULES", "PlannerGroup", "UserFacingError", "build_app", "localise", "prepare_locale",
             "usage_error")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    from planner.cli.quick import answer, open_ui

    if answer(args) or open_ui(args):
        return
    from planner.cli.app import run

    run(args)


def __getattr__(name: str):
    if name in _FROM_APP:
        from planner.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
