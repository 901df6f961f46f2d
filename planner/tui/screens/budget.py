"""Budget: lines by category with planned, committed, actual and variance at a scenario; the result,
break-even and funding gap beside them; freezing a baseline to compare the working budget against."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.enums import Basis, BudgetCategory, LineKind, Scenario
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.form import FieldSpec
from planner.tui.widgets.table import Row, SortableTable, TableBox, natural


def _minor(amount) -> int:
    return amount.minor if amount is not None else 0


class BudgetScreen(RecordsScreen):
    SCREEN_NAME = N_("Budget")
    MODE = "budget"
    BINDINGS = [
        *RecordsScreen.BINDINGS,
        Binding("l", "scenario('low')", N_("Low"), show=False),
        Binding("m", "scenario('expected')", N_("Expected"), show=False),
        Binding("h", "scenario('high')", N_("High"), show=False),
        Binding("c", "next_scenario", N_("Scenario"), id="scenario",
                tooltip=N_("Cycle low / expected / high (or press l, m, h)")),
        Binding("f", "freeze", N_("Freeze baseline"), id="freeze"),
    ]

    def specs(self) -> dict[str, TableSpec]:
        return {
            "lines-table": TableSpec(
                "budget_line", N_("budget line"), self.line_columns, self.line_rows,
                lambda bundle, record: forms.line_fields(), name=lambda record: record.label,
                defaults=lambda bundle: {"kind": LineKind.EXPENSE, "category": BudgetCategory.OTHER,
                                         "basis": Basis.FIXED, "currency": bundle.bid.base_currency,
                                         "quantity": 1, "vat_rate_percent": 25}),
            "categories-table": TableSpec(
                "budget_line", N_("budget line"), self.category_columns, self.category_rows,
                lambda bundle, record: forms.line_fields()),
        }

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.app.scenario)

    def body(self) -> ComposeResult:
        with Horizontal():
            with TabbedContent(id="budget-tabs"):
                with TabPane(_("Lines"), id="tab-lines"):
                    yield TableBox(SortableTable(id="lines-table"))
                with TabPane(_("By category"), id="tab-categories"):
                    yield TableBox(SortableTable(id="categories-table"))
            with VerticalScroll(id="side-panel"):
                with Vertical(classes="panel", id="result-panel") as panel:
                    panel.border_title = _("Result")
                    yield Static("", id="budget-result")
                with Vertical(classes="panel", id="funding-panel") as panel:
                    panel.border_title = _("Break-even and funding")
                    yield Static("", id="budget-funding")
                with Vertical(classes="panel", id="baseline-panel") as panel:
                    panel.border_title = _("Baseline")
                    yield Static("", id="budget-baseline")

    # --- tables ---------------------------------------------------------------------------------------

    def line_columns(self) -> list[str]:
        return [_("Category"), _("Line"), _("Basis"), _("Planned"), _("Committed"), _("Actual"),
                _("Variance"), _("Forecast")]

    def category_columns(self) -> list[str]:
        return [_("Kind"), _("Category"), _("Planned"), _("Committed"), _("Actual"), _("Variance"),
                _("Forecast")]

    def _status(self, analysis):
        if analysis is None:
            return None
        return analysis.status.get(self.scenario)

    def line_rows(self, bundle, analysis) -> list[Row]:
        status = self._status(analysis)
        by_key = {row.key: row for row in status.lines} if status else {}
        lines = {line.id: line for line in bundle.budget_lines}
        rows = []
        keys = list(by_key) if by_key else list(lines)
        for key in keys:
            line = lines.get(key)
            st = by_key.get(key)
            kind = (st.kind if st else line.kind)
            category = st.category if st else line.category
            title = st.label if st else line.label
            basis = label(line.basis, Basis) if line is not None else _("from speakers")
            category_text = label(category, BudgetCategory)
            if kind == LineKind.INCOME or kind == "income":
                category_text = "+ " + category_text
            planned = st.planned if st else None
            variance = st.variance if st else None
            over = st is not None and st.over_plan
            rows.append(Row(str(key), (
                category_text, show.line(title), basis, show.money(planned), show.money(st.committed if st else None),
                show.money(st.actual if st else None),
                Text(show.money(variance) if variance is not None else "–",
                     style="red" if variance is not None and variance.minor > 0 and kind == LineKind.EXPENSE else ""),
                Text(show.money(st.forecast if st else None), style="bold red" if over else "")),
                (("0" if kind == LineKind.INCOME else "1") + category_text.lower().lstrip("+ "), title.lower(), basis, _minor(planned),
                 _minor(st.committed if st else None), _minor(st.actual if st else None), _minor(variance),
                 _minor(st.forecast if st else None)),
                search=" ".join((category_text, title, basis)).lower()))
        rows.sort(key=lambda r: (r.sort_keys[0], natural(r.sort_keys[1])))  # Line 2 before Line 10
        return rows

    def category_rows(self, bundle, analysis) -> list[Row]:
        status = self._status(analysis)
        if status is None:
            return []
        rows = []
        for st in [*status.categories, status.income, status.expenses]:
            is_total = st in (status.income, status.expenses)
            name = _("Total") if is_total else label(st.category, BudgetCategory)
            style = "bold" if is_total else ""
            rows.append(Row(f"cat:{st.kind}:{st.category}:{is_total}", (
                Text(label(st.kind, LineKind), style=style), Text(name, style=style),
                Text(show.money(st.planned), style=style), show.money(st.committed), show.money(st.actual),
                show.money(st.variance) if st.variance is not None else "–",
                Text(show.money(st.forecast), style="bold red" if st.over_plan else style)),
                (f"{st.kind}{int(is_total)}", name.lower(), st.planned.minor, st.committed.minor, st.actual.minor,
                 _minor(st.variance), st.forecast.minor)))
        return rows

    def record_of(self, table_id: str):
        if table_id != "lines-table":
            self.notify(_("Edit lines on the Lines tab."), severity="warning")
            return None
        key = self.query_one("#lines-table", SortableTable).cursor_row_key()
        if key is not None and not key.isdigit():
            self.notify(_("This row is the speakers' costs; change them on the Speakers screen (4)."),
                        severity="warning")
            return None
        return super().record_of(table_id)

    def active_table_id(self) -> str:
        return "lines-table"

    # --- panels ---------------------------------------------------------------------------------------

    def prepare_extra(self, bundle, analysis) -> dict:
        scenario = self.scenario
        result = Text()
        funding_text = Text()
        baseline_text = Text()
        report = analysis.budget if analysis else None
        if report is None:
            result.append(show.clean(analysis.problems.get("budget") if analysis else "") or _("Not computed."),
                          style="red")
        else:
            r = report[scenario]
            result.append(_("Scenario: {scenario} ({n} attendees)").format(
                scenario=label(scenario, Scenario), n=show.number(r.attendance)) + "\n", style="bold")
            result.append(_("l, m, h switch scenario") + "\n\n", style="dim")
            for title, amount in ((_("Income"), r.income), (_("Expenses"), r.expenses)):
                result.append(f"{title:<14}{show.money(amount):>20}\n")
            result.append(f"{_('Result'):<14}")
            result.append_text(Text(f"{show.money(r.result):>20}", style="bold green" if r.result.minor >= 0
                                    else "bold red"))
            result.append("\n")
            if r.cost_per_attendee is not None:
                result.append(f"{_('Per attendee'):<14}{show.money(r.cost_per_attendee):>20}\n")
            be = r.break_even_attendance
            funding_text.append(_("Break-even attendance: {n}").format(n=show.number(be.attendance))
                                if be.reachable else _("Break-even attendance: not reachable"))
            funding_text.append("\n")
            price = r.break_even_ticket_price
            if price.reachable:
                funding_text.append(_("Break-even ticket price: {price}").format(price=show.money(price.price))
                                    + "\n")
        if analysis and analysis.funding is not None:
            f = analysis.funding[scenario]
            funding_text.append(_("Need {need}").format(need=show.money(f.need)) + "\n")
            for title, amount, style in ((_("Secured"), f.secured, "green"), (_("Pledged"), f.pledged, "yellow"),
                                         (_("Gap"), f.gap, "red")):
                funding_text.append(f"{title:<9}")
                funding_text.append_text(show.bar(amount.minor, max(f.need.minor, 1), 14, style))
                funding_text.append(f" {show.money(amount)}\n")
        status = self._status(analysis)
        if status is not None and status.baseline_label:
            baseline_text.append(_("Compared with “{name}”").format(name=show.clean(status.baseline_label)) + "\n")
            for row in (status.income, status.expenses):
                if row.variance is not None:
                    baseline_text.append(f"{label(row.kind, LineKind):<10} {show.money(row.variance):>16}\n")
            if status.removed_since_baseline:
                baseline_text.append(_("{n} lines removed since").format(n=len(status.removed_since_baseline)) + "\n")
        else:
            baseline_text.append(_("No baseline frozen yet (the database is open read-only).") if self.app.read_only
                                 else _("No baseline frozen yet. Press f to freeze the working budget as approved."),
                                 style="dim")
        if status is not None and status.over_plan_lines:
            baseline_text.append("\n" + _("{n} lines forecast over plan").format(n=len(status.over_plan_lines)),
                                 style="red")
        return {"budget-result": result, "budget-funding": funding_text, "budget-baseline": baseline_text}

    # --- actions --------------------------------------------------------------------------------------

    def action_scenario(self, scenario: str) -> None:
        self.app.scenario = scenario
        analysis = self.app.analysis
        if analysis is not None and analysis.budget is not None and Scenario(scenario) not in analysis.status:
            self.compute_status(analysis, scenario)
        else:
            self.redraw(force=True)

    @work(thread=True, exclusive=True, group="status", exit_on_error=False, description="budget status")
    def compute_status(self, analysis, scenario: str) -> None:
        from planner.services.collector import paused
        from planner.tui.analysis import add_status
        from planner.tui.messages import AnalysisReady

        with paused(keep=True):
            add_status(analysis, scenario)
        self.post_message(AnalysisReady())

    def action_next_scenario(self) -> None:
        order = [s.value for s in Scenario]
        self.action_scenario(order[(order.index(self.app.scenario) + 1) % len(order)])

    def action_freeze(self) -> None:
        from planner.services.planning import freeze_baseline

        bid_id = self.app.bid_id
        today = self.app.today
        fields = [FieldSpec("name", N_("Name of the baseline"), required=True,
                            placeholder=_("Approved by the board")),
                  FieldSpec("note", N_("Note"))]
        self.app.edit(_("Freeze the working budget"), fields,
                      lambda ws, values: freeze_baseline(ws, bid_id, values["name"], values["note"], today=today),
                      {"name": _("Baseline {date}").format(date=show.day(today))},
                      saved=_("Baseline frozen; the variance column now compares with it."))
