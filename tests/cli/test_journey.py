"""The journey of issue 12 (tests/cli/journey.sh): a whole bid entered with the command line, from an empty
database to readiness 100 % in `planner status --json` and a committee dossier with every section and the
letter of support's page, run as a script runs it, in its own processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from planner.config import Settings
from planner.services.workspace import Workspace, load_bundle

JOURNEY = Path(__file__).resolve().with_name("journey.sh")


def _on_path(folder: Path) -> None:
    """`planner` and `python` as this test's interpreter runs them."""
    folder.mkdir()
    for name, args in (("planner", '-m planner "$@"'), ("python", '"$@"')):
        script = folder / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" {args}\n', encoding="utf-8")
        script.chmod(0o755)


def test_the_whole_bid_from_the_command_line(tmp_path):
    _on_path(tmp_path / "bin")
    work = tmp_path / "work"
    work.mkdir()
    database = tmp_path / "journey.db"
    assert not database.exists()
    env = {**os.environ, "PLANNER_DB": str(database), "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "COLUMNS": "160", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(["sh", str(JOURNEY)], cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr

    ws = Workspace.open(Settings.load(db=str(database)))
    try:
        bundle = load_bundle(ws, 1)
    finally:
        ws.close()
    bid = bundle.bid
    assert (bid.attendance_low, bid.attendance_expected, bid.attendance_high) == (180, 300, 420)
    assert bid.decision_date.isoformat() == "2011-12-15" and bid.status == "submitted"
    assert [(o.start_date.isoformat(), o.preferred) for o in bundle.date_options] == [
        ("2012-10-04", True), ("2012-10-11", False)]
    [venue] = bundle.venues
    assert venue.name == "Gävle Konserthus" and venue.cost_minor == 12_000_000 and venue.status == "option_held"
    [room] = bundle.rooms
    assert room.venue_id == venue.id and room.capacity_theatre == 800 and room.cost_per_day_minor == 2_500_000
    assert sorted(a.available for a in bundle.availability) == [False, True]
    assert [s.score for s in bundle.scores] == [8, 8, 8]
    assert len(bundle.budget_lines) == 5
    assert {line.label: line.unit_minor for line in bundle.budget_lines}["Lunches and coffee"] == 35_000
    lines = {line.id: line.label for line in bundle.budget_lines}
    assert sorted((c.status, c.amount_minor, lines[c.budget_line_id]) for c in bundle.commitments) == [
        ("signed", 7_500_000, "Sponsorship"), ("signed", 20_000_000, "Regional funding")]
    assert len(bundle.partners) == 2 and len(bundle.speakers) == 3
    assert all(s.consent_to_be_named for s in bundle.speakers)
    [block] = bundle.accommodation
    assert block.hotel == "Clarion Hotel Gävle" and block.rate_minor == 119_500
    [session] = bundle.sessions
    [link] = bundle.session_speakers
    assert link.session_id == session.id and link.speaker_id == next(
        s.id for s in bundle.speakers if s.display_name == "Ada Lovelace")
    keys = ("access", "bid_team", "host_city", "invitation", "legacy", "motivation", "practical", "promise",
            "site_inspection", "social_programme", "summary")
    assert sorted((t.key, t.locale) for t in bundle.texts) == [(k, locale) for k in keys for locale in ("en", "sv")]
    assert bundle.text("motivation", "en") == "Gävle is a meeting place for the creative industries.\n"
    assert len(bundle.tasks) >= 10 and bundle.dependencies

    status = json.loads((work / "status.json").read_text("utf-8"))
    assert status["bid"]["title"] == "Generator 2012, Gävle" and status["attendance"] == 300
    secured = status["funding"]["cash"]["secured"]
    assert secured == {"minor": 27_500_000, "currency": "SEK"}
    assert {line["label"] for line in status["budget"]["lines"]} >= {"Venue hire", "Sponsorship"}
    readiness = status["readiness"]
    assert readiness["score"] == "100", [i for i in readiness["items"] if i["status"] != "pass"]
    assert {i["status"] for i in readiness["items"]} == {"pass"} and len(readiness["items"]) == 7

    committee = PdfReader(work / "committee.pdf")
    chapters = {}
    for entry in committee.outline:
        if not isinstance(entry, list):
            chapters[entry.title] = committee.get_destination_page_number(entry)
    assert list(chapters) == [
        "Invitation", "Contents", "Summary and motivation", "Gävle: the host city and access", "Date options",
        "The venue", "Accommodation", "Programme and speakers", "Social programme", "Partners and funding",
        "Budget", "Economic impact", "The bid team and contacts", "Timeline", "Site inspection",
        "Appendix: letters of support"]
    text = [page.extract_text() for page in committee.pages]
    for heading, page in chapters.items():
        assert heading.split(":")[0] in text[page].replace("\n", " "), heading
    letter_page = chapters["Appendix: letters of support"]
    assert "REGION GAVLEBORG SUPPORTS THE BID" in text[letter_page]
    assert "Letter of support from Region Gävleborg" in text[letter_page]
    assert "Welcome to Gävle in October 2012." in text[chapters["Invitation"]]
    named = text[chapters["Programme and speakers"]]
    assert all(name in named for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper"))  # all consented
    assert f"Page {len(text)} of" in text[-1] and len(text) == letter_page + 1
    pdf = work / "dossier.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert "Sent to the network's board" in done.stdout and "29 November 2011" in done.stdout
