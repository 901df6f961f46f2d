"""Keeping the loaded bid out of Python's cycle collector, so that it does not stop the UI for a third of a second.

A large bid holds a few hundred thousand objects (its records, the engines' results, the rows of its tables).
Python's cycle collector walks all of them in every full collection, and a full collection comes whenever
enough new objects have survived: while a screen's rows are built in a worker or its table filled, that was a
pause of 250 to 400 ms, in whichever thread it struck, holding every thread still (the collector keeps the
interpreter lock). These objects live until the next load and are freed by their reference counts (a dropped
bid leaves almost no cycles behind), so once loaded or shown they are moved out of the collector's sight with
`gc.freeze()`, a move of a few microseconds that walks nothing; the collector then walks only what is new.
Workers pause the collector while they build, through `planner.services.collector.paused` (the one pause
shared with the services).

What is frozen is never walked, so garbage that was frozen with it (cycles dropped by Textual's caches, young
garbage not yet collected) stays until a full collection over everything, which takes 0.5 to 1.3 s on the
large bid. That collection is never part of an action: once the heap has doubled since the last one (counted in
allocated memory blocks, `sys.getallocatedblocks()`, well under a millisecond; counting the frozen objects walks
them all, 30 ms a million), it is *due*, and the app runs it when the user has been idle for a while and nothing is being prepared
(`collection_due`, `collect_everything`). When the app ends everything is handed back to the collector.
"""

from __future__ import annotations

import gc
import sys
import time

# below this many allocated blocks a full collection is never due (a small bid's heap is walked in a few ms)
_FLOOR = 750_000
_after_full: int | None = None  # allocated blocks after the last full collection (None: no bid loaded yet)
_last_kept = 0.0  # time.monotonic() of the last keep_long_lived()


def keep_long_lived(loaded: bool = False) -> None:
    """Take the objects alive now out of the cycle collector's walks (on the UI thread, microseconds: nothing is
    walked); `loaded`: a bid has just been loaded (the first one sets how big the heap is when nothing is
    garbage)."""
    global _after_full, _last_kept
    gc.freeze()
    _last_kept = time.monotonic()
    if _after_full is None and loaded:
        _after_full = max(sys.getallocatedblocks(), _FLOOR)


def collection_due() -> bool:
    """Whether the heap has doubled since the last full collection (garbage may have been frozen with it)."""
    return _after_full is not None and sys.getallocatedblocks() > 2 * _after_full


def quiet_for() -> float:
    """Seconds since the last keep_long_lived(): how long no new rows or bid have been put in place."""
    return time.monotonic() - _last_kept


def collect_everything() -> int:
    """One full collection over everything, frozen or not, then freeze what is left (seconds on a large bid:
    run only while the user is idle); the number of objects freed."""
    global _after_full
    gc.unfreeze()
    freed = gc.collect()
    gc.freeze()
    _after_full = max(sys.getallocatedblocks(), _FLOOR)
    return freed


def release() -> None:
    """Give the frozen objects back to the collector (when the app ends)."""
    global _after_full
    gc.unfreeze()
    _after_full = None
