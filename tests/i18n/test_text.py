"""planner.i18n.text: user text shown literally, control characters as pictures, refused at input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from planner.i18n.text import first_control, json_safe, literal, neutralise

CORPUS = json.loads((Path(__file__).parents[1] / "fixtures" / "terminal.json").read_text("utf-8"))["strings"]


def printed(renderable) -> str:
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="truecolor", width=400, highlight=False).print(renderable)
    return out.getvalue()


@pytest.mark.parametrize("case", CORPUS, ids=[c["what"] for c in CORPUS])
def test_every_corpus_string_prints_as_typed_without_an_escape_from_the_data(case):
    text = case["text"]
    shown = neutralise(text)
    assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown
    out = printed(literal(text))
    # a colour terminal, yet nothing is styled: what reaches it is the neutralised text itself, no ESC at all
    assert "\x1b" not in out
    assert out == shown.expandtabs(8) + "\n"


def test_control_characters_show_as_their_pictures():
    assert neutralise("Gen\x1b[2J\x1b[HClear") == "Gen␛[2J␛[HClear"
    assert neutralise("Clip\x1b]52;c;SGk=\x07") == "Clip␛]52;c;SGk=␇"
    assert neutralise("Visible\rHidden") == "Visible␍Hidden"
    assert neutralise("a\x7fb") == "a␡b"
    assert neutralise("C1\x9b2J") == "C1⟨U+009B⟩2J"
    assert neutralise("Invoice \u202egpj.exe\u202c") == "Invoice ⟨U+202E⟩gpj.exe⟨U+202C⟩"
    assert neutralise("broken \ud800") == "broken ⟨U+D800⟩"
    assert neutralise("col1\tcol2\nline two\r\nthree") == "col1\tcol2\nline two\nthree"
    assert neutralise("Zero\u200bwidth\u200djoin Gävle 東京") == "Zero\u200bwidth\u200djoin Gävle 東京"
    assert neutralise(None) == "" and neutralise(42) == "42"


def test_markup_in_user_text_is_text():
    for text in ("[/]", "[bold red]X[/]", "[link=http://evil.example]y[/link]", "Nordic [design] days",
                 ":warning: [@click=app.quit]z[/]"):
        assert literal(text).plain == text
        assert text in printed(literal(text))
    assert "\x1b]8;" not in printed(literal("[link=http://evil.example]y[/link]"))


def test_first_control_finds_what_a_field_refuses():
    assert first_control("Konserthuset [main hall]", multiline=False) is None
    assert first_control("Gen\x1b[2J", multiline=False) == (3, "\x1b")
    assert first_control("a\tb", multiline=False) == (1, "\t")
    assert first_control("a\tb\nc\r\nd", multiline=True) is None
    assert first_control("a\rb", multiline=True) == (1, "\r")
    assert first_control("x\u202ey", multiline=False) == (1, "\u202e")
    assert first_control("x\u202ey", multiline=True) is None
    assert first_control("x\x9by", multiline=True) == (1, "\x9b")
    assert first_control("x\x7f", multiline=True) == (1, "\x7f")
    assert first_control("\ud800", multiline=True) == (0, "\ud800")


def test_json_safe_keeps_the_data_and_drops_every_escape():
    values = [c["text"] for c in CORPUS] + ["broken \ud800", "del \x7f"]
    document = json_safe(json.dumps(values, ensure_ascii=False))
    assert not any(ch in document for ch in "\x1b\x7f\x9b\u202e\ud800")
    assert json.loads(document) == values
