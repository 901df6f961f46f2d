"""Charts drawn with reportlab's own graphics: bars by category, income by source, funding, and the Gantt."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String

from planner.domain.money import Money
from planner.dossier.amounts import money
from planner.dossier.fonts import BOLD, REGULAR, plain
from planner.dossier.styles import (
    ACCENT,
    FRAME_WIDTH,
    INK,
    MUTED,
    NEGATIVE,
    POSITIVE,
    PRIMARY,
    RULE,
    SERIES,
    ZEBRA,
)
from planner.i18n.format import format_date, format_percent

LABEL_SIZE = 7.5


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR  # not Helvetica, which would be pulled into the file unused
    return drawing


def _fit(text: str, width: float, size: float = LABEL_SIZE, font: str = REGULAR) -> str:
    """Shorten a label with an ellipsis so it stays inside its column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = plain(text, font)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(items: list[tuple[str, Money]], *, colour=PRIMARY, width: float = FRAME_WIDTH) -> Drawing:
    """Horizontal bars, one per labelled amount, the amount written at the bar's end."""
    row, label_w, value_w = 15, width * 0.30, width * 0.22
    height = row * len(items) + 6
    drawing = _drawing(width, height)
    largest = max((abs(m.minor) for _l, m in items), default=0) or 1
    bar_space = width - label_w - value_w
    for index, (label, amount) in enumerate(items):
        y = height - (index + 1) * row
        drawing.add(String(0, y + 4, _fit(label, label_w - 6), fontName=REGULAR, fontSize=LABEL_SIZE,
                           fillColor=INK))
        bar = bar_space * abs(amount.minor) / largest
        drawing.add(Rect(label_w, y + 2, max(bar, 0.8), row - 5, fillColor=colour if amount.minor >= 0
                         else NEGATIVE, strokeColor=None))
        drawing.add(String(label_w + bar + 4, y + 4, money(amount), fontName=REGULAR,
                           fontSize=LABEL_SIZE, fillColor=INK))
    return drawing


def pie_chart(items: list[tuple[str, Money]], *, width: float = FRAME_WIDTH) -> Drawing:
    """Shares of a whole (income by source) as a pie with a legend giving each amount."""
    items = [(label, amount) for label, amount in items if amount.minor > 0]
    legend_rows = len(items)
    height = max(130, 14 * legend_rows + 10)
    drawing = _drawing(width, height)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 10, (height - 120) / 2, 120, 120
    pie.data = [amount.minor for _l, amount in items] or [1]
    pie.labels = None
    pie.simpleLabels = 1
    pie.slices.strokeColor = None
    pie.slices.strokeWidth = 0.5
    for index in range(len(pie.data)):
        pie.slices[index].fillColor = SERIES[index % len(SERIES)]
        pie.slices[index].strokeColor = None
    drawing.add(pie)
    total = sum(a.minor for _l, a in items) or 1
    x = 160
    for index, (label, amount) in enumerate(items):
        y = height - 14 * (index + 1)
        drawing.add(Rect(x, y, 8, 8, fillColor=SERIES[index % len(SERIES)], strokeColor=None))
        share = format_percent(Decimal(amount.minor) / Decimal(total))
        drawing.add(String(x + 13, y + 1, _fit(label, width - x - 170), fontName=REGULAR, fontSize=LABEL_SIZE,
                           fillColor=INK))
        drawing.add(String(width, y + 1, f"{money(amount)}   {share}",
                           fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK, textAnchor="end"))
    return drawing


def funding_bar(segments: list[tuple[str, Money, object]], *, width: float = FRAME_WIDTH) -> Drawing:
    """One stacked bar: secured, pledged and the gap to the target, with a legend."""
    height = 58
    drawing = _drawing(width, height)
    total = sum(max(m.minor, 0) for _l, m, _c in segments) or 1
    x = 0.0
    for _label, amount, colour in segments:
        part = width * max(amount.minor, 0) / total
        if part > 0:
            drawing.add(Rect(x, 30, part, 20, fillColor=colour, strokeColor=None))
        x += part
    lx = 0.0
    for label, amount, colour in segments:
        drawing.add(Rect(lx, 10, 8, 8, fillColor=colour, strokeColor=None))
        text = f"{plain(label)}: {money(amount)}"
        drawing.add(String(lx + 12, 11, text, fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK))
        lx += width / max(len(segments), 1)
    return drawing


SECURED_COLOUR, PLEDGED_COLOUR, POOLED_COLOUR, GAP_COLOUR = POSITIVE, ACCENT, MUTED, RULE


def _months(start: date, end: date) -> list[date]:
    first = date(start.year, start.month, 1)
    months = []
    while first <= end:
        months.append(first)
        first = date(first.year + (first.month // 12), first.month % 12 + 1, 1)
    return months


def gantt(tasks: list, start: date, end: date, *, width: float = FRAME_WIDTH, today: date | None = None) -> Drawing:
    """Tasks as bars and milestones as diamonds over a month axis (one drawing per page-sized group)."""
    row, label_w, axis_h = 13, width * 0.34, 16
    height = axis_h + row * len(tasks) + 4
    drawing = _drawing(width, height)
    span = max((end - start).days, 1)
    plot_w = width - label_w - 6

    def x_of(day: date) -> float:
        return label_w + plot_w * (day - start).days / span

    for index in range(1, len(tasks), 2):
        drawing.add(Rect(0, height - axis_h - (index + 1) * row, width, row, fillColor=ZEBRA, strokeColor=None))
    months = _months(start, end)
    step = max(1, len(months) // 12 + (1 if len(months) % 12 else 0)) if len(months) > 12 else 1
    for index, month in enumerate(months):
        x = x_of(max(month, start))
        drawing.add(Line(x, 0, x, height - axis_h + 2, strokeColor=RULE, strokeWidth=0.3))
        if index % step == 0:
            drawing.add(String(x + 1.5, height - axis_h + 5, format_date(month, style="MMM yy"),
                               fontName=REGULAR, fontSize=6.5, fillColor=MUTED))
    for index, task in enumerate(tasks):
        y = height - axis_h - (index + 1) * row
        font = BOLD if task.milestone else REGULAR
        drawing.add(String(2, y + 3.5, _fit(task.name, label_w - 8, 7, font), fontName=font, fontSize=7,
                           fillColor=INK))
        if task.milestone:
            cx, cy, r = x_of(task.end), y + row / 2, 4.2
            drawing.add(Polygon([cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy], fillColor=ACCENT,
                                strokeColor=None))
        else:
            x0 = x_of(task.start)
            x1 = x_of(task.end + timedelta(days=1)) if task.end < end else x_of(end)
            colour = POSITIVE if task.status == "done" else PRIMARY
            drawing.add(Rect(x0, y + 3, max(x1 - x0, 1.5), row - 6, fillColor=colour, strokeColor=None))
    if today and start <= today <= end:
        x = x_of(today)
        drawing.add(Line(x, 0, x, height - axis_h + 2, strokeColor=NEGATIVE, strokeWidth=0.8))
    return drawing


def gantt_legend(*, width: float = FRAME_WIDTH, with_done: bool = False) -> Drawing:
    """What the Gantt's marks mean: a bar is a task's span, a diamond a milestone (green: done)."""
    from planner.i18n import _

    drawing = _drawing(width, 14)
    items = [(_("Task: from its start to its due date"), "bar", PRIMARY), (_("Milestone"), "diamond", ACCENT)]
    if with_done:
        items.append((_("Done"), "bar", POSITIVE))
    x = 0.0
    for text, mark, colour in items:
        if mark == "bar":
            drawing.add(Rect(x, 3, 14, 7, fillColor=colour, strokeColor=None))
        else:
            drawing.add(Polygon([x + 7, 11, x + 11, 6.5, x + 7, 2, x + 3, 6.5], fillColor=colour, strokeColor=None))
        drawing.add(String(x + 18, 4, plain(text), fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK))
        x += 24 + _width(text)
    return drawing


def bar_legend(text: str, *, colour=PRIMARY, width: float = FRAME_WIDTH) -> Drawing:
    """One series' key: its colour and what a bar measures."""
    drawing = _drawing(width, 14)
    drawing.add(Rect(0, 3, 14, 7, fillColor=colour, strokeColor=None))
    drawing.add(String(18, 4, plain(text), fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK))
    return drawing


def _width(text: str, size: float = LABEL_SIZE) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(plain(text), REGULAR, size)


def access_diagram(venue: str, places: list[tuple[str, Decimal, int | None]], *,
                   width: float = FRAME_WIDTH) -> Drawing:
    """The venue at the left and each place (centre, station, airport) on one line to the right, at a distance
    drawn to a logarithmic scale (a 90 km airport and a 400 m station both readable), labelled with its
    distance and travel time; a legend says how to read it."""
    from reportlab.graphics.shapes import Circle

    from planner.i18n import _
    from planner.i18n.format import format_number

    places = [p for p in places if p[1] is not None]
    row = 30
    height = row * len(places) + 40
    drawing = _drawing(width, height)
    left, right = 70.0, width - 10
    largest = max((float(km) for _n, km, _m in places), default=1.0)
    import math

    def x_of(km: float) -> float:
        return left + (right - left - 110) * math.log1p(km * 4) / math.log1p(max(largest, 0.5) * 4)

    vy = height - 18 - row * (len(places) - 1) / 2
    drawing.add(Circle(left, vy, 9, fillColor=PRIMARY, strokeColor=None))
    drawing.add(String(left, vy - 22, _fit(venue, 130, 8, BOLD), fontName=BOLD, fontSize=8, fillColor=INK,
                       textAnchor="middle"))
    for index, (name, km, minutes) in enumerate(places):
        y = height - 18 - row * index
        x = x_of(float(km))
        drawing.add(Line(left + 9, vy, x - 5, y, strokeColor=SERIES[(index + 1) % len(SERIES)], strokeWidth=1.6))
        drawing.add(Circle(x, y, 5, fillColor=SERIES[(index + 1) % len(SERIES)], strokeColor=None))
        when = _("{n} min").format(n=format_number(minutes)) if minutes else ""
        text = f"{plain(name)}: {format_number(km)} km" + (f" · {when}" if when else "")
        drawing.add(String(x + 9, y - 3, text, fontName=REGULAR, fontSize=8, fillColor=INK))
    drawing.add(String(0, 2, plain(_("Distances from the venue, drawn to a logarithmic scale; times by the usual "
                                     "means (on foot in the centre, by train or car further out).")),
                       fontName=REGULAR, fontSize=6.5, fillColor=MUTED))
    return drawing
