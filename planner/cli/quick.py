"""`planner bids` answered before the command-line machinery loads.

Typer builds every parameter with pydantic, and importing the two costs several times what listing the bids
does. A command line of exactly this form, the global options first:

    planner [--db PATH] [--locale sv|en] [--read-only] bids [--json]

on a SQLite file that is sound and at this program's schema, is answered here, printed by the same code the
`bids` command uses (planner.cli.listing). Anything else (another command or option, --help, a value that
looks like an option, a database to create, upgrade or refuse, a setting that is wrong) returns False and
goes through Typer, which answers or words the mistake as for every command.
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
