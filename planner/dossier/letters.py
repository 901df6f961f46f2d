"""Letters of support as appendix pages: each letter page is placed, scaled, into a dossier page with pypdf.

The dossier lays out one page per letter page (with its heading, footer and outline entry) and leaves the
body frame empty; afterwards the letter's page is merged into that space. So page totals, bookmarks and
the table of contents count the letters without a second layout pass.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.platypus import Flowable

from planner.dossier.content import Letter
from planner.dossier.labels import MSG_LETTER_UNREADABLE
from planner.i18n import _


def letter_pages(letter: Letter, warnings: list[str]) -> int:
    """How many pages a letter has; 0 (with a warning for the user) when it cannot be read."""
    try:
        return len(PdfReader(str(letter.path)).pages)
    except Exception:  # noqa: BLE001 - any unreadable file is the same problem for the user
        warnings.append(_(MSG_LETTER_UNREADABLE).format(partner=letter.partner, path=letter.path))
        return 0


class LetterSlot(Flowable):
    """Reserves the rest of the frame for one page of a letter and records where it landed."""

    def __init__(self, index: int, path: Path, page: int) -> None:
        super().__init__()
        self.index, self.path, self.page = index, path, page

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, max(available_height - 2, 10)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        doc = canvas._dossier
        doc.letter_slots.append((canvas.getPageNumber() - 1, self.path, self.page, x, y, self.width, self.height))


def merge_letters(pdf: bytes, slots: list[tuple]) -> bytes:
    """Place each letter page into its slot, scaled to fit and centred, keeping the dossier's own pages."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    readers: dict[Path, PdfReader] = {}
    for page_index, path, letter_page, x, y, width, height in slots:
        reader = readers.setdefault(path, PdfReader(str(path)))
        source = reader.pages[letter_page]
        box = source.mediabox
        w, h = float(box.width), float(box.height)
        scale = min(width / w, height / h)
        dx = x + (width - w * scale) / 2 - float(box.left) * scale
        dy = y + (height - h * scale) - float(box.bottom) * scale
        writer.pages[page_index].merge_transformed_page(source, Transformation().scale(scale).translate(dx, dy))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
