"""A bid's own fields as a person types them, and its status: moved along the lifecycle (planner.domain.lifecycle)
with the day it happened and a note, each move kept in the audit log (action `status`) as the bid's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from planner.domain.enums import BidStatus
from planner.domain.lifecycle import can_move, next_statuses
from planner.i18n import _
from planner.i18n.labels import label
from planner.services import fields, records
from planner.services.errors import ValidationError
from planner.store import models as m

if TYPE_CHECKING:
    from planner.services.workspace import Workspace

NOTE_LIMIT = 500
STATUS_ACTION = "status"


def show(ws: Workspace, bid_id: int) -> dict[str, Any]:
    """The bid's fields as JSON values (as the bid file holds them)."""
    from planner.services.workspace import get_bid

    return records.snapshot(get_bid(ws, bid_id))


def set_fields(ws: Workspace, bid_id: int, typed: dict[str, str], *,
               expected_version: int | None = None) -> tuple[dict[str, Any], bool]:
    """Change the bid's own fields from typed values; (the bid as saved, whether anything changed).

    The status moves with `move` (it keeps the history); new event dates set the number of event days
    unless that is typed too.
    """
    if "status" in typed:
        raise ValidationError({"status": _("Change the status with 'planner bid status STATUS' (it keeps the "
                                           "history).")})
    before = show(ws, bid_id)
    values = fields.parse_values("bid", typed, current=before, default_currency=before["base_currency"])
    if {"event_start", "event_end"} & set(values) and "event_days" not in values:
        start = values.get("event_start", before["event_start"])
        end = values.get("event_end", before["event_end"])
        start = date.fromisoformat(start) if isinstance(start, str) else start
        end = date.fromisoformat(end) if isinstance(end, str) else end
        if start and end and end >= start:
            values["event_days"] = (end - start).days + 1
    saved = records.update(ws, "bid", bid_id, values, expected_version=expected_version)
    after = records.snapshot(saved)
    return after, after != before


def parse_status(text: str) -> BidStatus:
    wanted = text.strip().lower()
    try:
        return BidStatus(wanted)
    except ValueError:
        raise ValidationError({"STATUS": _("{value!r} is not a status of a bid; write one of: {choices}.").format(
            value=text, choices=", ".join(s.value for s in BidStatus))}) from None


def move(ws: Workspace, bid_id: int, status: str, *, on: date | None = None, note: str = "",
         correction: bool = False) -> dict[str, Any]:
    """Move the bid to `status` on day `on` (default today) with a note, along the lifecycle unless it is a
    `correction`; the move is kept in the audit log. Returns the bid as saved."""
    from planner.services.validation import control_error
    from planner.services.workspace import get_bid

    wanted = parse_status(status)
    ws.check_writable()
    problem = control_error(note, multiline=True)
    if problem:
        raise ValidationError({"--note": problem})
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"--note": _("At most {limit} characters (this is {n}).").format(
            limit=NOTE_LIMIT, n=len(note))})
    bid = get_bid(ws, bid_id)
    current = BidStatus(bid.status)
    if wanted == current:
        raise ValidationError({"STATUS": _("The bid is already {status}.").format(status=label(current))})
    if not correction and not can_move(current, wanted):
        allowed = next_statuses(current)
        if allowed:
            message = _("A {current} bid moves on to {choices}, not {wanted}; add --correct to set it anyway.")
        else:
            message = _("A {current} bid is decided; add --correct to set it to {wanted} anyway.")
        raise ValidationError({"STATUS": message.format(
            current=current.value, wanted=wanted.value, choices=", ".join(s.value for s in allowed))})
    also = {"date": (on or date.today()).isoformat(), "note": note}
    if correction:
        also["correction"] = True
    with ws.session() as s:
        saved = records.change(s, ws.user, m.Bid, bid_id, {"status": wanted}, expected_version=bid.version,
                               action=STATUS_ACTION, also=also)
        s.flush()
        s.refresh(saved)
        return records.snapshot(saved)


@dataclass(frozen=True)
class StatusChange:
    """One move of a bid's status: from, to, the day it happened, the note, who recorded it and when."""

    before: str
    after: str
    on: date | None
    note: str
    who: str
    at: datetime
    correction: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.before, "to": self.after, "date": self.on.isoformat() if self.on else None,
                "note": self.note, "who": self.who, "at": self.at.isoformat(), "correction": self.correction}


def history(ws: Workspace, bid_id: int) -> list[StatusChange]:
    """Every status move of a bid, oldest first."""
    from planner.services.team import audit_log

    out = []
    for entry in reversed(audit_log(ws, bid_id, limit=None, entity="bid")):
        if entry.action != STATUS_ACTION:
            continue
        on = entry.after.get("date")
        try:
            day = date.fromisoformat(on) if isinstance(on, str) else None
        except ValueError:
            day = None
        out.append(StatusChange(str(entry.before.get("status", "")), str(entry.after.get("status", "")), day,
                                str(entry.after.get("note") or ""), entry.who, entry.at,
                                bool(entry.after.get("correction"))))
    return out
