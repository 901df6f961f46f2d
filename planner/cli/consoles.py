"""The consoles every command prints through (user text through `literal`, never as markup).

Output that goes to a file or a pipe is never cut to fit: without a terminal there is no width to fit, so a
table keeps every figure whole (Rich would otherwise assume 80 columns, or COLUMNS, and end cells with '…').
On a terminal its own width is kept.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console

from planner.i18n import N_

PIPE_WIDTH = 10_000  # wide enough for any row planner prints; a table takes only the width it needs


def _width(stream) -> int | None:
    try:
        if stream.isatty():
            return None
    except (AttributeError, ValueError):
        pass
    return PIPE_WIDTH


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, width=_width(sys.stderr))


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=True, emoji=False, width=_width(sys.stdout))


def _plain(value):
    """A value JSON has no type for, as scripts read it: dates ISO 8601, exact decimals as strings."""
    from datetime import date, datetime
    from decimal import Decimal
    from enum import Enum
    from pathlib import PurePath

    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def print_json(document, *, err: bool = False) -> None:
    """JSON for scripts on standard output; on a terminal, C1 and bidi controls in the data are escaped."""
    import json

    from planner.i18n.text import json_safe

    stream = sys.stderr if err else sys.stdout
    stream.write(json_safe(json.dumps(document, ensure_ascii=False, indent=2, default=_plain)) + "\n")


WORKING = {  # what a step that can take more than a second says while it runs (message ids)
    "read": N_("Reading and checking"),
    "import": N_("Importing"),
    "fetch": N_("Fetching the exchange rates"),
    "write": N_("Writing"),
}


@contextmanager
def working(step: str):
    """A progress bar on standard error while a step runs, with the time it has taken: only on a terminal
    (a pipe or a log gets nothing), and gone when the step ends. `step` is a key of WORKING."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from planner.i18n import _

    console = err_console()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        bar.add_task(_(WORKING[step]), total=None)
        yield


def confirm(question: str, *, default: bool = False, err: bool = False) -> bool:
    """A yes/no question answered in the user's language (j/ja/n/nej in Swedish; y/yes/n/no always do),
    asked on standard output as Click asks (`err`: on standard error, when standard output carries JSON).
    An empty answer is the default; the end of the input is no."""
    from planner.i18n import PN_, _

    yes, no = _(PN_("answer", "y")), _(PN_("answer", "n"))
    hint = f"[{yes.upper()}/{no}]" if default else f"[{yes}/{no.upper()}]"
    yes_words = {"y", "yes", yes.lower(), _(PN_("answer", "yes")).lower()}
    no_words = {"n", "no", no.lower(), _(PN_("answer", "no")).lower()}
    stream = sys.stderr if err else sys.stdout
    while True:
        stream.write(f"{question} {hint}: ")
        stream.flush()
        line = sys.stdin.readline()
        if not line:
            stream.write("\n")
            return False
        answer = line.strip().lower()
        if not answer:
            return default
        if answer in yes_words:
            return True
        if answer in no_words:
            return False
        stream.write(_("Answer {yes} or {no}.").format(yes=yes, no=no) + "\n")
