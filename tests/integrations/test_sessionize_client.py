"""The Sessionize client: the public view/Speakers and view/Sessions JSON into speaker records."""

from __future__ import annotations

import pytest

from planner.integrations import sessionize
from planner.integrations.http import IntegrationError
from tests.integrations.loopback_server import Answer

API = "/api/v2/k3xz9q1a/"
JSON = {"Content-Type": "application/json"}


def _serve(loopback, fixture_bytes):
    loopback.route(API + "view/Speakers", Answer(body=fixture_bytes("sessionize_speakers.json"), headers=JSON))
    loopback.route(API + "view/Sessions", Answer(body=fixture_bytes("sessionize_sessions.json"), headers=JSON))


@pytest.mark.parametrize("suffix", ["", "view/All", "view/Speakers", "view/GridSmart?under=true"])
def test_speakers_with_sessions_from_any_api_address(loopback, fixture_bytes, suffix):
    _serve(loopback, fixture_bytes)
    erik, maja = sessionize.fetch_speakers(loopback.url + API + suffix)
    assert loopback.paths()[-2:] == [API + "view/Speakers", API + "view/Sessions"]
    assert erik.source == "sessionize" and erik.source_id == "0f3e9a8c-5d1b-4b6e-9f27-3c1d2e4a5b6c"
    assert (erik.given_name, erik.family_name, erik.display_name) == ("Erik", "Sjöberg", "Erik Sjöberg")
    assert erik.organisation == "Gävle Tech AB"  # from the Company question
    assert erik.bio == "Erik builds **sensor networks** for the forest industry."
    assert erik.avatar_url.startswith("https://sessionize.com/image/")
    assert erik.talk_titles == ("Listening to the forest",)
    assert erik.state == "confirmed"
    assert erik.email == ""  # Sessionize publishes none
    assert maja.organisation == ""  # no company field or question: the tag line is not an organisation
    assert maja.role == "Researcher, University of Gävle"  # it is the person's own line, kept as the role
    assert maja.state == "accepted" and maja.avatar_url == ""


def test_sessions_listed_without_groups_work_too():
    speakers = [{"id": "s1", "firstName": "", "lastName": "", "fullName": "Per Olof Ek", "sessions": []}]
    sessions = [{"id": 7, "title": "Talk", "speakers": [{"id": "s1", "name": "Per Olof Ek"}], "status": "Accepted"}]
    [per] = sessionize.speaker_records(speakers, sessionize._sessions(sessions))
    assert (per.given_name, per.family_name) == ("Per Olof", "Ek")
    assert per.talk_titles == ("Talk",)


def test_not_a_list_of_speakers(loopback):
    loopback.route(API + "view/Speakers", Answer(body='{"error": "API not enabled"}', headers=JSON))
    loopback.route(API + "view/Sessions", Answer(body="[]", headers=JSON))
    with pytest.raises(IntegrationError) as caught:
        sessionize.fetch_speakers(loopback.url + API)
    assert caught.value.kind == "format"


def test_address_must_be_a_web_address():
    with pytest.raises(IntegrationError) as caught:
        sessionize.fetch_speakers("k3xz9q1a")
    assert caught.value.kind == "refused"


def _serve_sample(loopback, fixture_bytes, *, bom=False):
    mark = b"\xef\xbb\xbf" if bom else b""
    loopback.route(API + "view/Speakers", Answer(body=mark + fixture_bytes("sessionize_sample_speakers.json"),
                                                 headers={"Content-Type": "application/json; charset=utf-8"}))
    loopback.route(API + "view/Sessions", Answer(body=mark + fixture_bytes("sessionize_sample_sessions.json"),
                                                 headers=JSON))


@pytest.mark.parametrize("bom", [False, True])
def test_tag_lines_are_roles_and_a_byte_order_mark_is_accepted(loopback, fixture_bytes, bom):
    _serve_sample(loopback, fixture_bytes, bom=bom)
    event = sessionize.fetch_event(loopback.url + API + "view/All")
    people = {r.display_name: r for r in event.speakers}
    assert {n: (r.organisation, r.role) for n, r in people.items()} == {
        "Erik Sjöberg": ("Gävle Tech AB", "CTO, Gävle Tech AB"),
        "Maja Nilsson": ("", "Tech guy"),
        "Sara Ek": ("", "CEO / Contoso"),  # a T-shirt question is not a company
    }
    assert people["Maja Nilsson"].talk_titles == ("Open data panel",)  # the declined talk is left out
    assert [(r.source_id, r.name) for r in event.rooms] == [("101", "Plenary"), ("102", "Foyer")]
    forest = next(t for t in event.talks if t.title == "Listening to the forest")
    assert (forest.start.isoformat(), forest.end.isoformat(), forest.room_id) == (
        "2012-05-24T09:00:00", "2012-05-24T09:45:00", "101")
    assert forest.duration == 45 and set(forest.speaker_codes) == {people["Erik Sjöberg"].source_id,
                                                                   people["Sara Ek"].source_id}
    assert [t.title for t in event.skipped] == ["A declined talk"]
    assert next(t for t in event.talks if t.title == "Lunch").kind == "break"


def test_sessionize_import_journey_through_the_command(loopback, fixture_bytes, tmp_path, monkeypatch):
    import json

    from tests.cli.test_core_cli import run

    _serve_sample(loopback, fixture_bytes, bom=True)
    monkeypatch.setenv("COLUMNS", "250")
    db = ["--db", str(tmp_path / "p.db")]
    assert run(*db, "demo").exit_code == 0
    done = run(*db, "import", "sessionize", loopback.url + API + "view/All", "--venue", "1", "--yes")
    assert done.exit_code == 0, done.output
    assert "Sessions: 2 new, 0 updated, 0 unchanged, 0 rejected" in done.output
    assert "2 room(s) added to Gävle Konserthus: Plenary, Foyer" in done.output
    assert "1 talk(s) left out as rejected, withdrawn or cancelled: A declined talk" in done.output

    def listed(kind):
        return json.loads(run(*db, "list", kind, "--json").output)

    people = {p["display_name"]: p for p in listed("speaker") if p["source"] == "sessionize"}
    assert (people["Sara Ek"]["organisation"], people["Sara Ek"]["role"]) == ("", "CEO / Contoso")
    sessions = {x["title"]: x for x in listed("programme_session")}
    rooms = {r["id"]: r["name"] for r in listed("room")}
    forest, lunch = sessions["Listening to the forest"], sessions["Lunch"]
    assert (forest["day"], forest["start_time"], forest["end_time"]) == ("2012-05-24", "09:00:00", "09:45:00")
    assert rooms[forest["room_id"]] == "Plenary" and forest["status"] == "confirmed"
    assert sorted(forest["speakers"]) == sorted([people["Erik Sjöberg"]["id"], people["Sara Ek"]["id"]])
    assert (lunch["kind"], rooms[lunch["room_id"]], lunch["speakers"]) == ("break", "Foyer", [])
