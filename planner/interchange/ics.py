"""The bid timeline as an iCalendar file: milestones and tasks as all-day events with stable UIDs.

A UID is derived from the bid and task ids only, and SEQUENCE from the task's version, so a calendar that
imports the file again updates the events it has instead of adding copies. DTSTAMP is the task's last
change, which makes the file identical as long as the timeline is.
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
    bid_id: int
    task_id: int
    title: str
    start: date
    end: date  # inclusive last day
    milestone: bool
    description: str = ""
    categories: tuple[str, ...] = ()
    cancelled: bool = False
    sequence: int = 0
    changed: datetime | None = None


def entry_uid(bid_id: int, task_id: int) -> str:
    return f"bid-{bid_id}-task-{task_id}@{UID_DOMAIN}"


def build_calendar(name: str, entries: Sequence[CalendarEntry]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in sorted(entries, key=lambda e: (e.start, e.task_id)):
        event = Event()
        event.add("uid", entry_uid(entry.bid_id, entry.task_id))
        changed = entry.changed or datetime(entry.start.year, entry.start.month, entry.start.day, tzinfo=UTC)
        event.add("dtstamp", changed.astimezone(UTC) if changed.tzinfo else changed.replace(tzinfo=UTC))
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + timedelta(days=1))  # DTEND of an all-day event is exclusive
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
