"""Turn a `DossierContent` into PDF bytes: cover, contents, chapters, appendices, in the dossier's language."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageBreakIfNotEmpty,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner.dossier import figures, sections
from planner.dossier.content import DossierContent
from planner.dossier.fonts import BOLD, ITALIC, REGULAR, clean, markup, plain, register_fonts
from planner.dossier.letters import LetterSlot, letter_pages, merge_letters
from planner.dossier.sections import Story
from planner.dossier.styles import (
    ACCENT,
    BAND_HEIGHT,
    COVER_BAND,
    COVER_HERO,
    COVER_LOGO,
    COVER_META,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_LEFT,
    MUTED,
    PAGE_SIZE,
    PRIMARY,
    RULE,
    styles,
)
from planner.dossier.templates import DossierCanvas, DossierDocTemplate, Heading, TocPageNumber
from planner.i18n import _, use_locale
from planner.i18n.format import format_date
from planner.i18n.labels import label

Progress = Callable[[str, int, int], None]
PDF_LANG = {"sv": "sv-SE", "en": "en-GB"}

# the order of a bid book (IAPCO / ICCA practice): why here, getting here, when, where, where to sleep, what
# happens, who pays and what it brings, who bids, when things happen, come and see; the team's own last
SECTIONS = [sections.summary, sections.host_city, sections.date_options, sections.venue, sections.accommodation,
            sections.programme, sections.social_programme, figures.funding, figures.budget, figures.impact,
            sections.team, figures.timeline, sections.site_inspection, sections.internal]


@dataclass
class RenderResult:
    pdf: bytes
    pages: int
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # (level, title, page)
    warnings: list[str] = field(default_factory=list)


def render(content: DossierContent, *, progress: Progress | None = None) -> RenderResult:
    """Lay out the dossier in its own language (whatever the program's language is) and return the PDF."""
    register_fonts()
    with use_locale(content.locale):
        return _render(content, progress)


def _render(content: DossierContent, progress: Progress | None) -> RenderResult:
    story = Story(content)
    warnings: list[str] = []
    title = content.title or " – ".join(x for x in (content.cover.conference, content.cover.host_city) if x)
    story.add(*_cover(content), NextPageTemplate("body"), PageBreak())
    sections.invitation(story)
    toc_at = len(story.flowables)
    steps = SECTIONS + [_letters_section(warnings)]
    for index, section in enumerate(steps, start=1):
        section(story)
        if progress:
            progress("sections", index, len(steps))
    story.flowables[toc_at:toc_at] = _contents(story)

    buffer = io.BytesIO()
    subject = _("Bid dossier") + " – " + label(content.audience)
    if content.partner:
        subject += f" – {content.partner}"
    doc = DossierDocTemplate(
        buffer, title=clean(title), author=clean(content.cover.organiser), subject=clean(subject),
        lang=PDF_LANG.get(content.locale, content.locale), page_label=_("Page {page} of {total}"),
        running_title=title, running_note=_running_note(content), progress=progress,
        expected_pages=_estimate_pages(content),
        draw_cover=lambda canv: draw_cover(canv, content),
    )
    doc.toc_keys = [h.key for h in story.headings if h.in_toc]
    doc.build(story.flowables, canvasmaker=DossierCanvas)
    pdf = buffer.getvalue()
    if doc.letter_slots:
        pdf = merge_letters(pdf, doc.letter_slots)
    return RenderResult(pdf=pdf, pages=doc.page_count, headings=doc.outline, warnings=warnings)


def _running_note(content: DossierContent) -> str:
    """Top right of every page: the edition, so a printed page says who it was for."""
    if content.is_internal:
        return _("Internal draft: not for distribution.")
    if content.partner:
        return _("Prepared for {partner}").format(partner=content.partner)
    return label(content.audience)


def _estimate_pages(content: DossierContent) -> int:
    rows = len(content.speakers) + len(content.sessions) + 2 * len(content.timeline)
    rows += len(content.budget.lines) if content.budget else 0
    return 14 + rows // 40


def _cover(content: DossierContent) -> list[Flowable]:
    st = styles()
    cover = content.cover
    kicker = _("Bid to host")
    band = [Paragraph(markup(kicker.upper(), BOLD), st["cover_kicker"]),
            Paragraph(markup(cover.conference, BOLD), st["cover_title"])]
    if cover.edition:
        band.append(Paragraph(markup(cover.edition), st["cover_sub"]))
    place = ", ".join(x for x in (cover.host_city, cover.region) if x)
    if place:
        band.append(Paragraph(markup(place), st["cover_sub"]))
    if cover.promise:
        band.append(Spacer(1, 6))
        band.append(Paragraph(markup(cover.promise), st["cover_promise"]))
    # the title block sits at the foot of the colour band; a long title shrinks rather than overflow it
    height = sum(f.wrap(FRAME_WIDTH, COVER_BAND[3])[1] + f.getSpaceAfter() for f in band)
    flowables: list[Flowable] = [Spacer(1, max(COVER_BAND[3] - height - 2, 0)),
                                 KeepInFrame(FRAME_WIDTH, COVER_BAND[3], band, mode="shrink")]
    meta: list[tuple[str, str]] = []
    if cover.event_start:
        meta.append((_("The event"), sections._day_range(cover.event_start, cover.event_end or cover.event_start)))
    if cover.venue:
        meta.append((_("Venue"), cover.venue))
    if cover.organiser:
        meta.append((_("Submitted by"), cover.organiser))
    if cover.bid_date:
        meta.append((_("Date"), format_date(cover.bid_date)))
    if content.partner:
        meta.append((_("Prepared for"), content.partner))
    meta.append((_("Version"), label(content.audience)))
    rows = [[Paragraph(markup(k, BOLD), st["cover_meta"]), Paragraph(markup(v), st["cover_meta"])] for k, v in meta]
    table = Table(rows, colWidths=[FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.7], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    meta_flowables: list[Flowable] = [table]
    if content.is_internal:
        meta_flowables += [Spacer(1, 6), Paragraph(markup(_("Internal draft: not for distribution.")), st["note"])]
    flowables += [FrameBreak(), KeepInFrame(FRAME_WIDTH, COVER_META[3], meta_flowables, mode="shrink")]
    return flowables


def draw_cover(canv, content: DossierContent) -> None:
    """The cover's artwork: a colour band with an accent rule, and the logo when one is set."""
    width, height = PAGE_SIZE
    canv.setFillColor(PRIMARY)
    canv.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
    canv.setFillColor(ACCENT)
    canv.rect(0, height - BAND_HEIGHT - 5, width, 5, stroke=0, fill=1)
    # the logo sits on a white card at the band's top right, above the title block's frame (COVER_LOGO), so
    # neither the title nor the details below can run into it
    _draw_image(canv, content.cover.logo, COVER_LOGO, card=True)
    # the hero picture fills the space between the band and the details; its caption, if any, under it
    caption = plain(content.cover.hero_caption, ITALIC) if content.cover.hero else ""
    lines = simpleSplit(caption, ITALIC, 7.5, COVER_HERO[2]) if caption else []
    strip = len(lines) * 9.5 + 3 if lines else 0  # the caption's lines take the foot of the picture's box
    hero = (COVER_HERO[0], COVER_HERO[1] + strip, COVER_HERO[2], COVER_HERO[3] - strip)
    _draw_image(canv, content.cover.hero, hero, fill=True)
    if lines:
        canv.setFont(ITALIC, 7.5)
        canv.setFillColor(MUTED)
        for number, line in enumerate(lines):
            canv.drawString(COVER_HERO[0], COVER_HERO[1] + strip - 9.5 * (number + 1), line)
    canv.setFillColor(RULE)
    canv.rect(MARGIN_LEFT, 16 * mm, 18, 3, stroke=0, fill=1)


def _draw_image(canv, data: bytes | None, box: tuple[float, float, float, float], *, card: bool = False,
                fill: bool = False) -> None:
    """A stored picture in `box` (x, y, width, height), proportions kept: inside it, or filling it and cropped
    (`fill`); on a white card (`card`). A picture that cannot be read is left out; the cover prints without it."""
    if not data:
        return
    x, y, bw, bh = box
    canv.saveState()
    try:
        image = ImageReader(io.BytesIO(data))
        w, h = image.getSize()
        if fill:
            scale = max(bw / w, bh / h)
            path = canv.beginPath()
            path.rect(x, y, bw, bh)
            canv.clipPath(path, stroke=0, fill=0)
            canv.drawImage(image, x + (bw - w * scale) / 2, y + (bh - h * scale) / 2, w * scale, h * scale,
                           mask="auto")
        else:
            pad = 3 * mm if card else 0
            scale = min((bw - 2 * pad) / w, (bh - 2 * pad) / h)
            iw, ih = w * scale, h * scale
            if card:
                canv.setFillColor("white")
                canv.roundRect(x + bw - iw - 2 * pad, y + bh - ih - 2 * pad, iw + 2 * pad, ih + 2 * pad, 4,
                               stroke=0, fill=1)
            canv.drawImage(image, x + bw - iw - pad, y + bh - ih - pad, iw, ih, mask="auto")
    except Exception:  # noqa: BLE001 - a damaged picture must not stop the dossier
        pass
    finally:
        canv.restoreState()


def _contents(story: Story) -> list[Flowable]:
    st = styles()
    title = _("Contents")
    head = Heading(markup(title, BOLD), st["h1"], key="contents", level=0, outline=title)
    rows, cmds = [], [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    for heading in story.headings:
        if not heading.in_toc:
            continue
        style = st["toc1" if heading.level == 0 else "toc2"]
        if heading.level == 0:
            cmds.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.4, RULE))
        link = f'<a href="#{heading.key}">{heading.toc_markup}</a>'
        rows.append([Paragraph(link, style), TocPageNumber(heading.key, style.leading)])
    if not rows:
        return []
    # the contents on one page: the rows' padding tightens (3 pt down to 1.5 pt) rather than let the last entry
    # or two run over onto a page of their own; contents too long for a page at the tightest keep the 3 pt
    room = FRAME_HEIGHT - head.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] - st["h1"].spaceAfter - 4
    for padding in (3, 2.5, 2, 1.5, 3):
        table = Table(rows, colWidths=[FRAME_WIDTH - 40, 40], hAlign="LEFT", splitInRow=1, style=TableStyle(
            [*cmds, ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]))
        if table.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] <= room:
            break
    return [PageBreakIfNotEmpty(), head, Spacer(1, 4), table]


def _letters_section(warnings: list[str]):
    def section(story: Story) -> None:
        letters = story.content.letters
        pages = [(letter, letter_pages(letter, warnings)) for letter in letters]
        pages = [(letter, n) for letter, n in pages if n]
        if not pages:
            return
        story.heading(_("Appendix: letters of support"), new_page=True)
        for index, (letter, count) in enumerate(pages):
            if index:
                story.add(PageBreak())  # each letter on pages of its own
            story.heading(_("Letter of support from {partner}").format(partner=letter.partner), 1, toc=False)
            for page in range(count):
                if page:
                    story.add(PageBreak())
                story.add(LetterSlot(index, letter, page))
    return section
