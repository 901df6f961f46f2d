"""Timeline: anchors, cycles, critical path and slack, overdue / at risk, weekends and holidays, template."""

import json
from datetime import date
from pathlib import Path

import pytest

from planner.domain.enums import Anchor, TaskKind, TaskStatus
from planner.domain.timeline import (
    CycleError,
    TaskInput,
    check_timeline,
    commitment_due_entry,
    generate_standard_timeline,
    swedish_holidays,
    venue_option_entry,
)

DATA = Path(__file__).resolve().parents[2] / "data"
TEMPLATE = json.loads((DATA / "timeline_template.json").read_text(encoding="utf-8"))
ANCHORS = {Anchor.BID_DEADLINE: date(2011, 11, 1), Anchor.DECISION_DATE: date(2012, 1, 20),
           Anchor.EVENT_START: date(2012, 9, 18), Anchor.EVENT_END: date(2012, 9, 20)}
HOLIDAYS = swedish_holidays([2011, 2012])


def test_standard_timeline_is_planned_backward_from_the_deadline():
    tasks = generate_standard_timeline(TEMPLATE)
    keys = [t.id for t in tasks]
    for key in ("letters_of_support", "venue_options", "site_inspection", "dossier_review", "submission",
                "decision", "contracts", "call_for_speakers", "programme", "registration", "event", "evaluation"):
        assert key in keys
    check = check_timeline(tasks, ANCHORS, today=date(2011, 8, 1), holidays=HOLIDAYS)
    by_id = {t.task_id: t for t in check.tasks}
    assert by_id["submission"].due == date(2011, 11, 1)
    # dossier review: 7 days before the deadline, 10 days long -> 15 to 25 October
    assert (by_id["dossier_review"].start, by_id["dossier_review"].due) == (date(2011, 10, 15), date(2011, 10, 25))
    assert by_id["evaluation"].due == date(2012, 10, 20)  # event end + 30 days
    assert by_id["submission"].kind == TaskKind.MILESTONE


def test_moving_an_anchor_moves_its_tasks():
    tasks = generate_standard_timeline(TEMPLATE)
    moved = dict(ANCHORS, **{Anchor.BID_DEADLINE: date(2011, 11, 15)})
    by_id = {t.task_id: t for t in check_timeline(tasks, moved, date(2011, 8, 1), HOLIDAYS).tasks}
    assert by_id["submission"].due == date(2011, 11, 15)
    assert by_id["dossier_review"].due == date(2011, 11, 8)


def test_template_skips_tasks_the_bid_already_has():
    tasks = generate_standard_timeline(TEMPLATE, skip_keys={"submission"})
    assert "submission" not in [t.id for t in tasks]


def test_cycles_are_refused_naming_the_cycle():
    tasks = [TaskInput("a", "Budget", depends_on=("c",)), TaskInput("b", "Venue", depends_on=("a",)),
             TaskInput("c", "Dossier", depends_on=("b",)), TaskInput("d", "Other")]
    with pytest.raises(CycleError) as info:
        check_timeline(tasks, ANCHORS, date(2012, 1, 1), HOLIDAYS)
    cycle = info.value.message.params["cycle"]
    assert cycle.count("→") == 3 and {"Budget", "Venue", "Dossier"} <= set(cycle.split(" → "))
    assert info.value.cycle[0] == info.value.cycle[-1]
    with pytest.raises(CycleError):
        check_timeline([TaskInput("x", "Self", depends_on=("x",))], ANCHORS, date(2012, 1, 1), HOLIDAYS)


def plan():
    return [
        # T1 due Saturday 10 March, 5 days
        TaskInput("t1", "Book hotels", fixed_date=date(2012, 3, 10), duration_days=5),
        # T3 has no date of its own: it starts when T1 is due and takes 2 days -> 12 March
        TaskInput("t3", "Hotel list", duration_days=2, depends_on=("t1",)),
        # T2 due 25 March, 3 days -> planned start 22 March
        TaskInput("t2", "Send invitations", fixed_date=date(2012, 3, 25), duration_days=3,
                  depends_on=("t1", "t3"), status=TaskStatus.IN_PROGRESS),
        # T4 due 5 March but waits for T1 (10 March): earliest finish 11 March -> 6 days too late
        TaskInput("t4", "Print badges", fixed_date=date(2012, 3, 5), duration_days=1, depends_on=("t1",)),
        TaskInput("t5", "Good Friday task", fixed_date=date(2012, 4, 6), status=TaskStatus.DONE),
    ]


def test_slack_and_critical_path():
    check = check_timeline(plan(), ANCHORS, today=date(2012, 3, 1), holidays=HOLIDAYS)
    by_id = {t.task_id: t for t in check.tasks}
    # T1 can start today (1 March) and takes 5 days: earliest finish 6 March. T3 follows: 8 March.
    assert by_id["t1"].earliest_finish == date(2012, 3, 6)
    assert by_id["t3"].earliest_finish == date(2012, 3, 8)
    # T3 must end by T2's latest start (25 - 3 = 22 March): 14 days of room, shown as positive slack
    assert by_id["t3"].slack_days == 14
    # T2 (in progress) can end 11 March at the earliest and is due 25 March
    assert by_id["t2"].slack_days == 14
    # T1 must finish by T4's latest start (4 March) but can finish 6 March at the earliest -> slack -2
    assert by_id["t1"].slack_days == -2
    assert by_id["t4"].slack_days == -2
    assert check.critical_path == ("t1", "t4")
    assert by_id["t4"].at_risk
    assert by_id["t4"].problems[0].params == {"days": 2}


def test_a_task_with_room_to_move_has_positive_slack_and_one_left_too_late_says_so():
    tasks = [TaskInput("a", "Write", fixed_date=date(2012, 3, 30), duration_days=10),
             TaskInput("b", "Print", fixed_date=date(2012, 3, 5), duration_days=10)]
    by_id = {t.task_id: t for t in check_timeline(tasks, ANCHORS, date(2012, 3, 1), HOLIDAYS).tasks}
    assert by_id["a"].slack_days == 19  # 1 March + 10 days = 11 March, due 30 March
    assert by_id["b"].slack_days == -6
    assert by_id["b"].problems[0].text == "Started today it would finish {days} days too late."


def test_overdue_at_risk_and_calendar_flags():
    check = check_timeline(plan(), ANCHORS, today=date(2012, 3, 15), holidays=HOLIDAYS)
    by_id = {t.task_id: t for t in check.tasks}
    assert by_id["t1"].overdue and by_id["t4"].overdue
    assert not by_id["t2"].overdue
    # T3 waits for the overdue T1
    assert by_id["t3"].at_risk and "overdue" in by_id["t3"].problems[0].text
    assert not by_id["t5"].overdue  # done
    assert by_id["t1"].flags[0].params == {"weekday": ("Saturday",)}
    assert by_id["t5"].flags[0].params == {"holiday": "Good Friday"}
    assert {t.task_id for t in check.overdue} == {"t1", "t4"}


def test_holidays_default_to_sweden_and_can_be_swedish():
    assert swedish_holidays([2012], "sv")[date(2012, 6, 6)] == "Nationaldagen"
    check = check_timeline(plan(), ANCHORS, today=date(2012, 3, 1))
    assert {t.task_id: t for t in check.tasks}["t5"].flags


def test_venue_options_and_commitment_due_dates_on_the_timeline():
    entries = [venue_option_entry(1, "Gävle Konserthus", date(2012, 2, 1)),
               commitment_due_entry(7, "Sandvik", date(2012, 2, 10), settled=True),
               commitment_due_entry(8, "Region", date(2012, 4, 7), settled=False)]  # Easter Saturday
    check = check_timeline([], ANCHORS, today=date(2012, 3, 1), holidays=HOLIDAYS, entries=entries)
    by_id = {e.entry.id: e for e in check.entries}
    assert by_id["venue-option:1"].overdue  # the held option has lapsed
    assert not by_id["commitment-due:7"].overdue  # paid
    assert not by_id["commitment-due:8"].overdue and by_id["commitment-due:8"].flags


def test_unknown_dependency_is_refused():
    from planner.domain.messages import DomainError

    with pytest.raises(DomainError) as info:
        check_timeline([TaskInput("a", "A", depends_on=("zz",))], ANCHORS, date(2012, 1, 1), HOLIDAYS)
    assert info.value.message.params == {"task": "A", "dependency": "zz"}


def test_task_without_any_date():
    check = check_timeline([TaskInput("a", "Someday")], {}, date(2012, 1, 1), HOLIDAYS)
    assert check.tasks[0].due is None and check.tasks[0].problems
