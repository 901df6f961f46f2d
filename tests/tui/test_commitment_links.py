"""Linking a partner's commitment to the budget line it pays for: a signed cash commitment with no line while a
line like it exists is flagged "counted twice?", one key links it, and the income is counted once."""

from __future__ import annotations

from planner.domain.enums import Scenario
from planner.tui import make_app
from planner.tui.widgets.form import FormScreen
from tests.tui.conftest import SIZE, TODAY, choose, screen_text, settle


def sponsored_bid(workspace, bid_id: int) -> dict:
    from planner.services import records

    line = records.add(workspace, "budget_line", {
        "bid_id": bid_id, "kind": "income", "category": "sponsorship", "label": "Sponsorship Sandvik AB",
        "basis": "fixed", "currency": "SEK", "unit_minor": 1_500_000, "quantity": 1})
    hall = records.add(workspace, "budget_line", {
        "bid_id": bid_id, "kind": "expense", "category": "venue", "label": "Göransson Arena",
        "basis": "fixed", "currency": "SEK", "unit_minor": 4_000_000, "quantity": 1, "vat_rate_percent": 0})
    partner = records.add(workspace, "partner", {"bid_id": bid_id, "name": "Sandvik AB", "kind": "company"})
    town = records.add(workspace, "partner", {"bid_id": bid_id, "name": "Sandvikens kommun", "kind": "municipality"})
    cash = records.add(workspace, "commitment", {
        "bid_id": bid_id, "partner_id": partner.id, "kind": "cash", "status": "signed", "currency": "SEK", "amount_minor": 1_500_000,
        "description": "Guldsponsor"})
    venue = records.add(workspace, "commitment", {
        "bid_id": bid_id, "partner_id": town.id, "kind": "venue", "status": "pledged", "currency": "SEK", "amount_minor": 1_000_000,
        "description": "Arenan till halva priset"})
    return {"line": line.id, "hall": hall.id, "cash": cash.id, "venue": venue.id}


def income(app) -> int:
    return app.analysis.budget[Scenario.EXPECTED].income.minor


def line_of(workspace, commitment_id: int):
    from planner.services import records

    return next(c.budget_line_id for c in records.list_records(workspace, "commitment", 1) if c.id == commitment_id)


async def test_a_cash_commitment_counted_twice_is_flagged_and_linked_with_one_key(settings, small_bid, workspace):
    ids = sponsored_bid(workspace, small_bid)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert income(app) == 3_000_000  # the line's 15 000 kr and the commitment's own 15 000 kr: twice
        await pilot.press("5")
        await settle(pilot)
        assert "may be counted twice" in screen_text(app)
        await pilot.press("right_square_bracket")  # the Commitments tab
        await settle(pilot)
        text = screen_text(app)
        assert "counted twice? k links it to “Sponsorship Sandvik AB”" in text
        table = app.screen.query_one("#commitments-table")
        table.move_cursor(row=[str(key.value) for key in table.rows].index(str(ids["cash"])))
        await pilot.press("k")
        await settle(pilot)
        assert line_of(workspace, ids["cash"]) == ids["line"]
        assert income(app) == 1_500_000  # counted once
        text = screen_text(app)
        assert "counted twice" not in text and "→ Sponsorship Sandvik AB" in text
        await pilot.press("3")  # the budget shows the link
        await settle(pilot)
        assert "Sandvik AB → Sponsorship Sandvik AB" in screen_text(app)
        await pilot.press("ctrl+z")  # the link is an edit like any other
        await settle(pilot)
        assert line_of(workspace, ids["cash"]) is None and income(app) == 3_000_000
        assert "counted twice with “Sponsorship Sandvik AB”" in screen_text(app)


async def test_an_in_kind_commitment_is_linked_to_the_expense_it_covers_in_its_form(settings, small_bid, workspace):
    ids = sponsored_bid(workspace, small_bid)
    app = make_app(settings, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gap = app.analysis.funding[Scenario.EXPECTED].pledged.minor
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        table = app.screen.query_one("#commitments-table")
        table.move_cursor(row=[str(key.value) for key in table.rows].index(str(ids["venue"])))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        choose(pilot, "budget_line_id", ids["hall"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert line_of(workspace, ids["venue"]) == ids["hall"]
        assert app.analysis.funding[Scenario.EXPECTED].pledged.minor == gap + 1_000_000  # now it covers the hall
        assert "→ Göransson Arena" in screen_text(app)
