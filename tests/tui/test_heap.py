"""The cycle collector and the UI: keeping rows walks nothing, and the full collection waits for an idle user."""

from __future__ import annotations

import asyncio
import gc
import sys
import weakref

from planner.tui import app as app_module
from planner.tui import heap, make_app
from tests.tui.conftest import settle


class _Node:
    __slots__ = ("value", "__weakref__")

    def __init__(self, value=None) -> None:
        self.value = value


def test_keeping_what_is_alive_walks_nothing():
    """keep_long_lived() only freezes: no collection of any generation starts (that was 100-200 ms of walking
    young objects on the large bid, and up to 1.3 s when it ran a full collection)."""
    young = [_Node(n) for n in range(50_000)]
    started = []

    def seen(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        heap.keep_long_lived(loaded=True)
        assert started == []
        assert gc.get_freeze_count() >= len(young)
    finally:
        gc.callbacks.remove(seen)
        heap.release()


def frozen_garbage(count: int) -> weakref.ref:
    """`count` objects in cycles, frozen while alive and then dropped (as Textual's caches drop entries): only a
    full collection over the frozen heap frees them. A weak reference to one of them."""
    nodes = [_Node() for _ in range(count)]
    for node in nodes:
        node.value = node
    ref = weakref.ref(nodes[0])
    heap.keep_long_lived()
    del nodes
    return ref


async def test_a_due_full_collection_waits_until_the_user_is_idle(settings, demo_bid, monkeypatch):
    monkeypatch.setattr(heap, "_FLOOR", 1)
    monkeypatch.setattr(app_module, "IDLE_BEFORE_COLLECTING", 1.0)
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.bundle is not None and not heap.collection_due()
        ref = frozen_garbage(sys.getallocatedblocks() + 1_000)  # a block each at least: the heap doubles
        assert heap.collection_due() and ref() is not None
        for _ in range(12):  # the user keeps working: a key every 0.25 s for 3 s
            await pilot.press("down")
            await asyncio.sleep(0.25)
        assert ref() is not None and heap.collection_due()  # never collected under the user's hands
        for _ in range(60):  # then idle: collected within a few seconds
            await asyncio.sleep(0.1)
            if ref() is None:
                break
        assert ref() is None and not heap.collection_due()
        assert gc.get_freeze_count() > 0  # what is alive is frozen again
