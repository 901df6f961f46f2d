"""The one collector pause: nests, holds across threads, and gives the collector back as it found it."""

from __future__ import annotations

import gc
import threading
import weakref

from planner.services import collector
from planner.services.workspace import paused_gc


def test_pauses_nest_and_the_collector_runs_again_after_the_last():
    assert gc.isenabled() and collector.holders() == 0
    with collector.paused():
        assert not gc.isenabled()
        with paused_gc():  # the services' name for the same pause
            assert not gc.isenabled() and collector.holders() == 2
        assert not gc.isenabled() and collector.holders() == 1
    assert gc.isenabled() and collector.holders() == 0


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_threads_share_the_pause_and_the_last_one_out_enables_it():
    inside = threading.Barrier(9)
    leave = threading.Event()
    seen = []

    def worker():
        with collector.paused():
            inside.wait(timeout=10)
            leave.wait(timeout=10)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    inside.wait(timeout=10)  # all eight hold the pause now
    assert collector.holders() == 8 and not gc.isenabled()
    leave.set()
    for thread in threads:
        thread.join(timeout=10)
    assert seen == [False] * 8  # no thread saw it enabled while another still held it
    assert collector.holders() == 0 and gc.isenabled()


def test_keep_freezes_what_was_built_when_the_last_pause_ends():
    gc.unfreeze()
    before = gc.get_freeze_count()
    try:
        with collector.paused(keep=True):
            kept = [[n] for n in range(10_000)]
        assert gc.get_freeze_count() >= before + 10_000
        assert len(kept) == 10_000
    finally:
        gc.unfreeze()


class _Node:
    """An object the collector tracks (it can hold references)."""

    __slots__ = ("value", "__weakref__")

    def __init__(self, value) -> None:
        self.value = value


def test_what_a_pause_built_goes_to_the_oldest_generation_unwalked_and_garbage_is_still_freed():
    gc.unfreeze()
    with collector.paused():
        built = [_Node(n) for n in range(10_000)]
        cycle = _Node(None)
        cycle.value = cycle  # garbage only the collector frees
        ref = weakref.ref(cycle)
        del cycle
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing is kept frozen
    assert gc.get_count()[0] < 1_000  # the young generation does not hold the 10 000 to walk again
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(built[0]) in oldest and id(built[-1]) in oldest
    assert ref() is not None
    gc.collect()  # the next full collection frees the pause's garbage as any other
    assert ref() is None


def test_a_pause_does_not_hand_back_what_was_frozen():
    gc.unfreeze()
    frozen = [_Node(n) for n in range(1_000)]
    gc.freeze()  # as the terminal UI keeps its loaded bid
    before = gc.get_freeze_count()
    try:
        with collector.paused():
            built = [_Node(n) for n in range(1_000)]
        assert gc.get_freeze_count() == before
        assert len(frozen) == len(built) == 1_000
    finally:
        gc.unfreeze()
