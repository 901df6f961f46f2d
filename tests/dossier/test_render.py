"""The renderer, read back with pypdf: sections, page numbers, outline, links, metadata, determinism."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.domain.enums import Audience
from planner.dossier.content import BudgetLineItem, VenueScore
from planner.dossier.render import render
from planner.i18n import get_locale, translate
from tests.dossier.sample import NAMES, kr, many_tasks, sample_content

LABEL = {"en": "Page {page} of {total}", "sv": "Sida {page} av {total}"}


@pytest.fixture(scope="module")
def built():
    """One build per language and audience, shared by the read-only tests below."""
    out = {}
    for lang in ("en", "sv"):
        for audience in (Audience.COMMITTEE, Audience.INTERNAL):
            out[lang, audience] = render(sample_content(lang, audience))
    return out


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sections_are_present_in_the_dossier_language(built, read_back, lang):
    result = built[lang, Audience.COMMITTEE]
    pdf = read_back(result.pdf)
    for heading in ("Contents", "Invitation", "The venue", "Partners and funding", "Budget", "Timeline",
                    "Economic impact", "The bid team and contacts"):
        assert translate(lang, heading) in pdf.text
    assert "Internal: readiness, risks and notes" not in pdf.text
    assert translate(lang, "Internal: readiness, risks and notes") not in pdf.text
    assert len(pdf.pages) == result.pages


def test_the_program_language_is_left_as_it_was(built):
    render(sample_content("sv"))
    assert get_locale() == "en"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_page_after_the_cover_says_page_n_of_m(built, read_back, lang):
    result = built[lang, Audience.INTERNAL]
    pdf = read_back(result.pdf)
    total = len(pdf.pages)
    assert total >= 5
    for index in range(1, total):
        expected = LABEL[lang].format(page=index + 1, total=total)
        assert expected in pdf.spaced(index), (index, pdf.spaced(index)[:200])


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_outline_entries_point_to_the_pages_of_their_headings(built, read_back, lang):
    result = built[lang, Audience.INTERNAL]
    pdf = read_back(result.pdf)
    outline = pdf.outline()
    assert outline == result.headings
    for _level, title, page in outline:
        assert title.replace(" ", "") in pdf.flat(page - 1), (title, page)
    top = [title for level, title, _page in outline if level == 0]
    assert translate(lang, "Budget") in top and translate(lang, "Contents") in top


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_contents_lists_each_chapter_with_its_page_and_links_there(built, read_back, lang):
    result = built[lang, Audience.COMMITTEE]
    pdf = read_back(result.pdf)
    contents_page = next(page for level, title, page in pdf.outline() if title == translate(lang, "Contents"))
    toc = pdf.spaced(contents_page - 1)
    chapters = [(title, page) for level, title, page in result.headings if level == 0 and page != contents_page]
    assert chapters
    for title, page in chapters:
        assert f"{title} {page}" in toc, (title, page, toc)
    links = pdf.links(contents_page - 1)
    assert sorted(set(page for _t, page in chapters)) == sorted(set(links) & {p for _t, p in chapters})
    # each entry links (title and page number) to where its heading is
    wanted = {page for level, _title, page in result.headings if level <= 1 and page != contents_page}
    assert wanted <= set(links)


def test_same_input_gives_a_byte_identical_file():
    first = render(sample_content("sv", Audience.INTERNAL)).pdf
    render(sample_content("en"))  # another document in between must not change anything
    second = render(sample_content("sv", Audience.INTERNAL)).pdf
    assert first == second


def test_metadata_title_author_subject_and_language(read_back):
    pdf = read_back(render(sample_content("sv")).pdf)
    meta = pdf.reader.metadata
    assert meta.title == "Generator 2012 – Gävle"
    assert meta.author == "Region Gävleborg"
    assert "Kandidaturdossier" in meta.subject or "Bid dossier" in meta.subject
    assert pdf.reader.trailer["/Root"]["/Lang"] == "sv-SE"


def test_fonts_are_embedded_dejavu_not_helvetica(read_back):
    pdf = read_back(render(sample_content("en")).pdf)
    fonts = set()
    for page in pdf.reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font  # the glyphs travel with the file
    assert fonts and all("DejaVu" in name for name in fonts), fonts


def test_european_names_extract_as_typed(built, read_back):
    pdf = read_back(built["en", Audience.INTERNAL].pdf)
    for name in NAMES:
        assert name.replace(" ", "") in pdf.flat(), name
    for word in ("Łukasz", "Dvořák", "Παπαδόπουλος", "Петрова", "Țăranu", "Doğan", "Kőváry"):
        assert word in pdf.text


def test_markup_characters_in_user_text_print_as_typed(read_back):
    content = sample_content("en", venue_scores=[VenueScore("Bar & Bistro <Kök>", 50, 1),
                                                 VenueScore("x<y & AT&T &amp; <b>bold</b>", 40, 2)])
    content = replace(content, texts=replace(content.texts, summary="if a<b then c>d & e; <font size=40>"))
    pdf = read_back(render(content).pdf)
    assert "Bar & Bistro <Kök>" in pdf.text
    assert "x<y & AT&T &amp; <b>bold</b>" in pdf.text
    assert "if a<b then c>d & e; <font size=40>" in pdf.text


def test_amounts_never_break_across_lines(built, read_back):
    pdf = read_back(built["sv", Audience.INTERNAL].pdf)
    lines = [line.replace("\u00a0", " ") for page in pdf.pages for line in page.splitlines()]
    for amount in ("1 550 000 kr", "1 360 000 kr", "4 725 000 kr", "-100 000 kr"):
        assert any(amount in line for line in lines), amount


@pytest.mark.parametrize("lang,expected", [("sv", "7 mars 2012"), ("en", "7 March 2012")])
def test_dates_and_money_are_formatted_per_language(read_back, lang, expected):
    pdf = read_back(render(sample_content(lang)).pdf)
    text = pdf.text.replace("\u00a0", " ")
    assert expected in text
    # whole units, the currency spaced as the language does: "520 000 kr", "SEK 520,000"
    assert ("520 000 kr" if lang == "sv" else "SEK 520,000") in text.replace("\xa0", " ")
    assert ("1 550 000 kr" if lang == "sv" else "SEK 1,550,000") in text


def test_long_tables_repeat_the_header_on_every_page_and_keep_every_row(read_back):
    lines = [BudgetLineItem("catering", f"Lunch item {n:05d}", "expense", kr(n + 1), kr(n), kr(n), kr(-1))
             for n in range(1500)]
    base = sample_content("en", Audience.INTERNAL)
    content = replace(base, budget=replace(base.budget, lines=lines), timeline=many_tasks(120))
    pages: list[tuple[str, int, int]] = []
    result = render(content, progress=lambda stage, done, total: pages.append((stage, done, total)))
    pdf = read_back(result.pdf)
    with_rows = [i for i, text in enumerate(pdf.pages) if "Lunch item" in text]
    assert len(with_rows) >= 20
    for index in with_rows:
        assert "Line Planned Committed Actual Variance" in pdf.spaced(index), index
        assert pdf.spaced(index).count("Line Planned Committed Actual Variance") == 1
    for n in range(1500):
        assert f"Lunch item {n:05d}" in pdf.text
    page_events = [done for stage, done, _total in pages if stage == "pages"]
    assert page_events == list(range(1, result.pages + 1))
    assert any(stage == "sections" for stage, _d, _t in pages)


def test_an_empty_section_is_left_out_for_the_committee_and_marked_internally(read_back):
    committee = read_back(render(sample_content("en", accommodation=[])).pdf)
    assert "Accommodation" not in committee.text
    internal = read_back(render(sample_content("en", Audience.INTERNAL, accommodation=[])).pdf)
    assert "Accommodation" in internal.text
    assert "To come: this section has no data yet." in internal.text


def test_glyphs_no_bundled_face_has_print_as_a_visible_substitute(read_back):
    content = sample_content("en", venue_scores=[VenueScore("会議場 Konferens", 50, 1)])
    pdf = read_back(render(content).pdf)
    assert "\ufffd\ufffd\ufffd Konferens" in pdf.text


def _letter(path, text: str, pages: int = 1):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(pages):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, 760, f"{text} {number + 1}")
        canvas.rect(36, 36, A4[0] - 72, A4[1] - 72)
        canvas.showPage()
    canvas.save()
    return path


def test_letters_of_support_are_appended_as_pages_with_footer_and_bookmark(tmp_path, read_back):
    from planner.dossier.content import Letter

    letters = [Letter("Gävle kommun",
                      _letter(tmp_path / "kommun.pdf", "LETTER FROM THE MUNICIPALITY", 2).read_bytes()),
               Letter("Broken AB", b"%PDF-1.4 this is no PDF")]
    plain_result = render(sample_content("en"))
    result = render(sample_content("en", letters=letters))
    assert result.pages == plain_result.pages + 2  # the appendix opens on the first letter's page
    assert any("Broken AB" in warning for warning in result.warnings)
    pdf = read_back(result.pdf)
    assert len(pdf.pages) == result.pages
    assert "LETTER FROM THE MUNICIPALITY 1" in pdf.pages[-2]
    assert "LETTER FROM THE MUNICIPALITY 2" in pdf.pages[-1]
    assert f"Page {result.pages} of {result.pages}" in pdf.spaced(result.pages - 1)
    entry = [page for _level, title, page in pdf.outline() if title == "Letter of support from Gävle kommun"]
    assert entry == [result.pages - 1]
    assert render(sample_content("en", letters=letters)).pdf == result.pdf


def test_the_benchmark_content_lays_out_with_every_line(read_back):
    """The benchmark's generator at a small size: keeps benchmarks/dossier_bench.py from rotting."""
    from benchmarks.dossier_bench import large_content, plain_reportlab

    content = large_content(speakers=60, lines=400, tasks=50)
    result = render(content)
    pdf = read_back(result.pdf)
    for n in (0, 199, 399):
        assert f"item {n}:" in pdf.text
    pages, _wall, _cpu = plain_reportlab(content)
    assert pages > 5 and result.pages > pages / 2


def test_a_logo_is_drawn_on_the_cover_and_a_broken_one_is_left_out(tmp_path, read_back):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    with_logo = render(sample_content("en", cover=replace(sample_content("en").cover, logo=logo.read_bytes())))
    cover = read_back(with_logo.pdf).reader.pages[0]
    images = [x for x in (cover["/Resources"].get("/XObject") or {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert len(images) == 1
    broken = b"\x89PNG\r\n\x1a\n but not an image"
    assert render(sample_content("en", cover=replace(sample_content("en").cover, logo=broken))).pages


def test_no_heading_is_left_alone_at_the_foot_of_a_page(read_back):
    lines = [BudgetLineItem(cat, f"{cat} item {n}", "expense", kr(n + 1)) for cat in ("venue", "catering", "travel",
                                                                                     "staff", "printing")
             for n in range(37 + len(cat))]
    base = sample_content("en", Audience.INTERNAL)
    result = render(replace(base, budget=replace(base.budget, lines=lines), timeline=many_tasks(90)))
    pdf = read_back(result.pdf)
    for _level, title, page in result.headings:
        text = pdf.spaced(page - 1)
        after = text[text.rindex(title) + len(title):].strip()
        assert after, (title, page)


def test_a_text_longer_than_a_page_in_a_table_cell_continues_on_the_next_page(read_back):
    from planner.dossier.content import Risk, SpeakerItem

    long = " ".join(f"word{n}" for n in range(6000))
    base = sample_content("en", Audience.INTERNAL)
    content = replace(base, speakers=[SpeakerItem("Ann", "Org", "", long)],
                      venue=replace(base.venue, accessibility=long, name=long[:3000]),
                      internal=replace(base.internal, risks=[Risk("r", "", long[:1900], long[:1900])], notes=[long]))
    pdf = read_back(render(content).pdf)
    assert pdf.text.count("word5999") == 2  # the venue's accessibility and the note, in full
    assert "word1899" in pdf.text and len(pdf.pages) > 20
    shortened = long[:2000].rstrip() + " …"  # the speaker's topic, shortened in its table cell
    assert shortened[-40:].replace(" ", "") in pdf.flat()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_programme_days_heading_opens_with_a_capital_in_swedish_too(built, read_back, lang):
    """Swedish writes the day of the week small ('torsdag 24 maj'); as a heading it opens with a capital, in the
    text, the contents and the outline alike."""
    import re

    result = built[lang, Audience.COMMITTEE]
    days = [title for level, title, _page in result.headings if level == 1 and re.fullmatch(r"\w+ \d+ \w+ \d{4}",
                                                                                             title)]
    assert days
    assert all(title[0].isupper() for title in days), days
    text = read_back(result.pdf).text
    assert all(text.count(title) >= 2 for title in days), days  # the heading and its line in the contents
