"""Every mistake on the command line is one line on stderr (`Error: ...`), exit 2 for usage, never a traceback.

Each case was a traceback, a silent acceptance or a three-line usage message before (issue 11's list).
One demo database for the module; the commands run through Typer's runner.
"""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale

BIG = str(2**64)


def run(*args: str, env: dict | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), prog_name="planner", env=env)


def one_line_error(result, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("mistakes") / "p.db"
    result = run("--db", str(path), "demo")
    assert result.exit_code == 0, result.output
    return ["--db", str(path)]


@pytest.mark.parametrize("args, where", [
    (["status", "--bid", BIG], "--bid"),
    (["venues", "rank", "--bid", BIG], "--bid"),
    (["log", "--limit", BIG], "--limit"),
    (["log", "--bid", BIG], "--bid"),
    (["bid", "delete", BIG, "--yes"], "ID"),
    (["dossier", "--bid", BIG], "--bid"),
    (["--bid", BIG], "--bid"),
    (["log", "--limit", "-1"], "--limit"),
    (["status", "--bid", "0"], "--bid"),
    (["status", "--bid", "abc"], "--bid"),
])
def test_integers_beyond_what_a_database_stores_are_refused(demo_db, args, where):
    line = one_line_error(run(*demo_db, *args))
    assert where in line and "9223372036854775807" in line


@pytest.mark.parametrize("prices", ["1e9999/2", "nan/2", "inf", "Infinity/1500", "1e30"])
def test_budget_grid_refuses_numbers_no_amount_can_be(demo_db, prices):
    line = one_line_error(run(*demo_db, "budget", "grid", "--prices", prices))
    assert "--prices" in line


@pytest.mark.parametrize("rate", ["1e9999", "1000001", "0.00001", "-3", "nan", "Infinity", "11.00000000001"])
def test_a_rate_outside_a_sane_range_is_refused_saying_the_range(demo_db, rate):
    line = one_line_error(run(*demo_db, "rates", "set", "SEK", rate, "--date", "2012-01-02"))
    assert "rate" in line
    # nothing was stored: the status still works (a stored 1e9999 made every status fail before)
    assert run(*demo_db, "status", "--today", "2011-11-01").exit_code == 0


def test_the_rate_range_is_stated():
    line = one_line_error(run("rates", "set", "SEK", "1e9999", "--date", "2012-01-02"))
    assert "0.0001" in line and "1000000" in line


@pytest.mark.parametrize("value", ["2012W011", "20120101", "2012-W01-1", "2012-1-2", "2012-02-30", "١٢٣٤-٠١-٠٢",
                                   "2012-01-02T10:00"])
@pytest.mark.parametrize("args", [["rates", "set", "SEK", "11", "--date"], ["status", "--today"],
                                  ["bid", "new", "--conference", "X", "--city", "Y", "--deadline"],
                                  ["--today"], ["export", "xlsx", "-o", "x.xlsx", "--date"]])
def test_dates_are_only_yyyy_mm_dd(demo_db, value, args):
    line = one_line_error(run(*demo_db, *args, value))
    assert "YYYY-MM-DD" in line


def test_a_date_in_the_one_form_is_taken(demo_db):
    result = run(*demo_db, "rates", "set", "SEK", "11", "--date", "2012-01-02")
    assert result.exit_code == 0, result.output
    shown = run(*demo_db, "rates", "show", "--date", "2012-01-03")
    assert "11" in shown.stdout and date(2012, 1, 2).isoformat() in shown.stdout


@pytest.mark.parametrize("locale", ["xx", "de", "", "swedish"])
def test_an_unknown_locale_is_refused_listing_the_languages(demo_db, locale):
    line = one_line_error(run(*demo_db, "--locale", locale, "bids"))
    assert "--locale" in line and "sv" in line and "en" in line


def test_a_locale_written_like_the_system_s_is_taken(demo_db):
    result = run(*demo_db, "--locale", "sv_SE.UTF-8", "bids")
    assert result.exit_code == 0 and "Utkast" in result.stdout


@pytest.mark.parametrize("url, words", [
    ("postgresql+psycopg://anna:s3cret@localhost:abc/planner?password=s3cret", ["port", "not a number"]),
    ("postgresql+psycopg://anna:s3cret@localhost:99999/planner", ["port", "65535"]),
    ("foo://anna:s3cret@localhost/planner", ["foo", "postgresql+psycopg://"]),
    ("postgresql+nodriver://anna:s3cret@localhost/planner", ["postgresql+nodriver"]),
])
def test_a_database_url_no_engine_can_use_is_one_line_without_the_password(url, words):
    for command in (["bids"], ["db", "current"], ["backup"], ["restore", "x.db", "--yes"]):
        line = one_line_error(run("--db", url, *command))
        assert "s3cret" not in line and all(word in line for word in words), line


def test_backup_and_restore_instructions_never_show_a_password():
    url = "postgresql+psycopg://anna:s3cret@db.example:5432/planner?password=s3cret&sslmode=require"
    for command in (["backup"], ["restore", "x.db", "--yes"]):
        result = run("--db", url, *command)
        assert result.exit_code == 1
        assert "s3cret" not in result.output and "pg_dump" in result.output and "sslmode=require" in result.output


@pytest.mark.postgres
def test_db_current_hides_the_password_in_the_query_too(pg_url):
    url = f"{pg_url}{'&' if '?' in pg_url else '?'}password=s3cret"
    result = run("--db", url, "db", "current")
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output and "password=***" in result.output


def test_redact_url_hides_both_forms_of_the_password():
    from planner.store.db import redact_url

    assert redact_url("postgresql+psycopg://anna:pw@h:5432/db?sslmode=require&password=pw") == \
        "postgresql+psycopg://anna:***@h:5432/db?password=***&sslmode=require"
    assert "pw" not in redact_url("postgresql+psycopg://anna:pw@h:abc/db?sslpassword=pw")


@pytest.mark.parametrize("token", ["tökén", "ab cd", "tab\there", "nul\x01"])
def test_a_pretalx_token_that_cannot_be_a_header_is_refused(demo_db, token):
    line = one_line_error(run(*demo_db, "import", "pretalx", "https://pretalx.example/", "gen12", "--dry-run",
                              env={"PLANNER_PRETALX_TOKEN": token}))
    assert "PLANNER_PRETALX_TOKEN" in line and "ASCII" in line


@pytest.mark.parametrize("args, words", [
    (["bids", "--nope"], ["--nope", "planner bids --help"]),
    (["bid", "new", "--city", "Gävle"], ["--conference"]),
    (["status", "--scenario", "huge"], ["--scenario", "huge"]),
    (["frobnicate"], ["frobnicate"]),
    (["bid", "delete"], ["ID"]),
    (["log", "--limit"], ["--limit"]),
])
def test_typer_s_own_usage_errors_are_one_line_saying_where_to_look(demo_db, args, words):
    line = one_line_error(run(*demo_db, *args))
    assert all(word in line for word in words), line


def test_a_refused_field_quoting_input_is_neutralised_on_stderr(demo_db):
    result = run(*demo_db, "bid", "new", "--conference", "Gen\x1b[2J", "--city", "Gävle")
    line = one_line_error(result)
    assert "--conference" in line and "␛" in line and b"\x1b" not in result.stderr_bytes
