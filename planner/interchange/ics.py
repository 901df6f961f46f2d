"""The bid timeline as an iCalendar file: tasks, milestones and other dates of the bid as all-day events.

A UID is the record's own UUID (kept with it and carried by the bid file), so two databases never give one
UID to different events and a bid moved by file keeps its events; SEQUENCE comes from the record's version,
so a calendar that imports the file again updates the events it has instead of adding copies. DTSTAMP is the
record's last change, which makes the file identical as long as the timeline is. DTEND of an all-day event
is exclusive: an event from `start` to `end` (exclusive) lasts `end - start` days, as in `timeline check`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//planner//conference bid timeline//EN"
UID_DOMAIN = "planner.bid"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # the record's UUID, with a suffix for a second date of one record
    title: str
    start: date
    end: date  # exclusive: the day after the last one
    milestone: bool
    description: str = ""
    categories: tuple[str, ...] = ()
    cancelled: bool = False
    sequence: int = 0
    changed: datetime | None = None


def entry_uid(uuid: str, what: str = "") -> str:
    return f"{uuid}{'-' + what if what else ''}@{UID_DOMAIN}"


def build_calendar(name: str, entries: Sequence[CalendarEntry]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in sorted(entries, key=lambda e: (e.start, e.uid)):
        event = Event()
        event.add("uid", entry.uid)
        changed = entry.changed or datetime(entry.start.year, entry.start.month, entry.start.day, tzinfo=UTC)
        event.add("dtstamp", changed.astimezone(UTC) if changed.tzinfo else changed.replace(tzinfo=UTC))
        event.add("dtstart", entry.start)
        event.add("dtend", max(entry.end, entry.start + timedelta(days=1)))  # exclusive; a day at least
        event.add("summary", entry.title)
        if entry.description:
            event.add("description", entry.description)
        if entry.categories:
            event.add("categories", list(entry.categories))
        event.add("sequence", entry.sequence)
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar


def calendar_bytes(name: str, entries: Sequence[CalendarEntry]) -> bytes:
    return build_calendar(name, entries).to_ical()
