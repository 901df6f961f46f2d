"""How long each dossier text should be: the suggested number of words per text key, and how words are counted.

The committee reads the dossier in one sitting; these ranges keep each section to about a page or less.
Pure rules, no I/O: the terminal UI and the command line show a text's count against its range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.domain.enums import TextKey

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class SuggestedLength:
    """The range of words a section reads well in."""

    least: int
    most: int


SUGGESTED_WORDS: dict[TextKey, SuggestedLength] = {
    TextKey.INVITATION: SuggestedLength(80, 250),
    TextKey.SUMMARY: SuggestedLength(100, 300),
    TextKey.MOTIVATION: SuggestedLength(200, 600),
    TextKey.LEGACY: SuggestedLength(100, 400),
    TextKey.HOST_CITY: SuggestedLength(150, 500),
    TextKey.ACCESS: SuggestedLength(80, 300),
    TextKey.BID_TEAM: SuggestedLength(60, 250),
    TextKey.PROMISE: SuggestedLength(5, 30),  # one line on the cover
    TextKey.PRACTICAL: SuggestedLength(80, 400),
    TextKey.SOCIAL_PROGRAMME: SuggestedLength(60, 300),
    TextKey.SITE_INSPECTION: SuggestedLength(40, 200),
}


def word_count(text: str) -> int:
    """The words of a text as a reader counts them (a hyphenated word or "don't" is one word)."""
    return len(_WORD.findall(text or ""))


def length_verdict(key: TextKey | str, words: int) -> str:
    """'missing' (no words), 'short', 'long' or 'fits' against the key's suggested range."""
    suggested = SUGGESTED_WORDS[TextKey(key)]
    if words == 0:
        return "missing"
    if words < suggested.least:
        return "short"
    if words > suggested.most:
        return "long"
    return "fits"
