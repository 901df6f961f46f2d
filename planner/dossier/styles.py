"""The dossier's look: page size, margins, colours and paragraph styles (one place to restyle it)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from planner.dossier.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE_SIZE = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM
MEASURE_INDENT = 18 * mm  # prose stops this far short of the frame's right edge: about 80 characters a line
BAND_HEIGHT = PAGE_SIZE[1] * 0.44  # the cover's colour band
# (x, y, width, height) of the cover's parts, top to bottom: the logo card at the band's top right, the title
# block below it, the hero picture between the band and the details, the details at the foot
COVER_LOGO = (PAGE_SIZE[0] - MARGIN_RIGHT - 55 * mm, PAGE_SIZE[1] - 12 * mm - 26 * mm, 55 * mm, 26 * mm)
COVER_BAND = (MARGIN_LEFT, PAGE_SIZE[1] - BAND_HEIGHT + 10 * mm, FRAME_WIDTH, BAND_HEIGHT - 10 * mm - 42 * mm)
COVER_META = (MARGIN_LEFT, 24 * mm, FRAME_WIDTH, 62 * mm)
COVER_HERO = (MARGIN_LEFT, COVER_META[1] + COVER_META[3] + 6 * mm, FRAME_WIDTH,
              PAGE_SIZE[1] - BAND_HEIGHT - 5 - 8 * mm - (COVER_META[1] + COVER_META[3] + 6 * mm))

INK = colors.HexColor("#1d2733")
PRIMARY = colors.HexColor("#1f4e79")
ACCENT = colors.HexColor("#d9822b")
MUTED = colors.HexColor("#6b7785")
RULE = colors.HexColor("#c9d3dd")
ZEBRA = colors.HexColor("#f2f5f8")
HEADER_BG = colors.HexColor("#1f4e79")
POSITIVE = colors.HexColor("#2e7d4f")
NEGATIVE = colors.HexColor("#b03a2e")
SERIES = [colors.HexColor(c) for c in ("#1f4e79", "#d9822b", "#2e7d4f", "#8e5ea2", "#3a9ad9", "#b03a2e",
                                      "#7f8c8d", "#c9a227", "#16a085", "#e67e73")]


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # 10.5 pt prose kept to a measure of about 80 characters (the frame would hold 90)
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=10.5, leading=15, textColor=INK, spaceAfter=6,
                          allowWidows=0, allowOrphans=0)
    body = ParagraphStyle("body", parent=base, rightIndent=MEASURE_INDENT)
    s = {
        "body": body,
        "lead": ParagraphStyle("lead", parent=body, fontSize=11, leading=16, spaceAfter=8),
        "signature": ParagraphStyle("signature", parent=base, fontSize=10.5, leading=14, spaceAfter=0),
        "caption": ParagraphStyle("caption", parent=base, fontName=ITALIC, fontSize=8.5, leading=11,
                                  textColor=MUTED, spaceAfter=8),
        "cover_promise": ParagraphStyle("cover_promise", parent=base, fontName=ITALIC, fontSize=13, leading=18,
                                        textColor=colors.white, spaceAfter=8),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "note": ParagraphStyle("note", parent=body, fontName=ITALIC, fontSize=9.5, leading=13.5, textColor=MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=18, leading=22, textColor=PRIMARY,
                             spaceBefore=0, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=12.5, leading=16, textColor=PRIMARY,
                             spaceBefore=12, spaceAfter=5),
        "h3": ParagraphStyle("h3", parent=base, fontName=BOLD, fontSize=10, leading=13, textColor=INK,
                             spaceBefore=8, spaceAfter=3),
        "cover_kicker": ParagraphStyle("cover_kicker", parent=base, fontName=BOLD, fontSize=11, leading=14,
                                       textColor=ACCENT, spaceAfter=6),
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=BOLD, fontSize=30, leading=36,
                                      textColor=colors.white, spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", parent=base, fontSize=15, leading=20, textColor=colors.white,
                                    spaceAfter=4),
        "cover_meta": ParagraphStyle("cover_meta", parent=base, fontSize=10.5, leading=15, textColor=INK),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5,
                                    spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=BOLD, fontSize=8, leading=10,
                                    textColor=colors.white, spaceAfter=0),
        "cell_head_right": ParagraphStyle("cell_head_right", parent=base, fontName=BOLD, fontSize=8, leading=10,
                                          textColor=colors.white, spaceAfter=0, alignment=TA_RIGHT),
        "toc1": ParagraphStyle("toc1", parent=base, fontName=BOLD, fontSize=10.5, leading=14, spaceAfter=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9.5, leading=12.5, leftIndent=12, spaceAfter=0),
        "figure_value": ParagraphStyle("figure_value", parent=base, fontName=BOLD, fontSize=15, leading=18,
                                       textColor=PRIMARY, alignment=TA_LEFT, spaceAfter=0),
        "figure_label": ParagraphStyle("figure_label", parent=base, fontSize=8, leading=10, textColor=MUTED,
                                       spaceAfter=0),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
    }
    return s
