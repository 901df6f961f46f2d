"""The Big List of Naughty Strings (MIT, see tests/fixtures/blns.LICENSE) in names, titles and texts."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain.enums import Audience
from planner.dossier.content import Contact, SessionItem, SpeakerItem, VenueScore
from planner.dossier.fonts import BOLD, carried, markup, plain
from planner.dossier.render import render
from tests.dossier.sample import sample_content

NAUGHTY: list[str] = json.loads((Path(__file__).parents[1] / "fixtures" / "blns.json").read_text("utf-8"))


def squash(text: str) -> str:
    """Text without whitespace and invisible format characters (line breaks fall anywhere when wrapping)."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf"
                   and ch not in "\u200b\u00a0")


def is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def found(expected: str, text: str) -> bool:
    """Right-to-left lines come back from pypdf in visual order; for them, every character must be there."""
    if expected in text:
        return True
    return is_rtl(expected) and not (Counter(expected) - Counter(text))


def test_the_corpus_is_all_there():
    assert len(NAUGHTY) == 515


@pytest.fixture(scope="module")
def naughty_pdf():
    base = sample_content("en", Audience.INTERNAL)
    day = base.sessions[0].day
    content = replace(
        base,
        speakers=[SpeakerItem(name=s, organisation=s, topic=s, email=s, phone=s) for s in NAUGHTY],
        sessions=[SessionItem(day, None, None, title=s, room=s, speakers=[s]) for s in NAUGHTY[:100]],
        venue_scores=[VenueScore(s, 1, i + 1, True, s) for i, s in enumerate(NAUGHTY)],
        team=[Contact(s, s, s, s, s) for s in NAUGHTY[:60]],
        texts=replace(base.texts, summary="\n\n".join(NAUGHTY)),
    )
    return render(content)


def test_every_naughty_string_builds_and_is_carried(naughty_pdf, read_back):
    pdf = read_back(naughty_pdf.pdf)
    text = squash(pdf.text)
    missing = [s for s in NAUGHTY if not found(squash(carried(s)), text)]
    assert not missing, missing[:5]


def test_naughty_strings_as_the_conference_title_and_organiser(read_back):
    for s in NAUGHTY[::25]:
        cover = replace(sample_content("en").cover, conference=s, organiser=s, host_city=s)
        result = render(sample_content("en", cover=cover, partner=s))
        pdf = read_back(result.pdf)
        assert found(squash(carried(s)), squash(pdf.text)), s
        assert result.pages == len(pdf.reader.pages)


def test_markup_is_escaped_and_unknown_glyphs_substituted():
    assert markup("Bar & Bistro <Kök>") == "Bar &amp; Bistro &lt;Kök&gt;"
    assert markup("漢") == '<font name="PlannerSans" color="#c0392b">\ufffd</font>'
    assert plain("a\x00b\u200bc") == "a bc" or plain("a\x00b\u200bc") == "a b\u200bc"
    assert carried("\ud800x") == "\ufffdx"
    # a glyph the bold face lacks is drawn from the regular face, not substituted
    only_regular = next(chr(c) for c in range(0x1D400, 0x1D800) if _regular_only(chr(c)))
    assert "PlannerSans" in markup(only_regular, BOLD) and "\ufffd" not in markup(only_regular, BOLD)


def _regular_only(ch: str) -> bool:
    from planner.dossier.fonts import REGULAR, coverage

    return ord(ch) in coverage(REGULAR) and ord(ch) not in coverage(BOLD)


def test_metadata_carries_the_title_as_typed(read_back):
    title = "Łódź & Ωμέγα <Конференция> 会議"
    cover = replace(sample_content("en").cover, conference=title, host_city="Gävle", organiser="AT&T <Kök>")
    pdf = read_back(render(sample_content("en", cover=cover)).pdf)
    assert pdf.reader.metadata.title == f"{title} – Gävle"
    assert pdf.reader.metadata.author == "AT&T <Kök>"
