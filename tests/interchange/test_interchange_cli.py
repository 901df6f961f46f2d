"""The rates, import and export commands through Typer's runner, against loopback servers."""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from typer.testing import CliRunner

from planner.cli import build_app, prepare_locale
from tests.integrations.loopback_server import Answer

EVENT = "/api/events/generator2012/"
JSON = {"Content-Type": "application/json"}


def run(*args: str, input: str | None = None):
    prepare_locale(list(args))
    return CliRunner().invoke(build_app(), list(args), input=input, prog_name="planner")


@pytest.fixture
def dbarg(tmp_path):
    args = ["--db", str(tmp_path / "p.db")]
    assert run(*args, "demo").exit_code == 0
    return args


def test_rates_update_against_a_loopback_ecb_and_when_it_is_down(dbarg, loopback, fixture_bytes, monkeypatch):
    loopback.route("/stats/eurofxref/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    loopback.route("/stats/eurofxref/eurofxref-hist-90d.xml", Answer(body=fixture_bytes("ecb_hist_90d.xml")))
    monkeypatch.setenv("PLANNER_ECB_URL", loopback.url + "/stats/eurofxref/")
    ok = run(*dbarg, "rates", "update")
    assert ok.exit_code == 0, ok.output
    assert "Fetched 12 rates, the latest of 2025-03-07" in ok.output  # today's and the last 90 days'
    shown = run(*dbarg, "rates", "show", "--date", "2025-03-10")
    assert "10.9415" in shown.output and "2025-03-07" in shown.output
    assert "European Central Bank" in shown.output and "Shipped seed" in shown.output
    loopback.route("/stats/eurofxref/eurofxref-daily.xml", Answer(503))
    down = run(*dbarg, "rates", "update")
    assert down.exit_code == 1
    lines = [line for line in down.output.splitlines() if line.strip()]
    assert lines == ["Error: Exchange rates not updated: ECB (127.0.0.1) has a problem of its own (HTTP 503). "
                     "Try again later. The stored rates are kept (latest from 2025-03-07)."]
    assert "Traceback" not in down.output
    monkeypatch.setenv("PLANNER_ECB_URL", "http://127.0.0.1:9/nothing-listens-here/")
    offline = run(*dbarg, "rates", "update")
    assert offline.exit_code == 1 and "Could not connect to ECB at 127.0.0.1" in offline.output


def test_rates_set_and_show_old_rates(dbarg):
    assert run(*dbarg, "rates", "set", "usd", "1,0850", "--date", "2025-02-01").exit_code == 0
    shown = run(*dbarg, "rates", "show", "--date", "2025-03-01")
    usd = next(line for line in shown.output.splitlines() if "USD" in line)
    assert "1.0850" in usd and "Typed in" in usd
    assert "oldest is from 2024-12-31" in shown.output
    bad = run(*dbarg, "rates", "set", "SEK", "0", "--date", "2025-02-01")
    assert bad.exit_code == 2 and "is not a rate" in bad.output
    bad_date = run(*dbarg, "rates", "set", "SEK", "11", "--date", "1 feb")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output


def _serve(loopback, fixture_bytes):
    base = loopback.url
    page1 = fixture_bytes("pretalx_v2_speakers_page1.json").decode().replace("{base}", base)
    page2 = fixture_bytes("pretalx_v2_speakers_page2.json").decode().replace("{base}", base)
    loopback.route(EVENT + "speakers/", Answer(body=page1, headers=JSON), Answer(body=page2, headers=JSON))
    loopback.route(EVENT + "submissions/", Answer(body=fixture_bytes("pretalx_v2_submissions.json"), headers=JSON))
    loopback.route(EVENT + "rooms/", Answer(body='{"count": 0, "next": null, "results": []}', headers=JSON))


def test_import_pretalx_previews_then_applies_with_a_token_that_is_never_printed(dbarg, loopback, fixture_bytes,
                                                                                    monkeypatch):
    monkeypatch.setenv("MY_PRETALX", "tok-123-secret")
    _serve(loopback, fixture_bytes)
    dry = run(*dbarg, "import", "pretalx", loopback.url, "generator2012", "--token-env", "MY_PRETALX", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "3 new, 0 updated, 0 unchanged, 0 rejected" in dry.output and "Dry run" in dry.output
    assert "Ludwig van Beethoven" in dry.output
    assert loopback.requests[0].headers["authorization"] == "Token tok-123-secret"
    _serve(loopback, fixture_bytes)
    declined = run(*dbarg, "import", "pretalx", loopback.url, "generator2012", input="n\n")
    assert "Nothing was imported" in declined.output
    _serve(loopback, fixture_bytes)
    done = run(*dbarg, "import", "pretalx", loopback.url, "generator2012", "--token-env", "MY_PRETALX", "--yes")
    assert done.exit_code == 0 and "Imported: 3 new" in done.output
    _serve(loopback, fixture_bytes)
    again = run(*dbarg, "import", "pretalx", loopback.url, "generator2012", "--yes")
    assert "everything is up to date" in again.output
    for result in (dry, declined, done, again):
        assert "tok-123-secret" not in result.output


def test_import_csv_with_bad_rows_lists_them_and_writes_nothing(dbarg, tmp_path):
    path = tmp_path / "venues.csv"
    path.write_bytes("Venue;City;Cost\r\nNy lokal;Gävle;1 000,50\r\nTrasig;Gävle;tusen\r\n".encode("utf-8-sig"))
    result = run(*dbarg, "import", "csv", str(path), "--kind", "venues", "--yes")
    assert result.exit_code == 2
    assert "'tusen' is not an amount" in result.output and "1 new" in result.output
    assert "Error: Nothing was imported: 1 row(s) have problems" in result.output
    out = tmp_path / "v.csv"
    run(*dbarg, "export", "csv", "--kind", "venues", "-o", str(out))
    assert "Ny lokal" not in out.read_text(encoding="utf-8")


def test_import_csv_with_a_column_mapping(dbarg, tmp_path):
    path = tmp_path / "talare.csv"
    path.write_text("Vem,Mejladress,Bolag\r\nPer Ek,per@example.se,Sandvik\r\n", encoding="utf-8")
    result = run(*dbarg, "import", "csv", str(path), "--kind", "speakers", "--map", "display_name=Vem",
                 "--map", "organisation=Bolag", "--yes")
    assert result.exit_code == 0, result.output
    assert "Vem -> Display name" in result.output and "Mejladress -> E-mail" in result.output
    out = tmp_path / "s.csv"
    run(*dbarg, "export", "csv", "--kind", "speakers", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    per = next(r for r in rows if r["Display name"] == "Per Ek")
    assert (per["E-mail"], per["Organisation"], per["Source"]) == ("per@example.se", "Sandvik", "CSV file")


def test_exports_of_the_demo_bid(dbarg, tmp_path):
    folder = tmp_path / "csv"
    result = run(*dbarg, "export", "csv", "-o", str(folder), "--excel-sv")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["venues.csv", "budget.csv", "speakers.csv", "partners.csv", "commitments.csv", "timeline.csv",
         # every other kind the records service knows, headed by its field names
         "room.csv", "date_option.csv", "venue_availability.csv", "criterion.csv", "venue_score.csv",
         "accommodation_block.csv", "programme_session.csv", "bid_text.csv", "budget_baseline.csv",
         "team_member.csv"])
    assert (folder / "budget.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for path in sorted(folder.iterdir()):  # each reads back as the same records
        again = run(*dbarg, "import", "csv", str(path), "--kind", path.stem, "--dry-run")
        assert again.exit_code == 0 and " 0 new, 0 updated" in " " + again.output.splitlines()[-2], again.output
    book = tmp_path / "budget.xlsx"
    assert run(*dbarg, "export", "xlsx", "-o", str(book)).exit_code == 0
    assert load_workbook(book).sheetnames[3:] == ["Planned, committed, actual", "Funding", "Exchange rates"]
    cal = tmp_path / "timeline.ics"
    assert run(*dbarg, "export", "ics", "-o", str(cal)).exit_code == 0
    assert len(Calendar.from_ical(cal.read_bytes()).walk("VEVENT")) > 5


def test_help_in_swedish(dbarg):
    result = run("--locale", "sv", "rates", "--help")
    assert result.exit_code == 0
    assert "växelkurs" in result.output.lower()


def test_token_from_a_prompt_is_used_and_not_echoed(dbarg, loopback, fixture_bytes):
    _serve(loopback, fixture_bytes)
    result = run(*dbarg, "import", "pretalx", loopback.url, "generator2012", "--token-env", "NO_SUCH_VARIABLE",
                 "--ask-token", "--dry-run", input="typed-secret-9\n")
    assert result.exit_code == 0, result.output
    assert loopback.requests[0].headers["authorization"] == "Token typed-secret-9"
    assert "typed-secret-9" not in result.output


def test_import_csv_of_an_unknown_kind_or_missing_file(dbarg, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\r\n1,2\r\n", encoding="utf-8")
    unknown = run(*dbarg, "import", "csv", str(path), "--kind", "hotels")
    assert unknown.exit_code == 2 and "'hotels' is not something to import" in unknown.output
    missing = run(*dbarg, "import", "csv", str(tmp_path / "nope.csv"), "--kind", "venues")
    assert missing.exit_code == 1 and "nope.csv" in missing.output and "Traceback" not in missing.output
