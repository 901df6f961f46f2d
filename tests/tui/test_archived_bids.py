"""A deleted (archived) bid is out of the terminal UI's bid list (ctrl+o) and is not the bid it opens."""

from __future__ import annotations

from planner.config import Settings
from planner.services.workspace import Workspace, archive_bid, restore_bid
from planner.tui import make_app
from tests.tui.conftest import SIZE, TODAY, settle
from tests.tui.test_preferences import two_bids


def listed(app) -> list[str]:
    bids = app.screen.query_one("#bids")
    return [bids.get_row_at(i)[1].plain for i in range(bids.row_count)]


async def test_an_archived_bid_is_not_listed_and_a_restored_one_is(tmp_path):
    settings = Settings.load(db=tmp_path / "p.db", locale="en")
    makers, generator = two_bids(settings)
    ws = Workspace.open(settings)
    try:
        archive_bid(ws, generator)  # the newest: the one the app would open
    finally:
        ws.close()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.bid_id == makers
        await pilot.press("ctrl+o")
        await settle(pilot)
        rows = listed(app)
        assert any(r.startswith("Nordic Makers") for r in rows) and not any("Generator" in r for r in rows)
    ws = Workspace.open(settings)
    try:
        restore_bid(ws, generator)
    finally:
        ws.close()
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert any("Generator [2012]" in r for r in listed(app))
