"""The bid itself: every field a person owns (e edits them), the status moved along its lifecycle (c) with the
day and a note, the history of those moves, the date options with each venue's availability on them, the
bid team with their roles, and the bid's own pictures: the cover's hero image, the signature under the
invitation and the photos of the bid (h, s, f attach, replace, caption, open or remove them)."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from planner.domain.attachments import HERO, PHOTO, SIGNATURE
from planner.domain.enums import BidStatus
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.form import FieldSpec, show_value
from planner.tui.widgets.table import Row, SortableTable, TableBox, prepare

AVAILABLE, UNAVAILABLE, UNKNOWN = "✓", "✗", "·"


def option_name(option) -> str:
    return f"{show.day(option.start_date)} – {show.day(option.end_date)}"


def _option_rows(bundle, analysis) -> list[Row]:
    free: dict[int, int] = {}
    for answer in bundle.availability:
        if answer.available:
            free[answer.date_option_id] = free.get(answer.date_option_id, 0) + 1
    rows = []
    for option in bundle.date_options:
        days = (option.end_date - option.start_date).days + 1
        rows.append(Row(str(option.id), (
            show.day(option.start_date), show.day(option.end_date), show.number(days),
            Text("★ " + _("preferred"), style="bold") if option.preferred else "",
            show.line(option.note), f"{free.get(option.id, 0)} / {len(bundle.venues)}"),
            (option.start_date, option.end_date, days, not option.preferred, option.note.lower(),
             free.get(option.id, 0))))
    return rows


def _team_rows(bundle, analysis) -> list[Row]:
    rows = []
    for member in sorted(bundle.team, key=lambda t: (t.position, t.id)):
        rows.append(Row(str(member.id), (
            show.line(member.name), show.line(member.role), show.line(member.organisation),
            show.line(member.email), show.line(member.phone), _("yes") if member.shown_in_dossier else _("no")),
            (member.name.lower(), member.role.lower(), member.organisation.lower(), member.email.lower(),
             member.phone, not member.shown_in_dossier)))
    return rows


def _option_fields(bundle, record) -> list:
    return [FieldSpec("start_date", N_("Starts"), "date", required=True, placeholder="YYYY-MM-DD"),
            FieldSpec("end_date", N_("Ends"), "date", required=True, placeholder="YYYY-MM-DD"),
            FieldSpec("note", N_("Note"))]


def status_fields(current: BidStatus, today: date) -> tuple[list, bool]:
    """The status form's fields and whether a move from `current` is a correction (a decided bid)."""
    allowed = [s for s in BidStatus if s != current]
    moves = [s for s in allowed if s in _next(current)]
    correction = not moves
    options = [(label(s), s.value) for s in (allowed if correction else moves)]
    return [FieldSpec("status", N_("New status"), "choice", options=lambda: options, required=True),
            FieldSpec("on", N_("On (the day it happened)"), "date", required=True, placeholder="YYYY-MM-DD"),
            FieldSpec("note", N_("Note (optional)"))], correction


def _next(current: BidStatus):
    from planner.domain.lifecycle import next_statuses

    return next_statuses(current)


class BidScreen(RecordsScreen):
    SCREEN_NAME = N_("Bid")
    MODE = "bid"
    BINDINGS = [
        *RecordsScreen.BINDINGS,
        Binding("c", "status", N_("Change status"), id="status"),
        Binding("p", "prefer", N_("Preferred"), id="prefer",
                tooltip=N_("Mark the highlighted date option the preferred one")),
        Binding("h", "hero", N_("Hero image"), id="hero",
                tooltip=N_("Attach, replace, caption, open or remove the dossier cover's hero image")),
        Binding("s", "signature", N_("Signature"), id="signature",
                tooltip=N_("Attach, replace, open or remove the signature under the invitation")),
        Binding("f", "bid_photos", N_("Photos"), id="bid-photos",
                tooltip=N_("The bid's own photos, printed with the venue: attach, replace, caption, open or remove")),
    ]
    PICTURE_ACTIONS = ("hero", "signature", "bid_photos")
    # the first tab's fields (e edits them; the keys scroll them), not the status history beside them, which a
    # new bid has empty
    AUTO_FOCUS = "#bid-fields-box"

    def specs(self) -> dict[str, TableSpec]:
        return {
            "dates-table": TableSpec(
                "date_option", N_("date option"),
                lambda: [_("Starts"), _("Ends"), _("Days"), _("Preferred"), _("Note"), _("Venues available")],
                _option_rows, _option_fields, name=option_name),
            "team-table": TableSpec(
                "team_member", N_("team member"),
                lambda: [_("Name"), _("Role"), _("Organisation"), _("E-mail"), _("Phone"), _("In the dossier")],
                _team_rows, lambda bundle, record: forms.team_member_fields(),
                defaults=lambda bundle: {"shown_in_dossier": True, "position": len(bundle.team)}),
        }

    def body(self) -> ComposeResult:
        with TabbedContent(id="bid-tabs"):
            with TabPane(_("The bid"), id="tab-bid"):
                yield Static(_("e edits the bid's fields; c changes its status (the day and a note are kept "
                               "in its history)."), classes="hint")
                with Horizontal(id="bid-main"):
                    with VerticalScroll(id="bid-fields-box"):
                        yield Static("", id="bid-fields")
                    with Vertical(classes="panel", id="history-panel") as panel:
                        panel.border_title = _("Status history")
                        yield SortableTable(id="history-table")
            with TabPane(_("Date options"), id="tab-dates"):
                yield TableBox(SortableTable(id="dates-table"))
                yield Static(_("a adds a date option, e edits, x deletes, p marks the highlighted one preferred. "
                               "Below, move to a cell and press enter: the venue is available (✓) or not (✗) on "
                               "that option."), classes="hint", id="availability-hint")
                # the date option stays at the left while the venues scroll past (at 80 columns four do not fit)
                yield DataTable(id="availability", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
            with TabPane(_("Bid team"), id="tab-team"):
                yield TableBox(SortableTable(id="team-table"))
                yield Static(_("a adds a person of the bid team, e edits, x deletes. The dossier's team chapter "
                               "lists those shown in it with their roles; e-mail and phone print in the internal "
                               "edition only."), classes="hint")
            with TabPane(_("Pictures"), id="tab-pictures"):
                yield Static(_("h: the dossier cover's hero image, with its caption · s: the signature under the "
                               "invitation · f: the bid's own photos, printed with the venue. Each attaches a PNG or "
                               "JPEG, or replaces, captions (in both languages), opens or removes one."),
                             classes="hint")
                with VerticalScroll(id="bid-pictures-box"):
                    yield Static("", id="bid-pictures")

    def on_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def focus_tab(self) -> None:
        """The bid's fields on its first tab (] and [ back to it), elsewhere the tab's table or list."""
        if self.on_tab() == "tab-bid":
            self.query_one("#bid-fields-box", VerticalScroll).focus()
        else:
            super().focus_tab()

    # --- drawing -------------------------------------------------------------------------------------------

    def prepare_extra(self, bundle, analysis) -> dict:
        from planner.services.bidstatus import history

        changes = history(self.app.ws, bundle.bid.id)
        rows = [Row(str(n), (show.day(c.on), label(c.before, BidStatus), label(c.after, BidStatus),
                             show.line(c.note), show.line(c.who)),
                    (c.on or date.min, c.before, c.after, c.note.lower(), c.who.lower()))
                for n, c in enumerate(changes)]
        return {"bid-fields": self.fields_text(bundle.bid),
                "history-table": prepare([_("Date"), _("From"), _("To"), _("Note"), _("Who")], rows),
                "bid-pictures": pictures_text(bundle)}

    def fields_text(self, bid) -> Table:
        """Every field of the bid, a label and its value; a long value wraps in its own column."""
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column(style="dim", max_width=30)  # a long label wraps, so the values keep their room
        table.add_column(ratio=1, overflow="fold")
        table.add_row(Text(_("Status"), style="bold"), Text(label(bid.status, BidStatus), style="bold"))
        for spec in forms.bid_fields(new=False):
            value = getattr(bid, spec.name)
            if spec.kind == "bool":
                shown = _("yes") if value else _("no")
            elif spec.kind == "money":
                shown = show.minor(value, bid.base_currency)
            elif spec.kind == "date":
                shown = show.day(value, style="long") if value else "–"
            else:
                shown = show.clean(show_value(spec, value)) or "–"
            table.add_row(_(spec.label), Text(shown))
        return table

    def shown(self) -> None:
        self.show_availability()

    def show_availability(self) -> None:
        bundle = self.app.bundle
        table = self.query_one("#availability", DataTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(_("Date option"), key="option", width=32)
        for venue in bundle.venues:
            table.add_column(show.cut(venue.name, 14), key=f"v{venue.id}", width=14)
        answers = {(a.venue_id, a.date_option_id): a.available for a in bundle.availability}
        for option in bundle.date_options:
            cells = [Text(("★ " if option.preferred else "") + option_name(option))]
            for venue in bundle.venues:
                answer = answers.get((venue.id, option.id))
                cells.append(Text(UNKNOWN if answer is None else AVAILABLE if answer else UNAVAILABLE,
                                  style="" if answer is None else "green" if answer else "red", justify="center"))
            table.add_row(*cells, key=str(option.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1),
                              column=max(1, min(column, len(bundle.venues))), animate=False)

    # --- the bid's fields and status -------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.on_tab() == "tab-pictures":
            self.notify(_("h opens the hero image, s the signature and f the photos, to change them."),
                        severity="warning")
        elif self.on_tab() == "tab-bid":
            self.edit_bid()
        else:
            super().action_edit()

    def action_add(self) -> None:
        if self.on_tab() == "tab-pictures":
            self.action_bid_photos()
            return
        if self.on_tab() == "tab-bid":
            self.query_one(TabbedContent).active = "tab-dates"
            self.query_one("#dates-table").focus()
        self.add_to("team-table" if self.on_tab() == "tab-team" else "dates-table")

    def add_to(self, table_id: str) -> None:
        if table_id == "team-table":
            super().add_to(table_id)
            return
        bundle = self.app.bundle
        fields = forms.with_translations("date_option", _option_fields(bundle, None), bundle)
        self.app.edit(_("New {noun}").format(noun=_("date option")), fields,
                      forms.adder("date_option", bid_id=bundle.bid.id), {"start_date": bundle.bid.event_start,
                                                                          "end_date": bundle.bid.event_end},
                      saved=_("Added: {noun}.").format(noun=_("date option")))

    def action_delete(self) -> None:
        if self.on_tab() == "tab-pictures":
            self.notify(_("Open the picture with h, s or f and remove it there."), severity="warning")
            return
        if self.on_tab() == "tab-bid":
            self.notify(_("A bid is deleted from the command line (planner bid delete); here you can delete its "
                          "date options and team members."), severity="warning")
            return
        super().action_delete()

    def action_edit_bid(self) -> None:
        self.query_one(TabbedContent).active = "tab-bid"
        self.edit_bid()

    def action_add_date_option(self) -> None:
        self.query_one(TabbedContent).active = "tab-dates"
        self.add_to("dates-table")

    def edit_bid(self) -> None:
        bid = self.app.bundle.bid
        fields = forms.with_translations("bid", forms.bid_fields(new=False), self.app.bundle)
        self.app.edit(_("Edit the bid: {name}").format(name=show.clean(bid.title)), fields, forms.save_bid(bid),
                      forms.values_of(bid, fields), check=forms.check_bid, saved=_("Saved. ctrl+z takes it back."),
                      what=show.clean(bid.title))

    def action_status(self) -> None:
        bid = self.app.bundle.bid
        current = BidStatus(bid.status)
        fields, correction = status_fields(current, self.app.today)
        title = (_("Correct the status of a decided bid (now {status})") if correction
                 else _("Move the bid on from {status}")).format(status=label(current, BidStatus))

        def save(ws, values):
            from planner.services.bidstatus import move
            from planner.services.errors import ValidationError

            try:
                return move(ws, bid.id, values["status"], on=values["on"], note=values.get("note") or "",
                            correction=correction)
            except ValidationError as exc:
                names = {"STATUS": "status", "--note": "note"}
                raise ValidationError({names.get(k, k): v for k, v in exc.errors.items()}) from None

        self.app.edit(title, fields, save, {"on": self.app.today, "status": fields[0].options()[0][1]},
                      saved=_("The status is changed; the history keeps the move."))

    # --- date options ----------------------------------------------------------------------------------------

    def action_prefer(self) -> None:
        if self.on_tab() != "tab-dates":
            self.query_one(TabbedContent).active = "tab-dates"
            return
        option = self.record_of("dates-table")
        if option is None:
            self.notify(_("Highlight a date option first."), severity="warning")
            return
        if option.preferred:
            self.notify(_("This date option is already the preferred one."))
            return
        from planner.services.editing import prefer_date_option
        from planner.tui.app import UndoEntry

        name = option_name(option)

        def done(edits) -> None:
            if edits:
                self.app.remember_undo(UndoEntry(name, "revert_all", edits))

        self.app.run_service(lambda ws: prefer_date_option(ws, option.id, option.version), done=done,
                             success=_("{name} is the preferred date option. ctrl+z takes it back.").format(
                                 name=name))

    @on(DataTable.CellSelected, "#availability")
    def _availability_chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        if self.app.read_only:
            return
        bundle = self.app.bundle
        row, column = event.coordinate
        if row >= len(bundle.date_options) or not 1 <= column <= len(bundle.venues):
            return
        option, venue = bundle.date_options[row], bundle.venues[column - 1]
        seen = next((a for a in bundle.availability if a.venue_id == venue.id and a.date_option_id == option.id),
                    None)
        wanted = not (seen is not None and seen.available)  # unknown or not available -> available; else not
        seen_version = None if seen is None else seen.version
        from planner.services.editing import set_availability
        from planner.tui.app import UndoEntry

        name = f"{show.clean(venue.name)} · {option_name(option)}"
        table = self.query_one("#availability", DataTable)
        table.update_cell_at(event.coordinate, Text(AVAILABLE if wanted else UNAVAILABLE, justify="center",
                                                    style="green" if wanted else "red"))

        def done(result) -> None:
            how, payload = result
            if how == "added":
                self.app.remember_undo(UndoEntry(name, "delete", ("venue_availability", payload)))
            elif payload is not None:
                self.app.remember_undo(UndoEntry(name, "revert", payload))

        message = _("{venue} is available on {option}.") if wanted else _("{venue} is not available on {option}.")
        self.app.run_service(lambda ws: set_availability(ws, venue.id, option.id, wanted, seen_version=seen_version),
                             done=done,
                             success=message.format(venue=show.clean(venue.name), option=option_name(option)))

    # --- the bid's pictures ----------------------------------------------------------------------------------

    @on(TabbedContent.TabActivated, "#bid-tabs")
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # h, s and f are the Pictures tab's
        if event.pane.id == "tab-bid":
            self.query_one("#bid-fields-box", VerticalScroll).focus()  # its fields, as on opening the screen
        elif event.pane.id == "tab-pictures":
            # the focus moves into the tab (its list scrolls), so a closed modal gives it back here and the
            # tab stays in view
            self.query_one("#bid-pictures-box", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.PICTURE_ACTIONS and (not self.is_mounted or self.on_tab() != "tab-pictures"):
            return False  # the other tabs hold no pictures: the keys do nothing and leave the footer
        return super().check_action(action, parameters)

    def action_hero(self) -> None:
        self.pictures(HERO, _("The cover's hero image (the picture under the title on the dossier's cover)"))

    def action_signature(self) -> None:
        self.pictures(SIGNATURE, _("The signature under the invitation (a scan, PNG or JPEG)"), caption=False)

    def action_bid_photos(self) -> None:
        self.pictures(PHOTO, _("Photos of the bid (printed with the venue in the dossier)"), one=False)

    def pictures(self, kind: str, title: str, *, caption: bool = True, one: bool = True) -> None:
        """The modal for one of the bid's own picture slots, through the attachments service: attach (in place
        of the one attached, for the hero image and the signature), replace, caption, open or remove."""
        from planner.services import attachments
        from planner.services.translations import language_name, other_locale
        from planner.tui.widgets.attach import AttachScreen

        bid_id = self.app.bid_id
        written_in = self.app.bundle.bid.content_locale or "sv"
        languages = (language_name(written_in), language_name(other_locale(written_in)))

        def attach(ws, path, text: str = "", translation: str = ""):
            texts = {"caption": {other_locale(written_in): translation}} if translation else {}
            return attachments.attach_image(ws, bid_id, kind, path, caption=text, translations=texts)

        def set_caption(ws, key, text, translation, version):
            return attachments.set_caption(ws, bid_id, key, text, translation, expected_version=version)

        def files_of(ws):
            return attachments.bid_pictures(ws, bid_id, kind)

        def show_modal(files) -> None:
            self.app.push_screen(AttachScreen(
                title, "PNG, JPEG", None, files=files, files_of=files_of, attach=attach,
                replace=lambda ws, key, path, version: attachments.replace_file(ws, bid_id, key, path,
                                                                                expected_version=version),
                caption=set_caption if caption else None,
                remove=lambda ws, key: attachments.detach_file(ws, bid_id, key),
                open_file=lambda ws, key: attachments.open_with_viewer(ws, bid_id, key), languages=languages,
                one=one))

        self.app.run_service(files_of, done=show_modal, reload=False)


def pictures_text(bundle) -> Table:
    """The bid's own pictures: the hero image and the signature (or that none is attached), then its photos,
    each with its file, size and caption in both languages."""
    from planner.tui.widgets.attach import describe

    own = [a for a in bundle.attachments if a.partner_id is None and a.venue_id is None]
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
    table.add_column(style="dim", max_width=30)
    table.add_column(ratio=1, overflow="fold")

    def caption_of(picture) -> Text:
        line = Text(show.clean(picture.caption) or "–")
        for text in ((picture.translations or {}).get("caption") or {}).values():
            if text:
                line.append(" / " + show.clean(text))
        return line

    for kind, name, key in ((HERO, _("Hero image (h)"), _("none attached; h attaches one")),
                            (SIGNATURE, _("Signature (s)"), _("none attached; s attaches one"))):
        found = [a for a in own if a.kind == kind]
        if not found:
            table.add_row(name, Text(key, style="dim"))
            continue
        table.add_row(name, show.line(describe(found[-1])))
        if kind == HERO:
            table.add_row(_("Caption"), caption_of(found[-1]))
    photos = [a for a in own if a.kind == PHOTO]
    table.add_row(_("Photos (f)"), Text(_("none attached; f attaches one") if not photos else "",
                                         style="dim"))
    for photo in photos:
        table.add_row("", Text.assemble(show.line(describe(photo)), " – ", caption_of(photo)))
    return table
