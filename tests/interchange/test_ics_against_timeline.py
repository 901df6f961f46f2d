"""The iCalendar export read back with the icalendar library (not our writer) and held against `timeline
check --json`: the same dates and durations, UIDs that are the records' own UUIDs, kept by a bid file."""

from __future__ import annotations

import json
from datetime import date, timedelta

from icalendar import Calendar

from tests.cli.test_core_cli import run


def events_of(path) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_every_task_is_dated_as_timeline_check_dates_it(tmp_path):
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    check = json.loads(run(*db, "timeline", "check", "--json").output)
    assert run(*db, "export", "ics", "-o", str(tmp_path / "t.ics")).exit_code == 0
    tasks = {t["id"]: t for t in json.loads(run(*db, "list", "task", "--json").output)}
    events = events_of(tmp_path / "t.ics")
    compared = 0
    for task in check["tasks"]:
        if task["due"] is None:
            continue
        event = events[f"{tasks[task['id']]['uuid']}@planner.bid"]
        start, due = date.fromisoformat(task["start"]), date.fromisoformat(task["due"])
        assert event.decoded("dtstart") == start, task["title"]
        assert event.decoded("dtend") == max(due, start + timedelta(days=1)), task["title"]  # exclusive
        assert (due - start).days == tasks[task["id"]]["duration_days"]
        compared += 1
    assert compared == len([t for t in check["tasks"] if t["due"]]) > 10
    # the other dates of the bid are events too
    titles = {str(e["summary"]) for e in events.values()}
    assert any(t.startswith("Date option 2012-05-24 to 2012-05-25") for t in titles)
    assert "Venue option at Gävle Konserthus expires" in titles
    assert any(t.startswith("Rooms at ") and t.endswith(" released") for t in titles)
    option = next(e for e in events.values() if str(e["summary"]).startswith("Date option 2012-05-24"))
    assert (option.decoded("dtstart"), option.decoded("dtend")) == (date(2012, 5, 24), date(2012, 5, 26))
    venue = next(v for v in json.loads(run(*db, "list", "venue", "--json").output) if v["name"] == "Gävle Konserthus")
    expiry = events[f"{venue['uuid']}-option@planner.bid"]
    assert expiry.decoded("dtstart") == date.fromisoformat(venue["option_until"])
    entry = next(e for e in check["entries"] if e["id"] == f"venue-option:{venue['id']}")
    assert entry["date"] == venue["option_until"]


def test_a_choice_of_what_the_calendar_holds(tmp_path):
    db = ["--db", str(tmp_path / "p.db")]
    run(*db, "demo")
    assert run(*db, "export", "ics", "-o", str(tmp_path / "h.ics"), "--include", "hotel_releases").exit_code == 0
    titles = {str(e["summary"]) for e in events_of(tmp_path / "h.ics").values()}
    assert titles and all(t.startswith("Rooms at ") for t in titles)
    wrong = run(*db, "export", "ics", "-o", str(tmp_path / "x.ics"), "--include", "birthdays")
    assert wrong.exit_code == 2 and "'birthdays' is not a part of the calendar" in wrong.output
    assert "Traceback" not in wrong.output


def test_uids_are_the_records_own_and_survive_a_bid_file(tmp_path):
    one, two = ["--db", str(tmp_path / "one.db")], ["--db", str(tmp_path / "two.db")]
    run(*one, "demo")
    run(*two, "demo")
    assert run(*one, "export", "ics", "-o", str(tmp_path / "one.ics")).exit_code == 0
    assert run(*two, "export", "ics", "-o", str(tmp_path / "two.ics")).exit_code == 0
    first = events_of(tmp_path / "one.ics")
    assert not set(first) & set(events_of(tmp_path / "two.ics"))  # two databases never share a UID
    # the bid moved by file into a third database: the same events, not copies
    assert run(*one, "export", "json", "--bid", "1", "-o", str(tmp_path / "bid.json")).exit_code == 0
    assert "uuid" in json.loads((tmp_path / "bid.json").read_text(encoding="utf-8"))["task"][0]
    three = ["--db", str(tmp_path / "three.db")]
    assert run(*three, "import", "json", str(tmp_path / "bid.json")).exit_code == 0
    assert run(*three, "export", "ics", "-o", str(tmp_path / "three.ics")).exit_code == 0
    assert set(events_of(tmp_path / "three.ics")) == set(first)
    # a file of an older version has no UUIDs: its records get new ones
    older = json.loads((tmp_path / "bid.json").read_text(encoding="utf-8"))
    for table in ("task", "date_option", "venue", "accommodation_block"):
        for row in older[table]:
            del row["uuid"]
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    assert run(*three, "import", "json", str(tmp_path / "older.json")).exit_code == 0
    assert run(*three, "export", "ics", "--bid", "2", "-o", str(tmp_path / "older.ics")).exit_code == 0
    again = events_of(tmp_path / "older.ics")
    assert len(again) == len(first) and not set(again) & set(first)
