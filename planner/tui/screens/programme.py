"""Speakers and programme: who speaks (status, consent), the sessions in a day/room grid, and the conflicts,
listed and highlighted in the grid."""

from __future__ import annotations

from collections import defaultdict

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.enums import SessionKind, SessionStatus, SpeakerStatus
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable, TableBox


def _speaker_rows(bundle, analysis) -> list[Row]:
    sessions_of: dict[int, int] = defaultdict(int)
    for link in bundle.session_speakers:
        sessions_of[link.speaker_id] += 1
    rows = []
    for s in bundle.speakers:
        consent = Text("✔", style="green") if s.consent_to_be_named else Text("✘", style="red")
        rows.append(Row(str(s.id), (
            show.line(s.display_name), show.line(s.organisation), label(s.status, SpeakerStatus), consent,
            show.minor(s.fee_minor, s.fee_currency, decimals=False), str(sessions_of.get(s.id, 0)),
            show.line(s.talk_title)),
            (s.display_name.lower(), s.organisation.lower(), list(SpeakerStatus).index(SpeakerStatus(s.status)),
             s.consent_to_be_named, s.fee_minor, sessions_of.get(s.id, 0), s.talk_title.lower())))
    return rows


def _conflicted(analysis) -> set:
    if not analysis or not analysis.programme:
        return set()
    return {sid for c in analysis.programme.conflicts for sid in c.session_ids}


def _session_rows(bundle, analysis) -> list[Row]:
    rooms = {r.id: r.name for r in bundle.rooms}
    speakers = {s.id: s.display_name for s in bundle.speakers}
    names: dict[int, list[str]] = defaultdict(list)
    for link in bundle.session_speakers:
        names[link.session_id].append(speakers.get(link.speaker_id, ""))
    bad = _conflicted(analysis)
    rows = []
    for s in bundle.sessions:
        flag = Text("⚠", style="bold red") if s.id in bad else ""
        rows.append(Row(str(s.id), (
            flag, show.day(s.day, "short"), f"{s.start_time:%H:%M}–{s.end_time:%H:%M}",
            show.line(rooms.get(s.room_id, "–")), show.line(s.title), label(s.kind, SessionKind),
            label(s.status, SessionStatus), show.line(", ".join(names.get(s.id, [])))),
            (s.id in bad, s.day, s.start_time, rooms.get(s.room_id, ""), s.title.lower(), s.kind, s.status,
             ", ".join(names.get(s.id, [])).lower())))
    return rows


class ProgrammeScreen(RecordsScreen):
    SCREEN_NAME = N_("Speakers and programme")
    MODE = "programme"

    def specs(self) -> dict[str, TableSpec]:
        return {
            "speakers-table": TableSpec(
                "speaker", N_("speaker"),
                lambda: [_("Speaker"), _("Organisation"), _("Status"), _("Consent"), _("Fee"), _("Sessions"),
                         _("Talk")],
                _speaker_rows, lambda bundle, record: forms.speaker_fields(),
                name=lambda record: record.display_name,
                defaults=lambda bundle: {"fee_currency": bundle.bid.base_currency,
                                         "travel_currency": bundle.bid.base_currency}),
            "sessions-table": TableSpec(
                "programme_session", N_("session"),
                lambda: ["!", _("Day"), _("Time"), _("Room"), _("Session"), _("Kind"), _("Status"), _("Speakers")],
                _session_rows, lambda bundle, record: forms.session_fields(bundle),
                name=lambda record: record.title,
                defaults=lambda bundle: {"day": bundle.bid.event_start},
                save_new=self._save_session_new, save_edit=self._save_session_edit,
                edit_values=self._session_values),
        }

    def _save_session_new(self, bundle):
        return forms.adder("programme_session", links=("speakers",), bid_id=bundle.bid.id)

    def _save_session_edit(self, bundle, record):
        return forms.updater("programme_session", record.id, record.version, links=("speakers",),
                             translations=record.translations)

    def _session_values(self, bundle, record):
        values = forms.values_of(record, forms.with_translations("programme_session", forms.session_fields(bundle),
                                                                 bundle))
        values["speakers"] = [link.speaker_id for link in bundle.session_speakers if link.session_id == record.id]
        return values

    def body(self) -> ComposeResult:
        with TabbedContent(id="programme-tabs"):
            with TabPane(_("Speakers"), id="tab-speakers"):
                yield TableBox(SortableTable(id="speakers-table"))
            with TabPane(_("Sessions"), id="tab-sessions"):
                yield TableBox(SortableTable(id="sessions-table", key_columns=3))
            with TabPane(_("Grid"), id="tab-grid"):
                with VerticalScroll():
                    yield Static("", id="programme-grid")
            with TabPane(_("Conflicts"), id="tab-conflicts"):
                with VerticalScroll():
                    yield Static("", id="programme-conflicts")

    def action_add_session(self) -> None:
        self.query_one(TabbedContent).active = "tab-sessions"
        self.add_to("sessions-table")

    def active_table_id(self) -> str:
        tabs = self.query_one(TabbedContent)
        return "sessions-table" if tabs.active in ("tab-sessions", "tab-grid", "tab-conflicts") else "speakers-table"

    def prepare_extra(self, bundle, analysis) -> dict:
        out = Text()
        if analysis is None or analysis.programme is None:
            out.append(show.clean(analysis.problems.get("programme") if analysis else "") or _("Not computed."),
                       style="red")
        elif not analysis.programme.conflicts:
            out.append(_("No conflicts in {n} sessions.").format(n=analysis.programme.sessions_checked),
                       style="green")
        else:
            for conflict in analysis.programme.conflicts:
                out.append("⚠ ", style="bold red")
                out.append(show.message(conflict.message) + "\n")
        return {"programme-grid": self.grid(bundle, analysis), "programme-conflicts": out}

    def grid(self, bundle, analysis):
        if not bundle.sessions:
            return Text(_("No sessions yet. On the Sessions tab press a to add one."), style="dim")
        bad = _conflicted(analysis)
        rooms = {r.id: r.name for r in bundle.rooms}
        out = Table.grid(padding=(0, 0))
        out.add_column()
        by_day: dict = defaultdict(list)
        for s in bundle.sessions:
            by_day[s.day].append(s)
        for day in sorted(by_day)[:14]:
            sessions = by_day[day]
            used = sorted({s.room_id for s in sessions}, key=lambda r: (r is None, rooms.get(r, "")))
            table = Table(title=show.day(day, "full"), title_justify="left", expand=True, show_lines=True)
            table.add_column(_("Time"), no_wrap=True)
            for room in used:
                table.add_column(show.line(rooms.get(room, _("No room"))))
            slots = sorted({(s.start_time, s.end_time) for s in sessions})
            for start, end in slots[:60]:
                cells = []
                for room in used:
                    here = [s for s in sessions if s.room_id == room and (s.start_time, s.end_time) == (start, end)]
                    cell = Text()
                    for s in here:
                        style = "bold red" if s.id in bad else ("dim strike" if s.status == "cancelled" else "")
                        cell.append(("⚠ " if s.id in bad else "") + show.clean(s.title) + "\n", style=style)
                    cells.append(cell)
                table.add_row(f"{start:%H:%M}–{end:%H:%M}", *cells)
            out.add_row(table)
        return out
