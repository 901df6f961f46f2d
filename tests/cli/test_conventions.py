"""The conventions a command-line user expects: --version, shell completion, --json wherever something is
listed or shown, piped output never cut, a mistyped --db never quietly made, checks that exit 1 on problems,
no terminal UI into a pipe, progress only on a terminal, and Typer's and Click's own words in Swedish."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


def planner(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """planner as a script runs it: a fresh process, its output a pipe."""
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


def on_terminal(*args: str, answer: bytes | None = None, env: dict | None = None) -> tuple[int, str]:
    """planner on a terminal (a pseudo-terminal for its input and output): what it wrote and its exit code,
    typing `answer` once it asks a question."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "planner", *args], stdin=slave, stdout=slave, stderr=slave,
                            cwd=ROOT, env={**os.environ, "COLUMNS": "120", **(env or {})})
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _w, _x = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other end closed: the program ended
                    break
                if not chunk:
                    break
                seen += chunk
                if answer is not None and b"]: " in seen:
                    os.write(master, answer)
                    answer = None
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return code, seen.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    env = {"PLANNER_DATA_DIR": str(folder / "data"), "PLANNER_CONFIG_DIR": str(folder / "config"),
           "PLANNER_LOCALE": "en", "PLANNER_CREATE": "1", "PLANNER_USER": "tester"}
    done = subprocess.run([sys.executable, "-m", "planner", "--db", str(path), "demo"], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, **env}, timeout=300)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    return path


# -- --version and completion ------------------------------------------------------------------------------


def test_version_prints_the_installed_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"planner {version('planner')}"
    assert planner("--version").stdout.strip() == f"planner {version('planner')}"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_of_each_shell(shell):
    result = run("completion", shell)
    assert result.exit_code == 0, result.output
    assert f"_PLANNER_COMPLETE=complete_{shell}" in result.stdout
    assert "planner" in result.stdout.splitlines()[-1] or shell == "zsh"
    refused = run("completion", "tcsh")
    assert refused.exit_code == 2
    assert len(refused.output.strip().splitlines()) == 1 and "bash, zsh or fish" in refused.output


def test_completion_completes_commands_and_options():
    env = {"_PLANNER_COMPLETE": "complete_bash", "COMP_WORDS": "planner bi", "COMP_CWORD": "1"}
    assert planner(env=env).stdout.split() == ["bids", "bid"]
    env = {"_PLANNER_COMPLETE": "complete_bash", "COMP_WORDS": "planner bids --j", "COMP_CWORD": "2"}
    assert planner(env=env).stdout.split() == ["--json"]
    assert "--show-completion" in run("--help").stdout


# -- --json ------------------------------------------------------------------------------------------------


def test_every_listing_and_showing_command_prints_json(demo, tmp_path):
    db = ["--db", str(demo)]
    bids = json.loads(planner(*db, "bids", "--json").stdout)  # the quick path
    assert bids == json.loads(run(*db, "bids", "--json").stdout)  # and Typer's
    assert [(b["id"], b["title"], b["status"], b["bid_deadline"]) for b in bids] == [
        (1, "Generator 2012, Gävle", "draft", "2011-11-30")]
    rates = json.loads(run(*db, "rates", "show", "--date", "2025-01-02", "--json").stdout)
    assert rates["date"] == "2025-01-02"
    sek = {r["currency"]: r for r in rates["rates"]}["SEK"]
    assert isinstance(sek["per_eur"], str) and float(sek["per_eur"]) > 1  # exact, as published
    assert sek["rate_date"] <= "2025-01-02" and sek["age_days"] >= 0
    current = json.loads(run(*db, "db", "current", "--json").stdout)
    assert current["current"] is True and current["schema"] == current["program"]
    assert str(demo) in current["database"]
    made = run(*db, "dossier", "--locale", "en", "--omit-confidential", "-o", str(tmp_path / "d.pdf"), "--json")
    assert made.exit_code == 0, made.output
    written = json.loads(made.stdout)
    assert written["path"] == str(tmp_path / "d.pdf") and written["pages"] > 1
    history = json.loads(run(*db, "dossier", "--history", "--json").stdout)
    assert [(h["bid"], h["audience"], h["pages"], h["path"]) for h in history] == [
        (1, "committee", written["pages"], str(tmp_path / "d.pdf"))]
    assert len(history[0]["sha256"]) == 64
    source = tmp_path / "speakers.csv"
    source.write_text("Display name,E-mail\nAda Lovelace,ada@example.org\n,nobody\n", encoding="utf-8")
    preview = run(*db, "import", "csv", str(source), "--kind", "speakers", "--dry-run", "--json")
    assert preview.exit_code == 2  # a rejected row, as without --json
    document = json.loads(preview.stdout)
    assert document["counts"]["new"] == 1 and document["counts"]["rejected"] == 1
    assert [i["label"] for i in document["items"] if i["action"] == "new"] == ["Ada Lovelace"]
    assert [i["row"] for i in document["items"] if i["action"] == "rejected"] and not document["ok"]


# -- piped output ------------------------------------------------------------------------------------------


def test_piped_output_keeps_every_figure_whole(demo):
    db = ["--db", str(demo)]
    history = planner(*db, "programme", "check")
    lines = history.stdout.splitlines()
    assert not any("…" in line for line in lines)
    assert any("Ελένη Παπαδοπούλου has not confirmed. Confirm the speaker or set the session back to draft."
               in line for line in lines)  # one row, one line, however wide
    status = planner(*db, "status")
    assert status.returncode == 0, status.stderr
    assert "…" not in status.stdout
    assert max(len(line) for line in status.stdout.splitlines()) > 80 or "SEK" in status.stdout


# -- --db that does not exist ------------------------------------------------------------------------------


def test_a_db_path_that_does_not_exist_is_refused_in_a_pipe(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_CREATE")
    target = tmp_path / "typo" / "planer.db"
    for result in (run("--db", str(target), "bids"), run("--db", str(target), "demo")):
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            f"Error: There is no database at {target}; check the path, or add --create to make a new one there."]
    assert not target.parent.exists()  # neither the file nor its folder
    made = run("--db", str(target), "--create", "demo")
    assert made.exit_code == 0 and target.exists()
    assert run("--db", str(target), "bids").exit_code == 0  # it exists now: no question


def test_on_a_terminal_planner_asks_before_making_a_database(tmp_path):
    env = {"PLANNER_CREATE": ""}  # the tests' own permission withdrawn
    target = tmp_path / "new" / "bid.db"
    code, seen = on_terminal("--locale", "sv", "--db", str(target), "bids", answer=b"nej\n", env=env)
    assert "Det finns ingen databas i" in seen and "[j/N]" in seen
    assert code == 1 and not target.exists()
    code, seen = on_terminal("--locale", "sv", "--db", str(target), "demo", answer=b"j\n", env=env)
    assert code == 0, seen
    assert target.exists() and "demokandidaturen" in seen.lower()


# -- checks, a bare planner, progress ------------------------------------------------------------------------


def test_check_commands_exit_1_when_they_find_problems(demo, tmp_path):
    db = ["--db", str(demo)]
    conflicts = run(*db, "programme", "check")
    assert conflicts.exit_code == 1 and "2 conflicts" in conflicts.stdout
    assert run(*db, "programme", "check", "--json").exit_code == 1
    assert run(*db, "timeline", "check", "--today", "2011-10-03").exit_code == 0
    late = run(*db, "timeline", "check", "--today", "2012-12-01")
    assert late.exit_code == 1 and "overdue" in late.stdout
    empty = ["--db", str(tmp_path / "empty.db")]
    assert run(*empty, "bid", "new", "--conference", "Nordic Design Days", "--city", "Sandviken").exit_code == 0
    clean = run(*empty, "programme", "check")
    assert clean.exit_code == 0 and "no conflicts" in clean.stdout


def test_a_bare_planner_without_a_terminal_prints_help_and_exits_2(demo):
    result = run("--db", str(demo))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "opens its screens only on a terminal" in result.stderr and "Usage: planner" in result.stderr
    piped = planner("--db", str(demo))
    assert piped.returncode == 2 and "Commands:" in piped.stderr


def test_progress_is_shown_on_a_terminal_only(demo, tmp_path):
    source = tmp_path / "many.csv"
    source.write_text("Display name,E-mail\n" + "".join(f"Speaker {i},s{i}@example.org\n" for i in range(3000)),
                      encoding="utf-8")
    args = ("--db", str(demo), "import", "csv", str(source), "--kind", "speakers", "--dry-run")
    code, seen = on_terminal(*args)
    assert code == 0, seen
    assert "Reading and checking" in seen  # the bar, on the terminal
    piped = planner(*args)
    assert piped.returncode == 0
    assert "Reading and checking" not in piped.stderr + piped.stdout  # a pipe gets the result alone
    assert "3000 new" in piped.stdout or "3 000" in piped.stdout or "new" in piped.stdout


# -- Typer's and Click's words -----------------------------------------------------------------------------


def test_typer_and_click_speak_swedish():
    page = run("--locale", "sv", "bid", "new", "--help").stdout
    assert page.startswith("Användning: planner bid new [OPTIONS]")
    assert "Flaggor:" in page and "Options:" not in page
    assert "Visa det här meddelandet och avsluta." in page and "Show this message" not in page
    assert "[standard: SEK]" in page and "[obligatorisk]" in page
    root = run("--locale", "sv", "--help").stdout
    assert "Kommandon:" in root and "Visa planners version och avsluta." in root
    mistakes = {
        ("bid", "new", "--city", "Gävle"): "Fel: Flaggan '--conference' saknas.",
        ("bids", "--jso"): "Fel: Flaggan finns inte: --jso (möjliga flaggor: --json)",
        ("budget", "grid", "--bid", "x"): "Fel: Ogiltigt värde för '--bid': ",
        ("nosuch",): "Fel: Kommandot 'nosuch' finns inte.",
        ("bids", "extra"): "Fel: Fick oväntade extra argument (extra)",
        ("completion",): "Fel: Argumentet 'bash|zsh|fish' saknas.",
    }
    for args, start in mistakes.items():
        result = run("--locale", "sv", *args)
        assert result.exit_code == 2, args
        assert result.output.startswith(start), (args, result.output)
        assert len(result.output.strip().splitlines()) == 1
    english = run("--locale", "en", "bid", "new", "--city", "Gävle")
    assert english.output.startswith("Error: Missing option '--conference'.")
    group = run("--locale", "sv", "bid")
    assert group.exit_code == 2 and group.output.startswith("Användning: planner bid")
