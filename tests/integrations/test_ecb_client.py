"""The ECB client: parsing, the configurable address, and every way a fetch can fail, in one line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from planner.integrations import ecb
from planner.integrations.http import IntegrationError, make_client
from tests.integrations.loopback_server import Answer

SEED = Path(__file__).resolve().parents[2] / "data" / "rates_seed.xml"


def test_daily_file_parses_into_rates_per_euro(fixture_bytes):
    rates = ecb.parse_rates(fixture_bytes("ecb_daily.xml"))
    by_currency = {r.currency: r for r in rates}
    assert by_currency["SEK"] == ecb.EcbRate(date(2025, 3, 7), "SEK", Decimal("10.9415"))
    assert by_currency["GBP"].per_eur == Decimal("0.83950")  # exact, trailing zero kept
    assert set(by_currency) == {"USD", "JPY", "DKK", "GBP", "SEK", "NOK"}


def test_history_file_has_one_rate_per_day_and_currency(fixture_bytes):
    rates = ecb.parse_rates(fixture_bytes("ecb_hist_90d.xml"))
    assert len(rates) == 9
    assert {r.day for r in rates} == {date(2025, 3, 5), date(2025, 3, 6), date(2025, 3, 7)}
    assert rates == sorted(rates)


def test_shipped_seed_is_a_valid_ecb_file_with_the_currencies_a_bid_needs():
    rates = ecb.parse_rates(SEED.read_bytes())
    latest = max(r.day for r in rates)
    on_latest = {r.currency: r.per_eur for r in rates if r.day == latest}
    for currency in ("SEK", "USD", "GBP", "NOK", "DKK"):
        assert currency in on_latest
    assert Decimal("9") < on_latest["SEK"] < Decimal("13")
    assert Decimal("7.4") < on_latest["DKK"] < Decimal("7.5")  # the krone's peg


@pytest.mark.parametrize("body", [
    b"",
    b"<html><body>Service unavailable</body></html>",
    b'{"rates": {}}',
    b'<?xml version="1.0"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"/>',
    b'<?xml version="1.0"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
    b'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2025-03-07">'
    b'<Cube currency="SEK" rate="ten"/></Cube></Cube></gesmes:Envelope>',
    b'<?xml version="1.0"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
    b'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2025-03-07">'
    b'<Cube currency="SEK" rate="11.1"',
], ids=["empty", "html", "json", "no-rates", "bad-number", "truncated"])
def test_a_body_that_is_not_the_ecb_xml_is_one_format_error(body):
    with pytest.raises(IntegrationError) as caught:
        ecb.parse_rates(body)
    assert caught.value.kind == "format"
    assert "\n" not in str(caught.value)


def test_entities_and_doctypes_are_refused_not_expanded():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        b'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2025-03-07">'
        b'<Cube currency="SEK" rate="11.1"/></Cube></Cube><x>&lol2;</x></gesmes:Envelope>'
    )
    with pytest.raises(IntegrationError) as caught:
        ecb.parse_rates(laughs)
    assert caught.value.kind == "format"
    external = (
        b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd">'
        b'<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"/>'
    )
    with pytest.raises(IntegrationError):
        ecb.parse_rates(external)


def test_address_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("PLANNER_ECB_URL", raising=False)
    assert ecb.ecb_base_url() == "https://www.ecb.europa.eu/stats/eurofxref/"
    monkeypatch.setenv("PLANNER_ECB_URL", "http://mirror.example/ecb")
    assert ecb.ecb_base_url() == "http://mirror.example/ecb/"


def _mock(handler) -> httpx.Client:
    return make_client(transport=httpx.MockTransport(handler))


def test_fetch_daily_asks_for_the_daily_file_at_the_configured_address(monkeypatch, fixture_bytes):
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=fixture_bytes("ecb_daily.xml"), headers={"Content-Type": "text/xml"})

    monkeypatch.setenv("PLANNER_ECB_URL", "https://mirror.example/rates/")
    with _mock(handler) as client:
        rates = ecb.fetch_daily(client=client)
        ecb.fetch_history_90d(client=client)
    assert asked == ["https://mirror.example/rates/eurofxref-daily.xml",
                     "https://mirror.example/rates/eurofxref-hist-90d.xml"]
    assert len(rates) == 6


@pytest.mark.parametrize(("answer", "kind"), [
    (lambda r: httpx.Response(429, headers={"Retry-After": "3600"}), "rate_limited"),
    (lambda r: httpx.Response(500), "server"),
    (lambda r: httpx.Response(503, text="maintenance"), "server"),
    (lambda r: httpx.Response(404), "not_found"),
    (lambda r: httpx.Response(200, text="<html>captive portal login</html>"), "format"),
], ids=["429", "500", "503", "404", "captive-portal"])
def test_refusing_or_wrong_answers_become_one_line_errors(answer, kind):
    with _mock(answer) as client, pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url="https://ecb.example/", client=client)
    assert caught.value.kind == kind
    assert "\n" not in str(caught.value) and str(caught.value)


def test_no_network_is_a_network_error():
    def handler(request):
        raise httpx.ConnectError("Name or service not known", request=request)

    with _mock(handler) as client, pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url="https://ecb.example/", client=client)
    assert caught.value.kind == "network"
    assert "ecb.example" in str(caught.value)


def test_real_server_serves_rates(loopback, fixture_bytes):
    loopback.route("/stats/eurofxref/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml")))
    rates = ecb.fetch_daily(base_url=loopback.url + "/stats/eurofxref/")
    assert {r.currency for r in rates} >= {"SEK", "USD"}


def test_slow_server_times_out_instead_of_hanging(loopback, fixture_bytes):
    loopback.route("/eurofxref-daily.xml", Answer(body=fixture_bytes("ecb_daily.xml"), delay=2.0))
    with make_client(timeout=httpx.Timeout(0.3)) as client, pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url=loopback.url, client=client)
    assert caught.value.kind == "timeout"
    assert "0.3" in str(caught.value)


def test_dropped_connection_is_reported(loopback):
    loopback.route("/eurofxref-daily.xml", Answer(drop=True))
    with pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url=loopback.url)
    assert caught.value.kind == "dropped"


def test_server_that_is_down_is_a_network_error_after_retries(loopback):
    url = loopback.url
    loopback.server.shutdown()
    loopback.server.server_close()  # nothing listens on that port any more
    with pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url=url)
    assert caught.value.kind == "network"
    assert "\n" not in str(caught.value)


def test_a_server_dripping_its_answer_is_cut_off_by_the_total_deadline(loopback, monkeypatch):
    from planner.integrations import http

    monkeypatch.setattr(http, "TOTAL_DEADLINE", 0.5)
    loopback.route("/eurofxref-daily.xml", Answer(body=b"<" * 40, drip=0.05))  # each byte in time, all too late
    with pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url=loopback.url)
    assert caught.value.kind == "timeout" and "in all" in str(caught.value)


def test_an_answer_far_too_large_is_refused_while_reading(monkeypatch):
    from planner.integrations import http

    monkeypatch.setattr(http, "MAX_BODY_BYTES", 1000)
    with _mock(lambda r: httpx.Response(200, content=b"x" * 5000)) as client, pytest.raises(IntegrationError) as caught:
        ecb.fetch_daily(base_url="https://ecb.example/", client=client)
    assert caught.value.kind == "format" and "larger than expected" in str(caught.value)


def test_gzip_answers_are_read(fixture_bytes):
    import gzip

    body = gzip.compress(fixture_bytes("ecb_daily.xml"))
    answer = lambda r: httpx.Response(200, content=body, headers={"Content-Encoding": "gzip"})  # noqa: E731
    with _mock(answer) as client:
        assert len(ecb.fetch_daily(base_url="https://ecb.example/", client=client)) == 6
