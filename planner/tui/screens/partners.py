"""Partners: who backs the bid and what each commits, as a pipeline by status with totals, and the letters
of support."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.enums import CommitmentKind, CommitmentStatus, LetterStatus, PartnerKind, Scenario
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable, TableBox

STATUS_ORDER = list(CommitmentStatus)


def _partner_rows(bundle, analysis) -> list[Row]:
    base = {}
    if analysis and analysis.funding:
        for line in analysis.funding.commitments:
            base[line.commitment_id] = line.amount
    totals: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    for c in bundle.commitments:
        if c.status != CommitmentStatus.DECLINED:
            totals[c.partner_id] += base[c.id].minor if c.id in base else 0
        count[c.partner_id] += 1
    currency = bundle.bid.base_currency
    rows = []
    for p in bundle.partners:
        letter_style = {"received": "green", "requested": "yellow"}.get(str(p.letter_status), "dim")
        rows.append(Row(str(p.id), (
            show.line(p.name), label(p.kind, PartnerKind), Text(label(p.letter_status, LetterStatus), style=letter_style),
            show.day(p.letter_received_on), str(count.get(p.id, 0)), show.minor(totals.get(p.id, 0), currency,
                                                                               decimals=False)),
            (p.name.lower(), p.kind, p.letter_status, p.letter_received_on, count.get(p.id, 0), totals.get(p.id, 0))))
    return rows


def double_counts(analysis) -> dict:
    """{commitment id: DoubleCount} of the cash commitments that may be counted twice."""
    plan = analysis.plan if analysis is not None else None
    if plan is None or analysis.budget is None:
        return {}
    from planner.services.errors import PlannerError

    try:
        return {d.commitment_id: d for d in plan.counted_twice}
    except PlannerError:
        return {}


def line_cell(commitment, lines: dict, flags: dict) -> Text:
    """What the commitment pays for: its line, or the "counted twice?" flag naming the line it looks like."""
    if commitment.id in flags:
        return Text("⚠ " + _("counted twice? k links it to “{line}”").format(
            line=show.clean(flags[commitment.id].line_label)), style="bold yellow")
    if commitment.budget_line_id in lines:
        return Text("→ " + show.clean(lines[commitment.budget_line_id]))
    return Text("–", style="dim")


def _commitment_rows(bundle, analysis) -> list[Row]:
    partners = {p.id: p.name for p in bundle.partners}
    lines = {x.id: x.label for x in bundle.budget_lines}
    flags = double_counts(analysis)
    rows = []
    for c in bundle.commitments:
        cell = line_cell(c, lines, flags)
        rows.append(Row(str(c.id), (
            show.line(partners.get(c.partner_id, "")), label(c.kind, CommitmentKind),
            label(c.status, CommitmentStatus), show.minor(c.amount_minor, c.currency, decimals=False),
            show.day(c.due_date), show.line(c.description), cell),
            (partners.get(c.partner_id, "").lower(), c.kind, STATUS_ORDER.index(CommitmentStatus(c.status)),
             c.amount_minor, c.due_date, c.description.lower(), cell.plain.lower())))
    return rows


class PartnersScreen(RecordsScreen):
    SCREEN_NAME = N_("Partners")
    MODE = "partners"
    BINDINGS = [
        *RecordsScreen.BINDINGS,
        Binding("c", "add_commitment", N_("Add commitment"), id="add-commitment"),
        Binding("k", "link", N_("Link to line"), id="link",
                tooltip=N_("Link the highlighted commitment flagged “counted twice?” to the line it looks like")),
        Binding("l", "letter", N_("Letter"), id="letter",
                tooltip=N_("Attach, replace, open or remove the highlighted partner's letter of support (PDF, PNG "
                           "or JPEG)")),
    ]
    files: dict = {}  # partner id -> its attached letter (AttachedFile), as last prepared

    def specs(self) -> dict[str, TableSpec]:
        return {
            "partners-table": TableSpec(
                "partner", N_("partner"),
                lambda: [_("Partner"), _("Kind"), _("Letter"), _("Received"), _("Commitments"), _("Committed")],
                _partner_rows, lambda bundle, record: forms.partner_fields()),
            "commitments-table": TableSpec(
                "commitment", N_("commitment"),
                lambda: [_("Partner"), _("Kind"), _("Status"), _("Amount"), _("Due"), _("Description"),
                         _("Budget line")],
                _commitment_rows, lambda bundle, record: forms.commitment_fields(bundle),
                name=lambda record: record.description or _("commitment {id}").format(id=record.id),
                defaults=lambda bundle: {"currency": bundle.bid.base_currency,
                                         "partner_id": self._selected_partner()}),
        }

    def _selected_partner(self):
        key = self.query_one("#partners-table", SortableTable).cursor_row_key()
        return int(key) if key else None

    def body(self) -> ComposeResult:
        with Horizontal():
            with TabbedContent(id="partner-tabs"):
                with TabPane(_("Partners"), id="tab-partners"):
                    yield TableBox(SortableTable(id="partners-table"))
                with TabPane(_("Commitments"), id="tab-commitments"):
                    yield TableBox(SortableTable(id="commitments-table"))
            with VerticalScroll(id="side-panel"):
                with Vertical(classes="panel") as panel:
                    panel.border_title = _("Pipeline")
                    yield Static("", id="pipeline")
                with Vertical(classes="panel") as panel:
                    panel.border_title = _("Letters of support")
                    yield Static("", id="letters")

    def action_add_commitment(self) -> None:
        if not self.app.bundle.partners:
            self.notify(_("Add the partner first (a), then what it commits."), severity="warning")
            return
        self.query_one(TabbedContent).active = "tab-commitments"
        self.add_to("commitments-table")

    def action_link(self) -> None:
        """Link the highlighted commitment to the income line it is counted twice with (undoable)."""
        from planner.tui.app import UndoEntry

        tabs = self.query_one(TabbedContent)
        key = self.query_one("#commitments-table", SortableTable).cursor_row_key() \
            if tabs.active == "tab-commitments" else None
        flags = double_counts(self.app.analysis)
        commitment = next((c for c in self.app.bundle.commitments if str(c.id) == key), None)
        if commitment is None:
            self.notify(_("Highlight a commitment on the Commitments tab first."), severity="warning")
            return
        flag = flags.get(commitment.id)
        if flag is None:
            self.notify(_("This commitment is not counted twice; choose its line in its form (e)."),
                        severity="warning")
            return
        from planner.services import records

        name = show.clean(commitment.description or flag.partner)

        def link(ws):
            return records.edit(ws, "commitment", commitment.id, {"budget_line_id": flag.line_id},
                                expected_version=commitment.version)

        def linked(result) -> None:
            _record, edit = result
            if edit is not None:
                self.app.remember_undo(UndoEntry(name, "revert", edit))

        self.app.run_service(link, done=linked, success=_("Linked to “{line}”; it is counted once. ctrl+z takes "
                                                          "it back.").format(line=show.clean(flag.line_label)))

    def action_letter(self) -> None:
        """The highlighted partner's letter of support: attach or replace it, open it, remove it."""
        from planner.services import attachments
        from planner.tui.widgets.attach import AttachScreen

        partner_id = self._highlighted_partner()
        if partner_id is None:
            self.notify(_("Highlight a partner (or one of its commitments) first."), severity="warning")
            return
        partner = next(p for p in self.app.bundle.partners if p.id == partner_id)
        bid_id = self.app.bid_id
        self.app.push_screen(AttachScreen(
            _("Letter of support from {name}").format(name=show.clean(partner.name)), "PDF, PNG, JPEG",
            self.files.get(partner_id),
            attach=lambda ws, path: attachments.attach_partner_letter(ws, bid_id, partner_id, path),
            remove=lambda ws, key: attachments.detach_file(ws, bid_id, key),
            open_file=lambda ws, key: attachments.open_with_viewer(ws, bid_id, key)))

    def _highlighted_partner(self) -> int | None:
        if self.query_one(TabbedContent).active == "tab-commitments":
            key = self.query_one("#commitments-table", SortableTable).cursor_row_key()
            found = next((c for c in self.app.bundle.commitments if str(c.id) == key), None)
            return found.partner_id if found else None
        return self._selected_partner()

    def prepare_extra(self, bundle, analysis) -> dict:
        pipeline = Text()
        if analysis and analysis.funding:
            by_status: dict[str, list] = defaultdict(list)
            for line in analysis.funding.commitments:
                by_status[str(line.status)].append(line)
            amounts = {status: sum(x.amount.minor for x in v) for status, v in by_status.items()}
            # the funding counts declined commitments nowhere, so they are counted here from the records
            # (their amount shown when they are all in the bid's currency, the only one they need no rate for)
            declined = [c for c in bundle.commitments if c.status == CommitmentStatus.DECLINED]
            by_status[CommitmentStatus.DECLINED.value] = declined
            in_base = all(c.currency == bundle.bid.base_currency for c in declined)
            amounts[CommitmentStatus.DECLINED.value] = sum(c.amount_minor for c in declined) if in_base else None
            biggest = max((a for a in amounts.values() if a), default=1) or 1
            currency = bundle.bid.base_currency
            names = {status: label(status, CommitmentStatus) for status in STATUS_ORDER}
            room = max(len(name) for name in names.values()) + 1
            width = show.bar_width(6, room + 3 + 2, [show.minor(a, currency, decimals=False)
                                                    for a in amounts.values() if a is not None])
            for status in STATUS_ORDER:
                lines = by_status.get(status.value, [])
                total = amounts.get(status.value, 0)
                if total is None:
                    pipeline.append(f"{names[status]:<{room}}{len(lines):>3}\n")
                    continue
                style = {"signed": "green", "invoiced": "green", "paid": "green", "pledged": "yellow",
                         "declined": "dim"}.get(status.value, "cyan")
                pipeline.append(f"{names[status]:<{room}}{len(lines):>3} ")
                if width:  # the bar gives way to the amounts (millions stay on their line)
                    pipeline.append_text(show.bar(total, biggest, width, style))
                    pipeline.append(" ")
                pipeline.append(f"{show.minor(total, currency, decimals=False)}\n")
            f = analysis.funding[Scenario.EXPECTED]
            pipeline.append("\n" + _("Secured {amount}").format(amount=show.money(f.secured)) + "\n", style="green")
            pipeline.append(_("Pledged {amount}").format(amount=show.money(f.pledged)) + "\n", style="yellow")
            pipeline.append(_("Funding gap {amount}").format(amount=show.money(f.gap)) + "\n",
                            style="bold red" if f.gap.minor else "bold green")
            flags = double_counts(analysis)
            if flags:
                pipeline.append("\n⚠ " + _("{n} cash commitments may be counted twice: k on the Commitments tab "
                                           "links each to its line.").format(n=len(flags)) + "\n", style="bold yellow")
        else:
            pipeline.append(show.clean(analysis.problems.get("funding") if analysis else "") or _("Not computed."))
        from planner.services.attachments import attached_files
        from planner.tui.widgets.attach import describe

        self.files = {f.partner_id: f for f in attached_files(self.app.ws, bundle.bid.id) if f.partner_id}
        letters = Text()
        for p in sorted(bundle.partners, key=lambda p: p.name.lower()):
            if p.id in self.files:
                letters.append("📎 ", style="green")
                letters.append(show.clean(p.name), style="bold")
                letters.append(f": {describe(self.files[p.id])}\n")
        received = sum(1 for p in bundle.partners if p.letter_status == LetterStatus.RECEIVED)
        requested = [show.clean(p.name) for p in bundle.partners if p.letter_status == LetterStatus.REQUESTED]
        letters.append(_("{received} of {total} received").format(received=received, total=len(bundle.partners))
                       + "\n")
        if requested:
            letters.append(_("Awaited: {names}").format(names=", ".join(requested[:8])), style="yellow")
        return {"pipeline": pipeline, "letters": letters}
