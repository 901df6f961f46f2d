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


GANTT_ROW = 13.0  # the height of a task's row whose name fits on one line
GANTT_AXIS = 16.0
AXIS_SIZE = 6.5
AXIS_GAP = 4.0  # the least white between two month labels
MIN_TICK_GAP = 2.5  # month lines closer than this (a chart opening on the 30th) are drawn as one
MONTH_STEPS = (1, 2, 3, 4, 6, 12)  # label every month, or every 2nd, 3rd ... counted from January


def _label_w(width: float) -> float:
    return width * 0.38


def task_label(name: str, width: float, font: str) -> tuple[list[str], float]:
    """A task's name whole, in the label column `width` wide: on one line at 7 pt, else wrapped at spaces over two
    lines, a step smaller (6.5, then 6 pt) before a third line is taken; never cut short."""
    from reportlab.lib.utils import simpleSplit

    text = plain(name, font)
    for size in (7.0, 6.5, 6.0):
        lines = simpleSplit(text, font, size, width)
        if len(lines) <= 2:
            return lines or [""], size
    return lines, 6.0


def _row_height(lines: list[str], size: float) -> float:
    return max(GANTT_ROW, len(lines) * (size + 1.5) + 4)


def gantt_height(tasks: list, *, width: float = FRAME_WIDTH) -> list[float]:
    """Each task's row height in the chart: taller where its name takes two lines or more."""
    inner = _label_w(width) - 6
    return [_row_height(*task_label(t.name, inner, BOLD if t.milestone else REGULAR)) for t in tasks]


def gantt_groups(tasks: list, max_height: float, *, width: float = FRAME_WIDTH) -> list[list]:
    """The tasks in page-sized groups: each group's chart (axis and rows) at most `max_height` tall."""
    groups: list[list] = [[]]
    used = GANTT_AXIS + 4
    for task, height in zip(tasks, gantt_height(tasks, width=width), strict=True):
        if groups[-1] and used + height > max_height:
            groups.append([])
            used = GANTT_AXIS + 4
        groups[-1].append(task)
        used += height
    return groups


def month_axis(start: date, end: date, x0: float, plot_w: float, right: float) -> tuple[list[float], list]:
    """(a tick's x for every month the span touches, the labels as (text, x, width)). Every month keeps its tick;
    labels go on every month, or on every 2nd, 3rd, 4th, 6th or 12th counted from January, the first step at
    which no two labels come closer than AXIS_GAP and the last stays inside `right`. A month the span only
    touches at its end (the chart opens on its last days) is labelled only when its label fits before the next
    tick, so two labels never sit on one spot."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    span = max((end - start).days, 1)

    def x_of(day: date) -> float:
        return x0 + plot_w * (day - start).days / span

    months = _months(start, end)
    ticks = [x_of(max(month, start)) for month in months]
    texts = [format_date(month, style="MMM yy") for month in months]
    widths = [stringWidth(plain(t), REGULAR, AXIS_SIZE) for t in texts]
    for step in MONTH_STEPS:
        chosen = []
        for index, month in enumerate(months):
            if (month.month - 1) % step:
                continue
            if month < start:  # the chart opens inside this month
                following = ticks[index + 1] if index + 1 < len(ticks) else right
                if ticks[index] + 1.5 + widths[index] + AXIS_GAP > following:
                    continue
            chosen.append((texts[index], ticks[index] + 1.5, widths[index]))
        chosen = [c for c in chosen if c[1] + c[2] <= right]
        if chosen and all(a[1] + a[2] + AXIS_GAP <= b[1] for a, b in zip(chosen, chosen[1:], strict=False)):
            return ticks, chosen
    # a span too short for any label between its ticks: the month it opens in, at its start
    return ticks, [(texts[0], ticks[0] + 1.5, widths[0])] if texts else []


def gantt(tasks: list, start: date, end: date, *, width: float = FRAME_WIDTH, today: date | None = None) -> Drawing:
    """Tasks as bars and milestones as diamonds over a month axis (one drawing per page-sized group); each
    task's name whole in the label column, wrapped over two lines where it is long."""
    label_w, axis_h = _label_w(width), GANTT_AXIS
    heights = gantt_height(tasks, width=width)
    height = axis_h + sum(heights) + 4
    drawing = _drawing(width, height)
    span = max((end - start).days, 1)
    plot_w = width - label_w - 6

    def x_of(day: date) -> float:
        return label_w + plot_w * (day - start).days / span

    tops = [height - axis_h - sum(heights[:index]) for index in range(len(tasks))]  # each row's top edge
    for index in range(1, len(tasks), 2):
        drawing.add(Rect(0, tops[index] - heights[index], width, heights[index], fillColor=ZEBRA,
                         strokeColor=None))
    ticks, labels = month_axis(start, end, label_w, plot_w, width)
    for index, x in enumerate(ticks):
        if index + 1 < len(ticks) and ticks[index + 1] - x < MIN_TICK_GAP:
            continue  # the month the chart opens in ends a day or two in: its line would double the next one's
        drawing.add(Line(x, 0, x, height - axis_h + 2, strokeColor=RULE, strokeWidth=0.3))
    for text, x, _w in labels:
        drawing.add(String(x, height - axis_h + 5, plain(text), fontName=REGULAR, fontSize=AXIS_SIZE,
                           fillColor=MUTED))
    for index, task in enumerate(tasks):
        top, row = tops[index], heights[index]
        y = top - row  # the row's foot
        font = BOLD if task.milestone else REGULAR
        lines, size = task_label(task.name, label_w - 6, font)
        lead = size + 1.5
        first = y + row / 2 + (len(lines) - 1) * lead / 2 - size * 0.35
        for number, line in enumerate(lines):
            drawing.add(String(2, first - number * lead, line, fontName=font, fontSize=size, fillColor=INK))
        if task.milestone:
            cx, cy, r = x_of(task.end), y + row / 2, 4.2
            drawing.add(Polygon([cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy], fillColor=ACCENT,
                                strokeColor=None))
        else:
            x0 = x_of(task.start)
            x1 = x_of(task.end + timedelta(days=1)) if task.end < end else x_of(end)
            colour = POSITIVE if task.status == "done" else PRIMARY
            drawing.add(Rect(x0, y + row / 2 - 3.5, max(x1 - x0, 1.5), 7, fillColor=colour, strokeColor=None))
    if today and start <= today <= end:
        x = x_of(today)
        drawing.add(Line(x, 0, x, height - axis_h + 2, strokeColor=NEGATIVE, strokeWidth=0.8))
    return drawing


def gantt_legend(tasks: list, *, width: float = FRAME_WIDTH) -> Drawing:
    """What the marks of the Gantt drawn for `tasks` mean, only those it draws: a bar is a task's span, a
    diamond a milestone, a green bar a task done (a committee's timeline of milestones shows no bar)."""
    from planner.i18n import _

    drawing = _drawing(width, 14)
    bars = [t for t in tasks if not t.milestone]
    items = []
    if any(t.status != "done" for t in bars):
        items.append((_("Task: from its start to its due date"), "bar", PRIMARY))
    if any(t.milestone for t in tasks):
        items.append((_("Milestone"), "diamond", ACCENT))
    if any(t.status == "done" for t in bars):
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
