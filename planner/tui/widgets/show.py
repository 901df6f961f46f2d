"""How the screens show things: text from people and files as literal text, and money, dates, bars and engine
messages in the current language.

Every text that came from a person or a file (a name, a title, an engine message quoting one, an error) reaches
a widget through `line()`, `lines()` or `clean()`: as a Rich `Text`, which no widget reads as markup, with its
control characters neutralised (ESC as ␛). A plain `str` given to a Textual widget is parsed as markup, so a
user's text never travels as one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from planner.i18n.text import neutralise

# a one-line place (a table cell, a title, an option) shows line breaks and tabs as symbols too
_ONE_LINE = str.maketrans({"\n": "\u2424", "\t": "\u2409"})


def clean(value: Any) -> str:
    """A user's text for one line: control characters, tabs and line breaks as visible symbols.

    The result is still only for a `Text` (or for formatting into a message that becomes one): never for markup.
    """
    if value is None:
        return ""
    text = neutralise(value if isinstance(value, str) else str(value))
    return text.translate(_ONE_LINE) if "\n" in text or "\t" in text else text


def line(value: Any, style: str = "") -> Text:
    """A user's text as one literal line: for table cells, titles, options and labels."""
    return Text(clean(value), style=style, end="")


def lines(value: Any, style: str = "") -> Text:
    """A user's text as literal text keeping its line breaks (each line as `clean()` shows it): for panels,
    questions and messages."""
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return Text("\n".join(clean(part) for part in text.split("\n")), style=style, end="")


def cut(value: Any, width: int) -> Text:
    """A one-line text of at most `width` cells, cut with an ellipsis (a matrix's fixed-width headers)."""
    from rich.cells import cell_len, set_cell_size

    text = clean(value)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return Text(text, end="")


def money(amount, *, decimals: bool = False) -> str:
    from planner.i18n.format import money_or_dash

    return money_or_dash(amount, decimals=decimals)


def minor(value: int, currency: str, *, decimals: bool = True) -> str:
    from planner.i18n.format import format_minor

    return format_minor(value, currency, decimals=decimals)


def day(value: date | None, style: str = "medium") -> str:
    from planner.i18n.format import format_date

    return format_date(value, style=style) if value else "–"


def number(value) -> str:
    from planner.i18n.format import format_number

    return format_number(value)


def message(msg: Any) -> str:
    """A domain message in the current language, the names it quotes neutralised (for a Text, not markup)."""
    from planner.services.planning import render

    return clean(render(msg))


def signed(amount) -> Text:
    """Money in green when zero or above, red below."""
    text = money(amount)
    return Text(text, style="green" if amount is None or amount.minor >= 0 else "red")


SIDE_LINE = 32  # the cells a line of a side panel holds (38 columns less its border, padding and scrollbar)


def bar_width(most: int, used: int, amounts: list[str], least: int = 3) -> int:
    """How wide a bar can be on a side panel's line that also holds `used` cells and the widest of `amounts`
    (so that the amount never wraps away from its bar): `most` at the most, 0 (no bar) under `least`."""
    from rich.cells import cell_len

    room = SIDE_LINE - used - max((cell_len(a) for a in amounts), default=0)
    width = min(most, room)
    return width if width >= least else 0


def bar(part: int, whole: int, width: int = 24, style: str = "green") -> Text:
    """A horizontal bar of `part` out of `whole`."""
    if whole <= 0:
        filled = 0
    else:
        filled = max(0, min(width, round(width * part / whole)))
    out = Text()
    out.append("█" * filled, style=style)
    out.append("░" * (width - filled), style="dim")
    return out


class Fitting:
    """`wide` where `need` cells fit across, else `narrow`: a table of amounts that does not fit the panel is
    drawn another way rather than with its amounts cut at the edge (the width is known only when drawn)."""

    def __init__(self, wide: Any, narrow: Any, need: int) -> None:
        self.wide, self.narrow, self.need = wide, narrow, need

    def __rich_console__(self, console, options):
        yield self.wide if self.need <= options.max_width else self.narrow


def cells_across(rows: list[list[Any]], padding: int = 1) -> int:
    """The cells a table of `rows` (its header among them) needs so that no cell wraps: each column as wide as
    its widest cell, plus `padding` a column."""
    from rich.cells import cell_len

    widths: list[int] = []
    for row in rows:
        for index, cell in enumerate(row):
            text = cell.plain if isinstance(cell, Text) else str(cell)
            width = max((cell_len(part) for part in text.split("\n")), default=0)
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    return sum(widths) + padding * len(widths)
