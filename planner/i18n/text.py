"""User text made safe to show: control characters as visible pictures, and Rich `Text` that reads no markup.

Whatever a person typed or a file brought in reaches a terminal through `literal()` (a Rich `Text`, which the
CLI and the TUI print as it is: `[/]` and `[@click=app.quit]` stay text) or `neutralise()` (a plain string for
anything else that shows it). Both replace the characters a terminal would obey instead of show: C0 controls
except tab and line feed, DEL, C1 controls, the bidirectional overrides and isolates, and lone surrogates
(which no output encoding takes). C0 and DEL become their Unicode control pictures (ESC shows as `␛`, so
`ESC[2J` reads `␛[2J`); the others, which have no picture, show as `⟨U+009B⟩`.

`first_control()` is the input side of the same rule, for the field checks in planner.services.validation:
it finds the first character a field may not hold (one-line fields also refuse tab, line breaks and bidi
controls).
"""

from __future__ import annotations

import re

from rich.text import Text

TAB, LINE_FEED, CARRIAGE_RETURN = "\t", "\n", "\r"
# Right-to-left text needs none of these to read correctly; they reorder what follows them ("Trojan Source").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Everything neutralise() replaces: C0 but tab and LF, DEL, C1, bidi overrides and isolates, lone surrogates.
_SHOWN_AS_PICTURE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What a field refuses: a multi-line field takes tab, LF and CR before LF (text pasted from Windows).
_REFUSED_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]|\r(?!\n)")
_REFUSED_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def codepoint(char: str) -> str:
    """`U+001B`: how a message names a character that cannot be shown."""
    return f"U+{ord(char):04X}"


def picture(char: str) -> str:
    """What `neutralise` shows for one character: its control picture (`␛`), or `⟨U+009B⟩`."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u27e8{codepoint(char)}\u27e9"


def is_bidi_control(char: str) -> bool:
    return char in BIDI_CONTROLS


def is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


def neutralise(text: object) -> str:
    """`text` with every character a terminal would obey (ESC, CSI, bidi overrides ...) made visible.

    Tab and line feed stay; CR LF becomes LF. None gives "", anything else its `str()`.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if not _SHOWN_AS_PICTURE.search(text):
        return text
    return _SHOWN_AS_PICTURE.sub(lambda found: picture(found.group()), text.replace("\r\n", "\n"))


def json_safe(document: str) -> str:
    """Serialised JSON with every character `neutralise` would replace written as a `\\uXXXX` escape.

    The same data for the script that reads it (json.dumps already escapes C0), nothing for a terminal to obey.
    """
    return _SHOWN_AS_PICTURE.sub(lambda found: f"\\u{ord(found.group()):04x}", document)


def literal(text: object, style: str = "") -> Text:
    """A Rich `Text` of user text: shown exactly as typed (no markup, no emoji codes), controls neutralised."""
    return Text(neutralise(text), style=style)


def first_control(text: str, *, multiline: bool) -> tuple[int, str] | None:
    """(index, character) of the first character a field may not hold, or None when all may be kept.

    Every field refuses C0 controls, DEL, C1 controls and lone surrogates; a one-line field also refuses tab,
    line breaks and the bidirectional overrides and isolates, while a multi-line one keeps tab, LF and CR LF.
    """
    found = (_REFUSED_MULTILINE if multiline else _REFUSED_ONE_LINE).search(text)
    return None if found is None else (found.start(), found.group())
