"""The bid file's format on its own (no database): strict, bounded reading and the schema it is checked by.

Each refusal below was, before the reader was made strict, a traceback (RecursionError, ValueError), a
silent last-wins, or a value no database could store; now each is a BidFileProblems naming the JSON path.
"""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from planner.config import shipped_file
from planner.interchange import bidjson
from planner.interchange.bidjson import MAX_PROBLEMS, BidFileProblems
from planner.interchange.values import from_json_value, parse_date, parse_datetime, parse_time
from planner.store import models as m


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads(shipped_file("demo", "generator-gavle-2012.json").read_bytes())


def refused(data: str | bytes) -> BidFileProblems:
    with pytest.raises(BidFileProblems) as err:
        bidjson.parse(data)
    assert "Traceback" not in str(err.value)
    return err.value


def with_change(doc: dict, change) -> str:
    copy = json.loads(json.dumps(doc))
    change(copy)
    return json.dumps(copy, ensure_ascii=False)


def test_the_demo_bid_file_reads_as_it_is(demo):
    assert bidjson.parse(shipped_file("demo", "generator-gavle-2012.json").read_bytes()) == demo


def test_nesting_a_hundred_thousand_deep_is_refused_without_recursion_error():
    text = '{"format": "planner.bid", "version": 1, "bid": ' + "[" * 100_000 + "]" * 100_000 + "}"
    error = refused(text)
    assert error.problems[0].path == "$"
    assert "100001 levels deep" in error.problems[0].reason and str(bidjson.MAX_DEPTH) in str(error)


def test_brackets_inside_texts_are_not_nesting(demo):
    deep_text = "[" * 5_000 + "{" * 5_000
    doc = bidjson.parse(with_change(demo, lambda d: d["venue"][0].__setitem__("description", deep_text)))
    assert doc["venue"][0]["description"] == deep_text


def test_a_lone_surrogate_is_refused_with_its_path(demo):
    error = refused(with_change(demo, lambda d: d["venue"][2].__setitem__("name", "Konserthus \ud800")))
    assert error.problems[0].path == "$.venue[2].name"
    assert "surrogate" in error.problems[0].reason
    # a proper pair (an emoji written as two escapes) is one character and is kept
    doc = bidjson.parse(with_change(demo, lambda d: d["venue"][2].__setitem__("name", "Konserthus \U0001f3b5")))
    assert doc["venue"][2]["name"] == "Konserthus \U0001f3b5"


def test_a_lone_surrogate_in_a_key_or_a_list_is_refused():
    assert refused('{"format": "planner.bid", "\\udc00": 1}').problems[0].path == "$"
    assert refused('{"format": "planner.bid", "venue": ["\\ud800"]}').problems[0].path == "$.venue[0]"


def test_a_repeated_key_is_refused_with_its_path(demo):
    text = with_change(demo, lambda d: None)
    twice = text.replace('"format": "planner.bid"', '"format": "planner.bid", "format": "planner.bid"', 1)
    assert refused(twice).problems[0].path == "$.format"
    first_speaker = json.dumps(demo["speaker"][0]["display_name"], ensure_ascii=False)
    repeated = text.replace(f'"display_name": {first_speaker}',
                            f'"display_name": {first_speaker}, "display_name": "Someone else"', 1)
    error = refused(repeated)
    assert error.problems[0].path == "$.speaker[0].display_name"
    assert "more than once" in error.problems[0].reason


def test_a_time_of_25_99_is_refused_with_its_path(demo):
    error = refused(with_change(demo, lambda d: d["programme_session"][1].__setitem__("start_time", "25:99:00")))
    assert error.problems[0].path == "$.programme_session[1].start_time"
    assert "HH:MM" in error.problems[0].reason
    assert "[0-5]" not in str(error), "the reason is in words, not a regular expression"


@pytest.mark.parametrize("written", ["2012W011", "20120101", "2012-W01-1", "2012-1-1", "2012-02-30"])
def test_dates_are_only_yyyy_mm_dd(demo, written):
    error = refused(with_change(demo, lambda d: d["task"][0].__setitem__("due_date", written)))
    assert error.problems[0].path == "$.task[0].due_date"
    with pytest.raises(ValueError):
        parse_date(written)
    with pytest.raises(ValueError):
        from_json_value(m.Task, "due_date", written)  # also what an undo reads back


@pytest.mark.parametrize("written", ["20120101T100000", "2012-W01-1T10:00:00", "2012-13-01T10:00:00",
                                     "2012-01-01 10:00", "yesterday"])
def test_moments_are_only_yyyy_mm_ddthh_mm_ss(demo, written):
    doc = with_change(demo, lambda d: d.__setitem__("budget_baseline", [
        {"id": 1, "name": "Approved", "frozen_at": written}]))
    assert refused(doc).problems[0].path == "$.budget_baseline[0].frozen_at"


def test_the_forms_this_program_writes_read_back():
    assert parse_date("2012-05-24") == date(2012, 5, 24)
    assert parse_time("09:30") == time(9, 30) and parse_time("23:59:59") == time(23, 59, 59)
    assert parse_datetime("2011-10-03T12:00:00.250000+00:00").microsecond == 250_000
    assert parse_datetime("2011-10-03T12:00:00").tzinfo is not None  # taken as UTC


@pytest.mark.parametrize("number, shown", [
    (str(2**64), str(2**64)),
    (str(-(2**63) - 1), str(-(2**63) - 1)),
    ("9" * 200, "200 digits"),
])
def test_whole_numbers_beyond_64_bits_are_refused_with_their_path(demo, number, shown):
    text = with_change(demo, lambda d: d["budget_line"][4].__setitem__("quantity", 7)).replace(
        '"quantity": 7', f'"quantity": {number}', 1)
    error = refused(text)
    assert error.problems[0].path == "$.budget_line[4].quantity"
    assert shown in error.problems[0].reason


def test_a_number_of_five_thousand_digits_is_refused_not_a_value_error(demo):
    text = with_change(demo, lambda d: d["budget_line"][4].__setitem__("quantity", 7)).replace(
        '"quantity": 7', '"quantity": ' + "9" * 5000, 1)
    error = refused(text)
    assert "thousands of digits" in str(error)


@pytest.mark.parametrize("written", ["1.5", "2.0", "1e999", "NaN", "-Infinity"])
def test_fractions_and_non_finite_numbers_are_refused(demo, written):
    text = with_change(demo, lambda d: d["speaker"][3].__setitem__("fee_minor", 7)).replace(
        '"fee_minor": 7', f'"fee_minor": {written}', 1)
    assert refused(text).problems[0].path == "$.speaker[3].fee_minor"


def test_the_first_fifty_problems_are_listed_and_the_rest_counted(demo):
    def break_lines(d):
        d["budget_line"] = [{**d["budget_line"][0], "id": n, "kind": "neither"} for n in range(1, 81)]

    error = refused(with_change(demo, break_lines))
    assert len(error.problems) == MAX_PROBLEMS and error.more == 30 and error.counted_all
    assert [p.path for p in error.problems[:2]] == ["$.budget_line[0].kind", "$.budget_line[1].kind"]
    assert str(error).splitlines()[-1].strip() == "... and 30 more problems (only the first 50 are listed)."


def test_a_flood_of_problems_stops_being_counted():
    doc = {"format": "planner.bid", "version": 1, "bid": {"conference": "G", "host_city": "Gävle"},
           "venue": [0] * (MAX_PROBLEMS + bidjson.COUNT_BEYOND + 500)}
    error = refused(json.dumps(doc))
    assert len(error.problems) == MAX_PROBLEMS
    assert error.more == bidjson.COUNT_BEYOND and not error.counted_all
    assert "more than 10000 more problems" in str(error)
    assert str(error).count("\n") == MAX_PROBLEMS  # one line per listed problem, then the count


def test_a_huge_value_is_quoted_short(demo):
    error = refused(with_change(demo, lambda d: d.__setitem__("bid", ["x" * 100_000])))
    assert error.problems[0].path == "$.bid"
    assert len(error.problems[0].reason) <= 301


def test_an_odd_key_in_a_path_is_quoted_and_escaped(demo):
    error = refused(with_change(demo, lambda d: d["venue"][0].__setitem__("\x1b[2J odd key", 1)))
    assert "\x1b" not in str(error)
    assert "$.venue[0]" in error.problems[0].path


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(monkeypatch, demo):
    monkeypatch.setattr(bidjson, "MAX_FILE_BYTES", 1000)
    error = refused(json.dumps(demo).encode())
    assert "larger than" in error.problems[0].reason


def test_not_utf8_names_the_position():
    error = refused(b'{"format": "planner.bid", "x": "\xff"}')
    assert "UTF-8" in error.problems[0].reason and "32" in error.problems[0].reason


def test_numbers_used_twice_and_unique_fields_repeated_are_refused(demo):
    error = refused(with_change(demo, lambda d: d["venue"][1].__setitem__("id", d["venue"][0]["id"])))
    assert error.problems[0].path == "$.venue[1].id" and "used twice" in error.problems[0].reason
    same_name = with_change(demo, lambda d: d["partner"][1].__setitem__("name", d["partner"][0]["name"]))
    error = refused(same_name)
    assert error.problems[0].path == "$.partner[1].name" and "partner[0]" in error.problems[0].reason


def test_a_reference_to_a_row_not_in_the_file_is_refused(demo):
    error = refused(with_change(demo, lambda d: d["room"][0].__setitem__("venue_id", 999)))
    assert error.problems[0].path == "$.room[0].venue_id" and "venue 999" in error.problems[0].reason


def test_the_schema_names_times_dates_and_moments_by_their_pattern():
    schema = bidjson.json_schema()
    session = schema["properties"]["programme_session"]["items"]["properties"]
    assert session["start_time"]["pattern"] == bidjson.TIME_PATTERN
    assert schema["properties"]["budget_baseline"]["items"]["properties"]["frozen_at"]["pattern"] \
        == bidjson.DATETIME_PATTERN
