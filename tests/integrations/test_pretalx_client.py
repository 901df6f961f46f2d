"""The pretalx client against a real loopback server: pages, 429 with Retry-After, tokens, v1 and v2 shapes."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from planner.integrations import pretalx
from planner.integrations.http import IntegrationError, make_client, retry_after_seconds
from tests.integrations.loopback_server import Answer

EVENT = "/api/events/generator2012/"
JSON = {"Content-Type": "application/json"}


def _serve_v2(loopback, fixture_bytes, *, first_page_answers=()):
    base = loopback.url
    page1 = fixture_bytes("pretalx_v2_speakers_page1.json").decode().replace("{base}", base)
    page2 = fixture_bytes("pretalx_v2_speakers_page2.json").decode().replace("{base}", base)
    # pretalx serves page 2 at the same path with ?page=2; the loopback routes by path, so answer in turn
    loopback.route(EVENT + "speakers/", *first_page_answers, Answer(body=page1, headers=JSON), Answer(body=page2, headers=JSON))
    loopback.route(EVENT + "submissions/", Answer(body=fixture_bytes("pretalx_v2_submissions.json"), headers=JSON))
    loopback.route(EVENT + "rooms/", Answer(body=NO_ROOMS, headers=JSON))


NO_ROOMS = '{"count": 0, "next": null, "previous": null, "results": []}'
SPEAKERS_Q = "?expand=answers.question&questions=all"
SUBMISSIONS_Q = "?expand=slots%2Csubmission_type&questions=all"


def test_v2_event_follows_pages_and_joins_talks(loopback, fixture_bytes):
    _serve_v2(loopback, fixture_bytes)
    records = pretalx.fetch_speakers(loopback.url, "generator2012")
    assert [r.source_id for r in records] == ["9DGHHA", "PQ3RST", "MNB7XQ"]
    assert loopback.paths() == [EVENT + "speakers/" + SPEAKERS_Q, EVENT + "speakers/?page=2",
                                EVENT + "submissions/" + SUBMISSIONS_Q, EVENT + "rooms/"]
    anna, ludwig, orjan = records
    assert (anna.given_name, anna.family_name, anna.display_name) == ("Anna", "Lindqvist", "Anna Lindqvist")
    assert anna.email == "anna.lindqvist@example.se"
    assert anna.avatar_url == "https://pretalx.example/media/avatars/anna.jpg"
    assert anna.bio.startswith("**Anna** leads the regional *innovation office*.\n\n- Gävle")  # Markdown kept
    assert anna.talk_titles == ("Gävleborg as a testbed for rural broadband",)
    assert anna.state == "confirmed"
    assert (ludwig.given_name, ludwig.family_name) == ("Ludwig", "van Beethoven")
    assert ludwig.talk_titles == ("Ode to open data", "Symphonies of sensors")
    assert ludwig.state == "accepted"  # the most advanced of submitted and accepted
    assert ludwig.avatar_url == ""
    assert orjan.display_name == "Örjan Åkesson" and orjan.talk_titles == () and orjan.state == ""
    assert all(r.source == "pretalx" for r in records)


def test_multilingual_fields_are_read_in_the_requested_language(loopback, fixture_bytes):
    _serve_v2(loopback, fixture_bytes)
    records = pretalx.fetch_speakers(loopback.url, "generator2012", lang="sv")
    assert records[1].bio == "Tonsättare, *på svenska*."
    loopback.requests.clear()
    _serve_v2(loopback, fixture_bytes)
    assert pretalx.fetch_speakers(loopback.url, "generator2012", lang="de")[1].bio == "Composer, *in English*."


def test_v1_answers_with_avatar_and_expanded_objects(loopback, fixture_bytes):
    loopback.route(EVENT + "speakers/", Answer(body=fixture_bytes("pretalx_v1_speakers.json"), headers=JSON))
    loopback.route(EVENT + "submissions/", Answer(body=fixture_bytes("pretalx_v1_submissions.json"), headers=JSON))
    loopback.route(EVENT + "rooms/", Answer(body=NO_ROOMS, headers=JSON))
    [karin] = pretalx.fetch_speakers(loopback.url + "/api/", "generator2012", lang="sv")
    assert karin.avatar_url == "https://pretalx.example/media/avatars/karin.jpg"
    assert karin.organisation == "Högskolan i Gävle"  # from the answer to the organisation question
    assert karin.talk_titles == ("Skogsindustrins digitala omställning",)
    assert karin.state == "confirmed"


def test_token_is_sent_as_header_and_never_appears_in_errors_or_logs(loopback, fixture_bytes, monkeypatch, caplog):
    secret = "s3cr3t-pretalx-token-value"
    monkeypatch.setenv("PLANNER_PRETALX_TOKEN", secret)
    _serve_v2(loopback, fixture_bytes)
    caplog.set_level(logging.DEBUG)
    pretalx.fetch_speakers(loopback.url, "generator2012")
    assert {seen.headers.get("authorization") for seen in loopback.requests} == {f"Token {secret}"}
    loopback.route(EVENT + "speakers/", Answer(403, body='{"detail": "Invalid token."}', headers=JSON))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012")
    assert caught.value.kind == "auth"
    assert secret not in str(caught.value)
    assert secret not in caplog.text


def test_without_a_token_no_authorization_header_is_sent(loopback, fixture_bytes):
    _serve_v2(loopback, fixture_bytes)
    pretalx.fetch_speakers(loopback.url, "generator2012")
    assert all("authorization" not in seen.headers for seen in loopback.requests)


def test_429_is_waited_out_as_retry_after_asks(loopback, fixture_bytes):
    _serve_v2(loopback, fixture_bytes, first_page_answers=[Answer(429, body="slow down", headers={"Retry-After": "1"})])
    records = pretalx.fetch_speakers(loopback.url, "generator2012")
    assert len(records) == 3
    first, again = loopback.requests[0], loopback.requests[1]
    assert first.path == again.path == EVENT + "speakers/" + SPEAKERS_Q
    assert again.at - first.at >= 0.9  # the server's wish was honoured


def test_429_asking_for_too_long_is_reported_not_waited_for(loopback, fixture_bytes):
    waited = []
    _serve_v2(loopback, fixture_bytes, first_page_answers=[Answer(429, headers={"Retry-After": "3600"})])
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012", sleep=waited.append)
    assert caught.value.kind == "rate_limited"
    assert waited == []


def test_endless_429_gives_up_after_a_few_waits(loopback):
    waited = []
    loopback.route(EVENT + "speakers/", Answer(429, headers={"Retry-After": "2"}))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012", sleep=waited.append)
    assert caught.value.kind == "rate_limited"
    assert waited == [2.0] * pretalx.RATE_LIMIT_WAITS


def test_next_page_on_another_host_is_refused(loopback):
    page = {"count": 2, "next": "https://evil.example/api/events/generator2012/speakers/?page=2", "previous": None,
            "results": [{"code": "AAAAAA", "name": "A B", "biography": "", "submissions": []}]}
    loopback.route(EVENT + "speakers/", Answer(body=json.dumps(page), headers=JSON))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012", token="tok")
    assert caught.value.kind == "refused"
    assert "evil.example" in str(caught.value)


def test_a_page_pointing_at_itself_does_not_loop_forever(loopback):
    page = {"count": 1, "next": None, "previous": None, "results": []}
    page["next"] = loopback.url + EVENT + "speakers/"
    loopback.route(EVENT + "speakers/", Answer(body=json.dumps(page), headers=JSON))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012")
    assert caught.value.kind == "format"


def test_unknown_event_and_not_json(loopback):
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "nosuchevent")
    assert caught.value.kind == "not_found" and "has no event nosuchevent (HTTP 404)" in str(caught.value)
    loopback.route(EVENT + "speakers/", Answer(body="<html>login</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012")
    assert caught.value.kind == "format"


def test_slow_and_dropped_answers(loopback):
    loopback.route(EVENT + "speakers/", Answer(body="{}", delay=2.0))
    with make_client(timeout=0.3) as client, pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012", client=client)
    assert caught.value.kind == "timeout"
    loopback.route(EVENT + "speakers/", Answer(drop=True))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers(loopback.url, "generator2012")
    assert caught.value.kind == "dropped"


@pytest.mark.parametrize(("base", "expected"), [
    ("https://pretalx.com", "https://pretalx.com/api/events/gen/"),
    ("https://pretalx.com/", "https://pretalx.com/api/events/gen/"),
    ("https://pretalx.com/api", "https://pretalx.com/api/events/gen/"),
    ("https://pretalx.com/api/events/gen/", "https://pretalx.com/api/events/gen/"),
    ("https://conf.example/pretalx/api/events/other/speakers/", "https://conf.example/pretalx/api/events/gen/"),
])
def test_event_address_from_the_usual_forms(base, expected):
    assert pretalx.event_api_url(base, "gen") == expected


def test_event_name_with_a_slash_is_refused():
    with pytest.raises(IntegrationError):
        pretalx.event_api_url("https://pretalx.com", "a/b")


def test_mock_transport_fault_in_the_middle_of_paging():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params.get("page"))
        if request.url.params.get("page") == "2":
            return httpx.Response(502)
        return httpx.Response(200, json={"count": 2, "next": str(request.url.copy_with(params={"page": "2"})),
                                         "previous": None, "results": [{"code": "X1", "name": "X"}]})

    with make_client(transport=httpx.MockTransport(handler)) as client, pytest.raises(IntegrationError) as caught:
        pretalx.fetch_speakers("https://pretalx.example", "gen", client=client)
    assert caught.value.kind == "server" and "502" in str(caught.value)
    assert calls == [None, "2"]


@pytest.mark.parametrize(("header", "seconds"), [
    ("5", 5.0), ("0", 0.0), ("-3", 0.0), ("999", 30.0), (None, 2.0), ("soon", 2.0),
    ("Wed, 21 Oct 2015 07:28:05 GMT", 5.0),
])
def test_retry_after_values(header, seconds):
    from datetime import UTC, datetime

    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert retry_after_seconds(header, cap=30.0, now=now) == seconds
