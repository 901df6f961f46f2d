"""The values commands share and how they are read: bid ids, counts, dates (YYYY-MM-DD only), --bid, --json.

Every parser raises `typer.BadParameter`, which the CLI prints as one line (`Error: Invalid value for
'--today': ...`) with exit code 2. Help texts are message ids (`N_`); the CLI translates them when it is
built, in the language chosen with --locale.
"""

from __future__ import annotations

import re
from datetime import date

import typer

from planner.i18n import N_, _

MAX_ID = 2**63 - 1  # the largest row id (and count) SQLite and PostgreSQL store
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: str | date | None) -> date | None:
    """A date written YYYY-MM-DD (the one form the bid file takes too); '' or None for none.

    Python's own reader also takes 20120101 and 2012W011; a person who types those meant something else.
    """
    if value is None or value == "" or isinstance(value, date):
        return value or None
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise typer.BadParameter(_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2012-05-03.").format(value=value))


def _whole_number(value: str | int | None, smallest: int, what: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    number = int(text) if re.fullmatch(r"[+-]?[0-9]{1,25}", text) else None
    if number is None or not smallest <= number <= MAX_ID:
        raise typer.BadParameter(_(what).format(value=value, smallest=smallest, largest=MAX_ID))
    return number


def parse_id(value: str | int | None) -> int | None:
    """A record's number: a whole number from 1 up to the largest id a database stores."""
    return _whole_number(value, 1, N_("{value!r} is not a number of a bid or record (a whole number from "
                                      "{smallest} to {largest})."))


def parse_count(value: str | int | None) -> int | None:
    """How many: a whole number from 0 up to the largest count a database takes."""
    return _whole_number(value, 0, N_("{value!r} is not a count (a whole number from {smallest} to {largest})."))


def date_option(default, *names: str, help: str):
    return typer.Option(default, *names, metavar="YYYY-MM-DD", parser=parse_date, help=help)


def bid_option(help: str = N_("The bid (default: the only or last used one).")):
    return typer.Option(None, "--bid", metavar="<int>", parser=parse_id, help=help)


def count_option(default: int, *names: str, help: str):
    return typer.Option(default, *names, metavar="<int>", parser=parse_count, help=help)


def id_argument(metavar: str = "ID"):
    return typer.Argument(..., metavar=metavar, parser=parse_id)


def json_option(help: str = N_("Print JSON for scripts instead of tables.")):
    return typer.Option(False, "--json", help=help)


def today_option(help: str = N_("Check the dates as if today were this day (default: today).")):
    return date_option(None, "--today", help=help)


def group(help: str) -> typer.Typer:
    """A named group of sub-commands (`planner bid …`): `help` is an N_ message id, shown translated; bare,
    the group prints its help."""
    return typer.Typer(help=help, no_args_is_help=True)


def wire(root: typer.Typer, app: typer.Typer, groups: dict[str, typer.Typer]) -> None:
    """Join a module's own commands (`app`) and its named groups to the root command."""
    root.add_typer(app)
    for name, sub_app in groups.items():
        root.add_typer(sub_app, name=name)
