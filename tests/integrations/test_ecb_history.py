"""The ECB's whole history (eurofxref-hist.zip), `rates update` fetching daily and 90 days, retired currencies,
and a 404 that says what is wrong; served from a loopback server in the ECB's own file shapes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from planner.integrations import ecb
from planner.integrations.http import IntegrationError
from tests.integrations.loopback_server import Answer


def history_zip(fixture_bytes) -> bytes:
    """eurofxref-hist.zip as the ECB ships it: one CSV, eurofxref-hist.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("eurofxref-hist.csv", fixture_bytes("ecb_hist_sample.csv"))
    return buffer.getvalue()


def daily_of(fixture_bytes, day: str) -> bytes:
    """eurofxref-daily.xml as the ECB writes it, for one day of the history: every currency it published."""
    lines = fixture_bytes("ecb_hist_sample.csv").decode().splitlines()
    header = lines[0].split(",")
    row = next(line.split(",") for line in lines if line.startswith(day))
    cubes = "".join(f"<Cube currency='{c}' rate='{v}'/>" for c, v in zip(header[1:], row[1:], strict=False)
                    if c and v and v != "N/A")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><gesmes:subject>Reference rates</gesmes:subject>'
        f"<gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender><Cube><Cube time='{day}'>"
        f"{cubes}</Cube></Cube></gesmes:Envelope>").encode()


def serve_ecb(loopback, fixture_bytes) -> str:
    daily = daily_of(fixture_bytes, "2024-12-02")
    loopback.route("/ecb/eurofxref-daily.xml", Answer(body=daily))
    loopback.route("/ecb/eurofxref-hist-90d.xml", Answer(body=daily))
    loopback.route("/ecb/eurofxref-hist.zip", Answer(body=history_zip(fixture_bytes),
                                                     headers={"Content-Type": "application/zip"}))
    return loopback.url + "/ecb/"


def test_history_zip_is_read_from_a_year_on(fixture_bytes):
    rates = ecb.parse_history_zip(history_zip(fixture_bytes), since=date(2011, 1, 1))
    days = sorted({r.day for r in rates})
    assert days == [date(2011, 9, 30), date(2011, 10, 3), date(2022, 3, 1), date(2024, 12, 2)]  # 2010 left out
    by = {(r.day, r.currency): r.per_eur for r in rates}
    assert by[(date(2011, 10, 3), "SEK")] == Decimal("9.2298")
    assert (date(2024, 12, 2), "RUB") not in by  # N/A: no rate that day
    assert by[(date(2022, 3, 1), "RUB")] == Decimal("117.2893")


def test_a_zip_without_the_csv_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "nothing")
    with pytest.raises(IntegrationError) as caught:
        ecb.parse_history_zip(buffer.getvalue())
    assert caught.value.kind == "format"
    with pytest.raises(IntegrationError):
        ecb.parse_history_zip(b"<html>not a zip</html>")


def test_a_404_says_what_is_wrong(loopback):
    with pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url=loopback.url + "/nothing/")
    message = str(caught.value)
    assert "has no eurofxref-daily.xml (HTTP 404)" in message and "PLANNER_ECB_URL" in message
    assert "event" not in message


def test_rates_update_fetches_daily_and_90_days_and_since_a_year(loopback, fixture_bytes, tmp_path, monkeypatch):
    from tests.cli.test_core_cli import run

    monkeypatch.setenv("PLANNER_ECB_URL", serve_ecb(loopback, fixture_bytes))
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    plain = run(*db, "rates", "update")
    assert plain.exit_code == 0, plain.output
    assert [seen.path for seen in loopback.requests] == ["/ecb/eurofxref-daily.xml", "/ecb/eurofxref-hist-90d.xml"]
    loopback.requests.clear()
    full = run(*db, "rates", "update", "--since", "2011")
    assert full.exit_code == 0, full.output
    assert "/ecb/eurofxref-hist.zip" in [seen.path for seen in loopback.requests]
    shown = run(*db, "rates", "show", "--date", "2011-10-03")
    assert shown.exit_code == 0, shown.output
    assert "9.2298" in shown.output and "2011-10-03" in shown.output  # the day's own rate, not a 2024 seed


def test_retired_currencies_stop_warning(loopback, fixture_bytes, tmp_path, monkeypatch):
    from tests.cli.test_core_cli import run

    monkeypatch.setenv("PLANNER_ECB_URL", serve_ecb(loopback, fixture_bytes))
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "rates", "update", "--since", "2022").exit_code == 0
    shown = run(*db, "rates", "show", "--date", "2024-12-02")
    assert "No longer published by the ECB" in shown.output
    assert "HRK (2022-03-01)" in shown.output and "RUB (2022-03-01)" in shown.output
    assert "Some rates are old" not in shown.output
    assert "SEK (" not in shown.output  # still published


def test_a_2011_bid_converts_at_the_2011_rate_once_the_history_is_stored(loopback, fixture_bytes, tmp_path,
                                                                         monkeypatch):
    import json

    from tests.cli.test_core_cli import run

    monkeypatch.setenv("PLANNER_ECB_URL", serve_ecb(loopback, fixture_bytes))
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0  # Generator 2012: deadline 30 November 2011, euro lines, in SEK

    def status() -> dict:
        shown = run(*db, "status", "--json")
        assert shown.exit_code == 0, shown.output
        return json.loads(shown.output)["budget"]

    seeded = status()  # only the shipped seed (December 2024) is stored: used, and said to be far away
    assert seeded["rate_date"] == "2011-11-30"
    assert [(r["currency"], r["date"]) for r in seeded["rates"]] == [("SEK", "2024-12-30")]
    assert "2024" in seeded["rate_warning"] and "rates update --since 2011" in seeded["rate_warning"]
    plain = run(*db, "status")
    assert plain.output.count("the budget converts at the rates of 30 November 2011") == 1

    assert run(*db, "rates", "update", "--since", "2011").exit_code == 0
    stored = status()  # the newest rate on or before the deadline: 3 October 2011, still 58 days away
    assert [(r["currency"], r["per_eur"], r["date"]) for r in stored["rates"]] == [("SEK", "9.2298", "2011-10-03")]
    assert "58 days away" in stored["rate_warning"]
    assert stored["total_expenses"]["minor"] != seeded["total_expenses"]["minor"]

    assert run(*db, "bid", "set", "rate_date=2011-10-04").exit_code == 0
    shown = run(*db, "bid", "show", "--json")
    assert json.loads(shown.output)["bid"]["rate_date"] == "2011-10-04"
    dated = status()
    assert dated["rate_date"] == "2011-10-04" and dated["rate_warning"] is None
    assert [(r["per_eur"], r["date"]) for r in dated["rates"]] == [("9.2298", "2011-10-03")]
    assert "converts at the rates" not in run(*db, "status").output

    refused = run(*db, "bid", "set", "rate_date=4 October")
    assert refused.exit_code == 2 and "YYYY-MM-DD" in refused.output and "Traceback" not in refused.output
