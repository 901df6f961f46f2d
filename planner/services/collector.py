"""The one switch that pauses Python's cycle collector while many objects are built at once.

Loading a bid's rows, the engines' per-line objects and a screen's table rows would otherwise set off
collections that walk the whole growing heap again and again (loading 100 000 budget lines took twice as
long). The collector is process-wide and several threads build at once (the terminal UI's workers, the
loading worker), so the pause is counted under a lock: it is disabled when the first holder enters and
enabled again, if it was enabled before, when the last one leaves. Pauses nest.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = True
_keep = False


@contextmanager
def paused(keep: bool = False) -> Iterator[None]:
    """No cyclic collection while the block runs (in any thread).

    `keep`: what the block builds lives long (a loaded bid, a screen's rows): when the last pause ends,
    everything alive is moved out of the collector's sight (`gc.freeze()`), so that re-enabling it does not
    start a full collection over objects that are not garbage.

    Without `keep`, what the block built and is still alive is handed to the oldest generation as the pause
    ends (`gc.freeze()` then `gc.unfreeze()`: a move, no walk), where the collector looks at it in its next
    full collection as at any long-lived object; left in the youngest generation, all of it (100 000 budget
    lines' rows) would be walked at once by the next young collection, and again by the middle one, a tenth
    of a large budget's status. Only while nothing else is frozen (the terminal UI freezes its loaded bid,
    which an unfreeze would hand back)."""
    global _holders, _was_enabled, _keep
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
        _keep = _keep or keep
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                if _keep:
                    gc.freeze()
                elif gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                _keep = False
                if _was_enabled:
                    gc.enable()


def holders() -> int:
    """How many pauses are open now (0: the collector runs as it was set)."""
    with _lock:
        return _holders
