"""Start: pick a bid, create one, or open the demo bid; a word of welcome on an empty database."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from planner.i18n import N_, _
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets.show import line
from planner.tui.widgets.table import Row, SortableTable


class StartScreen(PlannerScreen):
    SCREEN_NAME = N_("Bids")
    MODE = "start"
    needs_bid = False
    BINDINGS = [
        Binding("n", "new_bid", N_("New bid"), id="new-bid"),
        Binding("d", "demo", N_("Open the demo bid"), id="demo"),
        Binding("enter", "open", N_("Open"), show=False),
    ]

    def body(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Opening the database…"), id="welcome")
            with Horizontal(id="start-buttons"):
                yield Button(_("Create a bid"), id="btn-new", variant="primary")
                yield Button(_("Open the demo bid"), id="btn-demo")
            yield SortableTable(id="bids", key_columns=2)

    def update_titles(self) -> None:
        self.title = self.badged(_("Bids"))
        self.sub_title = ""
        self.show_read_only()

    def shown(self) -> None:
        bids = self.app.bids
        welcome = self.query_one("#welcome", Static)
        table = self.query_one("#bids", SortableTable)
        if bids is None:
            welcome.update(_("Opening the database…"))
            table.display = False
            return
        if not bids:
            welcome.update(_(
                "Welcome to Planner, where a conference bid comes together: venues, budget, speakers, partners "
                "and the timeline, and the dossier you send.\n\nThere is no bid in this database yet. Create one "
                "(n) with the conference, the host city and the deadline, or open the demo bid (d): Region "
                "Gävleborg's bid to host the Generator conference in Gävle in 2012, to look around first."))
            table.display = False
            return
        from planner.domain.enums import BidStatus
        from planner.i18n.format import format_date  # babel: only once there are dates to show
        from planner.i18n.labels import label

        opened = self.app.bid_id
        welcome.update(_("Choose a bid and press enter, or create a new one.") if opened is None else
                       _("Choose a bid and press enter, or create a new one. ● marks the bid that is open."))
        table.display = True
        table.set_columns(["", _("Bid"), _("Host city"), _("Status"), _("Deadline"), _("Currency")])
        table.set_rows(
            (Row(str(b.id), ("●" if b.id == opened else "", line(b.title), line(b.host_city),
                             label(b.status, BidStatus),
                             format_date(b.bid_deadline, style="medium") if b.bid_deadline else "–",
                             line(b.base_currency)),
                 (b.id != opened, b.title.lower(), b.host_city.lower(), b.status, b.bid_deadline, b.base_currency))
             for b in bids), focus=str(opened) if opened is not None else None)
        table.focus()

    @on(Button.Pressed, "#btn-new")
    def action_new_bid(self) -> None:
        if self.app.ws is None:
            return
        from planner.tui import forms

        self.app.edit(_("New bid"), forms.bid_fields(), forms.save_new_bid, {"base_currency": "SEK"},
                      check=forms.check_bid, saved=_("The bid is created."), done=lambda bid: self.app.open_bid(bid.id))

    @on(Button.Pressed, "#btn-demo")
    def action_demo(self) -> None:
        if self.app.ws is None:
            return
        from planner.services.demo import load_demo

        def opened(result) -> None:
            bid_id, _new = result
            self.app.open_bid(bid_id)

        self.app.run_service(lambda ws: load_demo(ws), done=opened, success=_("The demo bid is open."), reload=False)

    @on(DataTable.RowSelected, "#bids")
    def action_open(self) -> None:
        key = self.query_one("#bids", SortableTable).cursor_row_key()
        if key is not None:
            self.app.open_bid(int(key))
