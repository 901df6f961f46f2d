"""Helpers for reading dossiers back the way a reader gets them: text per page, outline, links."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader


class ReadBack:
    """A rendered PDF opened with pypdf."""

    def __init__(self, pdf: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(pdf))
        self.pages = [page.extract_text() or "" for page in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def flat(self, index: int | None = None) -> str:
        """Text with all whitespace removed (line breaks fall anywhere in wrapped text)."""
        text = self.text if index is None else self.pages[index]
        return re.sub(r"\s+", "", text)

    def spaced(self, index: int) -> str:
        """A page's text with runs of whitespace as one space."""
        return re.sub(r"\s+", " ", self.pages[index].replace("\u00a0", " "))

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) for every outline entry, in order."""
        found: list[tuple[int, str, int]] = []

        def walk(items, level):
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    found.append((level, item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline, 0)
        return found

    def links(self, index: int) -> list[int]:
        """1-based target pages of the internal links on a page."""
        named = {name: self.reader.get_destination_page_number(dest) + 1
                 for name, dest in self.reader.named_destinations.items()}
        targets = []
        for annot in self.reader.pages[index].get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            if dest is None and "/A" in annot:
                dest = annot["/A"].get("/D")
            if isinstance(dest, str):
                targets.append(named[dest])
            elif dest is not None:
                targets.append(self.reader.get_page_number(dest[0].get_object()) + 1)
        return targets


@pytest.fixture
def read_back():
    return ReadBack
