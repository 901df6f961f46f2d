"""Overview: days to the deadline, readiness and what fails, budget per scenario, funding bars, next
milestones and alerts (overdue, conflicts, expiring options)."""

from __future__ import annotations

from datetime import timedelta

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer, VerticalScroll
from textual.widgets import Static

from planner.domain.enums import Scenario, TaskStatus
from planner.i18n import N_, _, get_locale, ngettext
from planner.i18n.labels import label
from planner.tui.messages import ContentReady
from planner.tui.screens.base import PlannerScreen
from planner.tui.widgets import show

PANELS = [
    ("deadline", N_("The bid")),
    ("readiness", N_("Readiness")),
    ("budget", N_("Budget per scenario")),
    ("funding", N_("Funding")),
    ("milestones", N_("Next milestones")),
    ("alerts", N_("Alerts")),
]

TALL = 50  # from this many rows, the overview's rows of panels are as tall as their content needs (fit_rows)


def share(needs: list[int], room: int) -> list[int]:
    """Heights for rows needing `needs` in `room` lines: a row needing at most an equal share of what is left
    gets what it needs, smallest first; the rows needing more share the rest equally. Lines left over when every
    row has what it needs go to the rows evenly (the panels fill the screen)."""
    out = [0] * len(needs)
    left = room
    order = sorted(range(len(needs)), key=needs.__getitem__)
    for done, index in enumerate(order):
        out[index] = max(min(needs[index], left // (len(needs) - done)), 0)
        left -= out[index]
    for index in range(left if left > 0 else 0):
        out[index % len(out)] += 1
    return out


class OverviewScreen(PlannerScreen):
    SCREEN_NAME = N_("Overview")
    MODE = "overview"

    def body(self) -> ComposeResult:
        # a grid (app.tcss) that scrolls under 100 columns: the keys a panel cannot use scroll it
        with ScrollableContainer(id="overview-grid", can_focus=False):
            for key, title in PANELS:
                with VerticalScroll(classes="panel", id=f"panel-{key}") as panel:
                    panel.border_title = _(title)
                    yield Static(_("Loading…") if key == "deadline" else _("Computing…"), id=f"ov-{key}")

    def shown(self) -> None:
        self.call_after_refresh(self.fit_rows)  # once the new content is laid out at its height

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_rows)

    def fit_rows(self) -> None:
        """On a tall terminal (TALL rows and more, 100 columns and more) each row of panels gets the height its
        content needs, the rows that need less first, the rest shared out, rather than a third each: at 200x60
        the bid's five lines left their panel half empty while Readiness scrolled. Otherwise the stylesheet's
        rows stay (equal ones; under 100 columns, one column that scrolls)."""
        if not self.is_mounted:
            return
        grid = self.query_one("#overview-grid", ScrollableContainer)
        width, height = self.app.size
        if width < 100 or height < TALL:
            if grid.styles.has_rule("grid_rows"):
                grid.styles.clear_rule("grid_rows")
            return
        needs = []
        for key, _title in PANELS:
            panel = self.query_one(f"#panel-{key}", VerticalScroll)
            chrome = panel.outer_size.height - panel.scrollable_content_region.height  # border, padding
            needs.append(self.query_one(f"#ov-{key}", Static).outer_size.height + chrome)
        rows = [max(needs[i:i + 2]) for i in range(0, len(needs), 2)]
        heights = share(rows, grid.scrollable_content_region.height)
        wanted = " ".join(str(h) for h in heights)
        if " ".join(str(int(row.value)) for row in grid.styles.grid_rows or ()) != wanted:
            grid.styles.grid_rows = wanted

    def on_mount(self) -> None:
        super().on_mount()
        app = self.app
        if app.bundle is None and app.preview is not None and app.preview.id == app.bid_id:
            app.first_figures.clear()  # the workspace opens once they are in (or failed)
            self.run_worker(self.prepare_first_figures, thread=True, group="prepare-first", exit_on_error=False,
                            description="the bid's first figures")

    def prepare_first_figures(self) -> None:
        """The bid's own figures, from the first light read (app.preview), then every panel computed from the
        bid read without the ORM (planner.services.light) while the workspace opens; each dropped if the whole
        bid is in first. Anything the light read cannot do (a server database, a file to upgrade) is left to
        the bid's loading, which draws every panel."""
        app = self.app
        version, bid_id, today = self.shown_version, app.bid_id, app.today
        drawn = False
        try:
            self.post_message(ContentReady({"ov-deadline": self.deadline_text(app.preview, today)}, version,
                                           partial=True))
            app.wait_until_painted()  # the first screen is drawn before this work shares the interpreter
            from planner.services import light
            from planner.services.collector import paused
            from planner.tui.analysis import analyse

            # no collection while the rows are made, and none walking them afterwards: the loading takes them
            # over, or they go with it (the idle collection frees what is no longer used, planner/tui/heap.py)
            with paused(keep=True):
                try:
                    read = light.read(app.settings, bid_id)
                    if read is None or app.bundle is not None:
                        return
                    bundle, rates = read
                    analysis = analyse(None, bundle, today, app.scenario, rates=rates)
                    content = self.prepare(bundle, analysis)
                except Exception:  # noqa: BLE001 - a head start only: the loading does it all again and says
                    return  # in its own words what went wrong (a damaged value, say), once
            first = (bundle, rates, analysis, get_locale())
            app.call_from_thread(self._first_figures_in, ContentReady(content, version, partial=True), first)
            drawn = True
        finally:
            if not drawn:
                app.first_figures.set()

    def _first_figures_in(self, message: ContentReady, first: tuple) -> None:
        """Show the first figures; the workspace opens once they are on the terminal (its import would hold
        the interpreter while they are drawn). The bid's loading takes their analysis over if it finds the
        same rows."""
        if self.app.bundle is None:
            self.app.first_analysis = first
        self.show(message)
        if self.is_mounted:
            self.call_after_refresh(self.app.first_figures.set)
        else:
            self.app.first_figures.set()

    def prepare(self, bundle, analysis) -> dict:
        today = self.app.today
        return {
            "ov-deadline": self.deadline_text(bundle.bid, today),
            "ov-readiness": self.readiness_text(analysis),
            "ov-budget": self.budget_table(analysis),
            "ov-funding": self.funding_text(analysis),
            "ov-milestones": self.milestones_text(analysis, today),
            "ov-alerts": self.alerts_text(bundle, analysis, today),
        }

    def deadline_text(self, bid, today) -> Text:
        from planner.domain.enums import BidStatus

        out = Text()
        if bid.bid_deadline:
            days = (bid.bid_deadline - today).days
            if days >= 0:
                out.append(ngettext("{n} day to the bid deadline", "{n} days to the bid deadline", days)
                           .format(n=show.number(days)), style="bold")
            else:
                out.append(_("The deadline passed {n} days ago").format(n=show.number(-days)), style="bold red")
            out.append(f" ({show.day(bid.bid_deadline, 'long')})\n")
        else:
            out.append(_("No bid deadline set.") + "\n", style="yellow")
        out.append(_("Status: {status}").format(status=label(bid.status, BidStatus)) + "\n")
        if bid.event_start:
            out.append(_("Event: {start} to {end}, {days} days").format(
                start=show.day(bid.event_start), end=show.day(bid.event_end), days=bid.event_days) + "\n")
        out.append(_("Attendance: {low} / {expected} / {high} (low / expected / high)").format(
            low=show.number(bid.attendance_low), expected=show.number(bid.attendance_expected),
            high=show.number(bid.attendance_high)))
        return out

    def readiness_text(self, analysis) -> Text:
        out = Text()
        readiness = analysis.readiness if analysis else None
        if readiness is None:
            out.append(show.clean(analysis.problems.get("readiness", _("Not computed.")) if analysis else ""))
            return out
        out.append(_("{score} % ready").format(score=int(readiness.score)) + "\n", style="bold")
        out.append_text(show.bar(int(readiness.score), 100, 30))
        out.append("\n")
        marks = {"pass": ("✔", "green"), "warning": ("!", "yellow"), "fail": ("✘", "red")}
        for item in readiness.items:
            mark, style = marks.get(item.status, ("?", ""))
            out.append(f"{mark} ", style=style)
            out.append(_(item.title), style="bold" if item.status != "pass" else "")
            if item.status != "pass":
                out.append(f"\n   {show.message(item.reason)}", style="dim")
                if item.fix:
                    out.append(f" {show.message(item.fix)}", style="dim")
            out.append("\n")
        return out

    def budget_table(self, analysis):
        report = analysis.budget if analysis else None
        if report is None:
            return show.line((analysis.problems.get("budget") if analysis else "") or _("Not computed."))
        table = Table(box=None, expand=True, padding=(0, 0, 0, 1))
        table.add_column("", ratio=1, min_width=11)
        for scenario in Scenario:
            table.add_column(label(scenario, Scenario), justify="right", no_wrap=True)
        rows = [
            (_("Attendance"), lambda r: show.number(r.attendance)),
            (_("Income"), lambda r: show.money(r.income)),
            (_("Expenses"), lambda r: show.money(r.expenses)),
            (_("Result"), lambda r: show.signed(r.result)),
            (_("Cost per attendee"), lambda r: show.money(r.cost_per_attendee)),
        ]
        cells = [(title, [cell(report[s]) for s in Scenario]) for title, cell in rows]
        for title, values in cells:
            table.add_row(title, *values)
        breakeven = report[Scenario.EXPECTED].break_even_attendance
        even = (show.number(breakeven.attendance) + " " + _("attendees")) if breakeven.reachable else _("not reachable")
        table.add_row(_("Break-even"), "", even, "")
        # too narrow for three columns of amounts (a large budget's billions): one scenario under the other
        stacked = Table(box=None, expand=True, show_header=False, padding=(0, 0, 0, 1))
        stacked.add_column("", ratio=1)
        stacked.add_column("", justify="right", no_wrap=True)
        for index, scenario in enumerate(Scenario):
            stacked.add_row(Text(label(scenario, Scenario), style="bold"), "")
            for title, values in cells:
                stacked.add_row(title, values[index])
        stacked.add_row(Text(_("Break-even"), style="bold"), even)
        need = show.cells_across([[" " * 11, *[label(s, Scenario) for s in Scenario]],  # the labels' min_width
                                  *[["", *values] for _title, values in cells]])
        return show.Fitting(table, stacked, need)

    def funding_text(self, analysis) -> Text:
        out = Text()
        funding = analysis.funding if analysis else None
        if funding is None:
            out.append(show.clean(analysis.problems.get("funding") if analysis else "") or _("Not computed."))
            return out
        f = funding[Scenario.EXPECTED]
        need = max(f.need.minor, 1)
        out.append(_("Funding need (expected): {amount}").format(amount=show.money(f.need)) + "\n\n", style="bold")
        for title, amount, style in ((_("Secured"), f.secured, "green"), (_("Pledged"), f.pledged, "yellow"),
                                     (_("Gap"), f.gap, "red")):
            out.append(f"{title:<10}")
            out.append_text(show.bar(amount.minor, need, 22, style))
            out.append(f" {show.money(amount)}\n")
        return out

    def milestones_text(self, analysis, today) -> Text:
        out = Text()
        timeline = analysis.timeline if analysis else None
        if timeline is None:
            out.append(show.clean(analysis.problems.get("timeline") if analysis else "") or _("Not computed."))
            return out
        upcoming = sorted((t for t in timeline.tasks if t.due and t.status not in (TaskStatus.DONE, TaskStatus.CANCELLED)
                           and t.due >= today), key=lambda t: t.due)[:8]
        if not upcoming:
            out.append(_("No open task or milestone ahead. Press 6 for the timeline."), style="dim")
        for task in upcoming:
            out.append(f"{show.day(task.due):>12}  ", style="bold" if task.kind == "milestone" else "")
            out.append(("◆ " if task.kind == "milestone" else "· ") + show.clean(task.title))
            if task.at_risk:
                out.append("  " + _("at risk"), style="yellow")
            out.append("\n")
        return out

    def alerts_text(self, bundle, analysis, today) -> Text:
        out = Text()
        alerts: list[tuple[str, str]] = []
        bid = bundle.bid
        if bid.bid_deadline and bid.bid_deadline < today and bid.status == "draft":
            alerts.append(("red", _("The bid deadline passed on {date} and the bid is still a draft: set its status "
                                    "(submitted or withdrawn) or move the deadline.").format(
                date=show.day(bid.bid_deadline))))
        if analysis and analysis.timeline:
            for task in analysis.timeline.overdue[:5]:
                alerts.append(("red", _("Overdue: {task} (due {date})").format(task=show.clean(task.title),
                                                                             date=show.day(task.due))))
            if len(analysis.timeline.overdue) > 5:
                alerts.append(("red", _("… and {n} more overdue").format(n=len(analysis.timeline.overdue) - 5)))
        if analysis and analysis.programme:
            for conflict in analysis.programme.conflicts[:4]:
                alerts.append(("yellow", show.message(conflict.message)))
            if len(analysis.programme.conflicts) > 4:
                alerts.append(("yellow", _("… and {n} more programme conflicts").format(
                    n=len(analysis.programme.conflicts) - 4)))
        soon = today + timedelta(days=30)
        for venue in bundle.venues:
            if venue.option_until and today <= venue.option_until <= soon:
                alerts.append(("yellow", _("The option on {venue} expires {date}").format(
                    venue=show.clean(venue.name), date=show.day(venue.option_until))))
            elif venue.option_until and venue.option_until < today and venue.status == "option_held":
                alerts.append(("red", _("The option on {venue} expired {date}").format(
                    venue=show.clean(venue.name), date=show.day(venue.option_until))))
        for _part, problem in (analysis.problems.items() if analysis else ()):
            alerts.append(("red", show.clean(problem)))
        if not alerts:
            out.append(_("Nothing needs attention."), style="green")
        for style, text in alerts:
            out.append("● ", style=style)
            out.append(text + "\n")
        return out
