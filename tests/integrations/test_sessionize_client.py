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
    assert maja.organisation == "Researcher, University of Gävle"  # the tag line when no question says
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
