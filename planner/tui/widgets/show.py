"""Small formatting helpers the screens share: money, dates, bars, engine messages, in the current language."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text


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
    """A domain message in the current language."""
    from planner.services.planning import render

    return render(msg)


def signed(amount) -> Text:
    """Money in green when zero or above, red below."""
    text = money(amount)
    return Text(text, style="green" if amount is None or amount.minor >= 0 else "red")


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
