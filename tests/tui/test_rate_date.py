"""The budget's rate date in the terminal UI, keys only: the Budget screen says once when the rate it converts
at is far from the bid's rate date, and the Bid screen's form sets that date (and refuses one that is not)."""

from __future__ import annotations

from datetime import date

from planner.tui import make_app
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, error_of, fill, settle
from tests.tui.test_budget_views import rendered

SIZE = (120, 40)


async def test_the_budget_says_a_far_rate_and_the_bid_form_sets_the_rate_date(settings, demo_bid, workspace):
    from planner.services.workspace import get_bid

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        # the Gävle bid is due 30 November 2011; only the shipped seed (30 December 2024) is stored
        shown = " ".join(rendered(app, "budget-result").split())
        assert shown.count("the budget converts at the rates of 30 November 2011") == 1
        assert "30 December 2024" in shown

        await pilot.press("0")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "rate_date", "2024-13-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen) and "not a day in the calendar" in error_of(app, "rate_date")
        await fill(pilot, "rate_date", "2024-12-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert get_bid(workspace, demo_bid).rate_date == date(2024, 12, 30)

        await pilot.press("3")
        await settle(pilot)
        assert "converts at the rates" not in rendered(app, "budget-result")

        await pilot.press("0")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "rate_date", "")  # empty: the deadline again
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_bid(workspace, demo_bid).rate_date is None
