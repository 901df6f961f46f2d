"""Speakers and their sessions from a Sessionize event's public API (`view/Speakers`, `view/Sessions`).

The organiser turns the API on in Sessionize and gets an address such as
`https://sessionize.com/api/v2/<id>/view/All`; any address of that API works here, the endpoint part is
replaced. Sessionize publishes no e-mail addresses. The organisation comes only from a company field or a
question whose title names it (Company, Organisation ...); the tag line ("CEO / Contoso", "Tech guy") is the
person's own line about themselves and is kept as their role. Sessions come with their room and times (the
event's own time); declined ones are left out. A UTF-8 byte order mark before the JSON is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from planner.i18n import _
from planner.integrations.http import IntegrationError, get, json_body, make_client
from planner.integrations.records import RoomRecord, SpeakerRecord, TalkRecord, split_name

SERVICE = "Sessionize"
GONE = frozenset({"declined", "cancelled", "canceled", "rejected"})
ORGANISATION_QUESTIONS = ("company", "organisation", "organization", "affiliation", "employer", "företag", "arbetsgivare")


def api_base(url: str) -> str:
    """The API folder (`.../api/v2/<id>/`) from any of its endpoint addresses."""
    base = url.strip()
    base = re.sub(r"/view/[^/]*/?$", "/", base)
    base = re.sub(r"/(GridSmart|Grid|All|Speakers|Sessions|SpeakerWall)/?$", "/", base)
    if not base.startswith(("http://", "https://")):
        raise IntegrationError("refused", _(
            "Sessionize: {url} is not a web address. Copy the API address from Sessionize's API/Embed page."
        ).format(url=url))
    return base if base.endswith("/") else base + "/"


def _sessions(body: Any) -> list[dict[str, Any]]:
    """Sessions from `view/Sessions`, which groups them ([{groupName, sessions: [...]}]) or lists them."""
    if not isinstance(body, list):
        return []
    found: list[dict[str, Any]] = []
    for item in body:
        if isinstance(item, dict) and isinstance(item.get("sessions"), list):
            found.extend(s for s in item["sessions"] if isinstance(s, dict))
        elif isinstance(item, dict) and "title" in item:
            found.append(item)
    return found


def _state(session: dict[str, Any]) -> str:
    status = str(session.get("status") or "").strip().lower()
    if session.get("isConfirmed") is True and status in ("", "accepted"):
        return "confirmed"
    return status


def _organisation(speaker: dict[str, Any]) -> str:
    """The speaker's company: a company field, or the answer to a question that names an organisation."""
    for key in ("company", "companyName", "organisation", "organization"):
        if isinstance(speaker.get(key), str) and speaker[key].strip():
            return " ".join(speaker[key].split())
    for qa in speaker.get("questionAnswers") or []:
        if not isinstance(qa, dict):
            continue
        question = str(qa.get("question") or "").lower()
        answer = qa.get("answer") if qa.get("answer") is not None else qa.get("answerValue")
        if any(word in question for word in ORGANISATION_QUESTIONS) and answer:
            return " ".join(str(answer).split())
    return ""


def speaker_records(speakers: list[dict[str, Any]], sessions: list[dict[str, Any]]) -> list[SpeakerRecord]:
    """SpeakerRecords from the raw objects of the Sessionize API."""
    by_id = {str(s.get("id")): s for s in sessions if s.get("id") is not None}
    talks_of: dict[str, list[str]] = {}
    for session in sessions:
        for person in session.get("speakers") or []:
            pid = str(person.get("id") if isinstance(person, dict) else person)
            talks_of.setdefault(pid, []).append(str(session.get("id")))
    order = ("confirmed", "accepted", "nominated", "waitlisted", "declined")
    gone_titles = {str(s.get("title") or "").strip() for s in sessions if _state(s) in GONE}
    records = []
    for item in speakers:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        pid = str(item["id"])
        given = str(item.get("firstName") or "").strip()
        family = str(item.get("lastName") or "").strip()
        display = " ".join(str(item.get("fullName") or f"{given} {family}").split())
        if not given and not family:
            given, family = split_name(display)
        session_ids = [str(s.get("id")) for s in item.get("sessions") or [] if isinstance(s, dict)]
        session_ids += [s for s in talks_of.get(pid, []) if s not in session_ids]
        titles = []
        for ref in item.get("sessions") or []:
            if isinstance(ref, dict) and ref.get("name"):
                titles.append(str(ref["name"]).strip())
        titles += [str(by_id[s].get("title") or "").strip() for s in session_ids if s in by_id]
        session_ids = [s for s in session_ids if s not in by_id or _state(by_id[s]) not in GONE]
        titles = [t for t in titles if t not in gone_titles]
        states = [_state(by_id[s]) for s in session_ids if s in by_id]
        states = [s for s in states if s]
        known = [s for s in states if s in order]
        records.append(SpeakerRecord(
            source="sessionize",
            source_id=pid,
            display_name=display,
            given_name=given,
            family_name=family,
            organisation=_organisation(item),
            role=" ".join(str(item.get("tagLine") or "").split()),
            bio=str(item.get("bio") or "").strip(),
            avatar_url=str(item.get("profilePicture") or "").strip(),
            talk_titles=tuple(dict.fromkeys(t for t in titles if t)),
            state=min(known, key=order.index) if known else (states[0] if states else ""),
        ))
    return records


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def talks_from(sessions: list[dict[str, Any]]) -> tuple[list[RoomRecord], list[TalkRecord]]:
    """The rooms (by the sessions that use them) and the sessions of an event, service sessions (breaks)
    without speakers included as breaks."""
    rooms: dict[str, RoomRecord] = {}
    talks = []
    for session in sessions:
        room_id = session.get("roomId")
        room_name = " ".join(str(session.get("room") or "").split())
        if room_id is not None and room_name:
            rooms.setdefault(str(room_id), RoomRecord(str(room_id), room_name))
        start, end = _moment(session.get("startsAt")), _moment(session.get("endsAt"))
        talks.append(TalkRecord(
            code=str(session.get("id") or ""),
            title=" ".join(str(session.get("title") or "").split()),
            abstract=str(session.get("description") or "").strip(),
            duration=int((end - start).total_seconds() // 60) if start and end else 0,
            state=_state(session),
            kind="break" if session.get("isServiceSession") else "",
            speaker_codes=tuple(str(p.get("id") if isinstance(p, dict) else p) for p in session.get("speakers") or []),
            room_id=None if room_id is None else str(room_id),
            start=start,
            end=end,
        ))
    return list(rooms.values()), talks


@dataclass
class SessionizeEvent:
    speakers: list[SpeakerRecord]
    rooms: list[RoomRecord]
    talks: list[TalkRecord]
    skipped: list[TalkRecord] = field(default_factory=list)


def fetch_event(url: str, *, client: httpx.Client | None = None) -> SessionizeEvent:
    """A Sessionize event's speakers, rooms and sessions (view/Speakers and view/Sessions)."""
    base = api_base(url)
    own = client is None
    client = client or make_client()
    try:
        speakers = json_body(get(client, base + "view/Speakers", service=SERVICE, rate_limit_waits=2), service=SERVICE)
        sessions = json_body(get(client, base + "view/Sessions", service=SERVICE, rate_limit_waits=2), service=SERVICE)
    finally:
        if own:
            client.close()
    if not isinstance(speakers, list):
        raise IntegrationError("format", _(
            "Sessionize did not answer with a list of speakers at {url}. Check that the API includes speakers."
        ).format(url=base + "view/Speakers"))
    found = _sessions(sessions)
    rooms, talks = talks_from(found)
    return SessionizeEvent(
        speakers=speaker_records([s for s in speakers if isinstance(s, dict)], found),
        rooms=rooms,
        talks=[t for t in talks if t.state not in GONE],
        skipped=[t for t in talks if t.state in GONE],
    )


def fetch_speakers(url: str, *, client: httpx.Client | None = None) -> list[SpeakerRecord]:
    """All speakers of a Sessionize event with their session titles."""
    return fetch_event(url, client=client).speakers
