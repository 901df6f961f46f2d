"""`planner text set|show`: the dossier texts from --text, a file or standard input, stored and shown as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_records_cli import ok, one_line_error, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def db(tmp_path):
    args = ["--db", str(tmp_path / "p.db")]
    ok(run(*args, "bid", "new", "--conference", "Generator", "--city", "Gävle"))
    return args


def shown(db, *more: str) -> list[dict]:
    return json.loads(ok(run(*db, "text", "show", "--json", *more)))


def test_set_from_text_file_and_standard_input_then_show(db, tmp_path):
    assert "Added" in ok(run(*db, "text", "set", "motivation", "--locale", "sv", "--text", "Gävle är bäst."))
    path = tmp_path / "motivation.en.txt"
    path.write_bytes("\ufeffGävle is the place.\n\nSecond paragraph.\n".encode())
    ok(run(*db, "text", "set", "motivation", "--locale", "en", "--file", str(path)))
    ok(run(*db, "text", "set", "summary", "-", "--locale", "en", input="From standard input.\n"))
    texts = shown(db)
    assert [(t["key"], t["locale"]) for t in texts] == [("summary", "en"), ("motivation", "sv"),
                                                         ("motivation", "en")]
    assert texts[2]["body"] == "Gävle is the place.\n\nSecond paragraph.\n"  # the BOM is not part of it
    assert "Saved" in ok(run(*db, "text", "set", "motivation", "--locale", "sv", "--text", "Ny text."))
    assert [t["body"] for t in shown(db, "motivation")] == ["Ny text.", "Gävle is the place.\n\nSecond paragraph.\n"]
    out = ok(run(*db, "text", "show", "motivation"))
    assert "motivation (sv)" in out and "Ny text." in out and "Second paragraph." in out
    assert "summary" not in out
    assert ok(run(*db, "list", "bid_text")).count("motivation") == 2


def test_text_mistakes_are_one_line(db, tmp_path):
    assert "invitation, summary" in one_line_error(run(*db, "text", "set", "nonsense", "--locale", "sv",
                                                       "--text", "x"))
    assert "sv or en" in one_line_error(run(*db, "text", "set", "motivation", "--locale", "de", "--text", "x"))
    assert "--text" in one_line_error(run(*db, "text", "set", "motivation", "--locale", "sv"))
    assert "one way" in one_line_error(run(*db, "text", "set", "motivation", "--locale", "sv", "--text", "x", "-",
                                           input="y"))
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Gävle".encode("latin-1"))
    assert "UTF-8" in one_line_error(run(*db, "text", "set", "motivation", "--locale", "sv", "--file", str(bad)))
    one_line_error(run(*db, "text", "set", "motivation", "--locale", "sv", "--file", str(tmp_path / "none.txt")),
                   exit_code=1)
    assert "motivation" in one_line_error(run(*db, "text", "show", "nonsense"))
    assert shown(db) == []
    assert "No dossier texts" in ok(run(*db, "text", "show"))


def test_hostile_texts_are_refused_or_shown_literally(db):
    terminal = [e["text"] for e in json.loads((FIXTURES / "terminal.json").read_text("utf-8"))["strings"]]
    blns = json.loads((FIXTURES / "blns.json").read_text("utf-8"))
    body = "\n".join(s for s in [*terminal, *blns[::4]] if "\x00" not in s)
    refused = run(*db, "text", "set", "legacy", "--locale", "en", "--text", body)
    line = one_line_error(refused)
    assert "\x1b" not in refused.output and "U+001B" in line
    safe = "\n".join(s for s in [*terminal, *blns] if not any(
        (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) <= 0xDFFF for c in s))
    ok(run(*db, "text", "set", "legacy", "--locale", "en", "-", input=safe))
    [text] = shown(db, "legacy")
    assert text["body"] == safe
    out = run(*db, "text", "show", "legacy")
    assert out.exit_code == 0 and "\x1b" not in out.output and "[@click=app.quit]Quit on click[/]" in out.stdout
