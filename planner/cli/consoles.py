"""The consoles every command prints through (user text through `literal`, never as markup).

Output that goes to a file or a pipe is never cut to fit: without a terminal there is no width to fit, so a
table keeps every figure whole (Rich would otherwise assume 80 columns and end cells with '…'). A terminal's
own width, or COLUMNS when it is set, is kept.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console

PIPE_WIDTH = 10_000  # wide enough for any row planner prints; a table takes only the width it needs


def _width(stream) -> int | None:
    if os.environ.get("COLUMNS"):
        return None  # Rich reads it
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
