"""`planner bids`, and a bare `planner` opening the terminal UI, answered before the command-line machinery loads.

Typer builds every parameter with pydantic, and importing the two costs several times what listing the bids
does. A command line of exactly this form, the global options first:

    planner [--db PATH] [--locale sv|en] [--read-only] bids [--json]

on a SQLite file that is sound and at this program's schema, is answered here, printed by the same code the
`bids` command uses (planner.cli.listing). Anything else (another command or option, --help, a value that
looks like an option, a database to create, upgrade or refuse, a setting that is wrong) returns False and
goes through Typer, which answers or words the mistake as for every command.

A bare `planner` on a terminal, with only global options

    planner [--db PATH] [--locale sv|en] [--read-only] [--bid N] [--today YYYY-MM-DD]

on a SQLite file that exists, is sound and is at this program's schema, opens the terminal UI here: its first
screen is drawn while Typer, pydantic and SQLAlchemy would still be loading. Anything else (a file to create
or upgrade, a value Typer would refuse, no terminal) goes through Typer and `open_terminal_ui` as before.
"""

from __future__ import annotations

_VALUED = ("--db", "--locale")
_FLAGS = ("--read-only",)
_COMMANDS = (["bids"], ["bids", "--json"])


def _parse(args: list[str]) -> tuple[dict[str, str | bool], bool] | None:
    """The global options and whether --json was asked, or None for a command line left to Typer."""
    if any(any("\udc80" <= ch <= "\udcff" for ch in arg) for arg in args):
        return None  # not UTF-8: Typer says so
    options: dict[str, str | bool] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, equals, value = arg.partition("=")
        if name in _VALUED:
            if not equals:
                if i + 1 >= len(args):
                    return None
                value = args[i + 1]
                i += 1
            if not value or value.startswith("-"):
                return None
            options[name] = value
        elif arg in _FLAGS:
            options[arg] = True
        else:
            break
        i += 1
    rest = args[i:]
    if rest not in _COMMANDS:
        return None
    return options, rest == ["bids", "--json"]


_UI_VALUED = ("--db", "--locale", "--bid", "--today")


def _parse_ui(args: list[str]) -> dict[str, str | bool] | None:
    """The global options of a bare `planner`, or None for a command line left to Typer."""
    options: dict[str, str | bool] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            return None  # not UTF-8: Typer says so
        name, equals, value = arg.partition("=")
        if name in _UI_VALUED:
            if not equals:
                if i + 1 >= len(args):
                    return None
                value = args[i + 1]
                i += 1
            if not value or value.startswith("-") or name in options:
                return None
            options[name] = value
        elif arg in _FLAGS:
            options[arg] = True
        else:
            return None  # a command, --help, --version, --create: Typer's
        i += 1
    return options


def open_ui(args: list[str]) -> bool:
    """Open the terminal UI if this command line is a bare `planner` the quick path takes; True when it did."""
    options = _parse_ui(args)
    if options is None:
        return False
    import os
    import re
    import sys
    from datetime import date

    from planner.config import Settings
    from planner.errors import PlannerError
    from planner.i18n import normalise_locale
    from planner.services.listing import is_ready

    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()) or os.environ.get("TEXTUAL_DRIVER"):
            return False
    except (AttributeError, ValueError):
        return False
    locale, bid, today = options.get("--locale"), options.get("--bid"), options.get("--today")
    if locale is not None and normalise_locale(locale) is None:
        return False
    if bid is not None and not (bid.isascii() and bid.isdigit() and 1 <= int(bid) < 2**63):
        return False
    if today is not None:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", today):
            return False
        try:
            today = date.fromisoformat(today)
        except ValueError:
            return False
    try:
        settings = Settings.load(db=options.get("--db"), locale=normalise_locale(locale) if locale else None,
                                 read_only=True if options.get("--read-only") else None)
    except (PlannerError, OSError, ValueError):
        return False  # Typer's path says what is wrong
    if not is_ready(settings):
        return False  # a server, or a file to create, upgrade or refuse: the full opening words it
    from planner.tui import make_app

    make_app(settings, bid_id=int(bid) if bid is not None else None, today=today).run()
    return True


def answer(args: list[str]) -> bool:
    """Print the bids if this command line is one the quick path answers; True when it did."""
    parsed = _parse(args)
    if parsed is None:
        return False
    options, as_json = parsed
    from planner.config import Settings
    from planner.errors import PlannerError
    from planner.i18n import normalise_locale, set_locale
    from planner.services.listing import quick_bids

    locale = options.get("--locale")
    if locale is not None and normalise_locale(locale) is None:
        return False  # Typer refuses it, naming the languages
    try:
        settings = Settings.load(db=options.get("--db"), locale=normalise_locale(locale) if locale else None,
                                 read_only=True if options.get("--read-only") else None)
        set_locale(settings.locale)
        bids = quick_bids(settings)
    except (PlannerError, OSError, ValueError):
        return False  # Typer's path says what is wrong
    if bids is None:
        return False
    from planner.cli.listing import show_bids

    show_bids(bids, as_json)
    return True
