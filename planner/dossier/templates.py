"""Pages of the dossier: the cover and body page templates, footers, bookmarks and the table of contents.

"Page 3 of 24" and the table of contents' page numbers are drawn in one layout pass: each page refers to a
form XObject ("the total", "the page of heading k") that `DossierCanvas.save()` defines once the last page is
known. The widely copied `NumberedCanvas` recipe re-draws every page at the end instead, which detaches the
bookmarks (they all point to page 1); a second `multiBuild` pass would double the layout time.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from planner.dossier.fonts import BOLD, REGULAR, plain
from planner.dossier.styles import (
    ACCENT,
    COVER_BAND,
    COVER_META,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    PRIMARY,
    RULE,
)

TOTAL_FORM = "PageTotal"
Progress = Callable[[str, int, int], None]


def toc_form(key: str) -> str:
    return f"TocPage{key}"


class Heading(Paragraph):
    """A section heading: bookmarked, put in the outline and (levels 0-1) in the table of contents."""

    def __init__(self, text, style=None, *args, key: str | None = None, level: int = 0, outline: str = "",
                 **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)  # reportlab re-creates pieces with its own arguments
        self.key = key
        self.in_toc = level <= 1  # listed in the table of contents
        self.level = level
        self.outline = outline
        self.toc_markup = text

    def drawOn(self, canvas, x, y, _sW=0):
        self.top = y + self.height  # where the bookmark points: the heading itself, not the page top
        super().drawOn(canvas, x, y, _sW)

    def split(self, available_width, available_height):
        """A heading longer than a page (it happens with pasted text): only its first piece is bookmarked."""
        parts = super().split(available_width, available_height)
        for index, part in enumerate(parts):
            part.key = self.key if index == 0 else None
            part.level, part.outline, part.toc_markup = self.level, self.outline, self.toc_markup
            part.in_toc = self.in_toc
        return parts


def _frame(name: str, x: float, y: float, width: float, height: float) -> Frame:
    return Frame(x, y, width, height, id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


class DossierCanvas(Canvas):
    """Defines the page-number forms when the document is saved, after the last page is known."""

    def save(self) -> None:
        doc = self._dossier
        self._number_form(TOTAL_FORM, str(doc.page_count), right=False, size=doc.footer_size, colour=MUTED)
        for key in doc.toc_keys:
            page = doc.heading_pages.get(key)
            self._number_form(toc_form(key), str(page) if page else "–", right=True, size=9.5, colour=INK)
        super().save()

    def _number_form(self, name: str, text: str, *, right: bool, size: float, colour) -> None:
        self.beginForm(name, lowerx=-200, lowery=-10, upperx=200, uppery=30)
        self.setFont(self._dossier.footer_font, size)
        self.setFillColor(colour)
        (self.drawRightString if right else self.drawString)(0, 0, text)
        self.endForm()


class DossierDocTemplate(BaseDocTemplate):
    """A4 pages with a cover template and a body template; records where every heading landed."""

    footer_font = REGULAR
    footer_size = 8
    number_colour = MUTED

    def __init__(self, stream, *, title: str, author: str, subject: str, lang: str,
                 page_label: str, running_title: str, running_note: str = "", progress: Progress | None = None,
                 expected_pages: int = 0, draw_cover: Callable | None = None) -> None:
        super().__init__(stream, pagesize=PAGE_SIZE, invariant=1, title=title, author=author, subject=subject,
                         lang=lang, creator="planner", initialFontName=REGULAR, producer="planner (reportlab)",
                         leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM)
        self.page_label = page_label  # "Page {page} of {total}" in the dossier's language
        self.running_title = plain(running_title, BOLD)  # drawn in bold: glyphs bold lacks become U+FFFD
        self.running_note = plain(running_note)  # right of the title: who the edition is for
        self.progress = progress
        self.expected_pages = expected_pages
        self.draw_cover = draw_cover
        self.heading_pages: dict[str, int] = {}
        self.toc_keys: list[str] = []
        self.page_count = 0
        self.outline: list[tuple[int, str, int]] = []  # (level, title, page) as placed
        self.letter_slots: list[tuple] = []
        self.addPageTemplates([
            PageTemplate("cover", [_frame("band", *COVER_BAND), _frame("meta", *COVER_META)], onPage=self._on_cover),
            PageTemplate("body", [_frame("body", MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT)],
                         onPage=self._on_body),
        ])

    def beforeDocument(self) -> None:
        self.canv._dossier = self  # reportlab drops canv._doctemplate before save(); the forms need us there
        self.canv.showOutline()  # the reader opens with the outline shown

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.key:
            page = self.canv.getPageNumber()
            self.heading_pages[flowable.key] = page
            self.outline.append((flowable.level, flowable.outline, page))
            top = getattr(flowable, "top", None)
            if top is None:
                self.canv.bookmarkPage(flowable.key)
            else:  # the reader lands with the heading at the top of the window
                self.canv.bookmarkHorizontal(flowable.key, 0, top + 4)
            self.canv.addOutlineEntry(flowable.outline, flowable.key, level=flowable.level, closed=False)

    def handle_pageEnd(self) -> None:
        self.page_count = self.canv.getPageNumber()
        super().handle_pageEnd()
        if self.progress:
            self.progress("pages", self.page_count, max(self.expected_pages, self.page_count))

    # page decorations -------------------------------------------------------------------------------------
    def _on_cover(self, canv: Canvas, doc) -> None:
        if self.draw_cover:
            canv.saveState()
            self.draw_cover(canv)
            canv.restoreState()

    def _on_body(self, canv: Canvas, doc) -> None:
        width, height = PAGE_SIZE
        canv.saveState()
        canv.setStrokeColor(PRIMARY)
        canv.setLineWidth(1.2)
        canv.line(MARGIN_LEFT, height - MARGIN_TOP + 9, width - MARGIN_RIGHT, height - MARGIN_TOP + 9)
        canv.setFont(BOLD, 7.5)
        canv.setFillColor(PRIMARY)
        canv.drawString(MARGIN_LEFT, height - MARGIN_TOP + 13, self.running_title)
        if self.running_note:
            canv.setFont(REGULAR, 7.5)
            canv.setFillColor(MUTED)
            canv.drawRightString(width - MARGIN_RIGHT, height - MARGIN_TOP + 13, self.running_note)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 12
        canv.line(MARGIN_LEFT, y + 9, width - MARGIN_RIGHT, y + 9)
        self.draw_page_label(canv, MARGIN_LEFT, y - 2)
        canv.setFillColor(ACCENT)
        canv.rect(width - MARGIN_RIGHT - 18, y - 2, 18, 3, stroke=0, fill=1)
        canv.restoreState()

    def draw_page_label(self, canv: Canvas, x: float, y: float) -> None:
        """`Page 3 of ` as text, then the total as the form defined at save time, then any suffix."""
        before, _sep, after = self.page_label.partition("{total}")
        before = before.replace("{page}", str(canv.getPageNumber()))
        canv.setFont(self.footer_font, self.footer_size)
        canv.setFillColor(self.number_colour)
        canv.drawString(x, y, before)
        x += canv.stringWidth(before, self.footer_font, self.footer_size)
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()
        if after.strip():
            canv.drawString(x + canv.stringWidth("0000", self.footer_font, self.footer_size), y, after)


class TocPageNumber(Flowable):
    """The page a heading landed on, right-aligned, drawn through that heading's form; a link to it."""

    def __init__(self, key: str, height: float) -> None:
        super().__init__()
        self.key = key
        self.height = height
        self.width = 0

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.translate(self.width, 2.5)
        canv.doForm(toc_form(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
