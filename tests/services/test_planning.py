"""The planning services on the demo bid in a real SQLite file, figures checked by hand.

Exchange rates: a manual rate of 11.0 SEK per EUR from 2 January 2012 is set first, so the EUR lines do not
depend on the shipped seed (a manual rate wins from its date on).
"""

from datetime import date

import pytest

from planner.config import Settings
from planner.domain.enums import Basis, BudgetCategory, LineKind, Scenario
from planner.domain.money import Money
from planner.services import planning as P
from planner.services.demo import load_demo
from planner.services.rates import set_manual_rate
from planner.services.workspace import Workspace, add_record, update_record
from planner.store import models as m

TODAY = date(2011, 11, 1)


def sek(kronor) -> Money:
    return Money(round(kronor * 100), "SEK")


@pytest.fixture
def demo(tmp_path):
    ws = Workspace.open(Settings.load(db=str(tmp_path / "planner.db")))
    bid_id, _created = load_demo(ws)
    set_manual_rate(ws, "SEK", "11.0", date(2012, 1, 2))
    yield ws, bid_id
    ws.close()


def test_budget_of_the_demo_by_hand(demo):
    ws, bid_id = demo
    expected = P.budget_report(ws, bid_id, "expected", today=TODAY)
    # catering: 395 kr excl. 12 % VAT, VAT not deductible -> 442.40 kr x 300 attendees x 2 days = 265 440 kr
    assert expected.category(LineKind.EXPENSE, "catering") == sek(265_440)
    # registration: 1 800 kr excl. VAT x (300 - 40 complimentary) = 468 000 kr
    assert expected.category(LineKind.INCOME, "registration") == sek(468_000)
    # speakers (17 invited or confirmed; ideas and the one who declined cost nothing):
    #   EUR fees 1 500 + 1 200 + 1 000 = 3 700 EUR x 11 = 40 700; SEK fees 5 000 + 8 000 = 13 000;
    #   travel 44 200; 19 nights x 1 195 kr (Hotell Järnvägsparken, nearest) = 22 705;
    #   gifts 600 kr incl. VAT x 17 = 10 200 -> 130 805 kr
    assert expected.category(LineKind.EXPENSE, "speakers") == sek(130_805)
    # other: 4 500 EUR + 19 % VAT = 5 355 EUR x 11 = 58 905 kr
    assert expected.category(LineKind.EXPENSE, "other") == sek(58_905)
    # expenses: venue 225 000 + AV 87 500 + catering 265 440 + dinner 151 200 + speakers 130 805
    #   + buses 20 140 + marketing 100 000 + staff 220 000 + printing 16 875 + insurance 8 000
    #   + other 58 905 + contingency 50 000 = 1 333 865 kr
    assert expected.expenses == sek(1_333_865)
    # income: 468 000 + 250 000 + 150 000 + 40 000 + 40 000 = 948 000 (commitments cover lines, never added)
    assert expected.income == sek(948_000)
    assert expected.result == sek(-385_865)
    assert [(r.currency, r.on, r.source) for r in P.budget_report(ws, bid_id, today=TODAY).rates_used] == [
        ("SEK", date(2012, 1, 2), "manual")]


def test_funding_of_the_demo(demo):
    ws, bid_id = demo
    report = P.funding(ws, bid_id)
    expected = report[Scenario.EXPECTED]
    # cash secured: Region 250 000 + 5 municipalities x 15 000 = 325 000; pledged: Galaxy 40 000 + 2 x 15 000
    assert (expected.cash.secured, expected.cash.pledged, expected.cash.prospects) == (
        sek(325_000), sek(70_000), sek(30_000))
    # in kind (workshops, pre-event, volunteers) covers no budget line: shown apart
    assert report.in_kind_unbudgeted == sek(115_000)
    # need = 1 333 865 - (468 000 registration + 40 000 exhibition) = 825 865; gap = 825 865 - 395 000
    assert expected.need == sek(825_865)
    assert expected.gap == sek(430_865)
    assert expected.unsecured == sek(500_865)


def test_baseline_freeze_and_variance(demo):
    ws, bid_id = demo
    baseline = P.freeze_baseline(ws, bid_id, "Approved by the board")
    venue_line = next(line for line in P.Planning.load(ws, bid_id).bundle.budget_lines
                      if line.category == BudgetCategory.VENUE)
    update_record(ws, m.BudgetLine, venue_line.id, {"unit_minor": 20_000_000})
    status = P.budget_status(ws, bid_id)
    row = next(r for r in status.lines if r.key == venue_line.id)
    # 200 000 kr + 25 % = 250 000 now; the baseline froze 180 000 + 25 % = 225 000 -> +25 000
    assert (row.planned, row.baseline, row.variance) == (sek(250_000), sek(225_000), sek(25_000))
    assert status.baseline_label == "Approved by the board" and baseline.id
    # derived speaker lines are matched back to their frozen rows: no variance
    speaker_rows = [r for r in status.lines if str(r.key).startswith("speaker:")]
    assert speaker_rows and all(r.variance == sek(0) for r in speaker_rows)
    assert status.expenses.variance == sek(25_000)


def test_missing_rate_is_a_planning_error(demo):
    ws, bid_id = demo
    add_record(ws, m.BudgetLine(bid_id=bid_id, kind=LineKind.EXPENSE, category=BudgetCategory.OTHER,
                                label="Tango band", basis=Basis.FIXED, unit_minor=100_00, currency="ARS",
                                vat_rate_percent=0))
    with pytest.raises(P.PlanningError) as info:
        P.budget_report(ws, bid_id)
    assert "ARS" in str(info.value)  # the ECB publishes no peso rate


def test_venue_ranking_of_the_demo(demo):
    ws, bid_id = demo
    ranking = P.venue_ranking(ws, bid_id)
    first = ranking.venues[0]
    # Konserthus: 20x9 + 20x5 + 10x9 + 15x9 + 10x10 + 10x8 + 5x8 + 10x7 = 795 of 100 weight -> 79.5
    assert (first.name, str(first.total)) == ("Gävle Konserthus", "79.50")
    # 180 000 kr venue cost / 300 expected = 600 kr per attendee
    assert first.cost_per_attendee == sek(600)
    out = {v.name: v for v in ranking.venues if not v.qualified}
    assert set(out) == {"Gasklockorna", "Strandhallen Konferens"}


def test_timeline_of_the_demo(demo):
    ws, bid_id = demo
    check = P.timeline_check(ws, bid_id, today=TODAY)
    assert {t.title for t in check.overdue} == {"Hold options on venues", "Site inspection of the candidate venues"}
    by_title = {t.title: t for t in check.tasks}
    # the call for speakers (30 days) can start on the decision it waits for and is due 35 days after it:
    # five days of room
    assert by_title["Call for speakers"].slack_days == 5
    assert by_title["Hold options on venues"].flags[0].params["weekday"] == ("Sunday",)
    assert {e.entry.source for e in check.entries} == {"venue_option", "commitment_due"}


def test_standard_timeline_generation_is_idempotent(demo):
    ws, bid_id = demo
    created = P.generate_standard_timeline(ws, bid_id, today=TODAY)
    # the demo has six of the twelve already, by title or as its own milestone on the anchor's day
    assert len(created) == 5  # the committee's proposed inspection days stand for "Site inspection"
    assert P.generate_standard_timeline(ws, bid_id, today=TODAY) == []
    titles = [t.title for t in P.timeline_check(ws, bid_id, today=TODAY).tasks]
    assert "Submit the bid" not in titles and titles.count("Collect letters of support") == 1


def test_the_standard_timeline_merges_into_the_plan(demo):
    from planner.domain.timeline import swedish_holidays

    ws, bid_id = demo
    today = date(2011, 10, 3)
    standard = P.plan_standard_timeline(ws, bid_id, today=today)
    assert standard.matched == {
        "letters_of_support": "Collect letters of support", "dossier_review": "Dossier review",
        "call_for_speakers": "Call for speakers", "submission": "Bid submitted",
        "decision": "Decision by the Generator committee", "event": "Conference days",
        # the committee's proposed inspection days carry the standard key, so the plan has its site inspection
        "site_inspection": "Site inspection by the committee, first proposed day"}
    added = {t.key: t for t in standard.added}
    # "Open registration" waits for the contracts, so it moves from its standard day (Boxing Day) to when
    # they are due; "Evaluation" (30 days from the event) moves off a Sunday to the Monday after, as the Friday
    # before would leave it too little time
    assert added["registration"].standard_due == date(2011, 12, 26)
    assert added["registration"].due == added["contracts"].due
    assert added["evaluation"].standard_due == date(2012, 6, 24) and added["evaluation"].due == date(2012, 6, 25)
    holidays = swedish_holidays([2011, 2012])
    for task in standard.added:
        assert task.fits and task.slack_days >= 0
        assert task.due.weekday() < 5 and task.due not in holidays
    P.add_standard_timeline(ws, standard)
    check = P.timeline_check(ws, bid_id, today=today)
    by_key = {t.template_key: t for t in P.planning(ws, bid_id).bundle.tasks if t.template_key}
    slack = {t.task_id: t.slack_days for t in check.tasks}
    assert all(slack[task.id] >= 0 for task in by_key.values())
    # the added tasks hang from their anchors (they move with the bid's dates) and wait for the bid's own
    assert by_key["registration"].anchor == "event_start"
    waits = {(d.task_id, d.depends_on_id) for d in P.planning(ws, bid_id).bundle.dependencies}
    decision = next(t.id for t in P.planning(ws, bid_id).bundle.tasks if t.title.startswith("Decision by"))
    assert (by_key["contracts"].id, decision) in waits


def test_the_standard_timeline_says_which_tasks_cannot_fit(demo):
    ws, bid_id = demo
    # four weeks before the deadline, the 30 days of "Secure venue options" no longer fit
    standard = P.plan_standard_timeline(ws, bid_id, today=TODAY)
    late = {t.key: t for t in standard.cannot_fit}
    assert set(late) == {"venue_options"}
    assert late["venue_options"].due == date(2011, 11, 30) and late["venue_options"].slack_days < 0
    assert all(t.fits and t.slack_days >= 0 for t in standard.added if t.key not in late)


def test_programme_and_readiness_of_the_demo(demo):
    ws, bid_id = demo
    kinds = sorted(c.kind for c in P.programme_check(ws, bid_id).conflicts)
    assert kinds == ["room_too_small", "speaker_not_confirmed"]
    readiness = P.readiness(ws, bid_id, today=TODAY)
    statuses = {i.key: i.status for i in readiness.items}
    assert statuses == {"venue": "pass", "budget": "fail", "letters": "warning", "date_options": "pass",
                        "speaker_consent": "fail", "milestones": "fail", "texts": "pass"}
    # 3 passes + 1 warning x 1/2 = 3.5 of 7 = 50 %
    assert readiness.score == 50


def test_risk_grid_and_impact(demo):
    ws, bid_id = demo
    risk = P.risk(ws, bid_id, runs=500, seed=1)
    assert risk.probability_of_loss == 1  # break-even needs far more than the high scenario
    grid = P.price_attendance_grid(ws, bid_id, [sek(1_800)], [300])
    assert grid.results[0][0] == sek(-385_865)  # the expected scenario at today's price
    impact = P.economic_impact(ws, bid_id)
    # 300 delegates x 2 days x 3 500 kr = 2 100 000 kr
    assert impact.total == sek(2_100_000)
    assert "3" in P.render(impact.assumption)


def test_the_standard_timeline_of_a_new_bid_fits_around_its_own_event(tmp_path):
    """Found by hand: on a bid with no tasks yet the event milestone is added too, and "Evaluation" (30 days
    after it, a Sunday) was moved to the Friday before, which the critical path then found 2 days short, so the
    event itself was named as not fitting. What waits for a dated milestone counts from its day."""
    from planner.domain.timeline import swedish_holidays
    from planner.services.workspace import create_bid

    ws = Workspace.open(Settings.load(db=str(tmp_path / "new.db")))
    try:
        bid = create_bid(ws, conference="Generator", host_city="Gävle", bid_deadline=date(2027, 3, 31),
                         decision_date=date(2027, 5, 14), event_start=date(2028, 10, 5),
                         event_end=date(2028, 10, 6), attendance_expected=300, base_currency="SEK")
        standard = P.plan_standard_timeline(ws, bid.id, today=date(2026, 12, 1))
        assert not standard.matched and len(standard.added) == 12
        assert standard.cannot_fit == ()
        added = {t.key: t for t in standard.added}
        assert added["evaluation"].standard_due == date(2028, 11, 5)  # a Sunday
        assert added["evaluation"].due == date(2028, 11, 6)  # the Monday after: the Friday is too early
        holidays = swedish_holidays([2026, 2027, 2028])
        for task in standard.added:
            assert task.slack_days >= 0, (task.key, task.slack_days)
            assert task.due.weekday() < 5 and task.due not in holidays or task.key == "event"
        P.add_standard_timeline(ws, standard)
        check = P.timeline_check(ws, bid.id, today=date(2026, 12, 1))
        assert all(t.slack_days >= 0 for t in check.tasks)
    finally:
        ws.close()
