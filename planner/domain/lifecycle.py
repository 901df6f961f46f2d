"""A bid's status lifecycle: draft -> submitted -> shortlisted -> won, lost or withdrawn.

A submitted bid may be decided without a shortlist, and a bid may be withdrawn at any point until it is
decided; won, lost and withdrawn are final. Anything else is a correction, made on purpose.
"""

from __future__ import annotations

from planner.domain.enums import BidStatus

NEXT: dict[BidStatus, tuple[BidStatus, ...]] = {
    BidStatus.DRAFT: (BidStatus.SUBMITTED, BidStatus.WITHDRAWN),
    BidStatus.SUBMITTED: (BidStatus.SHORTLISTED, BidStatus.WON, BidStatus.LOST, BidStatus.WITHDRAWN),
    BidStatus.SHORTLISTED: (BidStatus.WON, BidStatus.LOST, BidStatus.WITHDRAWN),
    BidStatus.WON: (),
    BidStatus.LOST: (),
    BidStatus.WITHDRAWN: (),
}


def can_move(current: BidStatus, wanted: BidStatus) -> bool:
    """True when the lifecycle goes from `current` to `wanted`."""
    return wanted in NEXT[BidStatus(current)]


def next_statuses(current: BidStatus) -> tuple[BidStatus, ...]:
    return NEXT[BidStatus(current)]
