"""Record the answers of a real pretalx server into tests/integrations/fixtures/ (not run by the test suite).

The pretalx tests replay what a real pretalx server answered, so the client is checked against pretalx itself
and not against what we believe it sends. This script makes those recordings:

1. it seeds an event (speakers, an organisation question in two languages, talks in every state, rooms and a
   released schedule) with pretalx's own models, in a fresh SQLite database in a temporary folder;
2. it starts that pretalx on 127.0.0.1 and asks its API what the importer asks, with and without expanded
   answers, with the token of an organiser of the event;
3. it writes each answer to `fixtures/pretalx_<version>/<name>.json`, the server's address replaced by `{base}`
   (the replaying tests put their own loopback address there), and `index.json` listing what was asked.

pretalx goes into a virtual environment of its own, apart from the project's dependencies:

    python3.11 -m venv /tmp/pretalx-2024 && /tmp/pretalx-2024/bin/pip install 'pretalx==2024.3.1'
    python3.11 -m venv /tmp/pretalx-2025 && /tmp/pretalx-2025/bin/pip install 'pretalx==2025.2.2'
    .venv/bin/python tests/integrations/record_pretalx.py --pretalx-python /tmp/pretalx-2024/bin/python
    .venv/bin/python tests/integrations/record_pretalx.py --pretalx-python /tmp/pretalx-2025/bin/python

The folder name comes from the installed pretalx's version (`pretalx_2024.3.1`); rerunning replaces it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
EVENT = "generator2012"

SEED = textwrap.dedent('''
    import datetime as dt
    import json
    import sys

    import django

    django.setup()
    from django.utils.timezone import make_aware
    from django_scopes import scope, scopes_disabled

    import pretalx
    from pretalx.event.models import Event, Team
    from pretalx.event.utils import create_organiser_with_team
    from pretalx.person.models import SpeakerProfile, User
    from pretalx.schedule.models import Room
    from pretalx.submission.models import Answer, Question, Submission, SubmissionType

    EVENT = sys.argv[1]
    with scopes_disabled():
        orga = User.objects.create_user(email="orga@example.org", password="Orga-pass-2012!", name="Orga Nisatör")
        organiser, team = create_organiser_with_team(name="Region Gävleborg", slug="gavleborg", users=[orga])
        team.can_change_submissions = True
        team.all_events = True
        team.save()
        event = Event.objects.create(
            name={"en": "Generator 2012", "sv": "Generator 2012"}, slug=EVENT, organiser=organiser,
            is_public=True, date_from=dt.date(2012, 5, 24), date_to=dt.date(2012, 5, 25),
            timezone="Europe/Stockholm", email="program@example.org", locale_array="en,sv", locale="en",
            content_locale_array="en,sv",
        )
    with scope(event=event):
        event.build_initial_data()
        talk = event.submission_types.first()
        talk.default_duration = 30
        talk.save()
        workshop = SubmissionType.objects.create(event=event, name={"en": "Workshop", "sv": "Workshop"},
                                                 default_duration=90)
        q_org = Question.objects.create(
            event=event, target="speaker", variant="string", active=True, is_public=False,
            question={"en": "Company or organisation", "sv": "Organisation eller företag"}, position=2)
        q_shirt = Question.objects.create(
            event=event, target="speaker", variant="string", active=True, is_public=False,
            question={"en": "T-shirt size", "sv": "T-shirtstorlek"}, position=1)
        stora = Room.objects.create(event=event, name={"en": "Main hall", "sv": "Stora salen"}, capacity=800,
                                    position=1)
        lilla = Room.objects.create(event=event, name={"en": "Small hall", "sv": "Lilla salen"}, capacity=120,
                                    position=2)
        people = [
            ("Anna Lindqvist", "anna@example.se", "**Anna** leads the regional *innovation office*.",
             "Region Gävleborg", "M"),
            ("Łukasz Żółć", "lukasz@example.pl", "Engineer from Kraków.", "Politechnika Krakowska", "L"),
            ("Ludwig van Beethoven", "ludwig@example.de", "Composer.", "", "XL"),
            ("Örjan Åkesson", "orjan@example.se", "Forest data.", "Skogsstyrelsen", ""),
            ("Zoë Rejected", "zoe@example.org", "Only a rejected talk.", "Nowhere AB", "S"),
        ]
        users = {}
        for name, email, bio, org, shirt in people:
            user = User.objects.create_user(email=email, name=name, locale="en", timezone="Europe/Stockholm")
            speaker = SpeakerProfile.objects.create(user=user, event=event, biography=bio)
            users[name] = user
            if org:
                Answer.objects.create(question=q_org, person=user, answer=org)
            if shirt:
                Answer.objects.create(question=q_shirt, person=user, answer=shirt)
        title_max = Submission._meta.get_field("title").max_length
        talks = [
            ("Gävleborg as a testbed for rural broadband", ["Anna Lindqvist"], talk, "confirmed",
             (stora, dt.datetime(2012, 5, 24, 9, 30))),
            ("Sensors in the forest", ["Örjan Åkesson", "Łukasz Żółć"], workshop, "confirmed",
             (lilla, dt.datetime(2012, 5, 24, 13, 0))),
            ("Ode to open data", ["Ludwig van Beethoven"], talk, "accepted",
             (stora, dt.datetime(2012, 5, 25, 10, 0))),
            ("Symphonies of sensors", ["Ludwig van Beethoven"], talk, "submitted", None),
            # three titles as long as pretalx allows: joined, they pass what a speaker's talk title holds here
            (("Very long title " * 70)[:title_max].strip(), ["Ludwig van Beethoven"], talk, "accepted", None),
            (("Another long title " * 70)[:title_max].strip(), ["Ludwig van Beethoven"], talk, "accepted", None),
            (("A third long title " * 70)[:title_max].strip(), ["Ludwig van Beethoven"], talk, "submitted", None),
            ("A talk that was rejected", ["Zoë Rejected", "Anna Lindqvist"], talk, "rejected", None),
            ("A talk that was withdrawn", ["Łukasz Żółć"], talk, "withdrawn", None),
            ("A talk that was cancelled", ["Örjan Åkesson"], talk, "canceled", None),
        ]
        for title, speakers, kind, state, slot in talks:
            sub = Submission.objects.create(event=event, title=title, submission_type=kind,
                                            abstract=f"Abstract of {title[:40]}.", content_locale="en")
            for name in speakers:
                sub.speakers.add(users[name])
            if state in ("accepted", "confirmed"):
                sub.accept()
            if state == "confirmed":
                sub.confirm()
            if state == "rejected":
                sub.reject()
            if state == "withdrawn":
                sub.withdraw()
            if state == "canceled":
                sub.accept()
                sub.cancel()
            if slot:
                room, start = slot
                talk_slot = sub.slots.first()
                talk_slot.room = room
                talk_slot.start = make_aware(start, event.tz)
                talk_slot.end = talk_slot.start + dt.timedelta(minutes=kind.default_duration)
                talk_slot.save()
        event.wip_schedule.freeze("v1")
        try:
            from pretalx.person.models import UserApiToken
        except ImportError:
            token = orga.regenerate_token().key
        else:
            from pretalx.person.models.auth_token import ENDPOINTS, READ_PERMISSIONS
            api_token = UserApiToken.objects.create(
                user=orga, name="planner recording",
                endpoints={endpoint: list(READ_PERMISSIONS) for endpoint in ENDPOINTS})
            api_token.events.add(event)
            token = api_token.token
    print(json.dumps({"token": token, "version": pretalx.__version__}))
''')

CONFIG = textwrap.dedent('''
    [filesystem]
    data = {data}
    [site]
    debug = False
    url = http://127.0.0.1:{port}
    [database]
    backend = sqlite3
    [mail]
    from = orga@example.org
''')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def requests_for(version: str) -> list[tuple[str, str, dict[str, str], dict[str, str]]]:
    """(name, path, query, headers) of every answer recorded: what the importer asks (planner.integrations.
    pretalx.fetch_event: the version header, answers and slots expanded; the events list it asks after a
    server error, to tell an unknown event) and the same lists asked plainly."""
    api = f"/api/events/{EVENT}/"
    v1 = {"Pretalx-Version": "v1"}
    return [
        ("events", "/api/events/", {}, v1),
        ("event", api, {}, v1),
        ("speakers_plain", api + "speakers/", {}, {}),
        ("submissions_plain", api + "submissions/", {}, {}),
        ("speakers", api + "speakers/", {"expand": "answers.question", "questions": "all"}, v1),
        ("submissions", api + "submissions/", {"expand": "slots,submission_type", "questions": "all"}, v1),
        ("rooms", api + "rooms/", {}, v1),
        ("slots", api + "slots/", {}, v1),
    ]


def keep(out: Path, name: str, text: str, base: str) -> str:
    """Write one answer: JSON indented (the server's address as `{base}`), anything else as it came."""
    text = text.replace(base, "{base}")
    try:
        body = json.loads(text)
    except ValueError:
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        return f"{name}.txt"
    (out / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return f"{name}.json"


def record(python: str) -> Path:
    import httpx

    work = Path(tempfile.mkdtemp(prefix="pretalx-recording-"))
    port = free_port()
    data = work / "data"
    data.mkdir()
    config = work / "pretalx.cfg"
    config.write_text(CONFIG.format(data=data, port=port), encoding="utf-8")
    env = {**os.environ, "PRETALX_CONFIG_FILE": str(config), "DJANGO_SETTINGS_MODULE": "pretalx.settings"}
    subprocess.run([python, "-m", "pretalx", "migrate", "--noinput"], env=env, check=True, cwd=work,
                   stdout=subprocess.DEVNULL)
    seeded = subprocess.run([python, "-c", SEED, EVENT], env=env, check=True, cwd=work, capture_output=True,
                            text=True)
    facts = json.loads(seeded.stdout.strip().splitlines()[-1])
    server = subprocess.Popen([python, "-m", "pretalx", "runserver", "--noreload", f"127.0.0.1:{port}"], env=env,
                              cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    out = FIXTURES / f"pretalx_{facts['version']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        index = []
        auth = {"Authorization": f"Token {facts['token']}", "Accept": "application/json"}
        for name, path, query, headers in requests_for(facts["version"]):
            response = httpx.get(base + path, params=query, headers={**auth, **headers}, timeout=30)
            index.append({"name": name, "path": path, "query": query, "headers": sorted(headers),
                          "status": response.status_code, "file": keep(out, name, response.text, base)})
        # what a wrong token, an unknown event (asked as the importer asks) and an old API version answer,
        # and the events list without a token (the public events)
        expanded = {"expand": "answers.question", "questions": "all"}
        for name, path, query, headers in (
                ("bad_token", f"/api/events/{EVENT}/speakers/", {}, {"Authorization": "Token nope"}),
                ("no_event", "/api/events/no-such-event/speakers/", expanded, {**auth, "Pretalx-Version": "v1"}),
                ("bad_version", f"/api/events/{EVENT}/speakers/", {}, {**auth, "Pretalx-Version": "v0"}),
                ("events_anonymous", "/api/events/", {}, {"Accept": "application/json", "Pretalx-Version": "v1"})):
            response = httpx.get(base + path, params=query, headers=headers, timeout=30)
            index.append({"name": name, "path": path, "query": query, "headers": sorted(set(headers) - {"Accept"}),
                          "status": response.status_code, "file": keep(out, name, response.text, base)})
        (out / "index.json").write_text(json.dumps({"pretalx": facts["version"], "event": EVENT, "answers": index},
                                                   indent=1) + "\n", encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pretalx-python", required=True, help="the python of a virtualenv with pretalx installed")
    args = parser.parse_args()
    print(record(args.pretalx_python))
    return 0


if __name__ == "__main__":
    sys.exit(main())
