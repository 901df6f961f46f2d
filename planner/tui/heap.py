"""Keeping the loaded bid out of Python's cycle collector, so that it does not stop the UI for a third of a second.

A large bid holds a few hundred thousand objects (its records, the engines' results, the rows of its tables).
Python's cycle collector walks all of them in every full collection, and a full collection comes whenever
enough new objects have survived: while a screen's rows are built in a worker or its table filled, that was a
pause of 250 to 400 ms, in whichever thread it struck, holding every thread still (the collector keeps the
interpreter lock). These objects live until the next load and are freed by their reference counts (a dropped
bid leaves almost no cycles behind), so once loaded or shown they are moved out of the collector's sight with
`gc.freeze()`; the collector then walks only what is new. Young garbage is collected first so that it is not
kept, garbage that was frozen is freed by a full collection once the frozen heap has doubled, and when the app
ends everything is handed back to the collector. Workers pause the collector while they build, through
`planner.services.collector.paused` (the one pause shared with the services).
"""

from __future__ import annotations

import gc

# Textual's caches drop entries as cycles, which only a full collection frees; frozen, they would pile up. So
# once the frozen heap has doubled since the last full collection, one full collection is run (a pause of a
# few hundred ms, once in many screen switches) rather than one every few.
_FLOOR = 250_000
_after_full: int | None = None


def keep_long_lived(loaded: bool = False) -> None:
    """Take the objects alive now out of the cycle collector's full collections (on the UI thread, ~ms);
    `loaded`: a bid has just been loaded (the first one sets how big the heap is when nothing is garbage)."""
    global _after_full
    gc.collect(1)
    gc.freeze()
    frozen = gc.get_freeze_count()
    if _after_full is None:
        if loaded:
            _after_full = max(frozen, _FLOOR)
        return
    if frozen > 2 * _after_full:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _after_full = max(gc.get_freeze_count(), _FLOOR)


def release() -> None:
    """Give the frozen objects back to the collector (when the app ends)."""
    global _after_full
    gc.unfreeze()
    _after_full = None
