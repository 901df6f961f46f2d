"""The Budget screen beyond the lines: the risk, the price × attendance grid and the economic impact on a
scrollable tab, and the baselines: frozen, listed, compared (two, or one with the working budget), renamed and
deleted, all by keys."""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import Static, TabbedContent

from planner.tui import make_app
from planner.tui.widgets.confirm import ConfirmScreen
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import TODAY, choose, fill, screen_text, settle


def rendered(app, widget_id: str) -> str:
    """What a panel shows, as the terminal shows it (a Rich table is drawn to text)."""
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(app.screen.query_one(f"#{widget_id}", Static).content)
    return console.export_text()


async def test_risk_grid_and_impact_are_on_a_tab_that_scrolls(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.screen.query_one("#budget-tabs", TabbedContent).active == "tab-risk"
        risk = rendered(app, "budget-risk")
        assert "Probability of a loss" in risk and "10th percentile" in risk
        assert "Economic impact for the host region" in risk and "per delegate-day" in risk
        grid = rendered(app, "budget-grid")
        assert "Result by ticket price" in grid and "Ticket price" in grid
        box = app.screen.query_one("#budget-risk-box", ScrollableContainer)
        assert box.max_scroll_y > 0  # more than a 24-line terminal shows: it scrolls
        box.focus()
        await pilot.press("end")
        await pilot.wait_for_animation()  # the scroll glides to the end
        await settle(pilot)
        assert box.scroll_y == box.max_scroll_y > 0


async def freeze(pilot, name: str) -> None:
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await fill(pilot, "name", name)
    await pilot.press("ctrl+s")
    await settle(pilot)


def baseline_names(app) -> list[str]:
    return sorted(b.name for b in app.bundle.baselines)


async def test_baselines_listed_compared_renamed_and_deleted(settings, demo_bid, workspace):
    from planner.services import records

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        before = baseline_names(app)
        await freeze(pilot, "Styrelsen")
        # the working budget moves on: a line gets dearer, then a second baseline
        line = next(x for x in app.bundle.budget_lines if str(x.kind) == "expense")
        records.update(workspace, "budget_line", line.id, {"unit_minor": line.unit_minor + 10_000_000})
        app.load_bid()
        await settle(pilot)
        await freeze(pilot, "Efter offert")
        assert baseline_names(app) == sorted([*before, "Styrelsen", "Efter offert"])
        await pilot.press(*["right_square_bracket"] * 3)
        await settle(pilot)
        assert app.screen.query_one("#budget-tabs", TabbedContent).active == "tab-baselines"
        text = screen_text(app)
        assert "Styrelsen" in text and "Efter offert" in text
        # compare the two
        ids = {b.name: b.id for b in app.bundle.baselines}
        await pilot.press("v")
        await pilot.pause()
        choose(pilot, "first", ids["Styrelsen"])
        choose(pilot, "second", ids["Efter offert"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        compared = rendered(app, "baseline-compare")
        assert "“Styrelsen” against Efter offert" in compared and "SEK125,000" in compared  # the dearer line, VAT and all
        # and one with the working budget
        await pilot.press("v")
        await pilot.pause()
        choose(pilot, "second", 0)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "against the working budget" in rendered(app, "baseline-compare")
        # rename the highlighted one (the newest is first)
        table = app.screen.query_one("#baselines-table")
        table.focus()
        table.move_cursor(row=[str(k.value) for k in table.rows].index(str(ids["Efter offert"])))
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "name", "Efter offerten")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Efter offerten" in baseline_names(app)
        # delete it, after asking; ctrl+z brings it back
        table = app.screen.query_one("#baselines-table")
        table.move_cursor(row=[str(k.value) for k in table.rows].index(str(ids["Efter offert"])))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # its frozen lines go with it: asked once more
            await pilot.press("y")
            await settle(pilot)
        assert "Efter offerten" not in baseline_names(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Efter offerten" in baseline_names(app)
