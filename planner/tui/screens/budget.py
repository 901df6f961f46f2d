"""Budget: lines by category with planned, committed, actual and variance at a scenario; the result,
break-even and funding gap beside them; freezing a baseline to compare the working budget against."""

from __future__ import annotations

from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
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
        Binding("v", "compare", N_("Compare baselines"), id="compare",
                tooltip=N_("Compare two baselines, or one with the working budget")),
    ]
    compared: tuple[int | None, int | None] | None = None  # (baseline id, baseline id or None: working budget)

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
            "baselines-table": TableSpec(
                "budget_baseline", N_("baseline"), self.baseline_columns, self.baseline_rows,
                lambda bundle, record: baseline_fields(),
                save_new=lambda bundle: self.freezer(),
                defaults=lambda bundle: {"name": _("Baseline {date}").format(date=show.day(self.app.today))}),
        }

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.app.scenario)

    def body(self) -> ComposeResult:
        with Horizontal():
            with TabbedContent(id="budget-tabs"):
                with TabPane(_("Lines"), id="tab-lines"):
                    yield TableBox(SortableTable(id="lines-table", key_columns=2))
                with TabPane(_("By category"), id="tab-categories"):
                    yield TableBox(SortableTable(id="categories-table", key_columns=2))
                with TabPane(_("Risk and grid"), id="tab-risk"):
                    with ScrollableContainer(id="budget-risk-box"):
                        yield Static("", id="budget-risk")
                        yield Static("", id="budget-grid")
                with TabPane(_("Baselines"), id="tab-baselines"):
                    yield TableBox(SortableTable(id="baselines-table"))
                    with VerticalScroll(id="baseline-compare-box"):
                        yield Static("", id="baseline-compare")
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

    def baseline_columns(self) -> list[str]:
        return [_("Baseline"), _("Frozen"), _("By"), _("Income"), _("Expenses"), _("Result"), _("Note")]

    def baseline_rows(self, bundle, analysis) -> list[Row]:
        """Each baseline with its totals at the scenario shown."""
        field = f"planned_{self.scenario.value}_minor"
        currency = bundle.bid.base_currency
        totals: dict[int, dict[str, int]] = {}
        for row in bundle.baseline_lines:
            kind = str(getattr(row.kind, "value", row.kind))
            sums = totals.setdefault(row.baseline_id, {"income": 0, "expense": 0})
            sums[kind] = sums.get(kind, 0) + getattr(row, field)
        rows = []
        for b in sorted(bundle.baselines, key=lambda x: (x.frozen_at, x.id), reverse=True):
            t = totals.get(b.id, {"income": 0, "expense": 0})
            result = t["income"] - t["expense"]
            rows.append(Row(str(b.id), (
                show.line(b.name), show.day(b.frozen_at.date()), show.line(b.frozen_by),
                show.minor(t["income"], currency, decimals=False), show.minor(t["expense"], currency, decimals=False),
                Text(show.minor(result, currency, decimals=False), style="green" if result >= 0 else "red"),
                show.line(b.note)),
                (b.name.lower(), b.frozen_at, b.frozen_by.lower(), t["income"], t["expense"], result, b.note.lower())))
        return rows

    def freezer(self):
        from planner.services.planning import freeze_baseline

        bid_id, today = self.app.bid_id, self.app.today
        return lambda ws, values: freeze_baseline(ws, bid_id, values["name"], values.get("note") or "", today=today)

    def record_of(self, table_id: str):
        if table_id == "baselines-table":
            return super().record_of(table_id)
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
        tabs = self.query_one(TabbedContent)
        return "baselines-table" if tabs.active == "tab-baselines" else "lines-table"

    # --- panels ---------------------------------------------------------------------------------------

    def prepare_first(self, bundle, analysis) -> dict:
        """The panels beside the tables (the result at the scenario shown, funding, the baseline): on screen
        at once after a switch of scenario, while the 10 000 rows of a large budget are formatted."""
        return self.side_panels(bundle, analysis)

    def prepare_extra(self, bundle, analysis) -> dict:
        content = self.side_panels(bundle, analysis)
        content.update({"budget-risk": self.risk_text(analysis), "budget-grid": self.grid_table(analysis),
                        "baseline-compare": self.comparison(bundle, analysis)})
        return content

    def side_panels(self, bundle, analysis) -> dict:
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
            # label and amount in 31 cells: the panel's width, so "1 338 442 kr" never wraps before its "kr"
            for title, amount in ((_("Income"), r.income), (_("Expenses"), r.expenses)):
                result.append(f"{title:<14}{show.money(amount):>17}\n")
            result.append(f"{_('Result'):<14}")
            result.append_text(Text(f"{show.money(r.result):>17}", style="bold green" if r.result.minor >= 0
                                    else "bold red"))
            result.append("\n")
            if r.cost_per_attendee is not None:
                result.append(f"{_('Per attendee'):<14}{show.money(r.cost_per_attendee):>17}\n")
            if analysis.plan is not None and analysis.plan.rate_warning:
                result.append("\n" + analysis.plan.rate_warning + "\n", style="yellow")
            be = r.break_even_attendance
            funding_text.append(_("Break-even attendance: {n}").format(n=show.number(be.attendance))
                                if be.reachable else _("Break-even attendance: not reachable"))
            funding_text.append("\n")
            price = r.break_even_ticket_price
            if price.reachable:
                amount = show.money(price.price)
                said = _("Break-even ticket price: {price}").format(price=amount)
                if cell_len(said) > show.SIDE_LINE and said.endswith(" " + amount):
                    said = said[: -len(amount) - 1] + "\n" + amount  # the amount whole on the next line
                funding_text.append(said + "\n")
        if analysis and analysis.funding is not None:
            f = analysis.funding[scenario]
            funding_text.append(_("Need {need}").format(need=show.money(f.need)) + "\n")
            bars = ((_("Secured"), f.secured, "green"), (_("Pledged"), f.pledged, "yellow"), (_("Gap"), f.gap, "red"))
            # the bar gives way to the amounts: a gap in billions stays on its line
            width = show.bar_width(14, 9 + 1, [show.money(amount) for _title, amount, _style in bars])
            for title, amount, style in bars:
                funding_text.append(f"{title:<9}")
                if width:
                    funding_text.append_text(show.bar(amount.minor, max(f.need.minor, 1), width, style))
                funding_text.append(f" {show.money(amount)}\n")
        funding_text.append_text(self.links_text(bundle, analysis))
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

    # --- risk, the grid and the economic impact -------------------------------------------------------

    def risk_text(self, analysis) -> Text:
        from planner.services.errors import PlannerError

        out = Text()
        plan = analysis.plan if analysis is not None else None
        if plan is None or analysis.budget is None:
            out.append(show.clean(analysis.problems.get("budget") if analysis else "") or _("Not computed."),
                       style="red")
            return out
        try:
            risk = plan.risk()
            impact = plan.impact(self.scenario)
        except PlannerError as exc:
            out.append(show.clean(str(exc)), style="red")
            return out
        from planner.i18n.format import format_percent

        out.append(_("Risk") + "\n", style="bold")
        out.append(_("Attendance drawn {runs} times between {low} and {high}, most likely {mode}.").format(
            runs=show.number(risk.runs), low=show.number(risk.low), high=show.number(risk.high),
            mode=show.number(risk.mode)) + "\n", style="dim")
        loss = risk.probability_of_loss
        out.append(_("Probability of a loss: {p}").format(p=format_percent(loss)) + "\n",
                   style="bold red" if loss >= Decimal("0.2") else "bold yellow" if loss > 0 else "bold green")
        results = ((_("Result, 10th percentile"), risk.p10), (_("Result, median"), risk.p50),
                   (_("Result, 90th percentile"), risk.p90))
        room = max(26, *(len(title) + 2 for title, _amount in results))  # the Swedish labels are longer
        for title, amount in results:
            out.append(f"{title:<{room}}")
            out.append_text(show.signed(amount))
            out.append("\n")
        out.append("\n" + _("Economic impact for the host region") + "\n", style="bold")
        out.append(_("{delegates} delegates × {days} days × {spend} per delegate-day = {total}").format(
            delegates=show.number(impact.delegates), days=show.number(impact.days),
            spend=show.money(impact.spend_per_delegate_day), total=show.money(impact.total)) + "\n")
        out.append(show.message(impact.assumption) + "\n", style="dim")
        return out

    def grid_table(self, analysis):
        from rich.table import Table

        from planner.services.errors import PlannerError

        plan = analysis.plan if analysis is not None else None
        if plan is None or analysis.budget is None:
            return Text("")
        try:
            grid = plan.grid()
        except PlannerError as exc:
            return show.line(str(exc), style="red")
        table = Table(title=_("Result by ticket price (excl. VAT, per paying attendee) and attendance"),
                      title_justify="left", expand=False)
        table.add_column(_("Ticket price"), justify="right", no_wrap=True)
        for n in grid.attendances:
            table.add_column(show.number(n), justify="right", no_wrap=True)
        for price, row in zip(grid.prices, grid.results, strict=True):
            table.add_row(show.money(price), *[Text(show.money(v), style="red" if v.minor < 0 else "green")
                                               for v in row])
        return table

    # --- baselines ------------------------------------------------------------------------------------

    def comparison(self, bundle, analysis):
        """The two baselines compared (or one with the working budget), per category at the scenario shown."""
        from rich.table import Table

        from planner.services.errors import PlannerError

        if self.compared is None:
            return Text(_("a freezes the working budget, e renames, x deletes, v compares two baselines (or one "
                          "with the working budget)."), style="dim")
        plan = analysis.plan if analysis is not None else None
        names = {b.id: b.name for b in bundle.baselines}
        first, second = self.compared
        if plan is None or analysis.budget is None or first not in names or (second is not None and second not in names):
            return Text(_("The baselines compared are gone; press v to choose again."), style="dim")
        try:
            left = plan.baseline(first, self.scenario).categories
            if second is None:
                report = analysis.budget[self.scenario]
                right = {(str(t.kind), t.category): t.planned
                         for t in (*report.income_by_category, *report.expenses_by_category)}
            else:
                right = plan.baseline(second, self.scenario).categories
        except PlannerError as exc:
            return show.line(str(exc), style="red")
        left = {(str(k), c): v for (k, c), v in left.items()}
        right_name = names[second] if second is not None else _("the working budget")
        table = Table(title=_("“{a}” against {b} ({scenario})").format(
            a=show.clean(names[first]), b=show.clean(right_name) if second is not None else right_name,
            scenario=label(self.scenario, Scenario)), title_justify="left")
        table.add_column(_("Kind"))
        table.add_column(_("Category"))
        table.add_column(show.line(names[first]), justify="right")
        table.add_column(show.line(right_name), justify="right")
        table.add_column(_("Difference"), justify="right")
        currency = bundle.bid.base_currency
        totals = {k: [0, 0] for k in ("income", "expense")}
        for key in sorted(set(left) | set(right), key=lambda k: (k[0] != "income", k[1])):
            a = left[key].minor if key in left else 0
            b = right[key].minor if key in right else 0
            if key[0] in totals:
                totals[key[0]][0] += a
                totals[key[0]][1] += b
            table.add_row(label(key[0], LineKind), label(key[1], BudgetCategory),
                          show.minor(a, currency, decimals=False), show.minor(b, currency, decimals=False),
                          Text(show.minor(b - a, currency, decimals=False), style="" if b == a else "bold"))
        result_a = totals["income"][0] - totals["expense"][0]
        result_b = totals["income"][1] - totals["expense"][1]
        table.add_row(Text(_("Result"), style="bold"), "", show.minor(result_a, currency, decimals=False),
                      show.minor(result_b, currency, decimals=False),
                      Text(show.minor(result_b - result_a, currency, decimals=False), style="bold"))
        return table

    def action_compare(self) -> None:
        """Choose what to compare: a baseline, and another baseline or the working budget."""
        from planner.tui.widgets.form import FormScreen

        baselines = sorted(self.app.bundle.baselines, key=lambda x: (x.frozen_at, x.id), reverse=True)
        if not baselines:
            self.notify(_("No baseline frozen yet. Press f to freeze the working budget as approved."),
                        severity="warning")
            return
        options = [(b.name, b.id) for b in baselines]
        working = [(_("the working budget"), 0), *options]
        fields = [FieldSpec("first", N_("Compare the baseline"), "choice", options=lambda: options, required=True),
                  FieldSpec("second", N_("with"), "choice", options=lambda: working, required=True)]

        def chosen(values) -> None:
            if values:
                self.compared = (values["first"], values["second"] or None)
                self.query_one(TabbedContent).active = "tab-baselines"
                self.redraw(force=True)

        current = self.compared or (baselines[0].id, None)
        self.app.push_screen(FormScreen(_("Compare baselines"), fields, lambda values: values,
                                        {"first": current[0], "second": current[1] or 0}), chosen)

    def links_text(self, bundle, analysis) -> Text:
        """Which commitments pay for which lines, and those that may be counted twice."""
        from planner.tui.screens.partners import double_counts

        out = Text()
        partners = {p.id: p.name for p in bundle.partners}
        lines = {x.id: x.label for x in bundle.budget_lines}
        linked = [c for c in bundle.commitments if c.budget_line_id in lines]
        if linked:
            out.append("\n" + _("Commitments linked to lines") + "\n", style="bold")
            for c in linked[:12]:
                out.append(f"{show.clean(partners.get(c.partner_id, ''))} → {show.clean(lines[c.budget_line_id])}\n")
        for flag in double_counts(analysis).values():
            out.append("⚠ " + _("{partner}: counted twice with “{line}”? Link it on Partners (5, k).").format(
                partner=show.clean(flag.partner), line=show.clean(flag.line_label)) + "\n", style="bold yellow")
        return out

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
        self.app.edit(_("Freeze the working budget"), baseline_fields(), lambda ws, values: self.freezer()(ws, values),
                      {"name": _("Baseline {date}").format(date=show.day(self.app.today))},
                      saved=_("Baseline frozen; the variance column now compares with it."))


def baseline_fields() -> list[FieldSpec]:
    return [FieldSpec("name", N_("Name of the baseline"), required=True, placeholder=_("Approved by the board")),
            FieldSpec("note", N_("Note"))]
