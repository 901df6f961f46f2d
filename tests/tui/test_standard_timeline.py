"""g on the Timeline merges the standard timeline into the plan: it shows what it adds, asks, adds on working
days with room to spare, adds nothing the second time, and ctrl+z takes the whole batch back in one step."""

from __future__ import annotations

from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, screen_text, settle


def _titles(app) -> list[str]:
    return [t.title for t in app.bundle.tasks]


async def test_g_shows_what_it_adds_asks_and_adds_it_once(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        before = len(app.bundle.tasks)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Add 5 tasks" in question and "Open registration" in question
        assert "Already in the plan" in question and "Bid submitted" in question
        await pilot.press("n")  # asked first: saying no adds nothing
        await settle(pilot)
        assert len(app.bundle.tasks) == before
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        titles = _titles(app)
        assert len(titles) == before + 5
        assert titles.count("Collect letters of support") == 1 and "Submit the bid" not in titles
        added = {t.id for t in app.bundle.tasks if t.template_key}
        slack = {t.task_id: t.slack_days for t in app.analysis.timeline.tasks}
        assert all(slack[i] >= 0 for i in added)
        assert "Open registration" in screen_text(app)
        await pilot.press("g")  # the second time there is nothing to add and nothing is asked
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(app.bundle.tasks) == before + 5


async def test_ctrl_z_takes_the_standard_timeline_back_in_one_step(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        before = sorted(_titles(app))
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert len(app.bundle.tasks) == len(before) + 5
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sorted(_titles(app)) == before
        await pilot.press("ctrl+y")  # and back again, with what the added tasks wait for
        await settle(pilot)
        assert len(app.bundle.tasks) == len(before) + 5
        registration = next(t for t in app.bundle.tasks if t.template_key == "registration")
        contracts = next(t for t in app.bundle.tasks if t.template_key == "contracts")
        assert any(d.task_id == registration.id and d.depends_on_id == contracts.id for d in app.bundle.dependencies)
