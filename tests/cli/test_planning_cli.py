"""`planner status`, `venues rank`, `timeline check`, `programme check` on the demo bid in a real SQLite file.

The figures asserted are the hand-checked ones of tests/services/test_planning.py (manual rate 11 SEK/EUR).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale


def run(*args: str):
    prepare_locale(list(args))
    result = CliRunner().invoke(build_app(), list(args), prog_name="planner")
    # babel groups Swedish thousands with no-break spaces; compare with plain ones
    result.text = result.output.replace("\xa0", " ").replace("\u202f", " ")
    return result


@pytest.fixture
def dbarg(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "220")  # wide enough that rich does not wrap the figures
    args = ["--db", str(tmp_path / "p.db")]
    assert run(*args, "demo").exit_code == 0
    from planner.config import Settings
    from planner.services.rates import set_manual_rate
    from planner.services.workspace import Workspace

    ws = Workspace.open(Settings.load(db=args[1]))
    set_manual_rate(ws, "SEK", "11.0", date(2012, 1, 2))
    ws.close()
    return args


def test_status_in_english(dbarg):
    result = run(*dbarg, "status", "--today", "2011-11-01")
    assert result.exit_code == 0, result.output
    text = result.text
    # catering 265 440; total income 948 000; total expenses 1 333 865; result -385 865
    for figure in ("SEK265,440.00", "SEK948,000.00", "SEK1,333,865.00", "-SEK385,865.00"):
        assert figure in text
    assert "Catering" in text and "Break-even attendance" in text
    # income is called income, as on the terminal UI's Budget and Overview
    assert "Total income" in text and "Revenue" not in text
    assert "Readiness: 50 %" in text
    assert "11 SEK per EUR" in text
    # no line is over plan: no empty flag column at the right of the budget
    header = next(line for line in text.splitlines() if "Category" in line and "Forecast" in line)
    assert header.rstrip().endswith("Forecast ┃")


def test_status_in_swedish(dbarg):
    result = run(*dbarg, "--locale", "sv", "status", "--today", "2011-11-01")
    assert result.exit_code == 0, result.output
    text = result.text
    for figure in ("265 440,00 kr", "948 000,00 kr", "1 333 865,00 kr", "-385 865,00 kr"):
        assert figure in text, figure
    assert "Summa kostnader" in text and "Nyckeltal" in text
    assert "Budgeten i balans i det förväntade scenariot" in text


def test_status_json_and_scenarios(dbarg):
    result = run(*dbarg, "status", "--json", "--scenario", "low", "--today", "2011-11-01")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["scenario"] == "low" and doc["attendance"] == 150 and doc["paying"] == 110
    catering = next(c for c in doc["budget"]["expenses"] if c["category"] == "catering")
    # 442.40 kr x 150 x 2 = 132 720 kr
    assert catering["planned"] == {"minor": 13_272_000, "currency": "SEK"}
    assert doc["budget"]["total_income"]["minor"] == sum(c["planned"]["minor"] for c in doc["budget"]["income"])
    assert doc["readiness"]["score"] == "50"
    assert {i["status"] for i in doc["readiness"]["items"]} == {"pass", "warning", "fail"}
    expected = json.loads(run(*dbarg, "status", "--json").output)
    assert expected["budget"]["result"] == {"minor": -38_586_500, "currency": "SEK"}
    # economic impact: 300 delegates x 2 days x 3 500 kr = 2 100 000 kr, with its assumption
    assert expected["impact"]["total"] == {"minor": 210_000_000, "currency": "SEK"}
    assert "3,500" in expected["impact"]["assumption"]["text"]
    # break-even is far above the high scenario (1 390-odd people), so every simulated attendance loses
    assert expected["risk"]["probability_of_loss"] == "1" and expected["risk"]["seed"] == 2012


def test_venues_rank(dbarg):
    result = run(*dbarg, "venues", "rank")
    assert result.exit_code == 0, result.output
    assert "Gävle Konserthus" in result.text and "79.5" in result.text
    assert "before the decision" in result.text  # Högskolan's option lapses before 20 January
    doc = json.loads(run(*dbarg, "venues", "rank", "--json").output)
    assert doc["venues"][0]["total"] == "79.50" and doc["venues"][0]["rank"] == 1
    assert [v["qualified"] for v in doc["venues"]] == [True, True, False, False]
    assert next(s for s in doc["sensitivity"] if s["criterion"] == "cost")["change"] == "25.00"


def test_timeline_check(dbarg):
    result = run(*dbarg, "timeline", "check", "--today", "2011-11-01")
    assert result.exit_code == 1, result.output  # overdue tasks: a problem the check reports
    assert "2 overdue, 2 at risk." in result.text
    assert "Sunday" in result.text
    sv = run(*dbarg, "--locale", "sv", "timeline", "check", "--today", "2011-11-01")
    assert "söndag" in sv.text
    doc = json.loads(run(*dbarg, "timeline", "check", "--json", "--today", "2011-11-01").output)
    assert sum(t["overdue"] for t in doc["tasks"]) == 2
    assert doc["critical_path"]


def test_timeline_generate(dbarg):
    preview = run(*dbarg, "timeline", "generate", "--today", "2011-10-03", "--dry-run")
    assert preview.exit_code == 0 and "Open registration" in preview.output
    assert "Already in the plan" in preview.output and "Bid submitted" in preview.output
    asked = run(*dbarg, "timeline", "generate", "--today", "2011-10-03")
    assert asked.exit_code == 2 and "--yes" in asked.output  # no terminal to ask on: nothing added
    result = run(*dbarg, "timeline", "generate", "--today", "2011-10-03", "--yes")
    assert result.exit_code == 0 and "Added 5 tasks" in result.output
    again = run(*dbarg, "timeline", "generate", "--yes")
    assert again.exit_code == 0 and "Added 0 tasks" in again.output
    doc = json.loads(run(*dbarg, "timeline", "check", "--json", "--today", "2011-10-03").output)
    titles = [t["title"] for t in doc["tasks"]]
    assert titles.count("Collect letters of support") == 1 and "Submit the bid" not in titles


def test_programme_check(dbarg):
    result = run(*dbarg, "programme", "check")
    assert result.exit_code == 1, result.output  # conflicts: the check reports them with exit code 1
    assert "2 conflicts" in result.text and "Studion" in result.text
    doc = json.loads(run(*dbarg, "programme", "check", "--json").output)
    assert sorted(c["kind"] for c in doc["conflicts"]) == ["room_too_small", "speaker_not_confirmed"]


def test_budget_freeze_then_status_shows_the_baseline(dbarg):
    assert run(*dbarg, "budget", "freeze", "--name", "Board").exit_code == 0
    result = run(*dbarg, "status", "--lines")
    assert "Against baseline" in result.text and "“Board”" in result.text
    # the line table: catering line 265 440 kr, and each costed speaker as a derived line
    assert "Lunch and coffee" in result.text and "Łukasz Wróbel" in result.text
    doc = json.loads(run(*dbarg, "status", "--json").output)
    lunch = next(line for line in doc["budget"]["lines"] if line["label"] == "Lunch and coffee")
    assert lunch["planned"]["minor"] == 26_544_000 and lunch["variance"]["minor"] == 0


def test_empty_bid(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "220")
    db = ["--db", str(tmp_path / "e.db")]
    assert run(*db, "bid", "new", "--conference", "Empty", "--city", "Sandviken").exit_code == 0
    for command in (["status"], ["venues", "rank"], ["timeline", "check"], ["programme", "check"]):
        result = run(*db, *command)
        assert result.exit_code == 0, (command, result.output)
    doc = json.loads(run(*db, "status", "--json").output)
    assert doc["budget"]["result"] == {"minor": 0, "currency": "SEK"}
    assert doc["budget"]["cost_per_attendee"] is None
    assert doc["budget"]["break_even_ticket_price"] is None
    assert "no paying attendees" in doc["budget"]["break_even_ticket_price_reason"]["text"]
    assert "no timeline yet" in run(*db, "timeline", "check").text


def test_user_errors_are_one_line(dbarg):
    result = run(*dbarg, "status", "--bid", "99")
    assert result.exit_code == 1 and "There is no bid 99" in result.output and "Traceback" not in result.output
    bad = run(*dbarg, "status", "--today", "2011-13-01")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_budget_grid(dbarg):
    result = run(*dbarg, "budget", "grid", "--prices", "1500/1800", "--attendance", "300/450", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    # at 1 800 kr and 300 people the grid gives the expected scenario's result, -385 865 kr;
    # each 300 kr less per paying attendee costs 260 x 300 = 78 000 kr -> -463 865 kr
    assert doc["results"][1][0] == {"minor": -38_586_500, "currency": "SEK"}
    assert doc["results"][0][0] == {"minor": -46_386_500, "currency": "SEK"}
    table = run(*dbarg, "--locale", "sv", "budget", "grid")
    assert table.exit_code == 0 and "Biljettpris" in table.text
    bad = run(*dbarg, "budget", "grid", "--attendance", "many")
    assert bad.exit_code == 2 and "separated by '/'" in bad.output


def test_over_plan_lines_are_flagged(dbarg):
    from planner.config import Settings
    from planner.services.workspace import Workspace, load_bundle, update_record
    from planner.store import models as m

    ws = Workspace.open(Settings.load(db=dbarg[1]))
    marketing = next(line for line in load_bundle(ws, 1).budget_lines if line.label == "Marketing and web")
    update_record(ws, m.BudgetLine, marketing.id, {"actual_minor": 11_000_000})  # 110 000 kr spent
    ws.close()
    result = run(*dbarg, "status")
    # plan 80 000 + 25 % = 100 000 kr; actual 110 000 kr -> forecast 110 000 kr, over plan
    assert "Over plan: Marketing and web (Marketing) is heading for SEK110,000.00 against SEK100,000.00" in result.text
    assert "over plan" in result.text


def test_timeline_generate_refuses_a_bid_without_a_decision_date(tmp_path):
    dbarg = ("--db", str(tmp_path / "undated.db"))
    run(*dbarg, "bid", "new", "--conference", "Nordic Makers", "--city", "Sandviken", "--deadline", "2011-12-01")
    result = run(*dbarg, "timeline", "generate")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "no decision date" in line and "planner bid set decision_date=YYYY-MM-DD" in line
    assert "Traceback" not in result.output
    run(*dbarg, "bid", "set", "decision_date=2011-12-20")
    assert "12" in run(*dbarg, "timeline", "generate").output
