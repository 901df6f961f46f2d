"""Pictures in the dossier from the database: the venue chapter prints the bid's photos and the presented
venue's own (not another venue's), each with its caption in the dossier's language; a letter of support scanned
as a PNG or JPEG gets a page of its own in the appendix, the whole scan scaled to fit."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from planner.dossier.render import render
from planner.services import records
from planner.services.attachments import attach_image, attach_partner_letter, attach_venue_photo, set_caption
from planner.services.dossier import dossier_content
from planner.services.workspace import Workspace, create_bid
from planner.store.db import open_database

GREEN = (30, 160, 60)


def picture(path, size, colour=(200, 30, 30), fmt="PNG"):
    Image.new("RGB", size, colour).save(path, fmt)
    return path


@pytest.fixture
def bid(tmp_path):
    ws = Workspace(db=open_database(f"sqlite:///{tmp_path / 'p.db'}"), user="anna")
    bid = create_bid(ws, conference="Generator", host_city="Gävle", attendance_expected=200,
                     event_start=date(2012, 10, 4), event_end=date(2012, 10, 5), content_locale="sv")
    yield ws, bid.id
    ws.close()


def pdf(ws, bid_id, lang):
    content, _partner, warnings = dossier_content(ws, bid_id, audience="committee", locale=lang,
                                                  without_guarantee=True)
    made = render(content).pdf
    return PdfReader(io.BytesIO(made)), warnings, made


def chapter(reader, title) -> int:
    return next(reader.get_destination_page_number(e) for e in reader.outline
                if not isinstance(e, list) and e.title == title)


def test_the_venue_chapter_prints_its_photos_with_the_caption_in_the_dossier_language(bid, tmp_path):
    ws, bid_id = bid
    hall = records.add(ws, "venue", {"bid_id": bid_id, "name": "Konserthuset", "status": "option_held"})
    other = records.add(ws, "venue", {"bid_id": bid_id, "name": "Folkets hus"})
    photo = attach_venue_photo(ws, bid_id, hall.id, picture(tmp_path / "salen.png", (320, 200)),
                               caption="Stora salen & <foajén>")
    set_caption(ws, bid_id, photo.id, "Stora salen & <foajén>", "The great hall & <foyer>")
    attach_venue_photo(ws, bid_id, other.id, picture(tmp_path / "annan.png", (111, 77)), caption="Fel lokal")
    attach_image(ws, bid_id, "photo", picture(tmp_path / "stad.jpg", (150, 100), GREEN, "JPEG"))
    for lang, caption, not_printed in (("sv", "Stora salen & <foajén>", "The great hall"),
                                       ("en", "The great hall & <foyer>", "Stora salen")):
        reader, warnings, _made = pdf(ws, bid_id, lang)
        page = reader.pages[chapter(reader, "Lokalen" if lang == "sv" else "The venue")]
        assert caption in page.extract_text(), lang
        everything = "".join(p.extract_text() for p in reader.pages)
        assert not_printed not in everything and "Fel lokal" not in everything
        assert sorted(image.image.size for image in page.images) == [(150, 100), (320, 200)]
        assert warnings == []


def test_a_png_letter_gets_a_page_of_its_own_with_the_whole_scan(bid, tmp_path):
    ws, bid_id = bid
    partner = records.add(ws, "partner", {"bid_id": bid_id, "name": "Gävle kommun", "letter_status": "received"})
    scan = picture(tmp_path / "brev.png", (620, 877), GREEN)
    attach_partner_letter(ws, bid_id, partner.id, scan)
    reader, warnings, made = pdf(ws, bid_id, "en")
    assert warnings == []
    first = chapter(reader, "Appendix: letters of support")
    assert first == len(reader.pages) - 1  # one page for the one-page scan, the last
    page = reader.pages[first]
    assert "Letter of support from Gävle kommun" in page.extract_text()
    [image] = page.images
    assert image.image.size == (620, 877)
    assert image.image.convert("RGB").getpixel((300, 400)) == GREEN
    if shutil.which("pdftoppm") is None:
        return
    # looked at: the scan fills the page's body, its proportions kept, nothing of it cut off
    out = tmp_path / "page"
    (tmp_path / "d.pdf").write_bytes(made)
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", str(first + 1), "-l", str(first + 1),
                    str(tmp_path / "d.pdf"), str(out)], check=True)
    [png] = list(tmp_path.glob("page*.png"))
    shot = Image.open(png).convert("RGB")
    green = [(x, y) for x in range(shot.width) for y in range(shot.height)
             if sum(abs(a - b) for a, b in zip(shot.getpixel((x, y)), GREEN, strict=True)) < 40]
    xs, ys = [x for x, _y in green], [y for _x, y in green]
    width, height = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert height > shot.height * 0.6  # scaled up to fill the frame's height
    assert abs(width / height - 620 / 877) < 0.05  # its proportions kept
    assert min(xs) > 0 and max(xs) < shot.width - 1 and min(ys) > 0 and max(ys) < shot.height - 1

