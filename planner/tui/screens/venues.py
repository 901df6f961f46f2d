"""Venues: the candidates, their rooms and hotel blocks, and the scoring matrix edited in place, with the
ranking and the must-have failures beside it, recomputed after every change."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from planner.domain.enums import RoomKind, VenueStatus
from planner.i18n import N_, _, get_locale, pgettext
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.form import FieldSpec
from planner.tui.widgets.table import Row, SortableTable, TableBox


def _venue_rows(bundle, analysis) -> list[Row]:
    ranking = {s.venue_id: s for s in analysis.ranking.venues} if analysis and analysis.ranking else {}
    largest: dict[int, int] = {}
    for room in bundle.rooms:
        largest[room.venue_id] = max(largest.get(room.venue_id, 0), room.capacity_theatre)
    rows = []
    for v in bundle.venues:
        score = ranking.get(v.id)
        rank = score.rank if score else None
        rows.append(Row(str(v.id), (
            show.line(v.name), show.line(v.city), label(v.status, VenueStatus), show.minor(v.cost_minor, v.currency, decimals=False),
            show.number(largest.get(v.id, 0)), show.day(v.option_until),
            str(rank) if rank else ("✘" if score else "–"),
            show.number(score.total) if score else "–"),
            (v.name.lower(), v.city.lower(), v.status, v.cost_minor, largest.get(v.id, 0), v.option_until,
             rank if rank else 10**6, score.total if score else -1)))
    return rows


def _room_rows(bundle, analysis) -> list[Row]:
    venues = {v.id: v.name for v in bundle.venues}
    return [Row(str(r.id), (show.line(venues.get(r.venue_id, "")), show.line(r.name), label(r.kind, RoomKind),
                            show.number(r.capacity_theatre),
                            show.number(r.capacity_classroom), show.number(r.capacity_banquet),
                            show.minor(r.cost_per_day_minor, r.currency, decimals=False)),
                (venues.get(r.venue_id, "").lower(), r.name.lower(), r.kind, r.capacity_theatre, r.capacity_classroom,
                 r.capacity_banquet, r.cost_per_day_minor))
            for r in bundle.rooms]


def _block_rows(bundle, analysis) -> list[Row]:
    return [Row(str(a.id), (show.line(a.hotel), show.number(a.rooms), show.number(a.nights),
                            show.minor(a.rate_minor, a.currency, decimals=False), show.number(a.distance_m),
                            show.day(a.release_date)),
                (a.hotel.lower(), a.rooms, a.nights, a.rate_minor, a.distance_m, a.release_date))
            for a in bundle.accommodation]


def _room_fields(bundle, record) -> list:
    venues = [(v.name, v.id) for v in bundle.venues]
    return [FieldSpec("venue_id", N_("Venue"), "choice", options=lambda: venues, required=True),
            *forms.room_fields()]


def criterion_name(criterion) -> str:
    return criterion.name_sv if get_locale() == "sv" else criterion.name_en


def criterion_fields() -> list:
    return [FieldSpec("name_en", N_("Name in English"), required=True),
            FieldSpec("name_sv", N_("Name in Swedish"), required=True),
            FieldSpec("weight", N_("Weight (0-100)"), "int", required=True, minimum=0, maximum=100),
            FieldSpec("min_score", N_("Must-have minimum score (0-10, empty for none)"), "int", minimum=0,
                      maximum=10, allow_blank=True)]


def sensitivity_text(bundle, analysis) -> Text:
    """How far each criterion's weight must move before the runner-up overtakes the leader."""
    from planner.i18n.format import format_number

    out = Text()
    ranking = analysis.ranking if analysis else None
    qualified = [v for v in ranking.venues if v.qualified] if ranking else []
    if ranking is None or not ranking.sensitivity or len(qualified) < 2:
        out.append(_("Needs two qualified venues: then it says how far a weight must move before the second "
                     "overtakes the first."), style="dim")
        return out
    first, second = qualified[0].name, qualified[1].name
    out.append(_("How far a weight must move before {second} overtakes {first}").format(
        first=show.clean(first), second=show.clean(second)) + "\n", style="bold")
    names = {c.key: criterion_name(c) for c in bundle.criteria}
    for s in ranking.sensitivity:
        change = _("never") if s.change is None else _("{change} (to {weight})").format(
            change=("+" if s.change > 0 else "") + format_number(s.change, digits=2),
            weight=format_number(s.swap_weight))
        out.append(show.clean(names.get(s.criterion, s.criterion))[:15].ljust(16))
        out.append(f"{format_number(s.weight):>4}  ", style="dim")
        out.append(change + "\n", style="" if s.change is None else "yellow")
    return out


class ScoreMatrix(DataTable):
    """The scoring matrix: criteria down, venues across. Enter edits the highlighted cell: the next digit
    (t for 10) is that venue's score. Until then digits switch screens, as everywhere else."""

    BINDINGS = [
        Binding("enter", "edit_cell", N_("Edit score"), id="edit-score"),
        *[Binding(str(d), f"score({d})", N_("Score"), show=d == 0, key_display="0-9") for d in range(10)],
        Binding("t", "score(10)", "10", show=False),
        Binding("escape", "leave", N_("Cancel"), show=False),
    ]

    editing = reactive(False, bindings=True)

    class Scored(Message):
        """A score was typed on the cell being edited."""

        def __init__(self, value: int) -> None:
            super().__init__()
            self.value = value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "score":
            return self.editing  # not editing: the digit goes on to switch screens
        if action == "edit_cell":
            return None if self.app.read_only else not self.editing
        return True

    def action_edit_cell(self) -> None:
        self.editing = True

    def action_score(self, value: int) -> None:
        self.editing = False
        self.post_message(self.Scored(value))

    def action_leave(self) -> None:
        if self.editing:
            self.editing = False
        else:
            self.screen.action_leave_matrix()

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new:
            self.editing = False  # moving on cancels the edit

    def on_resize(self) -> None:
        # across the narrow breakpoint the columns take their other widths (see VenuesScreen.matrix_widths)
        if self.row_count and self.screen.matrix_widths() != self.screen.matrix_drawn_with:
            self.screen.show_matrix()


class VenuesScreen(RecordsScreen):
    SCREEN_NAME = N_("Venues")
    MODE = "venues"
    BINDINGS = [
        *RecordsScreen.BINDINGS,
        Binding("w", "weight", N_("Weight"), id="weight", tooltip=N_("Change the weight of the highlighted "
                                                                    "criterion")),
        Binding("shift+up", "move_criterion(-1)", N_("Criterion up"), id="criterion-up", show=False),
        Binding("shift+down", "move_criterion(1)", N_("Criterion down"), id="criterion-down", show=False),
        Binding("p", "photos", N_("Photos"), id="photos",
                tooltip=N_("Attach, replace, caption, open or remove the highlighted venue's photos")),
    ]

    def specs(self) -> dict[str, TableSpec]:
        return {
            "venues-table": TableSpec(
                "venue", N_("venue"),
                lambda: [_("Venue"), _("City"), _("Status"), _("Cost"), _("Largest room"), _("Option until"),
                         _("Rank"), _("Score")],
                _venue_rows, lambda bundle, record: forms.venue_fields(),
                defaults=lambda bundle: {"currency": bundle.bid.base_currency, "city": bundle.bid.host_city}),
            "rooms-table": TableSpec(
                "room", N_("room"),
                lambda: [_("Venue"), _("Room"), _("Kind"), _("Theatre"), _("Classroom"), _("Banquet"),
                         _("Per day")],
                _room_rows, _room_fields, fixed=lambda bundle: {},
                defaults=lambda bundle: {"currency": bundle.bid.base_currency,
                                         "venue_id": self._selected_venue_id()}),
            "blocks-table": TableSpec(
                "accommodation_block", N_("hotel block"),
                lambda: [_("Hotel"), _("Rooms"), _("Nights"), _("Rate"), _("Distance (m)"), _("Release date")],
                _block_rows, lambda bundle, record: forms.accommodation_fields(),
                name=lambda record: record.hotel,
                defaults=lambda bundle: {"currency": bundle.bid.base_currency, "nights": bundle.bid.event_days}),
        }

    def body(self) -> ComposeResult:
        with Horizontal():
            with TabbedContent(id="venue-tabs"):
                with TabPane(_("Candidates"), id="tab-candidates"):
                    yield TableBox(SortableTable(id="venues-table"))
                with TabPane(_("Scoring"), id="tab-scoring"):
                    yield Static(_("Move to a cell, press enter and type a score 0-9 (t for 10); w changes the "
                                   "weight of the criterion; escape leaves the matrix. The ranking on the right "
                                   "follows at once. a adds a criterion, e renames it, x removes it, shift+up "
                                   "and shift+down move it."), id="matrix-hint")
                    yield ScoreMatrix(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=3)
                with TabPane(pgettext("venue rooms", "Rooms"), id="tab-rooms"):
                    yield TableBox(SortableTable(id="rooms-table", key_columns=2))
                with TabPane(_("Accommodation"), id="tab-blocks"):
                    yield TableBox(SortableTable(id="blocks-table"))
            with VerticalScroll(id="side-panel"):
                with Vertical(classes="panel", id="ranking-panel") as panel:
                    panel.border_title = _("Ranking")
                    yield Static("", id="ranking")
                with Vertical(classes="panel", id="sensitivity-panel") as panel:
                    panel.border_title = _("Weight sensitivity")
                    yield Static("", id="sensitivity")

    def action_photos(self) -> None:
        """The highlighted venue's photos: attach one more with its caption; replace, caption, open or remove one."""
        from planner.services import attachments
        from planner.services.translations import language_name, other_locale

        venue_id = self._selected_venue_id()
        venue = next((v for v in self.app.bundle.venues if v.id == venue_id), None) if self.app.bundle else None
        if venue is None:
            self.notify(_("Highlight a venue first."), severity="warning")
            return
        bid_id = self.app.bid_id
        written_in = self.app.bundle.bid.content_locale or "sv"
        languages = (language_name(written_in), language_name(other_locale(written_in)))

        def attach(ws, path, caption, translation):
            texts = {"caption": {other_locale(written_in): translation}} if translation else {}
            return attachments.attach_venue_photo(ws, bid_id, venue_id, path, caption=caption, translations=texts)

        def files_of(ws):
            return attachments.venue_photos(ws, bid_id, venue_id)

        def show_modal(files) -> None:
            from planner.tui.widgets.attach import AttachScreen

            self.app.push_screen(AttachScreen(
                _("Photos of {name} (printed with the venue in the dossier)").format(name=show.clean(venue.name)),
                "PNG, JPEG", None, files=files, files_of=files_of, attach=attach,
                replace=lambda ws, key, path, version: attachments.replace_file(ws, bid_id, key, path,
                                                                                expected_version=version),
                caption=lambda ws, key, text, translation, version: attachments.set_caption(
                    ws, bid_id, key, text, translation, expected_version=version),
                remove=lambda ws, key: attachments.detach_photo(ws, bid_id, key),
                open_file=lambda ws, key: attachments.open_with_viewer(ws, bid_id, key), languages=languages))

        self.app.run_service(files_of, done=show_modal, reload=False)

    def _selected_venue_id(self):
        try:
            key = self.query_one("#venues-table", SortableTable).cursor_row_key()
        except Exception:
            key = None
        return int(key) if key else None

    def prepare_extra(self, bundle, analysis) -> dict:
        return {"ranking": self.ranking_text(analysis), "sensitivity": sensitivity_text(bundle, analysis)}

    def shown(self) -> None:
        self.matrix_version = -1
        if self.query_one(TabbedContent).active == "tab-scoring":
            self.show_matrix()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # w (a criterion's weight) is for the Scoring tab only, p (photos) for Candidates
        if event.pane.id == "tab-scoring" and getattr(self, "matrix_version", -1) != self.shown_version:
            self.show_matrix()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "weight" and (not self.is_mounted
                                   or self.query_one(TabbedContent).active != "tab-scoring"):
            return False  # the other tabs hold no criteria: the key does nothing and leaves the footer
        if action == "photos" and (not self.is_mounted
                                   or self.query_one(TabbedContent).active != "tab-candidates"):
            return False  # the photos are the highlighted candidate's: on the Candidates tab
        return super().check_action(action, parameters)

    # --- the scoring matrix -----------------------------------------------------------------------------

    matrix_drawn_with: tuple[int, int] = (0, 0)

    def matrix_widths(self) -> tuple[int, int]:
        """The widths of the matrix's criterion column and of each venue's: under 100 columns the criterion
        names and the venue names are cut shorter (a score is one or two digits), so that three venues are
        seen beside the criteria at 80 columns rather than two."""
        return (20, 10) if self.app.size.width < 100 else (28, 14)

    def show_matrix(self) -> None:
        self.matrix_version = self.shown_version
        bundle = self.app.bundle
        table = self.query_one("#matrix", DataTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        # fixed widths: nothing to measure, so 40 venues x 12 criteria draw at once
        self.matrix_drawn_with = name_width, venue_width = self.matrix_widths()
        table.add_column(_("Criterion"), key="criterion", width=name_width)
        table.add_column(_("Weight"), key="weight", width=6)
        table.add_column(_("Min."), key="min", width=5)
        for venue in bundle.venues:
            table.add_column(show.cut(venue.name, venue_width), key=f"v{venue.id}", width=venue_width)
        scores = {(s.venue_id, s.criterion_id): s.score for s in bundle.scores}
        swedish = get_locale() == "sv"
        for criterion in bundle.criteria:
            cells = [show.cut(criterion.name_sv if swedish else criterion.name_en, name_width), str(criterion.weight),
                     "" if criterion.min_score is None else str(criterion.min_score)]
            for venue in bundle.venues:
                value = scores.get((venue.id, criterion.id))
                low = criterion.min_score is not None and value is not None and value < criterion.min_score
                cells.append(Text("·" if value is None else str(value), style="bold red" if low else "",
                                  justify="center"))
            table.add_row(*cells, key=str(criterion.id))
        wanted = getattr(self, "criterion_to_show", None)
        ids = [c.id for c in bundle.criteria]
        if wanted in ids:
            row, self.criterion_to_show = ids.index(wanted), None
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), column=max(column, 3), animate=False)

    def _matrix_cell(self):
        table = self.query_one("#matrix", DataTable)
        bundle = self.app.bundle
        row, column = table.cursor_coordinate
        if row >= len(bundle.criteria):
            return None, None
        criterion = bundle.criteria[row]
        venue = bundle.venues[column - 3] if 3 <= column < 3 + len(bundle.venues) else None
        return criterion, venue

    @on(ScoreMatrix.Scored)
    def _scored(self, message: ScoreMatrix.Scored) -> None:
        self.set_score(message.value)

    def set_score(self, value: int) -> None:
        criterion, venue = self._matrix_cell()
        if criterion is None or venue is None:
            self.notify(_("Move to a venue's column to score it."), severity="warning")
            return
        from planner.services.editing import set_venue_score

        table = self.query_one("#matrix", DataTable)
        table.update_cell_at(table.cursor_coordinate, Text(str(value), justify="center"))
        self.app.run_service(lambda ws: set_venue_score(ws, venue.id, criterion.id, value))

    def action_leave_matrix(self) -> None:
        """Give the keys back to the screen (digits switch screens again)."""
        self.query_one("#venue-tabs Tabs").focus()

    def action_weight(self) -> None:
        criterion, _venue = self._matrix_cell()
        if criterion is None:
            return
        fields = [FieldSpec("weight", N_("Weight (0-100)"), "int", required=True, minimum=0, maximum=100),
                  FieldSpec("min_score", N_("Must-have minimum score (0-10, empty for none)"), "int", minimum=0,
                            maximum=10, allow_blank=True)]
        self.app.edit(_("Weight of {criterion}").format(criterion=criterion.name_sv if get_locale() == "sv"
                                                        else criterion.name_en), fields,
                      forms.updater("criterion", criterion.id, criterion.version),
                      {"weight": criterion.weight, "min_score": criterion.min_score})

    def on_scoring(self) -> bool:
        return self.query_one(TabbedContent).active == "tab-scoring"

    def action_add(self) -> None:
        if self.on_scoring():
            self.add_criterion()
            return
        super().action_add()

    def action_edit(self) -> None:
        if self.on_scoring():
            self.rename_criterion()
            return
        super().action_edit()

    def action_delete(self) -> None:
        if self.on_scoring():
            self.remove_criterion()
            return
        super().action_delete()

    # --- the criteria ---------------------------------------------------------------------------------------

    def action_add_criterion(self) -> None:
        self.query_one(TabbedContent).active = "tab-scoring"
        self.add_criterion()

    def add_criterion(self) -> None:
        from planner.services.editing import add_criterion

        bid_id = self.app.bundle.bid.id
        self.app.edit(_("New criterion"), criterion_fields(), lambda ws, values: add_criterion(ws, bid_id, values),
                      {"weight": 10}, saved=_("Added: {noun}.").format(noun=_("criterion")),
                      done=self._added_criterion)

    def _added_criterion(self, record) -> None:
        self.criterion_to_show = record.id  # the matrix puts its cursor on it once it is drawn again

    def rename_criterion(self) -> None:
        criterion, _venue = self._matrix_cell()
        if criterion is None:
            self.notify(_("Add a criterion first (a)."), severity="warning")
            return
        fields = criterion_fields()
        self.app.edit(_("Edit criterion: {name}").format(name=show.clean(criterion_name(criterion))), fields,
                      forms.updater("criterion", criterion.id, criterion.version), forms.values_of(criterion, fields),
                      saved=_("Saved. ctrl+z takes it back."), what=show.clean(criterion_name(criterion)))

    def remove_criterion(self) -> None:
        criterion, _venue = self._matrix_cell()
        if criterion is None:
            self.notify(_("Add a criterion first (a)."), severity="warning")
            return
        from planner.tui.widgets.confirm import ConfirmScreen

        name = show.clean(criterion_name(criterion))
        scores = sum(1 for s in self.app.bundle.scores if s.criterion_id == criterion.id)
        question = _("Remove the criterion “{name}”? Its {n} score(s) go with it. ctrl+z puts it all back.").format(
            name=name, n=scores)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app._delete("criterion", criterion.id, name, True)

        self.app.push_screen(ConfirmScreen(question, _("Remove")), answered)

    def action_move_criterion(self, step: int) -> None:
        if not self.on_scoring():
            return
        criterion, _venue = self._matrix_cell()
        if criterion is None:
            return
        from planner.services.editing import move_criterion
        from planner.tui.app import UndoEntry

        name = show.clean(criterion_name(criterion))
        table = self.query_one("#matrix", DataTable)

        def done(edits) -> None:
            if not edits:
                said = _("“{name}” is already first.") if step < 0 else _("“{name}” is already last.")
                self.notify(said.format(name=name))
                return
            self.app.remember_undo(UndoEntry(name, "revert_all", edits))
            row, column = table.cursor_coordinate
            table.move_cursor(row=row + step, column=column, animate=False)

        self.app.run_service(lambda ws: move_criterion(ws, criterion.id, step, criterion.version), done=done)

    def action_add_room(self) -> None:
        self.query_one(TabbedContent).active = "tab-rooms"
        self.add_to("rooms-table")

    def action_add_accommodation(self) -> None:
        self.query_one(TabbedContent).active = "tab-blocks"
        self.add_to("blocks-table")

    # --- ranking ------------------------------------------------------------------------------------------

    def ranking_text(self, analysis) -> Text:
        out = Text()
        ranking = analysis.ranking if analysis else None
        if ranking is None:
            out.append(show.clean(analysis.problems.get("ranking") if analysis else "") or _("Not computed."))
        else:
            if not ranking.venues:
                out.append(_("No venues yet. Press a to add the first candidate."), style="dim")
            for score in ranking.venues:
                if score.qualified:
                    out.append(f"{score.rank}. ", style="bold")
                    out.append(show.clean(score.name), style="bold" if score.rank == 1 else "")
                    out.append(f"  {show.number(score.total)}\n", style="green" if score.rank == 1 else "")
                else:
                    out.append("✘ ", style="red")
                    out.append(f"{show.clean(score.name)}  {show.number(score.total)}\n", style="dim")
                    for reason in score.disqualified_by:
                        out.append(f"   {show.message(reason)}\n", style="red")
                for warning in score.warnings[:2]:
                    out.append(f"   {show.message(warning)}\n", style="yellow")
            for warning in ranking.warnings:
                out.append(f"\n{show.message(warning)}\n", style="yellow")
        return out
