"""Attachments are stored, not referenced: read once when attached (20 MB, PDF / PNG / JPEG by their bytes),
kept in the database, carried in the bid file as base64 with their SHA-256; a path is never opened afterwards.

Before: `letter_file` and `logo_path` were paths the dossier opened, so an imported bid file could embed any
local PDF in the committee edition, read /dev/zero until killed at 24 GB, or hang on a FIFO.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import threading

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from planner.domain import attachments as A
from planner.services import workspace as wsvc
from planner.services.attachments import (
    AttachmentRefused,
    attach_letter,
    attach_logo,
    stored_files,
    unattached_paths,
)
from planner.store import migrations
from planner.store import models as m
from planner.store.db import open_database

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def pdf_file(path, text: str):
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return path


def png_file(path):
    from PIL import Image

    Image.new("RGB", (60, 20), (31, 78, 121)).save(path)
    return path


@pytest.fixture
def bid_ws(any_db_url):
    ws = wsvc.Workspace(db=open_database(any_db_url), user="anna")
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    wsvc.add_record(ws, m.Partner(bid_id=bid.id, name="Gävle kommun"))
    yield ws, bid.id
    ws.close()


def test_a_letter_and_a_logo_are_kept_in_the_database_and_the_files_no_longer_matter(bid_ws, tmp_path):
    ws, bid_id = bid_ws
    letter = pdf_file(tmp_path / "stod.pdf", "VI STODJER KANDIDATUREN")
    logo = png_file(tmp_path / "logo.png")
    expected = {A.LETTER: letter.read_bytes(), A.LOGO: logo.read_bytes()}
    attach_letter(ws, bid_id, "Gävle kommun", letter)
    attach_logo(ws, bid_id, logo)
    letter.unlink()
    logo.write_bytes(b"changed afterwards")
    files = stored_files(ws, bid_id)
    [kept_letter] = files.letters.values()
    assert kept_letter.data == expected[A.LETTER] and files.logo.data == expected[A.LOGO]
    assert kept_letter.sha256 == A.sha256(expected[A.LETTER]) and kept_letter.media_type == A.PDF
    assert files.logo.media_type == A.PNG and files.logo.filename == "logo.png"
    # attaching again replaces, and the audit log has both without the bytes
    attach_logo(ws, bid_id, png_file(tmp_path / "new.png"))
    assert stored_files(ws, bid_id).logo.filename == "new.png"
    from planner.services.team import audit_log

    entries = [e for e in audit_log(ws, bid_id, limit=0) if e.entity == "attachment"]
    assert [e.action for e in entries] == ["create", "delete", "create", "create"]
    assert all("data" not in e.after and "data" not in e.before for e in entries)


def written(path, data: bytes):
    path.write_bytes(data)
    return path


def sparse(path, size: int):
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.parametrize("make, reason", [
    (lambda p: written(p, b"<html>not a pdf</html>"), "not of a type this takes \\(PDF, PNG, JPEG\\)"),
    (lambda p: written(p, b"GIF89a" + b"\x00" * 40), "not of a type this takes \\(PDF, PNG, JPEG\\)"),
    (lambda p: written(p, b""), "empty"),
    (lambda p: sparse(p, A.MAX_BYTES + 1), "larger than 20 MB"),
    (lambda p: (os.mkfifo(p), p)[1], "not a file that can be attached"),
    (lambda p: p.parent, "not a file that can be attached"),
    (lambda p: p.parent / "missing.pdf", "No such file"),
])
def test_a_letter_that_is_not_a_pdf_or_picture_of_at_most_20_mb_is_refused_with_the_reason(bid_ws, tmp_path, make, reason):
    ws, bid_id = bid_ws
    source = make(tmp_path / "letter.pdf")
    with pytest.raises(AttachmentRefused, match=reason) as refused:
        attach_letter(ws, bid_id, "Gävle kommun", source)
    assert str(source) in str(refused.value)
    assert stored_files(ws, bid_id).letters == {}


def test_the_device_that_never_ends_is_not_read(bid_ws):
    ws, bid_id = bid_ws
    with pytest.raises(AttachmentRefused, match="not a file that can be attached"):
        attach_logo(ws, bid_id, "/dev/zero")


def test_a_logo_must_be_png_or_jpeg(bid_ws, tmp_path):
    ws, bid_id = bid_ws
    with pytest.raises(AttachmentRefused, match=r"PNG, JPEG"):
        attach_logo(ws, bid_id, pdf_file(tmp_path / "logo.pdf", "x"))
    jpeg = tmp_path / "logo.jpg"
    from PIL import Image

    Image.new("RGB", (10, 10)).save(jpeg, "JPEG")
    assert attach_logo(ws, bid_id, jpeg).media_type == A.JPEG


def test_the_bid_file_carries_the_files_as_base64_with_their_sha256(bid_ws, tmp_path, any_db_url):
    from planner.services.bidfile import export_bid
    from planner.services.bidfile import import_bid as import_text

    ws, bid_id = bid_ws
    letter = pdf_file(tmp_path / "stod.pdf", "LETTER IN THE FILE")
    attach_letter(ws, bid_id, "Gävle kommun", letter)
    text = export_bid(ws, bid_id)
    [row] = json.loads(text)["attachment"]
    assert base64.b64decode(row["data"]) == letter.read_bytes() and row["sha256"] == A.sha256(letter.read_bytes())
    letter.unlink()
    other = wsvc.Workspace(db=open_database(f"sqlite:///{tmp_path / 'other.db'}"), user="bertil")
    try:
        new_id = import_text(other, text)
        [kept] = stored_files(other, new_id).letters.values()
        assert kept.data == base64.b64decode(row["data"])
        assert export_bid(other, new_id) == text  # and back, byte for byte
    finally:
        other.close()


@pytest.mark.parametrize("change, where", [
    (lambda row: row.update(sha256="0" * 64), "$.attachment[0].sha256"),
    (lambda row: row.update(data=base64.b64encode(b"<html>").decode()), "$.attachment[0].data"),
    (lambda row: row.update(data="not base64!"), "$.attachment[0].data"),
    (lambda row: row.update(size_bytes=1), "$.attachment[0].size_bytes"),
    (lambda row: row.update(kind="logo"), "$.attachment[0]"),
])
def test_a_tampered_attachment_in_a_bid_file_is_refused_naming_its_path(bid_ws, tmp_path, change, where):
    from planner.services.bidfile import BidFileError, export_bid
    from planner.services.bidfile import import_bid as import_text

    ws, bid_id = bid_ws
    attach_letter(ws, bid_id, "Gävle kommun", pdf_file(tmp_path / "stod.pdf", "x"))
    doc = json.loads(export_bid(ws, bid_id))
    change(doc["attachment"][0])
    with pytest.raises(BidFileError) as refused:
        import_text(ws, json.dumps(doc))
    assert any(path.startswith(where) for path in refused.value.paths), refused.value.paths
    assert [b.id for b in wsvc.list_bids(ws)] == [bid_id]


def test_a_path_in_an_imported_bid_file_is_never_opened(tmp_path):
    """letter_file and logo_path pointing at a FIFO, /dev/zero and a private dossier: the dossier opens none."""
    from planner.config import Settings
    from planner.services.bidfile import export_bid
    from planner.services.bidfile import import_bid as import_text
    from planner.services.dossier import export_dossier

    fifo = tmp_path / "hangs.pdf"
    os.mkfifo(fifo)
    private = pdf_file(tmp_path / "internal-dossier.pdf", "CONFIDENTIAL INTERNAL AMOUNTS")
    ws = wsvc.Workspace.open(Settings.load(db=str(tmp_path / "p.db")))
    try:
        bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
        for name in ("Fifo AB", "Zero AB", "Private AB"):
            wsvc.add_record(ws, m.Partner(bid_id=bid.id, name=name))
        doc = json.loads(export_bid(ws, bid.id))
        paths = {"Fifo AB": str(fifo), "Zero AB": "/dev/zero", "Private AB": str(private)}
        for partner in doc["partner"]:
            partner["letter_file"] = paths[partner["name"]]
        doc["bid"]["logo_path"] = "/dev/zero"
        new_id = import_text(ws, json.dumps(doc))
        done: list = []
        worker = threading.Thread(target=lambda: done.append(export_dossier(
            ws, new_id, audience="committee", locale="en", output=tmp_path / "committee.pdf")), daemon=True)
        worker.start()
        worker.join(120)
        assert done, "the dossier hung on a path"
        result = done[0]
        text = " ".join(page.extract_text() for page in PdfReader(str(result.path)).pages)
        assert "CONFIDENTIAL" not in text
        assert sum("only a path" in w for w in result.warnings) == 3
        assert {u.path for u in unattached_paths(ws, new_id)} == {*paths.values(), "/dev/zero"}
    finally:
        ws.close()


def test_the_upgrade_moves_existing_files_into_attachments_and_reports_the_rest(tmp_path):
    """A database of revision 0002 with path fields: files that exist and fit move in, the rest are reported."""
    from alembic import command

    path = tmp_path / "old.db"
    ws = wsvc.Workspace(db=open_database(f"sqlite:///{path}"), user="anna")
    bid = wsvc.create_bid(ws, conference="Generator", host_city="Gävle")
    names = ("Gävle kommun", "Missing AB", "Notes AB", "Pipe AB", "Zero AB", "Nobody AB")
    for name in names:
        wsvc.add_record(ws, m.Partner(bid_id=bid.id, name=name))
    command.downgrade(migrations.alembic_config(ws.db.engine), "0002")  # as an older version left it
    ws.close()
    letter = pdf_file(tmp_path / "kommun.pdf", "FROM THE MUNICIPALITY")
    logo = png_file(tmp_path / "logo.png")
    (tmp_path / "notes.pdf").write_text("not a pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    files = dict(zip(names, (str(letter), str(tmp_path / "gone.pdf"), str(tmp_path / "notes.pdf"),
                             str(tmp_path / "pipe.pdf"), "/dev/zero", ""), strict=True))
    con = sqlite3.connect(path)
    con.execute("UPDATE bid SET logo_path = ?", (str(logo),))
    for name, file in files.items():
        con.execute("UPDATE partner SET letter_file = ? WHERE name = ?", (file, name))
    con.commit()
    assert "attachment" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    db = open_database(f"sqlite:///{path}")
    ws = wsvc.Workspace(db=db, user="bertil")
    try:
        assert db.backup_path is not None and migrations.current(db.engine) == migrations.head_revision()
        stored = stored_files(ws, 1)
        assert stored.logo.data == logo.read_bytes() and stored.letters[1].data == letter.read_bytes()
        assert set(stored.letters) == {1}
        reported = {(u.what, u.path) for u in unattached_paths(ws, 1)}
        assert reported == {("Missing AB", str(tmp_path / "gone.pdf")), ("Notes AB", str(tmp_path / "notes.pdf")),
                            ("Pipe AB", str(tmp_path / "pipe.pdf")), ("Zero AB", "/dev/zero")}
        bundle = wsvc.load_bundle(ws, 1)
        assert bundle.bid.logo_path == "" and [p.letter_file for p in bundle.partners][0] == ""
        from planner.services.team import audit_log

        moved = [e for e in audit_log(ws, 1, limit=0) if e.entity == "attachment"]
        assert {e.who for e in moved} == {"planner upgrade"} and len(moved) == 2
        assert {e.after["moved_from"] for e in moved} == {str(logo), str(letter)}
    finally:
        ws.close()
