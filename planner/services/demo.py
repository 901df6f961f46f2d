"""The demo bid (Generator 2012 in Gävle), loaded through the same bid-file import as any bid file."""

from __future__ import annotations

from sqlmodel import select

from planner.config import shipped_file
from planner.services.bidfile import import_bid
from planner.services.workspace import Workspace
from planner.store import models as m

DEMO_FILE = ("demo", "generator-gavle-2012.json")


def find_demo(ws: Workspace) -> int | None:
    with ws.read_session() as s:
        bid = s.exec(select(m.Bid).where(m.Bid.conference == "Generator", m.Bid.edition == "2012",
                                         m.Bid.host_city == "Gävle", m.Bid.archived_at.is_(None)).order_by(m.Bid.id)).first()
        return bid.id if bid else None


def load_demo(ws: Workspace) -> tuple[int, bool]:
    """(bid id, True) after loading it; (bid id, False) when the demo bid is already in the database."""
    existing = find_demo(ws)
    if existing is not None:
        return existing, False
    return import_bid(ws, shipped_file(*DEMO_FILE).read_bytes()), True
