"""The dossier's typeface: the bundled DejaVu Sans family, and user text made safe for reportlab markup.

DejaVu Sans covers Latin (with Latin Extended: Ł ř ő ș ğ), Greek and Cyrillic, which reportlab's built-in
Helvetica does not. The TTF files and their licence live beside this module so that a machine without them
installed prints the same dossier.

Glyph fallback, per character (`markup()` and `plain()`):
1. a character the style's own face lacks (DejaVu Sans Bold has ~140 fewer glyphs than the regular face)
   is drawn in the regular face;
2. a character no bundled face has (Chinese, Japanese, most emoji) is drawn as U+FFFD REPLACEMENT CHARACTER
   `\ufffd` in red, never as reportlab's silent black box, so a reader sees that something could not be
   printed;
3. invisible format characters (zero-width joiners, direction marks, BOM) that the face lacks are dropped,
   control characters become a space, and lone surrogates become U+FFFD.
Right-to-left scripts are printed in logical order without shaping (reportlab has no bidi layout).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "PlannerSans"
BOLD = "PlannerSans-Bold"
ITALIC = "PlannerSans-Oblique"
FAMILY = REGULAR
SUBSTITUTE = "\ufffd"
SUBSTITUTE_COLOUR = "#c0392b"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs as the PDF spec asks.

    reportlab 5.1 writes them as 5-digit hex, which readers reject, so text such as 𝕿𝖍𝖊 could not be
    extracted or searched although DejaVu draws it.
    """
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the family once per process (bold-italic maps to bold: DejaVu's oblique bold is not bundled)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points a registered face can draw."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


@cache
def safe_chars(font_name: str) -> frozenset[str]:
    """Characters that pass through untouched in this face (the fast path for ordinary text)."""
    return frozenset(chr(c) for c in coverage(font_name) if not _is_control(chr(c)))


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _classify(ch: str, font_name: str) -> str:
    """'own', 'regular', 'drop', 'space' or 'substitute' for one character."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "substitute"
    if _is_control(ch):
        return "space"
    if code in coverage(font_name):
        return "own"
    if code in coverage(REGULAR):
        return "regular"
    if unicodedata.category(ch) == "Cf":
        return "drop"
    return "substitute"


def clean(text: object) -> str:
    """Any value as a str that can be encoded (lone surrogates replaced)."""
    value = "" if text is None else str(text)
    if not _has_surrogate(value):
        return value
    return "".join(SUBSTITUTE if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def markup(text: object, font_name: str = REGULAR) -> str:
    """User text as Paragraph markup: escaped (& < >) and with per-glyph fallback applied."""
    value = clean(text)
    if set(value) <= safe_chars(font_name):
        return escape(value)
    out: list[str] = []
    for ch in value:
        kind = _classify(ch, font_name)
        if kind == "own":
            out.append(escape(ch))
        elif kind == "regular":
            out.append(f'<font name="{REGULAR}">{escape(ch)}</font>')
        elif kind == "space":
            out.append(" ")
        elif kind == "substitute":
            out.append(f'<font name="{REGULAR}" color="{SUBSTITUTE_COLOUR}">{SUBSTITUTE}</font>')
    return "".join(out)


def plain(text: object, font_name: str = REGULAR) -> str:
    """User text for direct drawing (table cells, chart labels): unknown glyphs become U+FFFD."""
    value = clean(text)
    if set(value) <= safe_chars(font_name):
        return value
    out: list[str] = []
    for ch in value:
        kind = _classify(ch, font_name)
        if kind == "own":
            out.append(ch)
        elif kind == "space":
            out.append(" ")
        elif kind != "drop":  # without markup there is no per-glyph font switch
            out.append(SUBSTITUTE)
    return "".join(out)


def carried(text: object, font_name: str = REGULAR) -> str:
    """What a reader can extract from the PDF for this text: substitutes in place, format chars dropped."""
    value = clean(text)
    out = []
    for ch in value:
        kind = _classify(ch, font_name)
        if kind in ("own", "regular"):
            out.append(ch)
        elif kind == "substitute":
            out.append(SUBSTITUTE)
        elif kind == "space":
            out.append(" ")
    return "".join(out)
