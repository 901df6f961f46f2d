"""The terminal UI's data flow in past-tense messages: what happened, posted by a worker or a form, handled
with `@on`.

    a form or a service call saves   -> RecordSaved   (app: load the bid again, the saved row to be shown)
    the loading worker is done       -> BidLoaded     (app keeps the bid; every screen of the stack redraws)
    the list of bids is read         -> BidsListed    (the same, for the Start screen)
    a worker adds to the analysis    -> AnalysisReady (the screen that asked redraws)
    the other screens are imported   -> ScreensImported (app: warm their widgets up)
    a screen's worker has its rows   -> ContentReady  (the screen puts them on its widgets)

Each goes to the one that handles it and does not bubble on (a screen's BidLoaded reaching the app would
load the bid again).
"""

from __future__ import annotations

from typing import Any

from textual.message import Message


class RecordSaved(Message):
    """A change was saved: a record added, changed, deleted or put back; `table` and `key` name the record
    to show (None: no one record to show, as after a delete)."""

    def __init__(self, table: str | None = None, key: str | None = None) -> None:
        super().__init__()
        self.table = table
        self.key = key

    @classmethod
    def of(cls, result: Any) -> RecordSaved:
        """The message for what a save returned: a stored record names itself, anything else names none."""
        table, key = getattr(type(result), "__tablename__", None), getattr(result, "id", None)
        return cls(table, str(key)) if table is not None and key is not None else cls()


class BidLoaded(Message, bubble=False):
    """The open bid and what the planning engines made of it are in memory (data version `version`); `focus`
    is the (table, key) of the row just saved, for the screens to put their cursor on."""

    def __init__(self, bid_id: int, bundle: Any, analysis: Any, bids: list | None, version: int = 0,
                 focus: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.bid_id = bid_id
        self.bundle = bundle
        self.analysis = analysis
        self.bids = bids
        self.version = version
        self.focus = focus


class BidsListed(Message, bubble=False):
    """The list of the database's bids is in memory (the Start screen shows it); `preview` holds the first
    figures of the bid to open, when they were read before the bid itself (planner.services.listing)."""

    def __init__(self, bids: list, opened_bid: int | None = None, preview: Any = None) -> None:
        super().__init__()
        self.bids = bids
        self.opened_bid = opened_bid
        self.preview = preview


class AnalysisReady(Message, bubble=False):
    """A worker added to the open bid's analysis (a scenario's budget status): redraw what shows it."""


class ScreensImported(Message, bubble=False):
    """The other screens' modules are imported, after the first screen was drawn (the app warms them up)."""


class ContentReady(Message, bubble=False):
    """A screen's content, prepared in a worker from data version `version`: {widget id: what it shows};
    `partial`: the quick part, shown before the rest (which follows in another ContentReady)."""

    def __init__(self, content: dict, version: int, partial: bool = False) -> None:
        super().__init__()
        self.content = content
        self.version = version
        self.partial = partial
