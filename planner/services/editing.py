"""Edits the terminal UI makes by use case: a venue's score on a criterion, and (until the UI calls
planner.services.records itself) tasks, sessions and the bid's own fields.

Every save goes through planner.services.records: one transaction, the one version check, one audit entry
of what really changed.
"""

from __future__ import annotations

from typing import Any

from planner.i18n import _
from planner.services import records
from planner.services.errors import NotFound, ValidationError
from planner.services.workspace import Workspace
from planner.store import models as m


def set_venue_score(ws: Workspace, venue_id: int, criterion_id: int, score: int,
                    expected_version: int | None = None) -> m.VenueScore:
    """Give a venue a score (0-10) on one criterion, replacing any earlier score."""
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise ValidationError({"score": _("A score is a whole number from 0 to 10.")})
    with ws.session() as s:
        venue = s.get(m.Venue, venue_id)
        criterion = s.get(m.Criterion, criterion_id)
        if venue is None or criterion is None or venue.bid_id != criterion.bid_id:
            raise NotFound(_("The venue or the criterion was deleted by someone else; reload to see the current "
                             "data."))
        scored = s.get(m.VenueScore, (venue_id, criterion_id)) is not None
    if scored:
        return records.update(ws, "venue_score", (venue_id, criterion_id), {"score": score},
                              expected_version=expected_version)
    return records.add(ws, "venue_score", {"venue_id": venue_id, "criterion_id": criterion_id, "score": score})


def save_task(ws: Workspace, bid_id: int, values: dict[str, Any], depends_on: list[int],
              task_id: int | None = None, expected_version: int | None = None) -> m.Task:
    """Kept for the terminal UI's timeline until it calls `records.add` / `records.update`; delegates to them."""
    return records.add(ws, "task", {**values, "bid_id": bid_id}, links={"depends_on": depends_on}) \
        if task_id is None else records.update(ws, "task", task_id, values, expected_version=expected_version,
                                               links={"depends_on": depends_on})


def save_session(ws: Workspace, bid_id: int, values: dict[str, Any], speaker_ids: list[int],
                 session_id: int | None = None, expected_version: int | None = None) -> m.ProgrammeSession:
    """Kept for the terminal UI's programme until it calls `records.add` / `records.update`; delegates to them."""
    return records.add(ws, "programme_session", {**values, "bid_id": bid_id}, links={"speakers": speaker_ids}) \
        if session_id is None else records.update(ws, "programme_session", session_id, values,
                                                  expected_version=expected_version, links={"speakers": speaker_ids})


def set_bid_fields(ws: Workspace, bid_id: int, changes: dict[str, Any],
                   expected_version: int | None = None) -> m.Bid:
    """Kept for the terminal UI's settings until it calls `records.update(ws, "bid", ...)`; delegates to it."""
    return records.update(ws, "bid", bid_id, changes, expected_version=expected_version)
