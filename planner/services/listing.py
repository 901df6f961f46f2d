"""Read-only listings a command answers without the ORM: on a SQLite file that is sound and current, the bids
are read with the standard library's sqlite3 through a read-only connection, so `planner bids` starts without
importing SQLAlchemy, SQLModel or pydantic (which cost more than the listing itself).

The terminal UI starts the same way (`quick_start`): the bids, and the first figures of the bid it opens, are
on screen before the workspace is open. Anything else (a server database, a file to create, upgrade or refuse)
gets None, and the caller opens the workspace as every other command does; the answer is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from planner.config import Settings


@dataclass(frozen=True)
class BidSummary:
    id: int
    title: str
    host_city: str
    status: str
    bid_deadline: date | None
    base_currency: str
    last_opened_at: datetime | None
    archived_at: datetime | None = None


def bid_title(conference: str, edition: str, host_city: str) -> str:
    """A bid's title as the model words it: 'Generator 2012, Gävle'."""
    return " ".join(p for p in (conference, edition) if p) + (f", {host_city}" if host_city else "")


_BIDS = ("SELECT id, conference, edition, host_city, status, bid_deadline, base_currency, last_opened_at, "
         "archived_at FROM bid WHERE archived_at IS {} NULL ORDER BY id")


def _as_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _as_datetime(value) -> datetime | None:
    """A moment as the ORM gives it: SQLite keeps UTC without an offset, which the models read as UTC."""
    if not isinstance(value, str) or not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class BidPreview:
    """A bid's first figures, read with sqlite3: what the Overview shows of it while the bid loads."""

    id: int
    title: str
    status: str
    bid_deadline: date | None
    event_start: date | None
    event_end: date | None
    event_days: int
    attendance_low: int
    attendance_expected: int
    attendance_high: int


_PREVIEW = ("SELECT id, conference, edition, host_city, status, bid_deadline, event_start, event_end, event_days, "
            "attendance_low, attendance_expected, attendance_high FROM bid WHERE id = ?")


def is_ready(settings: Settings) -> bool:
    """Whether the database is a SQLite file that is sound and current, read as it is: what the quick paths
    need (anything else is created, upgraded or refused by the full opening)."""
    from planner.store import schema_check

    path = settings.sqlite_path
    return path is not None and "?" not in settings.db_url and schema_check.ready_state(path) is not None


def quick_bids(settings: Settings, *, archived: bool = False) -> list[BidSummary] | None:
    """The bids of a current SQLite file read with sqlite3 (`archived`: the deleted ones kept with their
    history), or None when the workspace must be opened."""
    return _quick_read(settings, lambda con: _read_bids(con, archived))


def quick_start(settings: Settings, choose) -> tuple[list[BidSummary], BidPreview | None] | None:
    """The bids of a current SQLite file and the first figures of the one `choose(bids)` picks (its id, or
    None for none), read with sqlite3 in one look; None when the workspace must be opened, or when `choose`
    raises LookupError (a bid it cannot find among them)."""

    def read(con):
        bids = _read_bids(con, False)
        try:
            chosen = choose(bids)
        except LookupError:
            return None
        return bids, (_read_preview(con, chosen) if chosen is not None else None)

    return _quick_read(settings, read)


def _quick_read(settings: Settings, read):
    import sqlite3

    from planner.store import schema_check

    if not is_ready(settings):
        return None
    try:
        con = schema_check.connect_read_only(settings.sqlite_path)
        try:
            con.execute("PRAGMA query_only = ON")
            return read(con)
        finally:
            con.close()
    except (sqlite3.Error, ValueError, TypeError):  # anything unexpected: the full path words it
        return None


def _read_bids(con, archived: bool) -> list[BidSummary]:
    rows = con.execute(_BIDS.format("NOT" if archived else "")).fetchall()
    return [BidSummary(id, bid_title(conference or "", edition or "", host_city or ""), host_city or "",
                       status, _as_date(deadline), currency, _as_datetime(opened), _as_datetime(archived_at))
            for id, conference, edition, host_city, status, deadline, currency, opened, archived_at in rows]


def _read_preview(con, bid_id: int) -> BidPreview | None:
    row = con.execute(_PREVIEW, (bid_id,)).fetchone()
    if row is None:
        return None
    (id, conference, edition, host_city, status, deadline, start, end, days, low, expected, high) = row
    return BidPreview(id, bid_title(conference or "", edition or "", host_city or ""), status, _as_date(deadline),
                      _as_date(start), _as_date(end), int(days), int(low), int(expected), int(high))
