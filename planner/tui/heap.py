"""Keeping the loaded bid out of Python's cycle collector, so that it does not stop the UI for a third of a second.

A large bid holds a few hundred thousand objects (its records, the engines' results, the rows of its tables).
Python's cycle collector walks all of them in every full collection, and a full collection comes whenever
enough new objects have survived: while a screen's rows are built in a worker or its table filled, that was a
pause of 250 to 400 ms, in whichever thread it struck, holding every thread still (the collector keeps the
interpreter lock). These objects live until the next load and are freed by their reference counts (a dropped
bid leaves almost no cycles behind), so once loaded or shown they are moved out of the collector's sight with
`gc.freeze()`; the collector then walks only what is new. Young garbage is collected first so that it is not
kept; when the app ends, everything is handed back to the collector.
"""

from __future__ import annotations

import gc


def keep_long_lived() -> None:
    """Take the objects alive now out of the cycle collector's full collections (on the UI thread, ~ms)."""
    gc.collect(1)
    gc.freeze()


def release() -> None:
    """Give the frozen objects back to the collector (when the app ends)."""
    gc.unfreeze()
