"""The bid team from the command line: `planner add|set|list|delete team_member`, the role's translation, the
bid file carrying them, the committee dossier's team chapter printing them; mistakes are one line, exit 2."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from tests.cli.test_records_cli import db, listed, ok, one_line_error, run  # noqa: F401 - db is a fixture


def test_a_team_member_is_added_changed_listed_and_deleted(db, tmp_path):  # noqa: F811
    member = ok(run(*db, "add", "team_member", "name=Maja Ekholm", "role=Projektledare",
                    "organisation=KKN Gävleborg", "email=maja@example.org", "phone=+46 26 17 00 00")).strip()
    other = ok(run(*db, "add", "team_member", "name=Ahmed Karimi", "role=Budgetuppföljning",
                   "shown_in_dossier=no")).strip()
    ok(run(*db, "set", "team_member", member, "role.en=Project manager", "position=0"))
    rows = {row["name"]: row for row in listed(db, "team_member")}
    assert rows["Maja Ekholm"]["translations"] == {"role": {"en": "Project manager"}}
    assert rows["Ahmed Karimi"]["shown_in_dossier"] is False

    # the English committee edition prints the member shown, in English, without their own e-mail
    pdf = tmp_path / "en.pdf"
    ok(run(*db, "dossier", "--audience", "committee", "--locale", "en", "-o", str(pdf), "--without-guarantee",
           "--omit-confidential"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
                    .split())
    assert "Maja Ekholm" in text and "Project manager" in text and "Projektledare" not in text
    assert "maja@example.org" not in text and "Ahmed Karimi" not in text

    # the bid file carries them to another database
    exported = tmp_path / "bid.json"
    ok(run(*db, "export", "json", "-o", str(exported)))
    doc = json.loads(exported.read_text("utf-8"))
    assert sorted(m["name"] for m in doc["team_member"]) == ["Ahmed Karimi", "Maja Ekholm"]
    target = ["--db", str(tmp_path / "other.db"), "--create"]
    ok(run(*target, "import", "json", str(exported)))
    assert {r["name"]: r["role"] for r in listed(target[:2], "team_member")} == {
        "Maja Ekholm": "Projektledare", "Ahmed Karimi": "Budgetuppföljning"}

    ok(run(*db, "delete", "team_member", other, "--yes"))
    assert [row["name"] for row in listed(db, "team_member")] == ["Maja Ekholm"]


def test_team_member_mistakes_are_one_line(db):  # noqa: F811
    line = one_line_error(run(*db, "add", "team_member", "role=Projektledare"))
    assert "name" in line
    line = one_line_error(run(*db, "add", "team_member", "name=Maja", "shown_in_dossier=perhaps"))
    assert "shown_in_dossier" in line and "yes or no" in line
    line = one_line_error(run(*db, "set", "team_member", "999", "role=X"), exit_code=1)
    assert "999" in line
