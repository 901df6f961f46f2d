"""The prose sections of a dossier as flowables: invitation, summary, host city and access, dates, venue, hotels,
programme, social programme, site inspection, team and the internal appendix. Figures-heavy sections (funding, budget, impact, timeline) are in `figures.py`.

Every text from the bid goes through `fonts.markup()` (escaped, glyph fallback) before it reaches a Paragraph;
every label through `_` in the dossier's language (the renderer sets it with `use_locale`).
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreakIfNotEmpty,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner.domain.enums import RoomKind, SessionKind, SpeakerStatus, VenueStatus
from planner.dossier import charts
from planner.dossier.amounts import money
from planner.dossier.content import Contact as c_contact
from planner.dossier.content import DossierContent
from planner.dossier.fonts import BOLD, REGULAR, markup, plain
from planner.dossier.styles import FRAME_HEIGHT, FRAME_WIDTH, PRIMARY, ZEBRA, styles
from planner.dossier.tables import ChunkedTable, Column, data_table, key_value_table
from planner.dossier.templates import Heading
from planner.i18n import _
from planner.i18n.format import format_date, format_number, format_percent
from planner.i18n.labels import label


class _ChapterGap(Spacer):
    """White space above a chapter that follows another on the same page; nothing at a page top."""

    def __init__(self) -> None:
        super().__init__(1, 18)

    def wrap(self, available_width, available_height):
        doc = getattr(getattr(self, "canv", None), "_dossier", None)
        at_top = doc is not None and getattr(doc.frame, "_atTop", 0)
        return (available_width, 0) if at_top else (available_width, self.height)


class _RoomBelow(CondPageBreak):
    """A heading's conditional page break: a new page unless the heading and what must follow it fit. When they
    miss by no more than the white space the heading adds above itself beyond the space the flowable before it
    already leaves, that white space is trimmed (the two spaces overlap, as a typesetter would set them) and
    the heading and its table stay on the page, instead of a short closing table going alone onto a page of
    its own for want of a few points. The gap above the heading stays the larger of the two spaces."""

    def __init__(self, height: float) -> None:
        super().__init__(height)
        self.space: Heading | _ChapterGap | None = None  # whose white space above may be trimmed

    def wrap(self, available_width, available_height):
        frame = self._doctemplateAttr("frame")
        if (available_height < self.height and self.space is not None and frame is not None
                and not getattr(frame, "_atTop", 0)):
            trim = min(getattr(frame, "_prevASpace", 0) or 0, _space_above(self.space))
            if trim > 0 and available_height + trim >= self.height:
                _trim_space_above(self.space, trim)
                return 0, 0
        return super().wrap(available_width, available_height)


def _space_above(flowable) -> float:
    return flowable.height if isinstance(flowable, _ChapterGap) else flowable.getSpaceBefore()


def _trim_space_above(flowable, points: float) -> None:
    if isinstance(flowable, _ChapterGap):
        flowable.height -= points
    else:
        flowable.spaceBefore = flowable.getSpaceBefore() - points


class Story:
    """The growing list of flowables, with numbered headings for the outline and the table of contents."""

    def __init__(self, content: DossierContent) -> None:
        self.content = content
        self.flowables: list = []
        self.headings: list[Heading] = []
        self.st = styles()

    def add(self, *flowables) -> None:
        for flowable in flowables:
            if isinstance(flowable, ChunkedTable):
                self._keep_with_heading(flowable)
            self.flowables.append(flowable)

    def _keep_with_heading(self, table: ChunkedTable) -> None:
        """A table right under a heading: the heading's conditional page break asks for room for the heading
        and what of the table must come with it (a short table whole, a long one's header and two rows), so the
        heading never stays at a page foot above a table that moved on."""
        if not self.flowables or not isinstance(self.flowables[-1], Heading):
            return
        heading = self.flowables[-1]
        breaks = [f for f in self.flowables[-3:-1] if isinstance(f, CondPageBreak)]
        if not breaks:
            return
        style = heading.style
        gap = sum(f.height for f in self.flowables[-3:-1] if isinstance(f, _ChapterGap))
        wanted = (table.keep_height(FRAME_WIDTH) + heading.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + style.spaceBefore
                  + style.spaceAfter + gap + 1)
        breaks[-1].height = min(max(breaks[-1].height, wanted), FRAME_HEIGHT)

    def heading(self, text: str, level: int = 0, *, need: float = 0, new_page: bool = False,
                toc: bool = True, short: bool = False) -> None:
        """A heading with room below it guaranteed by a conditional page break (not keepWithNext, whose
        KeepTogether would move a heading and its long table to the next page as one block). `need` is the
        height of what must follow on the same page, such as a chart that cannot be split. A `short` chapter
        (a page or less) follows the one before on its page: it needs room for a few lines only, so it does not
        leave the page before it half white nor stand alone on a page of its own."""
        style = self.st[("h1", "h2", "h3")[level]]
        key = f"h{len(self.headings) + 1}"
        # a chapter, or a subheading, opens low no more
        room = (60 * mm if short else FRAME_HEIGHT * 0.35) if level == 0 else 50 * mm
        room = min(max(room, need + style.leading + style.spaceBefore + style.spaceAfter + 24), FRAME_HEIGHT)
        room_below = None if new_page else _RoomBelow(room)
        self.add(room_below or PageBreakIfNotEmpty())
        gap = _ChapterGap() if level == 0 else None
        if gap is not None:
            self.add(gap)
        heading = Heading(markup(text, BOLD), style, key=key, level=level, outline=text)
        if room_below is not None:
            room_below.space = gap or heading
        heading.in_toc = toc and level <= 1
        self.headings.append(heading)
        self.add(heading)

    def text(self, value: str, style: str = "body") -> None:
        """Prose typed by a person: blank lines separate paragraphs, single line breaks are kept."""
        for block in _blocks(value):
            self.add(Paragraph("<br/>".join(markup(line) for line in block), self.st[style]))

    def note(self, value: str) -> None:
        self.add(Paragraph(markup(value), self.st["note"]))

    def to_come(self) -> None:
        """An empty section: omitted for readers outside the team, marked in internal drafts."""
        self.note(_("To come: this section has no data yet."))

    def figures(self, pairs: list[tuple[str, str]]) -> None:
        """Key figures as a row of cards: a big value over a small label."""
        if not pairs:
            return
        width = FRAME_WIDTH / len(pairs)
        cells = [[_figure_value(value, width - 14, self.st["figure_value"]),
                  Paragraph(markup(caption), self.st["figure_label"])] for caption, value in pairs]
        table = Table([cells], colWidths=[width] * len(pairs), hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("BACKGROUND", (0, 0), (-1, -1), ZEBRA), ("LINEABOVE", (0, 0), (-1, 0), 2, PRIMARY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ("LINEAFTER", (0, 0), (-2, -1), 3, "white"),
        ]))
        self.add(table, Spacer(1, 8))


def _figure_value(value: str, width: float, style) -> Paragraph:
    """A key figure on one line: the type shrinks rather than break an amount."""
    size = style.fontSize
    while size > 8 and stringWidth(plain(value, BOLD), BOLD, size) > width:
        size -= 0.5
    if size != style.fontSize:
        style = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)
    return Paragraph(markup(value, BOLD), style)


def unbroken(value: str) -> str:
    """A phone number or amount that must stay on one line."""
    return (value or "").replace(" ", "\u00a0")


def _blocks(value: str) -> list[list[str]]:
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _day_range(start, end) -> str:
    """`24–25 maj 2012`, `30 April – 2 May 2012`, or two full dates across a new year."""
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{format_date(start, style='d MMMM')} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


# ---- sections -------------------------------------------------------------------------------------------

def bold(text: str) -> str:
    """User text as bold markup in a regular paragraph."""
    return f'<font name="{BOLD}">{markup(text, BOLD)}</font>'


def picture(data: bytes | None, width: float, height: float) -> Flowable | None:
    """A stored PNG or JPEG scaled to fit `width` x `height`, its proportions kept; None when it cannot be read
    (a damaged file must not stop the dossier)."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
        scale = min(width / w, height / h)
        image = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    except Exception:  # noqa: BLE001 - any unreadable image is the same problem: it is left out
        return None
    image.hAlign = "LEFT"
    return image


def invitation(story: Story) -> None:
    c = story.content
    if c.texts.invitation:
        story.heading(_("Invitation"))
        story.text(c.texts.invitation, "lead")
        if c.signature is not None:
            block: list[Flowable] = [Spacer(1, 10)]
            image = picture(c.signature.image, 60 * mm, 22 * mm)
            if image is not None:
                block.append(image)
            else:
                block.append(Spacer(1, 16))
            block.append(Paragraph(bold(c.signature.name), story.st["signature"]))
            for line in (c.signature.title, c.signature.organisation):
                if line:
                    block.append(Paragraph(markup(line), story.st["signature"]))
            story.add(KeepTogether(block))
    elif c.is_internal:
        story.heading(_("Invitation"))
        story.to_come()


def summary(story: Story) -> None:
    c = story.content
    parts = [(_("Summary"), c.texts.summary), (_("Why here, why now"), c.texts.motivation),
             (_("Legacy"), c.texts.legacy)]
    if not any(text for _t, text in parts) and not c.is_internal:
        return
    story.heading(_("Summary and motivation"), new_page=True)
    for title, text in parts:
        if text:
            story.heading(title, 1)
            story.text(text)
        elif c.is_internal:
            story.heading(title, 1)
            story.to_come()


def host_city(story: Story) -> None:
    c = story.content
    if not (c.texts.host_city or c.texts.access):
        if c.is_internal:
            story.heading(_("The host city and access"))
            story.to_come()
        return
    story.heading(_("{city}: the host city and access").format(city=c.cover.host_city)
                  if c.cover.host_city else _("The host city and access"), new_page=True)
    if c.texts.host_city:
        story.text(c.texts.host_city)
    v = c.venue
    places = _places(v) if v is not None else []
    if c.texts.access or places:
        story.heading(_("Getting here"), 1)
    if c.texts.access:
        story.text(c.texts.access)
    if places:
        rows = [[name, f"{format_number(km)} km", _("{n} min").format(n=format_number(minutes)) if minutes else ""]
                for name, km, minutes in places]
        story.heading(_("Distances and travel times from {venue}").format(venue=v.name), 2)
        story.add(data_table([Column(_("To"), 4), Column(_("Distance"), 1.5, True), Column(_("Travel time"), 1.5, True)],
                             rows))
        drawing = charts.access_diagram(v.name, places)
        story.add(KeepTogether([drawing]), Spacer(1, 8))
    if c.texts.practical:
        story.heading(_("Practical information"), 1)
        story.text(c.texts.practical)


def _places(v) -> list[tuple[str, Decimal, int | None]]:
    """(place, km, minutes) from the venue to the centre, the railway station and the airport, nearest first."""
    found = [(_("The city centre"), v.distance_centre_km, v.travel_centre_min),
             (_("The railway station"), v.distance_station_km, v.travel_station_min),
             (_("The airport"), v.distance_airport_km, v.travel_airport_min)]
    return [place for place in found if place[1] is not None]


def date_options(story: Story) -> None:
    c = story.content
    if not c.date_options:
        if c.is_internal:
            story.heading(_("Date options"))
            story.to_come()
        return
    story.heading(_("Date options"))
    rows = []
    for number, option in enumerate(c.date_options, start=1):
        days = (option.end - option.start).days + 1
        rows.append([str(number), _day_range(option.start, option.end), format_number(days),
                     _("Preferred") if option.preferred else "", option.note])
    story.add(data_table([Column(_("Option"), 1.1, True), Column(_("Dates"), 3.8), Column(_("Days"), 0.8, True),
                          Column("", 1.3), Column(_("Note"), 3.2)], rows))


def venue(story: Story) -> None:
    c = story.content
    v = c.venue
    if v is None and not c.venue_scores:
        if c.is_internal:
            story.heading(_("The venue"))
            story.to_come()
        return
    story.heading(_("The venue"))
    if v is not None:
        rows = _photo_rows(story, v.photos)
        # the venue's name, the first lines of its description and its first photos open a page together
        opening = rows[0].wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + 40 if rows else 0
        story.heading(v.name, 1, need=opening)
        if v.description:
            story.text(v.description)
        story.add(*rows[:-1])
        facts: list[tuple[str, str]] = []
        if v.address:
            facts.append((_("Address"), v.address))
        if v.capacity:
            facts.append((_("Largest room"), _("{n} seated").format(n=format_number(v.capacity))))
        for title, text in ((_("Accessibility"), v.accessibility), (_("Catering"), v.catering),
                            (_("AV and technology"), v.av)):
            if text:
                facts.append((title, text))
        if c.is_internal and v.status:
            facts.append((_("Status"), label(v.status, VenueStatus)))
        if c.is_internal and v.option_until:
            facts.append((_("Option held until"), format_date(v.option_until)))
        if c.is_internal and v.cost is not None:
            cost = money(v.cost)
            facts.append((_("Cost"), f"{cost} ({v.cost_note})" if v.cost_note else cost))
        if c.is_internal and v.contact:
            facts.append((_("Contact"), v.contact))
        # the last row of photos stays with the venue's facts: a picture never opens a page on its own
        block: list[Flowable] = rows[-1:]
        if facts:
            block += [key_value_table(facts), Spacer(1, 8)]
        if block:
            story.add(KeepTogether(block))
        if v.rooms:
            story.heading(_("Rooms by set-up and capacity"), 2)
            columns = [Column(_("Room"), 3.4), Column(_("Use"), 1.6), Column(_("Theatre"), 1.2, True),
                       Column(_("Classroom"), 1.3, True), Column(_("Banquet"), 1.2, True)]

            def seats(n: int) -> str:
                return format_number(n) if n else "–"

            rows = [[room.name, label(room.kind, RoomKind), seats(room.theatre), seats(room.classroom),
                     seats(room.banquet)] for room in v.rooms]
            if any(room.area_m2 for room in v.rooms):
                columns.append(Column(_("Area"), 1.2, True))
                for row, room in zip(rows, v.rooms, strict=True):
                    row.append(format_number(room.area_m2) + " m²" if room.area_m2 else "")
            story.add(data_table(columns, rows))
    if c.venue_scores:
        story.heading(_("How the candidates compare"), 1)
        story.text(_("Each candidate venue is scored against weighted criteria; a venue that misses a "
                     "must-have is ruled out whatever its score."))
        rows = [[format_number(s.rank), s.name, format_number(s.score, digits=1),
                 (_("Ruled out") + (f": {s.reason}" if s.reason else "")) if s.disqualified else ""]
                for s in c.venue_scores]
        story.add(data_table([Column(_("Rank"), 0.8, True), Column(_("Venue"), 4), Column(_("Score"), 1, True),
                              Column(_("Remark"), 3.5)], rows))


def photo_row_sizes(count: int) -> list[int]:
    """How many photos each row holds: three to a row, two where three would leave one alone (4 = 2 + 2,
    7 = 3 + 2 + 2); one or two photos share a row."""
    if count <= 2:
        return [count] if count else []
    sizes = [3] * (count // 3)
    if count % 3 == 1:
        sizes[-1:] = [2, 2]
    elif count % 3 == 2:
        sizes.append(2)
    return sizes


def _photo_rows(story: Story, photos) -> list[Table]:
    """The photos in rows (`photo_row_sizes`), each photo over its caption in one cell, so a caption never parts
    from its picture."""
    cells = []
    for photo in photos:
        data, caption = (photo, "") if isinstance(photo, bytes) else (photo.data, photo.caption)
        cells.append((data, caption))
    readable = [(data, caption) for data, caption in cells if picture(data, 10, 10) is not None]
    rows: list[Table] = []
    at = 0
    for size in photo_row_sizes(len(readable)):
        pair = readable[at:at + size]
        at += size
        column = FRAME_WIDTH / max(size, 2)
        height = (62 if size <= 2 else 46) * mm
        row = []
        for data, caption in pair:
            image = picture(data, column - 6, height)
            row.append([image, Paragraph(markup(caption), story.st["caption"])] if caption.strip() else image)
        table = Table([row + [""] * (max(size, 2) - len(row))], colWidths=[column] * max(size, 2), hAlign="LEFT")
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        rows.append(table)
    return rows


def _stars(n: int | None) -> str:
    return "★" * n if n else ""


def accommodation(story: Story) -> None:
    c = story.content
    if not c.accommodation:
        if c.is_internal:
            story.heading(_("Accommodation"))
            story.to_come()
        return
    story.heading(_("Accommodation"), short=True)
    noted = any(h.note for h in c.accommodation)
    rows = [[h.hotel, _stars(h.stars), format_number(h.rooms), money(h.rate) if h.rate else "",
             f"{format_number(h.distance_km)} km" if h.distance_km is not None else "",
             format_date(h.release) if h.release else ""] + ([h.note] if noted else [])
            for h in c.accommodation]
    total = [[_("Rooms in total"), "", format_number(sum(h.rooms for h in c.accommodation)), "", "", ""]
             + ([""] if noted else [])]
    columns = [Column(_("Hotel"), 3), Column(_("Stars"), 1.1), Column(_("Rooms a night"), 1.1, True),
               Column(_("Rate per night"), 1.4, True), Column(_("To the venue"), 1.2, True),
               Column(_("Release date"), 1.9, True)] + ([Column(_("Note"), 2.2)] if noted else [])
    story.add(data_table(columns, rows, totals=total))
    story.note(_("Rooms are held at the rates shown until the release date; rooms not booked by then go back to "
                 "the hotel."))
    start = c.cover.event_start
    if start is not None:
        nights = max(h.nights for h in c.accommodation) or 1
        first = start - timedelta(days=1)  # delegates arrive the evening before
        days = [first + timedelta(days=n) for n in range(min(nights, 6))]
        story.heading(_("Rooms held per night"), 1)
        columns = [Column(_("Hotel"), 3.2)] + [Column(format_date(day, style="d MMM"), 1, True) for day in days]
        rows = [[h.hotel] + [format_number(h.rooms) if n < h.nights else "–" for n in range(len(days))]
                for h in c.accommodation]
        total = [[_("Rooms in total")] + [format_number(sum(h.rooms for h in c.accommodation if n < h.nights))
                                          for n in range(len(days))]]
        story.add(data_table(columns, rows, totals=total))


def programme(story: Story) -> None:
    c = story.content
    if not c.sessions and not c.speakers:
        if c.is_internal:
            story.heading(_("Programme and speakers"))
            story.to_come()
        return
    story.heading(_("Programme and speakers"))
    scientific = [s for s in c.sessions if s.kind != SessionKind.SOCIAL.value]
    days = sorted({s.day for s in scientific})
    if days:
        story.text(_("The draft programme: the days, their sessions and rooms; confirmed speakers are named."))
    for day in days:
        title = format_date(day, style="EEEE d MMMM y")  # Swedish writes its days small: not as a heading
        story.heading(title[:1].upper() + title[1:], 1)
        rows = []
        for s in sorted((s for s in scientific if s.day == day), key=lambda s: (s.start is None, s.start)):
            when = f"{s.start:%H:%M}–{s.end:%H:%M}" if s.start and s.end else (f"{s.start:%H:%M}" if s.start else "")
            rows.append([when, s.title, label(s.kind, SessionKind), s.room, ", ".join(s.speakers)])
        story.add(data_table([Column(_("Time"), 1.2, True), Column(_("Session"), 3.6), Column(_("Format"), 1.2),
                              Column(_("Room"), 1.4), Column(_("Speakers"), 2.6)], rows))
    described = [s for s in scientific if s.abstract and s.kind != SessionKind.BREAK.value]
    if described:
        story.heading(_("The sessions"), 1)
        for s in described:
            story.add(KeepTogether([Paragraph(markup(s.title, BOLD), story.st["h3"]),
                                    *[Paragraph(markup(line), story.st["body"]) for block in _blocks(s.abstract)
                                      for line in block]]))
    if c.speakers:
        story.heading(_("Speakers"), 1)
        internal = c.is_internal
        columns = [Column(_("Name"), 2.4), Column(_("Organisation"), 2.4), Column(_("Topic"), 3)]
        if internal:
            columns += [Column(_("Status"), 1.3), Column(_("Contact"), 3), Column(_("Fee"), 1.3, True)]
        rows = []
        for sp in c.speakers:
            row: list = [sp.name, sp.organisation, sp.topic]
            if internal:
                row += [label(sp.status, SpeakerStatus), [sp.email, unbroken(sp.phone)],
                        money(sp.fee) if sp.fee else ""]
            rows.append(row)
        story.add(data_table(columns, rows))


def social_programme(story: Story) -> None:
    """The evenings and visits, following the programme on its page: each event's day, time, place, the seats
    there and what one guest costs."""
    c = story.content
    social = sorted((s for s in c.sessions if s.kind == SessionKind.SOCIAL.value), key=lambda s: (s.day, s.start))
    if not social and not c.texts.social_programme:
        if c.is_internal:
            story.heading(_("Social programme"))
            story.to_come()
        return
    story.heading(_("Social programme"), short=True)
    if c.texts.social_programme:
        story.text(c.texts.social_programme)
    if social:
        rows = []
        for s in social:
            when = f"{s.start:%H:%M}–{s.end:%H:%M}" if s.start and s.end else (f"{s.start:%H:%M}" if s.start else "")
            rows.append([format_date(s.day, style="EEE d MMM"), when, s.title,
                         ", ".join(x for x in (s.room, s.venue) if x),
                         format_number(s.capacity) if s.capacity else "",
                         unbroken(money(s.cost_per_head)) if s.cost_per_head else ""])
        story.add(data_table([Column(_("Day"), 1.5), Column(_("Time"), 1.3, True), Column(_("Event"), 2.8),
                              Column(_("Place"), 2.6), Column(_("Seats"), 0.9, True),
                              Column(_("Cost per head"), 1.4, True)], rows))
        described = [s for s in social if s.abstract]
        for s in described:
            story.add(KeepTogether([Paragraph(markup(s.title, BOLD), story.st["h3"]),
                                    *[Paragraph(markup(line), story.st["body"]) for block in _blocks(s.abstract)
                                      for line in block]]))


def site_inspection(story: Story) -> None:
    """The offer to come and see, after the timeline: the offer in the bid's words, the days proposed, and
    what a visit shows (the venue and its rooms, the hotels, the places of the social programme)."""
    c = story.content
    if not (c.texts.site_inspection or c.inspection_days):
        if c.is_internal:
            story.heading(_("Site inspection"))
            story.to_come()
        return
    story.heading(_("Site inspection"), short=True)
    if c.texts.site_inspection:
        story.text(c.texts.site_inspection)
    if c.inspection_days:
        story.heading(_("Proposed days"), 1, toc=False)
        rows = [[_day_range(d.start, d.end), d.title] for d in c.inspection_days]
        story.add(data_table([Column(_("Dates"), 3), Column(_("What"), 6)], rows))
    seen = _what_a_visit_shows(c)
    if seen:
        story.heading(_("What the committee will see"), 1, toc=False)
        story.add(data_table([Column(_("Place"), 3), Column(_("What you will see"), 5),
                              Column(_("To the venue"), 1.4, True)], seen))


def _what_a_visit_shows(c: DossierContent) -> list[list[str]]:
    """(place, what, distance) for the proposed venue, each hotel and each place of the social programme."""
    rows: list[list[str]] = []
    v = c.venue
    if v is not None:
        rooms = ", ".join(f"{r.name} ({format_number(r.capacity)})" for r in v.rooms if r.capacity)
        rows.append([v.name, _("The venue and its rooms: {rooms}").format(rooms=rooms) if rooms else _("The venue"),
                     ""])
    for h in c.accommodation:
        what = _("{n} rooms held a night").format(n=format_number(h.rooms))
        if h.stars:
            what = f"{_stars(h.stars)} · {what}"
        rows.append([h.hotel, what, f"{format_number(h.distance_km)} km" if h.distance_km is not None else ""])
    places: dict[str, list[str]] = {}
    for s in c.sessions:
        if s.kind == SessionKind.SOCIAL.value and s.room:
            place = ", ".join(x for x in (s.room, s.venue) if x)
            places.setdefault(place, []).append(s.title)
    for place, titles in places.items():
        rows.append([place, _("Venue for {events}").format(events=", ".join(titles)), ""])
    return rows


def team(story: Story) -> None:
    c = story.content
    if not c.team and not c.texts.bid_team:
        if c.is_internal:
            story.heading(_("The bid team and contacts"))
            story.to_come()
        return
    story.heading(_("The bid team and contacts"))
    if c.texts.bid_team:
        story.text(c.texts.bid_team)
    people = list(c.team)
    if c.signature is not None:
        named = {" ".join(p.name.split()).casefold() for p in people}
        if " ".join(c.signature.name.split()).casefold() not in named:
            people.insert(0, c_contact(c.signature.name, c.signature.title, c.signature.organisation))
    if people:
        rows = [[p.name, p.role, p.organisation, [p.email, unbroken(p.phone)]] for p in people]
        story.add(data_table([Column(_("Name"), 2.2), Column(_("Role"), 2.6), Column(_("Organisation"), 2.2),
                              Column(_("Contact"), 3)], rows))


def internal(story: Story) -> None:
    c = story.content
    if not c.is_internal or c.internal is None:
        return
    info = c.internal
    story.heading(_("Internal: readiness, risks and notes"))
    story.note(_("For the bid team only. Not to be sent to the committee or partners."))
    if info.readiness is not None or info.readiness_items:
        story.heading(_("Readiness"), 1)
        if info.readiness is not None:
            story.figures([(_("Ready to submit"), format_percent(info.readiness))])
        if info.readiness_items:
            rows = [[("✓ " + _("Done")) if item.done else ("✗ " + _("Missing")), item.label, item.detail]
                    for item in info.readiness_items]
            story.add(data_table([Column(_("State"), 1.2), Column(_("Check"), 3.5), Column(_("Detail"), 4)], rows))
    if info.risks:
        story.heading(_("Risks"), 1)
        rows = [[r.title, r.likelihood, r.consequence, r.mitigation] for r in info.risks]
        story.add(data_table([Column(_("Risk"), 3.5), Column(_("Likelihood"), 1.4), Column(_("Consequence"), 3),
                              Column(_("Mitigation"), 2.5)], rows))
    if c.scores:
        story.heading(_("Score comments"), 1)
        for line in c.scores:
            story.add(Paragraph("• " + markup(line), story.st["body"]))
    if info.notes:
        story.heading(_("Notes"), 1)
        for note in info.notes:
            story.add(KeepTogether([Paragraph("• " + markup(note), story.st["body"])]))
