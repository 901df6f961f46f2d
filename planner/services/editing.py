"""Edits that are a use case rather than one record's save: a venue's score on a criterion (added or
replaced). Every save goes through planner.services.records: one transaction, the one version check, one
audit entry of what really changed.
"""

from __future__ import annotations

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
