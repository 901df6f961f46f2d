"""What a sweep of every screen in a terminal at 80x24, 120x40 and 200x60 found, on the demo bid and on a
large one: each test drives the screen as a person does and reads what the screen draws."""

from __future__ import annotations

import re

from textual.geometry import Region

from planner.tui import make_app
from tests.tui.conftest import TODAY, settle


def drawn(widget) -> list[str]:
    """The lines of a widget the terminal shows, as text: what it draws, less what the containers around it
    clip (a Static wider than its panel is cut at the panel's edge)."""
    region = widget.region
    seen = region
    for node in widget.ancestors:
        inner = getattr(node, "scrollable_content_region", None)
        if inner is not None and getattr(node, "is_scrollable", False) or node is widget.screen:
            seen = seen.intersection(inner if node is not widget.screen else node.region)
    crop = Region(seen.x - region.x, seen.y - region.y, seen.width, seen.height)
    return ["".join(segment.text for segment in strip).rstrip()[crop.x:crop.right]
            for strip in widget.render_lines(Region(0, crop.y, region.width, crop.height))]


AMOUNT = re.compile(r"-?SEK[\d,]+")


async def test_the_overview_draws_every_amount_of_a_budget_in_billions_whole(settings, workspace, demo_bid):
    """Three columns of 'SEK1,168,672,604' do not fit the panel at 120x40: the scenarios go one under the
    other instead of the high one being cut at the panel's edge ('SEK1,') or the row labels ('E…')."""
    from planner.domain.enums import Basis, BudgetCategory, LineKind
    from planner.services.workspace import add_record
    from planner.store import models as m

    add_record(workspace, m.BudgetLine(bid_id=demo_bid, kind=LineKind.EXPENSE, category=BudgetCategory.VENUE,
                                       label="Arena", basis=Basis.PER_ATTENDEE, unit_minor=3_000_000_00,
                                       currency="SEK"))
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = []
        panel = app.screen.query_one("#panel-budget")
        panel.focus()
        for _page in range(4):  # the panel scrolls: page through it
            lines = drawn(app.screen.query_one("#ov-budget"))
            assert all(not line.rstrip().endswith(("SEK", ",", "…")) for line in lines), lines
            seen += lines
            await pilot.press("pagedown")
            await pilot.wait_for_animation()
            await settle(pilot)
        text = "\n".join(seen)
        amounts = AMOUNT.findall(text)
        assert {"SEK563,621,685", "SEK1,126,338,442", "SEK1,689,055,200"} <= set(amounts)  # expenses, whole
        assert all(len(a.replace("-", "").replace("SEK", "").replace(",", "")) >= 4 for a in amounts), amounts
        assert all(word in text for word in ("Low", "Expected", "High", "Attendance", "Income", "Expenses",
                                             "Result")), text  # the labels whole too
    async with make_app(settings, today=TODAY).run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        header = next(line for line in drawn(pilot.app.screen.query_one("#ov-budget")) if "Expected" in line)
        assert "Low" in header and "High" in header  # wide enough: the three scenarios side by side


async def test_settings_at_80x24_keep_the_nav_bar_and_scroll_their_own_body(settings, demo_bid):
    """The body is as tall as the screen leaves (it used to grow, and the whole screen scrolled the nav bar away);
    End reaches its last line; the long Swedish caption wraps instead of being cut at the edge; the nav bar,
    down to the keys of the other screens, names this one in full."""

    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.set_language("sv")
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        screen = app.screen
        assert screen.scroll_y == 0 and screen.query_one("#navbar").region.y == 1
        assert "8 Inställningar" in "".join(drawn(screen.query_one("#navbar")))
        caption = screen.query("Label.caption")[3]
        text = " ".join(line.strip() for line in drawn(caption))
        assert str(caption.content) in text  # every word of it, on two lines
        body = screen.query_one("#settings-body")
        body.focus()
        await pilot.press("end")
        await pilot.wait_for_animation()
        await settle(pilot)
        assert body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y
        assert screen.query_one("#navbar").region.y == 1


async def test_the_dossier_choices_side_by_side_show_their_arrows_at_80x24(settings, demo_bid):
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        for chooser in ("#dossier-language", "#dossier-audience"):
            select = app.screen.query_one(chooser)
            half = select.parent.region
            assert select.region.right <= half.right  # inside its half, not cut by it ...
            assert all(part.region.right <= half.right for part in select.query("*"))  # ... nor its arrow


async def test_the_baselines_hint_wraps_at_80x24_and_120x40(settings, demo_bid):
    for size in ((80, 24), (120, 40)):
        app = make_app(settings, today=TODAY)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            for _tab in range(3):
                await pilot.press("right_square_bracket")
            await settle(pilot)
            text = " ".join(line.strip() for line in drawn(app.screen.query_one("#baseline-compare")))
            assert "v compares two baselines (or one with the working budget)." in text, (size, text)
