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
