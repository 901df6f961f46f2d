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
    from planner.tui.app import PlannerApp

    return PlannerApp(settings, bid_id=bid_id, today=today)
