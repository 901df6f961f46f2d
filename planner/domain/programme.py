"""Programme conflicts: double-booked speakers and rooms, rooms too small, sessions off the event dates.

Two sessions overlap when they are on the same day and one starts before the other ends (a session ending
at 10:00 and one starting at 10:00 do not overlap). Cancelled sessions take part in no check. Each
conflict names the sessions involved and says what to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time

from planner.domain.enums import N_, SessionStatus, SpeakerStatus
from planner.domain.messages import Message

SPEAKER_DOUBLE_BOOKED = "speaker_double_booked"
ROOM_DOUBLE_BOOKED = "room_double_booked"
ROOM_TOO_SMALL = "room_too_small"
OUTSIDE_EVENT = "outside_event_dates"
SPEAKER_NOT_CONFIRMED = "speaker_not_confirmed"
INVALID_TIME = "invalid_time"


@dataclass(frozen=True)
class SpeakerRef:
    id: int | str
    name: str
    status: SpeakerStatus


@dataclass(frozen=True)
class SessionInput:
    id: int | str
    title: str
    day: date
    start: time
    end: time
    room: str | None = None
    speaker_ids: tuple = ()
    expected_audience: int | None = None
    status: SessionStatus = SessionStatus.DRAFT


@dataclass(frozen=True)
class Conflict:
    kind: str
    session_ids: tuple
    message: Message


@dataclass(frozen=True)
class ProgrammeCheck:
    conflicts: tuple[Conflict, ...]
    sessions_checked: int

    def of_kind(self, kind: str) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.kind == kind)


def _overlapping_pairs(sessions: list[SessionInput]):
    """Pairs of overlapping sessions in one group (same day and resource), by a sweep over start times."""
    ordered = sorted(sessions, key=lambda s: (s.start, s.end, str(s.id)))
    active: list[SessionInput] = []
    for session in ordered:
        active = [a for a in active if a.end > session.start]
        for other in active:
            yield other, session
        active.append(session)


def check_programme(
    sessions: Iterable[SessionInput],
    speakers: Mapping,  # id -> SpeakerRef
    room_capacity: Mapping[str, int],
    event_start: date | None,
    event_end: date | None,
) -> ProgrammeCheck:
    live = [s for s in sessions if SessionStatus(s.status) != SessionStatus.CANCELLED]
    conflicts: list[Conflict] = []

    def name(speaker_id) -> str:
        ref = speakers.get(speaker_id)
        return ref.name if ref else str(speaker_id)

    valid = []
    for s in live:
        if s.end <= s.start:
            conflicts.append(Conflict(INVALID_TIME, (s.id,), Message(
                N_("“{session}” ends at {end}, not after it starts at {start}. Correct the times."),
                {"session": s.title, "start": s.start.strftime("%H:%M"), "end": s.end.strftime("%H:%M")})))
        else:
            valid.append(s)
        if event_start and event_end and not event_start <= s.day <= event_end:
            conflicts.append(Conflict(OUTSIDE_EVENT, (s.id,), Message(
                N_("“{session}” is on {day}, outside the event ({start} to {end}). Move it to an event day."),
                {"session": s.title, "day": s.day, "start": event_start, "end": event_end})))
        if s.room is not None and s.expected_audience is not None:
            capacity = room_capacity.get(s.room)
            if capacity is not None and capacity < s.expected_audience:
                conflicts.append(Conflict(ROOM_TOO_SMALL, (s.id,), Message(
                    N_("“{session}” expects {audience} people but {room} holds {capacity}. Choose a larger "
                       "room."),
                    {"session": s.title, "audience": s.expected_audience, "room": s.room, "capacity": capacity})))
        if SessionStatus(s.status) == SessionStatus.CONFIRMED:
            for speaker_id in s.speaker_ids:
                ref = speakers.get(speaker_id)
                if ref is None or SpeakerStatus(ref.status) != SpeakerStatus.CONFIRMED:
                    conflicts.append(Conflict(SPEAKER_NOT_CONFIRMED, (s.id,), Message(
                        N_("“{session}” is confirmed but {speaker} has not confirmed. Confirm the speaker or "
                           "set the session back to draft."), {"session": s.title, "speaker": name(speaker_id)})))

    by_room: dict = {}
    by_speaker: dict = {}
    for s in valid:
        if s.room is not None:
            by_room.setdefault((s.day, s.room), []).append(s)
        for speaker_id in dict.fromkeys(s.speaker_ids):
            by_speaker.setdefault((s.day, speaker_id), []).append(s)
    for (day, room), group in sorted(by_room.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        for a, b in _overlapping_pairs(group):
            conflicts.append(Conflict(ROOM_DOUBLE_BOOKED, (a.id, b.id), Message(
                N_("{room} is booked twice on {day}: “{first}” and “{second}” overlap. Move one of them."),
                {"room": room, "day": day, "first": a.title, "second": b.title})))
    for (day, speaker_id), group in sorted(by_speaker.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        for a, b in _overlapping_pairs(group):
            conflicts.append(Conflict(SPEAKER_DOUBLE_BOOKED, (a.id, b.id), Message(
                N_("{speaker} is in two places at once on {day}: “{first}” and “{second}” overlap."),
                {"speaker": name(speaker_id), "day": day, "first": a.title, "second": b.title})))
    return ProgrammeCheck(tuple(conflicts), len(live))
