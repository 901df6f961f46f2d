"""`planner attach letter|logo` and `planner detach letter|logo` through the real command, on a SQLite file."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from tests.store.test_attachments import pdf_file, png_file


def run(*args: str):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner")


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ")
    return line


def test_attach_then_detach_a_letter_and_the_logo(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    partner = run(*db, "add", "partner", "name=Gävle kommun", "kind=municipality").stdout.strip()
    other = run(*db, "add", "partner", "name=Sandvik AB", "kind=company").stdout.strip()
    letter = pdf_file(tmp_path / "kommun.pdf", "FROM THE MUNICIPALITY")
    assert run(*db, "attach", "letter", str(letter), "--partner", "Gävle kommun").exit_code == 0
    # the letter in hand is a letter received: its status follows the file, in the same audited step
    [shown] = [p for p in json.loads(run(*db, "list", "partner", "--json").stdout) if p["name"] == "Gävle kommun"]
    assert shown["letter_status"] == "received" and shown["letter_received_on"]
    assert "letter_status" in run(*db, "log").stdout
    assert run(*db, "attach", "logo", str(png_file(tmp_path / "logo.png"))).exit_code == 0
    assert len(json.loads(run(*db, "export", "json").stdout)["attachment"]) == 2

    removed = run(*db, "detach", "letter", partner)
    assert removed.exit_code == 0 and "kommun.pdf" in removed.stdout
    assert "No files" not in run(*db, "attach", "list").stdout
    assert run(*db, "detach", "logo").exit_code == 0
    assert "No files are attached" in run(*db, "attach", "list").stdout
    log = run(*db, "log").stdout
    assert log.count("deleted attachment") == 2

    assert "has no letter of support" in one_line(run(*db, "detach", "letter", partner), 1)
    assert "Sandvik AB has no letter" in one_line(run(*db, "detach", "letter", other), 1)
    assert "no partner 99" in one_line(run(*db, "detach", "letter", "99"), 1)
    assert "no logo" in one_line(run(*db, "detach", "logo"), 1)
    assert "PARTNER_ID" in one_line(run(*db, "detach", "letter", "x"), 2)
    assert "PARTNER_ID" in run(*db, "detach", "letter", "--help").stdout


def test_a_letter_attached_to_the_partner_named_by_id_or_name(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    kommun = run(*db, "add", "partner", "name=Gävle kommun", "kind=municipality").stdout.strip()
    shouting = run(*db, "add", "partner", "name=GÄVLE KOMMUN", "kind=other").stdout.strip()
    sandvik = run(*db, "add", "partner", "name=Sandvik AB", "kind=company").stdout.strip()
    letter = pdf_file(tmp_path / "brev.pdf", "SUPPORT")

    def letters() -> dict[int, str]:
        files = json.loads(run(*db, "export", "json").stdout)["attachment"]
        return {f["partner_id"]: f["filename"] for f in files if f["kind"] == "letter"}

    by_id = run(*db, "attach", "letter", sandvik, str(letter))  # PARTNER_ID FILE, as the issue writes it
    assert by_id.exit_code == 0, by_id.output
    assert "as the letter of support from Sandvik AB" in " ".join(by_id.stdout.split())
    assert letters() == {int(sandvik): "brev.pdf"}
    assert run(*db, "attach", "letter", "sandvik ab", str(letter)).exit_code == 0  # a name in any case
    assert run(*db, "attach", "letter", "Gävle kommun", str(letter)).exit_code == 0  # the name as written
    assert run(*db, "attach", "letter", str(letter), "--partner", shouting).exit_code == 0  # --partner still
    assert letters() == {int(sandvik): "brev.pdf", int(kommun): "brev.pdf", int(shouting): "brev.pdf"}
    # two partners answer to "gävle kommun": the message lists both ids
    line = one_line(run(*db, "attach", "letter", "gävle kommun", str(letter)), 1)
    assert f"ids {kommun}, {shouting}" in line and "give the id" in line
    assert "no partner 99" in one_line(run(*db, "attach", "letter", "99", str(letter)), 1)
    assert "no partner named 'Nobody'" in one_line(run(*db, "attach", "letter", "Nobody", str(letter)), 1)
    assert "PARTNER FILE" in one_line(run(*db, "attach", "letter", str(letter)), 2)
    assert "named twice" in one_line(run(*db, "attach", "letter", sandvik, str(letter), "--partner", "x"), 2)
    helped = " ".join(run(*db, "attach", "letter", "--help").stdout.split())
    assert "planner attach letter PARTNER FILE" in helped and "--partner" in helped
    swedish = " ".join(run(*db, "--locale", "sv", "attach", "letter", "--help").stdout.split())
    assert "planner attach letter PARTNER FIL" in swedish and "dess id eller namn" in swedish
    refused = run(*db, "--locale", "sv", "attach", "letter", "gävle kommun", str(letter))
    assert refused.exit_code == 1 and "ange id för den du menar" in refused.stderr


def _picture(path, size, fmt="PNG"):
    from PIL import Image

    Image.new("RGB", size, (200, 30, 30)).save(path, fmt)
    return path


def test_a_venue_photo_with_a_caption_listed_captioned_replaced_and_detached(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    venue = run(*db, "add", "venue", "name=Gävle Konserthus", "status=option_held").stdout.strip()
    hall = _picture(tmp_path / "salen.png", (320, 200))
    added = run(*db, "attach", "photo", venue, str(hall), "--caption", "Stora salen",
                "--translation", "The great hall")
    assert added.exit_code == 0 and "salen.png" in added.stdout and f"venue {venue}" in added.stdout
    [photo] = json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"]
    assert (photo["kind"], photo["venue_id"], photo["filename"], photo["width"], photo["height"]) == (
        "photo", int(venue), "salen.png", 320, 200)
    assert photo["caption"] == "Stora salen" and photo["translations"] == {"caption": {"en": "The great hall"}}
    shown = run(*db, "attach", "list").stdout
    assert "photo of Gävle Konserthus" in shown and "320 × 200 px" in shown and "Stora salen" in shown

    number = str(photo["id"])
    assert run(*db, "attach", "caption", number, "Salen", "--translation", "The hall").exit_code == 0
    assert run(*db, "attach", "replace", number, str(_picture(tmp_path / "ny.jpg", (60, 40), "JPEG"))).exit_code == 0
    [photo] = json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"]
    assert (photo["id"], photo["filename"], photo["media_type"], photo["width"], photo["caption"]) == (
        int(number), "ny.jpg", "image/jpeg", 60, "Salen")
    assert photo["translations"] == {"caption": {"en": "The hall"}}

    # the bid file carries it by the venue's number in the file, caption and translation with it
    document = json.loads(run(*db, "export", "json").stdout)
    [carried] = document["attachment"]
    assert carried["venue_id"] == document["venue"][0]["id"] and carried["caption"] == "Salen"
    assert carried["translations"] == {"caption": {"en": "The hall"}}

    # mistakes: one line each
    assert "no venue 99" in one_line(run(*db, "attach", "photo", "99", str(hall)), 1)
    assert "not of a type this takes (PNG, JPEG)" in one_line(
        run(*db, "attach", "photo", venue, str(pdf_file(tmp_path / "x.pdf", "x"))), 2)
    assert "caption" in one_line(run(*db, "attach", "caption", number, "x" * 400), 2)
    assert "control character" in one_line(run(*db, "attach", "caption", number, "a\x1b[2Jb"), 2)
    assert "VENUE_ID" in one_line(run(*db, "attach", "photo", "x", str(hall)), 2)

    removed = run(*db, "detach", "photo", number)
    assert removed.exit_code == 0 and "ny.jpg" in removed.stdout
    assert json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"] == []
    assert "no photo" in one_line(run(*db, "detach", "photo", number), 1)
    log = run(*db, "log").stdout
    assert "deleted attachment" in log


def test_a_letter_may_be_a_scan_and_a_venue_takes_its_photos_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    run(*db, "add", "partner", "name=Gävle kommun", "kind=municipality")
    scan = _picture(tmp_path / "brev.jpg", (620, 877), "JPEG")
    assert run(*db, "attach", "letter", str(scan), "--partner", "Gävle kommun").exit_code == 0
    venue = run(*db, "add", "venue", "name=Hall").stdout.strip()
    assert run(*db, "attach", "photo", venue, str(_picture(tmp_path / "a.png", (10, 10)))).exit_code == 0
    kinds = [(a["kind"], a["media_type"]) for a in json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"]]
    assert kinds == [("letter", "image/jpeg"), ("photo", "image/png")]
    assert run(*db, "delete", "venue", venue, "--yes").exit_code == 0
    kinds = [a["kind"] for a in json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"]]
    assert kinds == ["letter"]


def test_the_hero_image_and_the_signature_from_an_empty_bid_to_the_dossier_cover(tmp_path, monkeypatch):
    """attach image --as hero with its caption in both languages, the caption changed, the file replaced (it
    keeps its number and caption), the signature attached and removed, the photo of the bid; the committee
    dossier carries the hero image on its cover with the caption in the dossier's language."""
    import io

    from pypdf import PdfReader

    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db"), "--locale", "en"]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    dusk = _picture(tmp_path / "dusk.jpg", (1400, 620), "JPEG")
    night = _picture(tmp_path / "night.png", (700, 310))
    done = run(*db, "attach", "image", str(dusk), "--as", "hero", "--caption", "Gavleån i skymningen",
               "--translation", "The Gavle river at dusk")
    assert done.exit_code == 0, done.output
    number = done.stdout.split("(number ")[1].split(")")[0]
    [hero] = [a for a in json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"] if a["kind"] == "hero"]
    assert (str(hero["id"]), hero["caption"]) == (number, "Gavleån i skymningen")
    assert run(*db, "attach", "caption", number, "Gavleån en sommarkväll", "--translation",
               "The Gavle river on a summer evening").exit_code == 0
    assert run(*db, "attach", "replace", number, str(night)).exit_code == 0
    [hero] = [a for a in json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"] if a["kind"] == "hero"]
    assert (str(hero["id"]), hero["filename"], hero["caption"]) == (number, "night.png", "Gavleån en sommarkväll")

    signature = run(*db, "attach", "image", str(_picture(tmp_path / "sign.png", (600, 200))), "--as", "signature")
    assert signature.exit_code == 0
    signed = signature.stdout.split("(number ")[1].split(")")[0]
    assert "sign.png" in run(*db, "attach", "remove", signed).stdout
    assert run(*db, "attach", "image", str(dusk), "--as", "photo", "--caption", "Staden").exit_code == 0
    refused = run(*db, "attach", "image", str(tmp_path / "nothing.png"), "--as", "hero")
    assert refused.exit_code != 0 and "Traceback" not in refused.output and len(refused.stderr.splitlines()) == 1

    out = tmp_path / "committee.pdf"
    made = run(*db, "dossier", "--locale", "en", "-o", str(out), "--without-guarantee")
    assert made.exit_code == 0, made.output
    cover = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert [image.image.size for image in cover.images] == [(700, 310)]
    assert "The Gavle river on a summer evening" in cover.extract_text()
    assert run(*db, "attach", "remove", number).exit_code == 0
    assert "night.png" not in run(*db, "attach", "list").stdout


def test_a_caption_or_a_replacement_made_on_a_stale_version_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    venue = run(*db, "add", "venue", "name=Gävle Konserthus").stdout.strip()
    assert run(*db, "attach", "photo", venue, str(_picture(tmp_path / "salen.png", (32, 20)))).exit_code == 0

    def listed() -> dict:
        [photo] = json.loads(run(*db, "attach", "list", "--json").stdout)["attachments"]
        return photo

    number, seen = str(listed()["id"]), listed()["version"]
    assert seen == 1
    saved = run(*db, "attach", "caption", number, "Stora salen", "--if-version", "1")
    assert saved.exit_code == 0, saved.output
    assert (listed()["caption"], listed()["version"]) == ("Stora salen", 2)
    # a second editor who also read version 1: refused, naming who changed it, and theirs stands
    line = one_line(run(*db, "attach", "caption", number, "Salen", "--if-version", "1"), 1)
    assert "tester" in line and "not saved" in line and "Reload" in line
    line = one_line(run(*db, "attach", "replace", number, str(_picture(tmp_path / "ny.png", (8, 8))),
                        "--if-version", "1"), 1)
    assert "tester" in line and "not saved" in line
    assert (listed()["caption"], listed()["filename"], listed()["version"]) == ("Stora salen", "salen.png", 2)
    # at the version read again, both go through, a step each
    assert run(*db, "attach", "replace", number, str(tmp_path / "ny.png"), "--if-version", "2").exit_code == 0
    assert run(*db, "attach", "caption", number, "Salen", "--if-version", "3").exit_code == 0
    assert (listed()["caption"], listed()["filename"], listed()["version"]) == ("Salen", "ny.png", 4)
    assert "--if-version" in one_line(run(*db, "attach", "caption", number, "x", "--if-version", "x"), 2)
    for command in ("caption", "replace"):
        shown = " ".join(run("attach", command, "--help").stdout.split())
        assert "--if-version" in shown and "refused if someone changed" in shown
