"""Programme conflicts: speakers and rooms double-booked, rooms too small, off-dates, unconfirmed speakers."""

from datetime import date, time

from planner.domain.enums import SessionStatus, SpeakerStatus
from planner.domain.programme import (
    INVALID_TIME,
    OUTSIDE_EVENT,
    ROOM_DOUBLE_BOOKED,
    ROOM_TOO_SMALL,
    SPEAKER_DOUBLE_BOOKED,
    SPEAKER_NOT_CONFIRMED,
    SessionInput,
    SpeakerRef,
    check_programme,
)

DAY1, DAY2 = date(2012, 9, 18), date(2012, 9, 19)
SPEAKERS = {1: SpeakerRef(1, "Ada Lovelace", SpeakerStatus.CONFIRMED),
            2: SpeakerRef(2, "Grace Hopper", SpeakerStatus.INVITED)}
ROOMS = {"Hall A": 500, "Room 2": 40}


def s(id, day, start, end, room, speakers=(), audience=None, status=SessionStatus.DRAFT):
    return SessionInput(id, f"Session {id}", day, time(*start), time(*end), room, speakers, audience, status)


def check(sessions):
    return check_programme(sessions, SPEAKERS, ROOMS, DAY1, DAY2)


def test_clean_programme_has_no_conflicts():
    result = check([s(1, DAY1, (9, 0), (10, 0), "Hall A", (1,), 300),
                    s(2, DAY1, (10, 0), (11, 0), "Hall A", (1,), 300)])  # back to back is fine
    assert result.conflicts == ()


def test_speaker_in_two_places_at_once():
    result = check([s(1, DAY1, (9, 0), (10, 0), "Hall A", (1,)), s(2, DAY1, (9, 30), (10, 30), "Room 2", (1,))])
    conflicts = result.of_kind(SPEAKER_DOUBLE_BOOKED)
    assert len(conflicts) == 1 and conflicts[0].session_ids == (1, 2)
    assert conflicts[0].message.params["speaker"] == "Ada Lovelace"


def test_room_double_booked_but_not_across_days():
    result = check([s(1, DAY1, (9, 0), (12, 0), "Hall A"), s(2, DAY1, (11, 0), (11, 30), "Hall A"),
                    s(3, DAY2, (9, 0), (12, 0), "Hall A")])
    assert [c.session_ids for c in result.of_kind(ROOM_DOUBLE_BOOKED)] == [(1, 2)]


def test_room_smaller_than_the_audience():
    result = check([s(1, DAY1, (9, 0), (10, 0), "Room 2", audience=60)])
    assert result.of_kind(ROOM_TOO_SMALL)[0].message.params["capacity"] == 40


def test_session_outside_the_event_dates():
    result = check([s(1, date(2012, 9, 21), (9, 0), (10, 0), "Hall A")])
    assert result.of_kind(OUTSIDE_EVENT)


def test_confirmed_session_whose_speaker_has_not_confirmed():
    result = check([s(1, DAY1, (9, 0), (10, 0), "Hall A", (1, 2), status=SessionStatus.CONFIRMED)])
    conflicts = result.of_kind(SPEAKER_NOT_CONFIRMED)
    assert [c.message.params["speaker"] for c in conflicts] == ["Grace Hopper"]


def test_cancelled_sessions_are_ignored_and_bad_times_reported():
    result = check([s(1, DAY1, (9, 0), (10, 0), "Hall A", (1,)),
                    s(2, DAY1, (9, 0), (10, 0), "Hall A", (1,), status=SessionStatus.CANCELLED),
                    s(3, DAY1, (12, 0), (11, 0), "Room 2")])
    assert [c.kind for c in result.conflicts] == [INVALID_TIME]
    assert result.sessions_checked == 2


def test_many_sessions_sweep():
    sessions = [s(i, DAY1, (8 + i % 10, 0), (8 + i % 10, 50), f"R{i}") for i in range(2000)]
    assert check(sessions).conflicts == ()
