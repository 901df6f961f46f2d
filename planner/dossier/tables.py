"""Data tables that repeat their header on every page, split in page-sized pieces, and never wrap amounts.

A single reportlab `Table` of thousands of rows is superlinearly slow to split (each split re-measures and
copies the remainder), so `ChunkedTable` hands reportlab at most `CHUNK` rows at a time. The header row is
drawn at the top of every page the table runs onto, and not again where one chunk simply follows another on
the same page. Text columns are `Paragraph`s (wrapped, escaped, with glyph fallback); figure columns are plain
strings drawn on one line, so `1 234 567 kr` never breaks. A table whose columns cannot all hold their longest
word and figure at the frame's width is set a step smaller (half a point at a time, down to `FLOOR_SIZE`)
before any word would have to break.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from planner.dossier.fonts import BOLD, REGULAR, clean, markup, plain, safe_chars
from planner.dossier.styles import FRAME_WIDTH, HEADER_BG, INK, RULE, ZEBRA, styles

CHUNK = 120
KEEP_ROWS = 8  # a table of at most this many rows (its totals besides) is kept on one page
MAX_CELL_CHARS = 2000
CELL_SIZE = 8.5  # points: the body of a table
FLOOR_SIZE = 7.0  # the smallest a wide table shrinks to
STEP = 0.5


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the frame width; shares are normalised
    numeric: bool = False  # right-aligned, one line (amounts, counts, dates)
    nowrap: bool = False  # left-aligned, one line (phone numbers)


@dataclass(frozen=True)
class RowStyles:
    """One reportlab CellStyle per column for header, body and total rows, shared by all rows of a kind.

    Handing reportlab ready cell styles, instead of FONTNAME / PADDING / ALIGN commands that it applies cell by
    cell to every table and every split piece, takes a third off the layout time of a long table.
    """

    header: list[CellStyle]
    body: list[CellStyle]
    total: list[CellStyle]


def _cell_style(name: str, font: str, colour, right: bool, size: float = CELL_SIZE) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, size, size + 2
    style.color, style.valign, style.alignment = colour, "MIDDLE", "RIGHT" if right else "LEFT"
    style.leftPadding = style.rightPadding = 4
    style.topPadding = style.bottomPadding = 2.6
    return style


def row_styles(columns: list[Column], size: float = CELL_SIZE) -> RowStyles:
    return RowStyles(
        header=[_cell_style("head", BOLD, colors.white, c.numeric, size) for c in columns],
        body=[_cell_style("body", REGULAR, INK, c.numeric, size) for c in columns],
        total=[_cell_style("total", BOLD, INK, c.numeric, size) for c in columns],
    )


def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """A cell's paragraph style `CELL_SIZE - size` points smaller (its leading with it); itself at full size."""
    if size == CELL_SIZE:
        return style
    smaller = style.fontSize - (CELL_SIZE - size)
    return ParagraphStyle(f"{style.name}-{smaller}", parent=style, fontSize=smaller,
                          leading=style.leading - (CELL_SIZE - size))


class ChunkedTable(Flowable):
    """Rows laid out as page-sized reportlab tables, the header repeated at each page top."""

    def __init__(self, header: list, rows: list[list], widths: list[float], style: RowStyles, *,
                 total_rows: int = 0, first_index: int = 0, with_header: bool = True) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.widths = widths
        self.style = style
        self.total_rows = total_rows  # trailing rows printed bold as totals
        self.first_index = first_index  # index of rows[0] in the whole table, to keep the zebra in step
        self.with_header = with_header
        self._whole: Table | None = None
        self.spaceAfter = 8

    def _table(self, count: int, with_header: bool) -> Table:
        body = self.rows[:count]
        data = ([self.header] if with_header else []) + body
        head = 1 if with_header else 0
        cells = ([self.style.header] if with_header else []) + [self.style.body] * len(body)
        cmds: list[tuple] = [("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]
        if with_header:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEADER_BG)]
        zebra = [colors.white, ZEBRA] if self.first_index % 2 == 0 else [ZEBRA, colors.white]
        cmds.append(("ROWBACKGROUNDS", (0, head), (-1, -1), zebra))
        if count >= len(self.rows) and self.total_rows:
            first_total = len(data) - self.total_rows
            cells[first_total:] = [self.style.total] * self.total_rows
            cmds += [("LINEABOVE", (0, first_total), (-1, first_total), 0.9, INK),
                     ("BACKGROUND", (0, first_total), (-1, -1), colors.white)]
        # splitInRow: a row taller than a page (a very long text) continues on the next page
        return Table(data, colWidths=self.widths, repeatRows=head, style=TableStyle(cmds), hAlign="LEFT",
                     cellStyles=cells, splitInRow=1)

    def _at_page_top(self) -> bool:
        doc = getattr(getattr(self, "canv", None), "_dossier", None)
        return bool(doc is not None and getattr(doc.frame, "_atTop", 0))

    def wrap(self, available_width, available_height):
        if not self.with_header and self._at_page_top():  # a chunk that opens a page gets the header
            self.with_header, self._whole = True, None
        if len(self.rows) > CHUNK:
            # too long to measure cheaply: claim more than any frame so that the frame asks for a split
            return available_width, available_height + 10_000
        if self._whole is None:
            self._whole = self._table(len(self.rows), self.with_header)
        self.width, self.height = self._whole.wrap(available_width, available_height)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):
        assert self._whole is not None
        self._whole.drawOn(canvas, x, y, _sW)

    @property
    def short(self) -> bool:
        """A table of a few rows (a hotel list, the rooms per night) is read as one: it is never split."""
        return self.first_index == 0 and len(self.rows) - self.total_rows <= KEEP_ROWS

    def keep_height(self, available_width: float) -> float:
        """How much of the table must follow its heading on the same page: all of a short table, else its
        header and two rows."""
        if self.short:
            return self.wrap(available_width, 10_000)[1]
        return self._table(min(2, len(self.rows)), self.with_header).wrap(available_width, 10_000)[1]

    def split(self, available_width, available_height):
        if not self.with_header and self._at_page_top():
            self.with_header, self._whole = True, None
        at_top = self._at_page_top()
        if self.short and not at_top:
            return []  # the whole table moves to the next page
        count = self._chunk_rows()
        whole = self._whole if count == len(self.rows) else None
        table = whole or self._table(count, self.with_header)
        parts = table.split(available_width, available_height)
        if not parts:
            return []
        head = 1 if self.with_header else 0
        if len(parts) == 2 and not at_top:
            # a header (or a chunk's first rows) never stands at a page foot with fewer than two rows under it
            if len(parts[0]._cellvalues) - head < min(2, len(self.rows)):
                return []
        if len(parts) == 2 and count == len(self.rows):
            # the rows that go on to the next page are at least two rows besides the totals: a total row (or
            # one row and the total) never starts a page on its own
            left = len(parts[1]._cellvalues) - head
            if left < self.total_rows + 2 and len(self.rows) - self.total_rows >= 2:
                keep = len(self.rows) - self.total_rows - 2
                if keep < 2 and not at_top:
                    return []
                if keep >= 1:
                    first = self._table(keep, self.with_header)
                    first.spaceAfter = 0
                    return [first, PageBreak(), ChunkedTable(self.header, self.rows[keep:], self.widths, self.style,
                                                total_rows=self.total_rows, first_index=self.first_index + keep,
                                                with_header=False)]
        if len(parts) == 2 and not self.with_header:
            # a chunk that began mid-page has no header row for reportlab to repeat: continue it ourselves
            used = len(parts[0]._cellvalues)
            return [parts[0], PageBreak(), ChunkedTable(self.header, self.rows[used:], self.widths, self.style,
                                                        total_rows=self.total_rows,
                                                        first_index=self.first_index + used)]
        rest = self.rows[count:]
        # reportlab continues this chunk on the next page with the header repeated; the chunk after it
        # follows on whatever page that is, so it starts without a header
        tail = [ChunkedTable(self.header, rest, self.widths, self.style, total_rows=self.total_rows,
                             first_index=self.first_index + count, with_header=False)] if rest else []
        if not tail:
            parts[-1].spaceAfter = self.spaceAfter
        if len(parts) == 2:
            # what did not fit goes on at the next page's top: offered the sliver left below the first part,
            # reportlab would set a header over an empty slice of a row there
            return [parts[0], PageBreak(), parts[1], *tail]
        return list(parts) + tail

    def _chunk_rows(self) -> int:
        """The rows handed to reportlab at once: CHUNK, or fewer so that the last chunk holds two rows and the
        totals (the totals never make a chunk of their own)."""
        if len(self.rows) <= CHUNK:
            return len(self.rows)
        left = len(self.rows) - CHUNK
        return CHUNK if left >= self.total_rows + 2 else len(self.rows) - self.total_rows - 2


def data_table(columns: list[Column], rows: list[list[object]], *, totals: list[list[object]] | None = None,
               width: float = FRAME_WIDTH) -> ChunkedTable:
    """A table of user data: text columns escaped and wrapped, figure columns on one line."""
    st = styles()
    widths, size = fit_table(columns, rows + (totals or []), width)
    header = [Paragraph(markup(c.title, BOLD), _sized(st["cell_head_right" if c.numeric else "cell_head"], size))
              for c in columns]
    cell, cell_bold = _sized(st["cell"], size), _sized(st["cell_bold"], size)
    numeric = [c.numeric or c.nowrap for c in columns]

    room = [w - 8.5 for w in widths]  # inside the cell padding

    def text_cell(value: object, space: float):
        """A Paragraph only where one is needed: wrapping, or a glyph from another face. Strings are 10x cheaper."""
        value = [_shorten(v) for v in value] if isinstance(value, (list, tuple)) else _shorten(value)
        lines = value if isinstance(value, list) else [value]
        texts = [clean(v) for v in lines if v not in (None, "")]
        if all(set(t) <= safe_chars(REGULAR) and stringWidth(t, REGULAR, size) <= space for t in texts):
            return "\n".join(texts)
        return Paragraph(_lines(value), cell)

    def prepare(row: list[object]) -> list:
        return [plain(value) if is_figure else text_cell(value, space)
                for value, is_figure, space in zip(row, numeric, room, strict=True)]

    body = [prepare(row) for row in rows]
    tail = [[plain(value, BOLD) if is_figure else Paragraph(markup(value, BOLD), cell_bold)
             for value, is_figure in zip(row, numeric, strict=True)] for row in (totals or [])]
    return ChunkedTable(header, body + tail, widths, row_styles(columns, size), total_rows=len(tail))


def _shorten(value: object) -> object:
    """A table cell holds at most MAX_CELL_CHARS characters: a longer text is prose, and reportlab cannot always
    split a table row taller than a page. The fields shown in tables are far shorter in practice."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS].rstrip() + " …"
    return value


def _lines(value: object) -> str:
    """Cell markup: a list of values prints one per line (e-mail over phone)."""
    if isinstance(value, (list, tuple)):
        return "<br/>".join(markup(v) for v in value if v)
    return markup(value)


def _words(value: object) -> list[str]:
    parts = value if isinstance(value, (list, tuple)) else [value]
    return [word for part in parts for word in plain(part).replace("\u00a0", "_").split()]


def fit_table(columns: list[Column], rows: list[list[object]], width: float,
              sample: int = 300) -> tuple[list[float], float]:
    """(column widths, font size): the largest size, from CELL_SIZE down to FLOOR_SIZE, at which every column
    holds its longest word and figure within `width`; at the floor the widths are fitted however they can."""
    words = [_widest_words(column, [row[index] for row in rows[:sample] if row[index] not in (None, "")])
             for index, column in enumerate(columns)]
    size = CELL_SIZE
    while size > FLOOR_SIZE and sum(_needed(words, size, width)) > width:
        size -= STEP
    return _fit(columns, _needed(words, size, width), width), size


def _widest_words(column: Column, values: list[object]) -> tuple[float, float]:
    """(the widest word or figure of a column, the widest word of its title) at CELL_SIZE, in points."""
    if column.numeric or column.nowrap:
        widest = max((stringWidth(plain(v, BOLD), BOLD, CELL_SIZE) for v in values), default=0)
    else:
        widest = max((stringWidth(word, BOLD, CELL_SIZE) for v in values for word in _words(v)), default=0)
    head = max((stringWidth(word, BOLD, CELL_SIZE - 0.5) for word in plain(column.title).split()), default=0)
    return widest, head


def _needed(words: list[tuple[float, float]], size: float, width: float) -> list[float]:
    """What each column needs at `size` (text widths scale with the size): its widest word and the padding."""
    scale = size / CELL_SIZE
    return [min(max(widest, head) * scale + 9, width * 0.45) for widest, head in words]


def fit_widths(columns: list[Column], rows: list[list[object]], width: float, sample: int = 300) -> list[float]:
    """Column widths from the shares, widened so no word (and no figure) has to break, within the frame (the
    table's size as `fit_table` chooses it)."""
    return fit_table(columns, rows, width, sample)[0]


def _fit(columns: list[Column], needed: list[float], width: float) -> list[float]:
    share = sum(c.width for c in columns)
    wanted = [width * c.width / share for c in columns]
    widths = [max(w, n) for w, n in zip(wanted, needed, strict=True)]
    excess = sum(widths) - width
    if excess > 0:  # take it from the columns that have room above what they need
        room = [w - n if w > n else 0 for w, n in zip(widths, needed, strict=True)]
        total_room = sum(room)
        if total_room > 0:
            take = min(excess, total_room)
            widths = [w - take * r / total_room for w, r in zip(widths, room, strict=True)]
        scale = width / sum(widths)
        widths = [w * scale for w in widths] if scale < 1 else widths
    return widths


def key_value_table(pairs: list[tuple[str, str]], *, width: float = FRAME_WIDTH) -> Table:
    """Facts as label / value pairs (two columns, no header)."""
    st = styles()
    data = [[Paragraph(markup(label, BOLD), st["cell_bold"]), Paragraph(markup(value), st["cell"])]
            for label, value in pairs]
    return Table(data, colWidths=[width * 0.32, width * 0.68], hAlign="LEFT", splitInRow=1, style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]))
