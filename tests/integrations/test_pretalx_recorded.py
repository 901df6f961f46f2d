"""The pretalx importer against the recorded answers of real pretalx servers (2024.3.1 and 2025.2.2).

The recordings (fixtures/pretalx_<version>/, made by record_pretalx.py) hold one event: five speakers, an
organisation question asked in English and Swedish, talks in every state, two rooms and a released schedule
of three talks. The loopback server answers each request with the recording asked the same way.
"""

from __future__ import annotations

import json

import pytest

from planner.integrations import pretalx
from planner.integrations.http import IntegrationError
from tests.integrations.loopback_server import Answer
from tests.integrations.pretalx_replay import VERSIONS, answer_of, replay

EVENT = "generator2012"
API = f"/api/events/{EVENT}/"
SCHEDULED = {
    "Gävleborg as a testbed for rural broadband": ("2012-05-24T09:30:00+02:00", "2012-05-24T10:00:00+02:00"),
    "Sensors in the forest": ("2012-05-24T13:00:00+02:00", "2012-05-24T14:30:00+02:00"),
    "Ode to open data": ("2012-05-25T10:00:00+02:00", "2012-05-25T10:30:00+02:00"),
}


@pytest.mark.parametrize("version", VERSIONS)
def test_speakers_organisations_rooms_and_slots_of_a_real_event(loopback, version):
    replay(loopback, version)
    event = pretalx.fetch_event(loopback.url, EVENT, token="recorded", lang="en")
    people = {r.display_name: r for r in event.speakers}
    # Zoë has only a rejected talk: not a speaker of the event
    assert set(people) == {"Anna Lindqvist", "Łukasz Żółć", "Ludwig van Beethoven", "Örjan Åkesson"}
    assert {n: r.organisation for n, r in people.items()} == {
        "Anna Lindqvist": "Region Gävleborg", "Łukasz Żółć": "Politechnika Krakowska",
        "Ludwig van Beethoven": "", "Örjan Åkesson": "Skogsstyrelsen"}
    assert people["Anna Lindqvist"].talk_titles == ("Gävleborg as a testbed for rural broadband",)  # not the rejected
    assert people["Anna Lindqvist"].state == "confirmed"
    assert people["Łukasz Żółć"].talk_titles == ("Sensors in the forest",)  # not the withdrawn one
    assert people["Örjan Åkesson"].talk_titles == ("Sensors in the forest",)  # not the cancelled one
    assert people["Ludwig van Beethoven"].state == "accepted"
    assert [(r.name, r.capacity) for r in event.rooms] == [("Main hall", 800), ("Small hall", 120)]
    scheduled = {t.title: (t.start.isoformat(), t.end.isoformat()) for t in event.talks if t.start}
    assert scheduled == SCHEDULED
    rooms = {r.source_id: r.name for r in event.rooms}
    by_title = {t.title: t for t in event.talks}
    assert rooms[by_title["Sensors in the forest"].room_id] == "Small hall"
    assert by_title["Sensors in the forest"].duration == 90
    assert by_title["Sensors in the forest"].kind == "Workshop"
    assert set(by_title["Sensors in the forest"].speaker_codes) == {people["Łukasz Żółć"].source_id,
                                                                    people["Örjan Åkesson"].source_id}
    assert by_title["Ode to open data"].abstract == "Abstract of Ode to open data."
    assert sorted(t.state for t in event.skipped) == ["canceled", "rejected", "withdrawn"]
    # what was asked: the version header, and answers expanded in both API generations' words
    asked = [seen for seen in loopback.requests if seen.path.startswith(API + "speakers/")]
    assert asked and all(seen.headers.get("pretalx-version") == "v1" for seen in loopback.requests)
    assert "expand=answers.question" in asked[0].path and "questions=all" in asked[0].path


@pytest.mark.parametrize("version", VERSIONS)
def test_without_expansion_pretalx_sends_no_organisation(loopback, version):
    """What the importer used to get: the plain list has answers as ids (v1) or none at all (before)."""
    plain = json.loads(answer_of(loopback, version, "speakers_plain").body)
    records = pretalx.speaker_records(plain["results"], [])
    assert all(r.organisation == "" for r in records)


@pytest.mark.parametrize("version", VERSIONS)
def test_swedish_texts_and_a_chosen_question(loopback, version):
    replay(loopback, version)
    event = pretalx.fetch_event(loopback.url, EVENT, lang="sv")
    assert [r.name for r in event.rooms] == ["Stora salen", "Lilla salen"]
    assert {r.display_name: r.organisation for r in event.speakers}["Örjan Åkesson"] == "Skogsstyrelsen"
    by_name = pretalx.fetch_event(loopback.url, EVENT, lang="sv", organisation_question="T-shirtstorlek")
    assert {r.display_name: r.organisation for r in by_name.speakers}["Anna Lindqvist"] == "M"
    by_id = pretalx.fetch_event(loopback.url, EVENT, organisation_question="2")
    assert {r.display_name: r.organisation for r in by_id.speakers}["Ludwig van Beethoven"] == "XL"


@pytest.mark.parametrize("address", [
    "{base}/generator2012/", "{base}/generator2012/schedule/", "{base}/api/events/generator2012/",
])
def test_the_event_page_address_is_enough(loopback, address):
    replay(loopback, "2025.2.2")
    event = pretalx.fetch_event(address.format(base=loopback.url))
    assert len(event.speakers) == 4


def test_refusals_say_what_they_mean_for_pretalx(loopback):
    loopback.route(API + "speakers/", answer_of(loopback, "2025.2.2", "bad_token"))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, EVENT, token="wrong")
    assert caught.value.status == 401 and "token" in str(caught.value) and "PLANNER_PRETALX_TOKEN" in str(caught.value)
    loopback.route(API + "speakers/", answer_of(loopback, "2025.2.2", "bad_version"))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, EVENT)
    message = str(caught.value)
    assert "HTTP 400: API version not supported." in message and "API version v1" in message
    loopback.route(API + "speakers/", Answer(403, body='{"detail": "You do not have permission."}'))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, EVENT)
    assert "HTTP 403" in str(caught.value) and "endpoints" in str(caught.value)
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, "nosuchevent")
    assert "no event nosuchevent (HTTP 404)" in str(caught.value)
    assert all("\n" not in str(e) for e in (caught.value,))


@pytest.mark.parametrize("version", VERSIONS)
def test_import_journey_through_the_command(loopback, version, tmp_path, monkeypatch):
    from tests.cli.test_core_cli import run

    replay(loopback, version)
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    monkeypatch.setenv("PLANNER_PRETALX_TOKEN", "recorded-token")
    monkeypatch.setenv("COLUMNS", "250")  # the preview's lines whole, to read them here
    preview = run(*db, "--locale", "sv", "import", "pretalx", f"{loopback.url}/{EVENT}/", "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "Lilla salen" in preview.output and "Sensors in the forest" in preview.output
    assert "A talk that was rejected" in preview.output  # named as left out
    assert "tecken" in preview.output  # Ludwig's joined titles were cut, and the preview says so
    done = run(*db, "--locale", "sv", "import", "pretalx", f"{loopback.url}/{EVENT}/", "--yes")
    assert done.exit_code == 0, done.output

    def listed(kind):
        result = run(*db, "list", kind, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    speakers = {p["display_name"]: p for p in listed("speaker") if p["source"] == "pretalx"}
    sessions = {x["title"]: x for x in listed("programme_session")}
    rooms = {r["id"]: r["name"] for r in listed("room")}
    assert len(speakers) == 4
    assert sum(1 for p in speakers.values() if p["organisation"]) == 3
    assert len(speakers["Ludwig van Beethoven"]["talk_title"]) == 500
    assert speakers["Ludwig van Beethoven"]["talk_title"].endswith("…")
    forest = sessions["Sensors in the forest"]
    assert (forest["day"], forest["start_time"], forest["end_time"]) == ("2012-05-24", "13:00:00", "14:30:00")
    assert rooms[forest["room_id"]] == "Lilla salen"
    assert (forest["kind"], forest["status"]) == ("workshop", "confirmed")
    assert rooms[sessions["Ode to open data"]["room_id"]] == "Stora salen"  # the demo venue's own room
    assert sessions["Ode to open data"]["status"] == "draft"  # accepted, not yet confirmed
    assert sorted(forest["speakers"]) == sorted([speakers["Łukasz Żółć"]["id"], speakers["Örjan Åkesson"]["id"]])
    assert "Symphonies of sensors" not in sessions  # not in the schedule: no day to put it on
    again = run(*db, "import", "pretalx", loopback.url, EVENT, "--lang", "sv", "--dry-run")
    assert "Sessions: 0 new, 0 updated, 3 unchanged, 0 rejected" in again.output
    assert "0 new, 0 updated, 4 unchanged, 0 rejected" in again.output
    # in English the rooms are named otherwise: added to the venue asked for
    other = run(*db, "import", "pretalx", loopback.url, EVENT, "--lang", "en", "--venue", "2", "--yes")
    assert other.exit_code == 0, other.output
    assert "2 room(s) added to Högskolan i Gävle, campus Kungsbäck: Main hall, Small hall" in other.output
    assert {r["name"]: r["capacity_theatre"] for r in listed("room") if r["venue_id"] == 2}["Main hall"] == 800
    moved = {x["title"]: x for x in listed("programme_session")}["Sensors in the forest"]
    assert {r["id"]: r["name"] for r in listed("room")}[moved["room_id"]] == "Small hall"


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unknown_event_is_named_with_the_events_the_server_has(loopback, version):
    """pretalx answers an unknown event with HTTP 500 (recorded); its events list (recorded, with a token and
    without) names the events there are."""
    replay(loopback, version)
    assert answer_of(loopback, version, "no_event").status == 500
    for token in ("recorded-token", None):
        with pytest.raises(IntegrationError) as caught:
            pretalx.fetch_event(loopback.url, "no-such-event", token=token)
        message = str(caught.value)
        assert message.endswith("no event no-such-event on this server; the events are: generator2012.")
        assert caught.value.kind == "not_found" and "\n" not in message
    asked = [seen for seen in loopback.requests if seen.path.split("?")[0] == "/api/events/"]
    assert [seen.headers.get("authorization") for seen in asked] == ["Token recorded-token", None]
    assert all(seen.headers.get("pretalx-version") == "v1" for seen in asked)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_server_error_that_is_not_an_unknown_event_says_so(loopback, version):
    replay(loopback, version)
    recorded_answer = loopback.handler
    # the events list cannot be had either (the server fails on it too): whether the event exists stays unknown
    loopback.handler = lambda path, query, headers: (
        Answer(500, "A server error occurred.") if path == "/api/events/" else recorded_answer(path, query, headers))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, "no-such-event")
    assert caught.value.kind == "server"
    assert "server error (HTTP 500) and could not list its events" in str(caught.value)
    # a 500 on an event the server lists: the server's own problem
    loopback.handler = None
    loopback.route(API + "speakers/", answer_of(loopback, version, "no_event"))
    loopback.route("/api/events/", answer_of(loopback, version, "events"))
    with pytest.raises(IntegrationError) as caught:
        pretalx.fetch_event(loopback.url, EVENT)
    assert caught.value.kind == "server" and "while reading event generator2012, which exists" in str(caught.value)


def test_an_unknown_event_through_the_command_in_swedish(loopback, tmp_path):
    from tests.cli.test_core_cli import run

    replay(loopback, "2025.2.2")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    result = run(*db, "--locale", "sv", "import", "pretalx", f"{loopback.url}/no-such-event/", "--dry-run")
    assert result.exit_code != 0 and "Traceback" not in result.output
    text = " ".join(result.output.split())
    assert "inget evenemang no-such-event på den här servern; evenemangen är: generator2012." in text
