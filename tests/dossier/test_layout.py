"""Layout a committee member sees: the Gantt's task names whole and its month labels apart at any span, a short
table whole on one page and no total row alone on a page, a photo on the page of its caption and its venue, and
short chapters sharing a page. Read back with pypdf: the text per page, its images, and the drawing's labels."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.shapes import Line
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from planner.dossier import charts
from planner.dossier.content import Photo, TaskItem
from planner.dossier.fonts import register_fonts
from planner.dossier.render import render
from planner.dossier.sections import photo_row_sizes
from planner.dossier.tables import Column, data_table
from planner.i18n import use_locale
from tests.dossier.sample import sample_content

LANGS = ("sv", "en")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


# -- the Gantt ------------------------------------------------------------------------------------------------

def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@pytest.mark.parametrize("lang", LANGS)
def test_month_labels_never_overlap_and_every_month_keeps_its_tick_at_any_span(lang):
    register_fonts()
    starts = [date(2011, 11, 30), date(2011, 11, 1), date(2011, 1, 15), date(2010, 12, 31)]
    lengths = [1, 10, 31, 45, 100, 180, 365, 500, 800, 1200, 2000]
    with use_locale(lang):
        for start in starts:
            for days in lengths:
                end = start + timedelta(days=days)
                tasks = [TaskItem("Start", start, start, True, "todo"), TaskItem("End", end, end, True, "todo")]
                drawing = charts.gantt(tasks, start, end)
                axis = [s for s in drawing.contents if getattr(s, "fontSize", None) == charts.AXIS_SIZE]
                spans = sorted((s.x, s.x + stringWidth(s.text, s.fontName, s.fontSize)) for s in axis)
                assert spans, (start, days)
                for (_a, right), (left, _b) in zip(spans, spans[1:], strict=False):
                    assert right + charts.AXIS_GAP <= left + 0.01, (lang, start, days, spans)
                assert spans[-1][1] <= drawing.width + 0.01
                ticks, labels = charts.month_axis(start, end, charts._label_w(drawing.width),
                                                  drawing.width - charts._label_w(drawing.width) - 6, drawing.width)
                assert len(ticks) == _months_between(start, end)  # a tick for every month, labelled or not
                # and no two month lines drawn as one thick line (a chart opening on 30 November)
                lines = sorted(line.x1 for line in drawing.contents
                               if isinstance(line, Line) and line.strokeWidth == 0.3)
                assert all(b - a >= charts.MIN_TICK_GAP for a, b in zip(lines, lines[1:], strict=False)), lines
                # labels on a regular step counted from January: the reader can count the months between them
                labelled = [m for m in charts._months(start, end)
                            if m >= start and charts.format_date(m, style="MMM yy") in [t for t, _x, _w in labels]]
                gaps = {(b.year - a.year) * 12 + b.month - a.month for a, b in zip(labelled, labelled[1:],
                                                                                   strict=False)}
                assert len(gaps) <= 1, (start, days, gaps)


def test_a_long_task_name_is_printed_whole_over_two_lines_inside_its_column():
    register_fonts()
    name = "Site inspection by the committee, second proposed day, with the mayor and the venue's director"
    tasks = [TaskItem(name, date(2012, 1, 11), date(2012, 1, 11), True, "todo"),
             TaskItem("Short", date(2011, 12, 1), date(2012, 1, 4), False, "todo")]
    with use_locale("en"):
        drawing = charts.gantt(tasks, date(2011, 11, 30), date(2012, 5, 24))
    column = charts._label_w(drawing.width) - 6
    labels = [s for s in drawing.contents if getattr(s, "x", None) == 2 and hasattr(s, "text")]
    assert " ".join(s.text for s in labels[:-1]) == name  # whole, no ellipsis
    assert len(labels) - 1 >= 2
    assert all(stringWidth(s.text, s.fontName, s.fontSize) <= column + 0.01 for s in labels)
    assert "…" not in "".join(s.text for s in labels)


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_page_prints_every_milestone_name_whole(lang):
    long = "Kommitténs platsbesök, andra föreslagna dag i Gävle och Sandviken"
    timeline = [TaskItem("Kandidaturen inlämnad", date(2011, 11, 30), date(2011, 11, 30), True, "todo"),
                TaskItem(long, date(2012, 1, 11), date(2012, 1, 11), True, "todo"),
                TaskItem("Konferensdagarna", date(2012, 5, 24), date(2012, 5, 24), True, "todo")]
    pages = _pages(render(sample_content(lang, timeline=timeline)).pdf)
    page = next(p for p in pages if "Konferensdagarna" in p and _flat(long) in _flat(p))
    # the chart's label and the milestone table both print it whole: twice on the page, never cut with "…"
    assert _flat(page).count(_flat(long)) == 2
    assert "Kommitténs platsbesök, andra…" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_gantt_legend_lists_only_the_marks_the_chart_draws(lang):
    """A committee's timeline of milestones draws diamonds only: its legend names no task bar; a timeline with
    tasks names the bar, and the green of a task done only where one is."""
    from planner.i18n import _

    with use_locale(lang):
        bar, diamond, done = _("Task: from its start to its due date"), _("Milestone"), _("Done")
    milestones = [TaskItem("Kandidaturen inlämnad", date(2011, 11, 30), date(2011, 11, 30), True, ""),
                  TaskItem("Konferensdagarna", date(2012, 5, 24), date(2012, 5, 24), True, "")]
    def legend(timeline: list[TaskItem]) -> set[str]:
        page = next(p for p in _pages(render(sample_content(lang, timeline=timeline)).pdf) if "Konferensdagarna" in p)
        return {mark for mark in (bar, diamond, done) if re.search(rf"^{re.escape(mark)}$", page, re.M)}

    assert legend(milestones) == {diamond}
    task = TaskItem("Lokalbokning", date(2011, 12, 1), date(2012, 1, 15), False, "todo")
    assert legend([*milestones, task]) == {bar, diamond}
    assert legend([*milestones, replace(task, status="done")]) == {diamond, done}


# -- the contents ---------------------------------------------------------------------------------------------

def _contents_pages(lang: str, entries: int) -> list[str]:
    """The table of contents alone, for `entries` headings (a chapter, then two sections, and so on)."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    from planner.dossier.render import _contents
    from planner.dossier.sections import Story
    from planner.dossier.templates import DossierCanvas, DossierDocTemplate

    story = Story(sample_content(lang))
    for n in range(entries):
        story.heading(f"Chapter {n}" if n % 3 == 0 else f"Section {n}", 0 if n % 3 == 0 else 1)
    out = io.BytesIO()
    doc = DossierDocTemplate(out, title="t", author="a", subject="s", lang="en", page_label="{page}/{total}",
                             running_title="t")
    doc.toc_keys = [h.key for h in story.headings]
    contents = _contents(story)  # then the headings the entries link to, from a page of their own
    doc.build([NextPageTemplate("body"), PageBreak(), *contents, PageBreak(), *story.flowables],
              canvasmaker=DossierCanvas)
    return _pages(out.getvalue())[1:doc.heading_pages[story.headings[0].key] - 1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_tighten_rather_than_leave_their_last_entries_alone_on_a_page(lang):
    """The partner edition's contents ran one entry over their page: the rows' spacing tightens so that they
    keep one page; contents too long for a page even so run on over two, every entry listed once."""
    register_fonts()
    with use_locale(lang):
        for entries in range(30, 41, 2):
            pages = _contents_pages(lang, entries)
            assert len(pages) == 1, entries
            assert f"Section {entries - 1}" in pages[0] or f"Chapter {entries - 1}" in pages[0], entries
        pages = _contents_pages(lang, 60)
    assert len(pages) == 2
    listed = re.findall(r"(?:Chapter|Section) \d+", "\n".join(pages))
    assert sorted(listed) == sorted(f"Chapter {n}" if n % 3 == 0 else f"Section {n}" for n in range(60))


# -- tables ---------------------------------------------------------------------------------------------------

def _place(flowables_before: float, table) -> list[str]:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, invariant=1)
    doc.build([Spacer(1, doc.height - flowables_before), table])
    return _pages(out.getvalue())


def test_a_short_table_with_its_total_is_never_split_across_pages():
    register_fonts()
    rows = [[f"Hotel {n}", str(10 * n)] for n in range(1, 6)]
    for room in range(20, 200, 5):  # the table starts lower and lower on the first page
        table = data_table([Column("Hotel", 3), Column("Rooms", 1, True)], rows, totals=[["Rooms in total", "150"]])
        pages = [p for p in _place(room, table) if "Hotel" in p]
        assert len(pages) == 1, room
        assert all(f"Hotel {n}" in pages[0] for n in range(1, 6)) and "Rooms in total" in pages[0]


def test_a_long_tables_total_row_never_starts_a_page_without_two_rows_above_it():
    register_fonts()
    rows = [[f"Line {n}", str(n)] for n in range(1, 41)]
    for room in range(20, 680, 7):
        table = data_table([Column("Line", 3), Column("N", 1, True)], rows, totals=[["Total", "820"]])
        pages = _place(room, table)
        holding = [p for p in pages if "Total" in p]
        assert len(holding) == 1, room
        body = [line for line in holding[0].splitlines() if line.startswith("Line ")]
        assert len(body) >= 2, (room, holding[0])
        assert sum(len([x for x in p.splitlines() if x.startswith("Line ")]) for p in pages) == 40


@pytest.mark.parametrize("lang", LANGS)
def test_the_hotels_table_and_its_total_share_a_page_with_its_heading(lang):
    """Wherever the accommodation chapter falls, its table and total are on one page, under the heading."""
    heading, total = ("Boende", "Rum totalt") if lang == "sv" else ("Accommodation", "Rooms in total")
    from decimal import Decimal

    from planner.domain.money import Money
    from planner.dossier.content import HotelBlock

    hotels = [HotelBlock(f"Hotell {name}", 40 + n, Money(99_500, "SEK"), Decimal("0.5"), "Rate incl. breakfast",
                         3, 2, date(2012, 4, 10)) for n, name in enumerate(("Järnvägsparken", "Gamla Gefle",
                                                                           "Stadsviken", "Strömsbro", "Clarion",
                                                                           "Scandic CH"))]
    base = sample_content(lang, accommodation=hotels)
    for lines in range(0, 60, 4):  # longer and longer text before it moves the chapter down the page
        texts = replace(base.texts, practical="\n\n".join(["A line about visas and local transport."] * lines))
        pages = _pages(render(replace(base, texts=texts)).pdf)
        at = [n for n, p in enumerate(pages) if "Hotell Järnvägsparken" in p]
        assert at, lines
        page = pages[at[0]]
        assert all(h.hotel in page for h in hotels), (lines, page[-600:])
        assert total in page and re.search(rf"^{heading}$", page, re.M), (lines, page[-600:])


# -- photos ---------------------------------------------------------------------------------------------------

def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(out, "JPEG")
    return out.getvalue()


def test_photos_go_three_or_two_to_a_row_and_never_one_alone():
    assert [photo_row_sizes(n) for n in range(1, 9)] == [[1], [2], [3], [2, 2], [3, 2], [3, 3], [3, 2, 2],
                                                          [3, 3, 2]]


@pytest.mark.parametrize("lang", LANGS)
def test_a_photo_is_on_the_page_of_its_caption_and_its_venue(lang):
    base = sample_content(lang)
    captions = ["The great hall", "The foyer", "The gasholders"]
    photos = [Photo(_jpeg(c), caption) for c, caption in zip(((200, 30, 30), (30, 160, 60), (30, 60, 200)),
                                                              captions, strict=True)]
    venue = replace(base.venue, photos=photos, description="A concert hall by the river.")
    address = "Adress" if lang == "sv" else "Address"
    for lines in range(0, 70, 5):  # the venue chapter opens lower and lower
        texts = replace(base.texts, practical="\n\n".join(["A line about visas and local transport."] * lines))
        reader = PdfReader(io.BytesIO(render(replace(base, texts=texts, venue=venue)).pdf))
        pages = [p.extract_text() or "" for p in reader.pages]
        for caption in captions:
            at = [n for n, p in enumerate(pages) if caption in p]
            assert len(at) == 1, (lines, caption)
            page = reader.pages[at[0]]
            assert len(page.images) >= 3, (lines, caption)  # the row of photos is on the caption's page
            # with the venue's name and its facts: no picture opens a page away from its venue
            assert "Gävle Konserthus" in pages[at[0]] and address in pages[at[0]], (lines, caption)


# -- the flow of short chapters -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_budget_follows_the_commitments_on_their_page_when_there_is_room(lang, tmp_path):
    """The demo's commitments end high on a page: the budget opens below them instead of on a page of its own."""
    from planner.config import Settings
    from planner.services.demo import load_demo
    from planner.services.dossier import export_dossier
    from planner.services.workspace import Workspace

    settings = Settings.load(db=str(tmp_path / "p.db"), env={"PLANNER_EXPORT_DIR": str(tmp_path / "exports"),
                                                              "PLANNER_DATA_DIR": str(tmp_path / "data"),
                                                              "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    try:
        bid_id, _created = load_demo(ws)
        result = export_dossier(ws, bid_id, audience="committee", locale=lang, output=tmp_path / "d.pdf",
                                today=date(2011, 11, 7), omit_confidential=True)
    finally:
        ws.close()
    pages = _pages(result.path.read_bytes())
    last = next(n for n, p in enumerate(pages) if "The Galaxy of Postproduction" in p and
                ("Konfidentiellt" in p or "Confidential" in p))
    assert re.search(r"^Budget$", pages[last], re.M), pages[last][-400:]


def _closing_story(lang: str, filler: float, level: int):
    """A page filled to `filler` points, a table, then a closing section (a heading and a short table of eight
    two-line rows) and an appendix on a page of its own: what the site inspection's last table is in the demo."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    from planner.dossier.sections import Story

    story = Story(sample_content(lang))
    story.add(NextPageTemplate("body"), PageBreak())
    story.heading("Site inspection", short=True)
    story.add(Spacer(1, filler))
    story.add(data_table([Column("Dates", 3), Column("What", 6)],
                         [["14 December 2011", "Proposed day one"], ["11 January 2012", "Proposed day two"]]))
    story.heading("Closing section", level, toc=False, short=True)
    story.add(data_table([Column("Place", 3), Column("What you will see", 5)],
                         [[f"Place {n}", f"A long description of what the visitors see at place {n}, set over "
                                         "two lines of the table"] for n in range(1, 9)]))
    story.heading("Appendix", new_page=True)
    story.text("The letters.")
    return story


def _build(story) -> list[str]:
    from planner.dossier.templates import DossierCanvas, DossierDocTemplate

    out = io.BytesIO()
    doc = DossierDocTemplate(out, title="t", author="a", subject="s", lang="en", page_label="{page}/{total}",
                             running_title="t")
    doc.build(story.flowables, canvasmaker=DossierCanvas)
    return _pages(out.getvalue())


@pytest.mark.parametrize("level", (0, 1))
@pytest.mark.parametrize("lang", LANGS)
def test_a_closing_section_that_misses_its_page_by_a_few_points_is_not_left_alone_on_the_next(lang, level):
    """A closing heading and its short table that miss the page by no more than the white space their heading
    adds above the space the table before it leaves keep the page (the two spaces overlap, the gap stays the
    larger one), instead of standing alone on a page before the appendix; one that cannot fit so moves whole."""
    from planner.dossier.styles import FRAME_HEIGHT, FRAME_WIDTH, styles

    register_fonts()
    with use_locale(lang):
        probe = _closing_story(lang, 0, level)
    first, closing = [f for f in probe.flowables if type(f).__name__ == "ChunkedTable"]
    style = styles()["h1" if level == 0 else "h2"]
    space = 18 if level == 0 else style.spaceBefore  # a chapter's gap above it, or a subheading's space
    overlapped = max(space - first.spaceAfter, 0)
    need = (overlapped + style.leading + style.spaceAfter + closing.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1])
    chapter = styles()["h1"]  # the page opens with the chapter's heading, then the filler and the first table
    left_at = (FRAME_HEIGHT - chapter.leading - chapter.spaceAfter - first.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1]
               - first.spaceAfter)
    stayed = moved = 0
    for short in range(-6, 16):  # points the page lacks for the closing section at its full spacing
        filler = left_at - (need + (space - overlapped)) + short
        with use_locale(lang):
            pages = _build(_closing_story(lang, filler, level))
        table_page = next(n for n, p in enumerate(pages) if "Proposed day two" in p)
        at = next(n for n, p in enumerate(pages) if re.search(r"^Closing section$", p, re.M))
        assert all(f"Place {n}" in pages[at] for n in range(1, 9)), short  # heading and table together
        room = left_at - filler
        if room >= need + 1.5:
            assert at == table_page, (short, room, need)  # it fits with the spaces overlapping: it stays
            stayed += 1
        elif room < need:
            assert at == table_page + 1, (short, room, need)
            moved += 1
    assert stayed >= 8 and moved >= 3, (stayed, moved)
