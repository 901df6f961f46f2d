"""The dossier as a bid book: the demo's committee edition read page by page, its pictures, its layout
(no word broken in a table, no header alone at a page foot, bookmarks at their headings) and the economic
impact in the bid's own currency."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from planner.config import Settings
from planner.domain.enums import CommitmentStatus, TaskStatus
from planner.dossier.content import VenueFacts
from planner.dossier.render import render
from planner.i18n import use_locale
from planner.i18n.labels import label
from planner.services import records
from planner.services.demo import load_demo
from planner.services.dossier import export_dossier
from planner.services.planning import Planning
from planner.services.rates import set_manual_rate
from planner.services.workspace import Workspace, create_bid, load_bundle
from tests.dossier.sample import sample_content

TODAY = date(2011, 11, 7)
LANGS = ("sv", "en")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("book")
    settings = Settings.load(db=str(folder / "planner.db"), env={"PLANNER_EXPORT_DIR": str(folder / "exports"),
                                                                  "PLANNER_DATA_DIR": str(folder / "data"),
                                                                  "PLANNER_USER": "tester"})
    ws = Workspace.open(settings)
    bid_id, _created = load_demo(ws)
    score = load_bundle(ws, bid_id).scores[0]
    records.edit(ws, "venue_score", (score.venue_id, score.criterion_id),
                 {"comment": "The foyer is tight for the exhibition"})
    yield ws, bid_id, folder
    ws.close()


@pytest.fixture(scope="module")
def editions(demo):
    """The committee edition in both languages and the internal one: {name: (pdf bytes, pages' text)}."""
    ws, bid_id, folder = demo
    out = {}
    for name, audience, lang in (("sv", "committee", "sv"), ("en", "committee", "en"), ("internal", "internal", "en")):
        result = export_dossier(ws, bid_id, audience=audience, locale=lang, output=folder / f"{name}.pdf",
                                today=TODAY, omit_confidential=True)
        data = result.path.read_bytes()
        out[name] = (data, [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages])
    return out


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_committee_edition_is_a_bid_book_of_at_least_twenty_pages(editions, lang):
    data, pages = editions[lang]
    # short chapters follow the one before on its page instead of opening a half-white one; both editions
    # still run to 20 pages or more (the English one, its words shorter, a page less than the Swedish)
    assert len(pages) >= 20
    text = _spaced("\n".join(pages))
    sv = lang == "sv"
    for heading in (("Inbjudan", "Invitation"), ("Praktisk information", "Practical information"),
                    ("Avstånd och restider från Gävle Konserthus", "Distances and travel times from Gävle Konserthus"),
                    ("Rum efter möblering och kapacitet", "Rooms by set-up and capacity"),
                    ("Rum som hålls per natt", "Rooms held per night"), ("Socialt program", "Social programme"),
                    ("Finansiell garanti", "Financial guarantee"), ("Platsbesök", "Site inspection"),
                    ("Stödbrev från Region Gävleborg", "Letter of support from Region Gävleborg")):
        assert heading[0 if sv else 1] in text
    # the invitation is signed; the cover carries the promise, the dates and the venue
    # its title in the edition's language: written in English, translated into Swedish
    title = "Regionråd, Region Gävleborg" if sv else "Regional councillor, Region Gävleborg"
    assert "Eva Lindqvist" in _spaced(pages[1]) and title in _spaced(pages[1])
    cover = _spaced(pages[0])
    assert ("24–25 maj 2012" if sv else "24–25 May 2012") in cover and "Gävle Konserthus" in cover
    assert ("Två dagar vid Gavleån" if sv else "Two days by the Gavle river") in cover
    # the venue as the bid describes it, in the edition's language ("an 800-seat main hall", not "a 800-")
    assert ("en stor sal för 800" if sv else "with an 800-seat main hall") in text
    # travel times from the venue, in the table and the drawn diagram's labels
    assert "65 min" in text and "95 km" in text
    # every page but the cover is well filled: no page holds fewer than 200 characters, letters included
    thin = [n + 1 for n, page in enumerate(pages[1:], start=1) if len(page.strip()) < 200]
    assert not thin, f"pages with almost nothing on them: {thin}"


def _lowest_ink(png) -> float:
    """How far down the page (0 top, 1 foot) its content reaches, between the running head and the footer."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    for y in range(int(height * 0.92), int(height * 0.06), -1):
        if any(pixels[x, y] < 200 for x in range(int(width * 0.08), int(width * 0.92))):
            return y / height
    return 0.0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) is not installed")
@pytest.mark.parametrize("lang", LANGS)
def test_no_page_of_the_committee_edition_is_half_empty(editions, lang, tmp_path):
    """Every page from the invitation to the last chapter is filled past the middle of the page (rendered and
    measured); only the last chapter's page before the letters ends where the chapter ends."""
    data, pages = editions[lang]
    appendix = next(n for n, page in enumerate(pages) if ("Bilaga: stödbrev" if lang == "sv"
                                                          else "Appendix: letters of support") in page
                    and n > 2)
    (tmp_path / "d.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "d.pdf"), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(pages)
    filled = {n + 1: round(_lowest_ink(images[n]), 2) for n in range(1, appendix - 1)}
    thin = {page: share for page, share in filled.items() if share < 0.6}
    assert not thin, f"pages filled less than 60 % of their height: {thin}"
    # the social programme follows the programme, the site inspection the timeline: no page of their own
    for heading in (("Socialt program", "Social programme"), ("Platsbesök", "Site inspection")):
        title = heading[0 if lang == "sv" else 1]
        at = next(n for n, page in enumerate(pages) if n > 2 and re.search(rf"^{title}$", page, re.M))
        assert len(pages[at].strip()) > 1200, f"{title} stands on a nearly empty page"
    # the site inspection's closing table (a few points short of its page at full spacing) stays with it: no
    # page of its own in front of the letters
    closing = "Det här får kommittén se" if lang == "sv" else "What the committee will see"
    assert closing in pages[at], pages[at + 1][:300]
    assert ("Bilaga: stödbrev" if lang == "sv" else "Appendix: letters of support") in pages[at + 1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_social_programme_and_the_site_inspection_print_the_bids_own_content(editions, lang):
    text = _spaced("\n".join(editions[lang][1]))
    sv = lang == "sv"
    social = text[text.index("Socialt program" if sv else "Social programme", 3000):]
    # the dinner: its place (room and venue), its seats and its cost per head
    assert "Klocka 1, Gasklockorna" in social and ("450 kr" if sv else "SEK 450") in social
    assert ("Konferensmiddag" if sv else "Conference dinner") in social
    assert ("Båttur till Limön" if sv else "Boat trip to Limön") in social
    inspection = text[text.index("Platsbesök Vi bjuder" if sv else "Site inspection We would"):]
    inspection = inspection[:inspection.index("Stödbrev" if sv else "Letter of support")]
    assert ("14 december 2011" if sv else "14 December 2011") in inspection
    assert ("11 januari 2012" if sv else "11 January 2012") in inspection
    assert ("Det här får kommittén se" if sv else "What the committee will see") in inspection
    assert "Stora salen (800)" in inspection and "Hotell Järnvägsparken" in inspection


@pytest.mark.parametrize("lang", LANGS)
def test_the_team_chapter_lists_the_team_with_their_roles(editions, lang):
    text = _spaced("\n".join(editions[lang][1]))
    sv = lang == "sv"
    team = text[text.index("Kandidaturteamet och kontakter" if sv else "The bid team and contacts", 3000):]
    team = team[:team.index("Tidplan" if sv else "Timeline")]
    for name in ("Eva Lindqvist", "Maja Ekholm", "Jonas Wiklund", "Sara Lundgren", "Erik Hedlund",
                 "Annika Forsberg"):
        assert name in team
    assert ("Projektledare" if sv else "Project manager") in team
    assert ("Ordförande i styrgruppen" if sv else "Chair of the steering group") in team
    assert "maja.ekholm@example.org" in team  # the committee's contact, by the bid's own details
    assert team.count("Eva Lindqvist") == 1  # the signatory is a member: listed once
    assert "Ahmed Karimi" not in text  # not shown in the dossier
    assert "Ahmed Karimi" in _spaced("\n".join(editions["internal"][1]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_committee_edition_shows_the_bid_as_presented_not_the_working_material(demo, editions, lang):
    ws, bid_id, _folder = demo
    text = _spaced("\n".join(editions[lang][1]))
    with use_locale(lang):
        internal_words = [label(s, CommitmentStatus) for s in (CommitmentStatus.PROSPECT, CommitmentStatus.CONTACTED,
                                                               CommitmentStatus.DECLINED)]
        internal_words += [label(TaskStatus.TODO, TaskStatus)]
    for word in internal_words:
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    bundle = load_bundle(ws, bid_id)
    rejected = [v.name for v in bundle.venues if getattr(v.status, "value", v.status) == "rejected"]
    assert rejected and not any(name in text for name in rejected)
    assert ("Nollresultat" if lang == "sv" else "Break-even") not in text
    # a prospect's or a declined partner's support is not listed
    partners = {p.id: p.name for p in bundle.partners}
    unpresented = [partners[c.partner_id] for c in bundle.commitments
                   if getattr(c.status, "value", c.status) in ("prospect", "contacted", "declined")]
    funding = text[text.rindex("Åtaganden" if lang == "sv" else "Commitments"):]
    funding = funding[:funding.index("Budget")]
    assert unpresented and not any(name in funding for name in unpresented)


def test_the_internal_edition_prints_what_the_team_needs(demo, editions):
    ws, bid_id, _folder = demo
    text = _spaced("\n".join(editions["internal"][1]))
    bundle = load_bundle(ws, bid_id)
    signatories = [p.letter_signatory for p in bundle.partners if p.letter_signatory]
    assert signatories and all(s in text for s in signatories)
    comments = [s.comment for s in bundle.scores if s.comment]
    assert comments and all(_spaced(c)[:40] in text for c in comments)
    assert "Variance" in text and "Negotiable by about 10 %" in text  # a venue's cost note


def test_no_word_is_broken_inside_a_table_cell(demo, editions):
    """Every word of the names and descriptions the tables print is found whole on some line."""
    ws, bid_id, _folder = demo
    bundle = load_bundle(ws, bid_id)
    values = [p.name for p in bundle.partners] + [c.description for c in bundle.commitments]
    values += [h.hotel for h in bundle.accommodation] + [r.name for r in bundle.rooms]
    values += [s.display_name for s in bundle.speakers] + [s.organisation for s in bundle.speakers]
    for name in ("sv", "en"):
        text = "\n".join(editions[name][1])
        flat = re.sub(r"\s+", "", text)
        tokens = set(re.split(r"[\s,.():;]+", text))
        printed = [v for v in values if v and re.sub(r"\s+", "", v) in flat]  # printed, perhaps wrapped
        assert len(printed) > 20
        broken = sorted({w for v in printed for w in re.split(r"[\s,.():;]+", v) if len(w) >= 4 and w not in tokens})
        assert not broken, f"words broken across lines in {name}: {broken[:10]}"


def test_a_table_header_never_stands_at_a_page_foot_without_two_rows(tmp_path):
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from planner.dossier.tables import Column, data_table

    rows = [[f"Row {n}", str(n)] for n in range(1, 30)]
    for gap in range(0, 60, 4):  # the table starts lower and lower on the first page
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, invariant=1)
        doc.build([Spacer(1, doc.height - 40 - gap), data_table([Column("Header", 3), Column("N", 1, True)], rows)])
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(out.getvalue())).pages]
        for text in pages:
            if "Header" in text:
                body = [line for line in text.splitlines() if line.startswith("Row ")]
                assert len(body) >= 2, (gap, text)


def test_bookmarks_land_on_their_headings_and_the_outline_opens(editions):
    data, _pages = editions["en"]
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"].get("/PageMode") == "/UseOutlines"
    heights: dict[int, dict[str, float]] = {}

    def lines_of(index: int) -> dict[str, float]:
        if index not in heights:
            found: dict[str, float] = {}

            def visit(text, cm, tm, font, size):
                if text.strip():
                    found.setdefault(text.strip(), tm[5] * cm[3] + cm[5])

            reader.pages[index].extract_text(visitor_text=visit)
            heights[index] = found
        return heights[index]

    checked = 0
    for item in reader.outline:
        if isinstance(item, list):
            continue
        page = reader.get_destination_page_number(item)
        top = float(item.top)
        lines = lines_of(page)  # the heading itself, not a line that begins with its words (a milestone's)
        y = lines.get(item.title, next((y for text, y in lines.items() if text.startswith(item.title[:20])), None))
        if y is None:
            continue
        assert 0 < top - y < 40, (item.title, top, y)  # the destination is just above the heading's baseline
        checked += 1
    assert checked >= 8


def _solid(colour: tuple[int, int, int], fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(out, fmt)
    return out.getvalue()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) is not installed")
def test_png_and_jpeg_photos_and_the_hero_image_appear_on_the_rendered_pages(tmp_path):
    from dataclasses import replace

    red, green, blue = (200, 30, 30), (30, 160, 60), (40, 60, 200)
    content = sample_content("en")
    venue: VenueFacts = replace(content.venue, photos=[_solid(red, "PNG"), _solid(green, "JPEG")])
    content = replace(content, venue=venue, cover=replace(content.cover, hero=_solid(blue, "JPEG")))
    result = render(content)
    (tmp_path / "d.pdf").write_bytes(result.pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "d.pdf"), str(tmp_path / "p")], check=True)
    shown = {colour: 0 for colour in (red, green, blue)}
    for png in sorted(tmp_path.glob("p-*.png")):
        image = Image.open(png).convert("RGB")
        for pixel in image.get_flattened_data():
            for colour in shown:
                if sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 40:
                    shown[colour] += 1
    # each picture covers a good part of its box (30 dpi: a 80 x 55 mm photo is about 95 x 65 pixels)
    assert all(count > 1500 for count in shown.values()), shown


def test_the_economic_impact_of_a_euro_bid_is_in_euros_and_an_edited_figure_drops_the_citation(tmp_path):
    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db"), env={"PLANNER_USER": "tester"}))
    try:
        bid = create_bid(ws, conference="Nordic Design Days", host_city="Sandviken", base_currency="EUR",
                         event_start=date(2013, 9, 12), event_end=date(2013, 9, 13), attendance_expected=200)
        set_manual_rate(ws, "SEK", "10.0", date(2013, 1, 2))
        with use_locale("en"):
            impact = Planning.load(ws, bid.id, on=date(2013, 6, 1)).impact()
            assumption = impact.assumption.render(lambda s: s, str)
        # SEK 3,500 a delegate-day at 10 SEK to the euro: EUR 350, for 200 delegates over 2 days
        assert impact.spend_per_delegate_day.currency == "EUR"
        assert impact.spend_per_delegate_day.minor == 35_000
        assert impact.total.minor == 35_000 * 200 * 2
        assert "Swedish Network of Convention Bureaux" in assumption and "3500.00 SEK" in assumption
        records.edit(ws, "bid", (bid.id,), {"spend_per_delegate_day_minor": 42_000})
        with use_locale("en"):
            edited = Planning.load(ws, bid.id, on=date(2013, 6, 1)).impact()
        assert edited.total.minor == 42_000 * 200 * 2
        assert "Swedish Network" not in edited.assumption.render(lambda s: s, str)
    finally:
        ws.close()


def test_pictures_are_attached_listed_and_removed_from_the_command_line(tmp_path):
    db = str(tmp_path / "p.db")
    runner = CliRunner()

    def planner(*args):
        prepare_locale(["--locale", "en"])
        return runner.invoke(build_app(), ["--db", db, "--locale", "en", *args], catch_exceptions=False)

    assert planner("demo").exit_code == 0
    (tmp_path / "hero.jpg").write_bytes(_solid((10, 20, 30), "JPEG"))
    (tmp_path / "notes.txt").write_text("not a picture")
    done = planner("attach", "image", str(tmp_path / "hero.jpg"), "--as", "hero")
    assert done.exit_code == 0 and "as the cover's hero image" in done.output
    refused = planner("attach", "image", str(tmp_path / "notes.txt"), "--as", "photo")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    wrong = planner("attach", "image", str(tmp_path / "hero.jpg"), "--as", "poster")
    assert wrong.exit_code == 2
    listed = planner("attach", "list")
    number = re.search(r"(\d+)\s*│[^│]*│\s*hero\.jpg", listed.output)
    assert number, listed.output
    removed = planner("attach", "remove", number.group(1))
    assert removed.exit_code == 0 and "hero.jpg" in removed.output
    assert "hero.jpg" not in planner("attach", "list").output
    assert planner("attach", "remove", number.group(1)).exit_code != 0


def test_new_bid_book_fields_are_saved_and_carried_by_the_bid_file(tmp_path):
    from planner.services.bidfile import export_bid, import_bid

    ws = Workspace.open(Settings.load(db=str(tmp_path / "p.db"), env={"PLANNER_USER": "tester"}))
    try:
        bid_id, _created = load_demo(ws)
        venue = load_bundle(ws, bid_id).venues[0]
        records.edit(ws, "venue", (venue.id,), {"travel_airport_min": 61})
        text = export_bid(ws, bid_id)
        other = Workspace.open(Settings.load(db=str(tmp_path / "q.db"), env={"PLANNER_USER": "tester"}))
        try:
            new_id = import_bid(other, text)
            copy = load_bundle(other, new_id, with_files=True)
            assert copy.bid.signatory_name == "Eva Lindqvist" and copy.bid.spend_per_delegate_day_minor == 0
            assert any(v.travel_airport_min == 61 for v in copy.venues)
            assert copy.text("site_inspection", "sv") and copy.text("promise", "en")
            assert len([a for a in copy.attachments if a.kind == "photo"]) == 3
        finally:
            other.close()
    finally:
        ws.close()


# -- wide tables ------------------------------------------------------------------------------------------------

LONG_LINES = [
    "Internationaliseringsprogrammet för kulturföretagare",
    "Konferensanläggning och säkerhetsorganisation",
    "Simultantolkningsutrustning inklusive teknikerbemanning",
    "Marknadsföringskampanjer, webbplatsutveckling och sponsorrelationer",
]


def _wide_budget(lang: str):
    """An internal edition whose budget lines have long one-word names and eight-figure amounts."""
    from dataclasses import replace

    from planner.domain.enums import Audience
    from planner.domain.money import Money
    from planner.dossier.content import BudgetLineItem

    content = sample_content(lang, Audience.INTERNAL)
    big = [BudgetLineItem("venue", name, "expense", Money(98_765_432_00 + n, "SEK"), Money(87_654_321_00, "SEK"),
                          Money(76_543_210_00, "SEK"), Money(-12_345_678_00, "SEK"),
                          "Förhandlingsutrymme" if n % 2 else "")
           for n, name in enumerate(LONG_LINES)]
    return replace(content, budget=replace(content.budget, lines=big))


def _sizes_of(reader, words: list[str]) -> dict[str, float]:
    """{word: the font size it is drawn at} for words of `words` found on the pages."""
    found: dict[str, float] = {}

    for page in reader.pages:
        def visit(text, cm, tm, font, size):
            for word in words:
                if word in text:
                    found.setdefault(word, size * (tm[3] or 1))
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_wide_table_shrinks_its_font_a_step_before_a_word_would_break(lang):
    from planner.dossier.tables import CELL_SIZE, FLOOR_SIZE, Column, fit_table

    content = _wide_budget(lang)
    reader = PdfReader(io.BytesIO(render(content).pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    tokens = set(re.split(r"[\s,.():;]+", text))
    # every long word whole on a line: none split across two lines of its cell
    words = [w for name in LONG_LINES for w in re.split(r"[\s,]+", name) if len(w) > 3]
    broken = [w for w in words if w not in tokens]
    assert not broken, broken
    with use_locale(lang):
        from planner.domain.money import Money
        from planner.dossier.amounts import money

        amount = money(Money(98_765_432_00, "SEK")).replace("\u00a0", " ")
    assert amount in text.replace("\u00a0", " ")  # the eight-figure amount on one line
    # the budget lines' table is set smaller than the others, but no smaller than the floor
    sizes = _sizes_of(reader, ["Internationaliseringsprogrammet", "Simultantolkningsutrustning"])
    assert sizes and all(FLOOR_SIZE <= size < CELL_SIZE for size in sizes.values()), sizes
    # a table that fits keeps the full size
    widths, size = fit_table([Column("Name", 3), Column("Amount", 1, True)], [["Kaffe", "1 000 kr"]], 400)
    assert size == CELL_SIZE and sum(widths) <= 400
