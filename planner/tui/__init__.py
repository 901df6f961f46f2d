"""The bid coordinator's terminal UI (Textual); `make_app(settings)` builds it for the CLI and the tests alike.

Nothing heavy is imported here: the app module pulls in Textual, and the database, babel and the screens
are loaded only when first needed, so starting the program costs about what a bare Textual app costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.config import Settings
    from planner.tui.app import PlannerApp


def make_app(settings: Settings, bid_id: int | None = None, *, today=None) -> PlannerApp:
    """The terminal UI on `settings`' database, opening `bid_id` (else the bid last worked on)."""
    from planner.services.collector import paused

    # Textual's and the app's modules are made with no cycle collection walking them as they grow (a dozen
    # collections of 1-2 ms each), then kept out of its walks: they live as long as the program
    with paused(keep=True):
        from planner.tui.app import PlannerApp

    return PlannerApp(settings, bid_id=bid_id, today=today)
