"""Letters of support as appendix pages: each letter page is placed, scaled, into a dossier page with pypdf;
a letter scanned as a PNG or JPEG is drawn, scaled to fit, on a page of its own.

The dossier lays out one page per letter page (with its heading, footer and outline entry) and leaves the
body frame empty; afterwards the letter's page is merged into that space. So page totals, bookmarks and
the table of contents count the letters without a second layout pass.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from planner.dossier.content import Letter
from planner.dossier.labels import MSG_LETTER_UNREADABLE
from planner.i18n import _


def is_picture(letter: Letter) -> bool:
    """Whether a letter is a scan (PNG or JPEG) rather than a PDF, by its first bytes."""
    return letter.data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))


def letter_pages(letter: Letter, warnings: list[str]) -> int:
    """How many pages a letter has (a scan: one); 0 (with a warning for the user) when it cannot be read."""
    try:
        if is_picture(letter):
            width, height = ImageReader(io.BytesIO(letter.data)).getSize()
            return 1 if width and height else 0
        return len(PdfReader(io.BytesIO(letter.data)).pages)
    except Exception:  # noqa: BLE001 - any unreadable file is the same problem for the user
        warnings.append(_(MSG_LETTER_UNREADABLE).format(partner=letter.partner))
        return 0


class LetterSlot(Flowable):
    """Reserves the rest of the frame for one page of a letter and records where it landed."""

    def __init__(self, index: int, letter: Letter, page: int) -> None:
        super().__init__()
        self.index, self.letter, self.page = index, letter, page

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, max(available_height - 2, 10)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        if is_picture(self.letter):  # a scan is drawn here, scaled to fit the frame and centred at its top
            image = ImageReader(io.BytesIO(self.letter.data))
            w, h = image.getSize()
            scale = min(self.width / w, self.height / h)
            canvas.drawImage(image, x + (self.width - w * scale) / 2, y + self.height - h * scale, w * scale,
                             h * scale)
            return
        doc = canvas._dossier
        doc.letter_slots.append((canvas.getPageNumber() - 1, self.index, self.letter, self.page, x, y, self.width,
                                 self.height))


def merge_letters(pdf: bytes, slots: list[tuple]) -> bytes:
    """Place each letter page into its slot, scaled to fit and centred, keeping the dossier's own pages."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    readers: dict[int, PdfReader] = {}
    for page_index, index, letter, letter_page, x, y, width, height in slots:
        if index not in readers:
            readers[index] = PdfReader(io.BytesIO(letter.data))
        reader = readers[index]
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
