"""Timeline: tasks and milestones as a list and as a Gantt chart (today marked, weekends and holidays
flagged, dependencies named); add a task relative to an anchor; generate the standard bid timeline."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.enums import Anchor, TaskKind, TaskStatus
from planner.i18n import N_, _
from planner.i18n.labels import label
from planner.tui import forms
from planner.tui.screens.records import RecordsScreen, TableSpec
from planner.tui.widgets import show
from planner.tui.widgets.table import Row, SortableTable, TableBox

MAX_GANTT_ROWS = 600
TASK_COLUMN = 2  # the Task column of the list (after "!" and Due)


def _task_rows(bundle, analysis) -> list[Row]:
    scheduled = {t.task_id: t for t in analysis.timeline.tasks} if analysis and analysis.timeline else {}
    titles = {t.id: t.title for t in bundle.tasks}
    deps: dict[int, list[str]] = {}
    for d in bundle.dependencies:
        deps.setdefault(d.task_id, []).append(titles.get(d.depends_on_id, "?"))
    rows = []
    for t in bundle.tasks:
        s = scheduled.get(t.id)
        due = s.due if s else t.due_date
        flag = Text("")
        if s and s.overdue:
            flag = Text("⚠", style="bold red")
        elif s and s.at_risk:
            flag = Text("!", style="bold yellow")
        relative = ""
        if t.anchor is not None:
            relative = f"{label(t.anchor, Anchor)} {t.offset_days:+d}"
        notes = "; ".join(show.message(f) for f in (s.flags if s else ()))
        rows.append(Row(str(t.id), (
            flag, show.day(due), show.line(("◆ " if t.kind == TaskKind.MILESTONE else "") + t.title),
            show.line(t.owner), label(t.status, TaskStatus), relative,
            "" if not s or s.slack_days is None else str(s.slack_days), show.line(", ".join(deps.get(t.id, []))),
            show.line(notes)),
            (0 if s and s.overdue else 1 if s and s.at_risk else 2, due, t.title.lower(), t.owner.lower(), t.status,
             relative, s.slack_days if s else None, ", ".join(deps.get(t.id, [])), notes)))
    rows.sort(key=lambda r: (r.sort_keys[1] is None, r.sort_keys[1] or date.min))
    return rows


class TimelineScreen(RecordsScreen):
    SCREEN_NAME = N_("Timeline")
    MODE = "timeline"
    BINDINGS = [
        *RecordsScreen.BINDINGS,
        Binding("g", "generate", N_("Standard timeline"), id="generate"),
        Binding("v", "toggle_view", N_("List / Gantt"), id="toggle-view"),
    ]

    def specs(self) -> dict[str, TableSpec]:
        return {
            "tasks-table": TableSpec(
                "task", N_("task"),
                lambda: ["!", _("Due"), _("Task"), _("Owner"), _("Status"), _("Relative to"), _("Slack"),
                         _("Waits for"), _("Flags")],
                _task_rows, lambda bundle, record: forms.task_fields(bundle, record.id if record else None),
                name=lambda record: record.title,
                defaults=lambda bundle: {"anchor": Anchor.BID_DEADLINE, "offset_days": -14, "kind": TaskKind.TASK},
                save_new=self._save_new, save_edit=self._save_edit, edit_values=self._edit_values),
        }

    def _save_new(self, bundle):
        return forms.adder("task", links=("depends_on",), bid_id=bundle.bid.id)

    def _save_edit(self, bundle, record):
        return forms.updater("task", record.id, record.version, links=("depends_on",),
                             translations=record.translations)

    def _task_fields(self, bundle, task_id: int | None) -> list:
        return forms.with_translations("task", forms.task_fields(bundle, task_id), bundle)

    def _edit_values(self, bundle, record):
        values = forms.values_of(record, self._task_fields(bundle, record.id))
        values["depends_on"] = [d.depends_on_id for d in bundle.dependencies if d.task_id == record.id]
        return values

    def action_add(self) -> None:
        bundle = self.app.bundle
        spec = self.specs()["tasks-table"]
        self.app.edit(_("New task"), self._task_fields(bundle, None), self._save_new(bundle), spec.defaults(bundle),
                      check=forms.check_task, saved=_("The task is added."))

    def action_edit(self) -> None:
        record = self.record_of("tasks-table")
        if record is None:
            self.notify(_("Highlight a row first."), severity="warning")
            return
        bundle = self.app.bundle
        self.app.edit(_("Edit task: {name}").format(name=record.title), self._task_fields(bundle, record.id),
                      self._save_edit(bundle, record), self._edit_values(bundle, record), check=forms.check_task,
                      saved=_("Saved. ctrl+z takes it back."), what=record.title)

    def body(self) -> ComposeResult:
        with TabbedContent(id="timeline-tabs"):
            with TabPane(_("List"), id="tab-list"):
                # the task's name is the column that gives way last (before "Waits for", which repeats names)
                yield TableBox(SortableTable(id="tasks-table", keep=(TASK_COLUMN,), key_columns=TASK_COLUMN + 1))
            with TabPane(_("Gantt"), id="tab-gantt"):
                with ScrollableContainer(id="gantt"):
                    yield Static("", id="gantt-body")

    def action_toggle_view(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-gantt" if tabs.active == "tab-list" else "tab-list"
        self.focus_tab()

    def active_table_id(self) -> str:
        return "tasks-table"

    def prepare_extra(self, bundle, analysis) -> dict:
        # kept aside and put on screen when the Gantt tab is shown: laying out 500 rows of bars is felt
        self._gantt = self.gantt(bundle, analysis, self.app.today)
        return {}

    def shown(self) -> None:
        if self.query_one(TabbedContent).active == "tab-gantt":
            self.query_one("#gantt-body", Static).update(getattr(self, "_gantt", ""))

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "tab-gantt":
            self.query_one("#gantt-body", Static).update(getattr(self, "_gantt", ""))

    def action_generate(self) -> None:
        """Merge the standard timeline into the plan: show what it adds (and what cannot fit), ask, add."""
        from planner.services.planning import plan_standard_timeline

        bid_id, today = self.app.bid_id, self.app.today
        if self.app.bundle.bid.bid_deadline is None:
            self.notify(_("Set the bid deadline first: the standard timeline is planned back from it."),
                        severity="warning")
            return
        self.app.run_service(lambda ws: plan_standard_timeline(ws, bid_id, today), done=self._ask_to_add,
                             reload=False)

    def _ask_to_add(self, standard) -> None:
        from planner.tui.widgets.confirm import ConfirmScreen

        if not standard.added:
            self.notify(_("The bid already has every task of the standard timeline."))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._add(standard)

        self.app.push_screen(ConfirmScreen(standard_timeline_question(standard), _("Add them"),
                                           title=_("The standard timeline"), no=_("Cancel"),
                                           variant="primary"), answered)

    def _add(self, standard) -> None:
        from planner.services.planning import add_standard_timeline
        from planner.tui.app import UndoEntry

        def added(created) -> None:
            self.app.remember_undo(UndoEntry(_("The standard timeline"), "delete_many",
                                             ("task", [task.id for task in created])))
            self.notify(_("{n} tasks added from the standard timeline. ctrl+z takes them all back.")
                        .format(n=len(created)))

        self.app.run_service(lambda ws: add_standard_timeline(ws, standard), done=added)

    # --- the Gantt chart ------------------------------------------------------------------------------

    def gantt_shape(self, span: int) -> tuple[int, int]:
        """(cells for the task names, days per column) for a chart of `span` days at the terminal's width: a
        day a column up to 120 days, else a week; a wide terminal (200 columns) names more of each task and
        draws two or three days a column, when that leaves room for the notes beside the bars."""
        width = self.app.size.width
        longest = max((cell_len(show.clean(t.title)) for t in getattr(self.app.bundle, "tasks", ())), default=0)
        name_width = max(30, min(48, width // 4, longest + 2))  # no wider than the longest name needs
        room = width - name_width - 44  # the notes ("after ...", flags) keep about 40 columns
        step = 1 if span <= 120 else next((days for days in (2, 3) if span // days + 1 <= room), 7)
        return name_width, step

    def on_resize(self) -> None:
        span = getattr(self, "_gantt_span", None)
        if span is not None and self._gantt_shape != self.gantt_shape(span):
            self.redraw(force=True)  # laid out again for the new width (in a worker, as always)

    def gantt(self, bundle, analysis, today: date) -> Text:
        timeline = analysis.timeline if analysis else None
        if timeline is None:
            return show.line((analysis.problems.get("timeline") if analysis else "") or _("Not computed."),
                             style="red")
        tasks = [t for t in timeline.tasks if t.due is not None]
        if not tasks:
            return Text(_("No dated tasks yet. Press g for the standard bid timeline or a to add a task."),
                        style="dim")
        tasks.sort(key=lambda t: (t.start or t.due, t.due))
        first = min(t.start or t.due for t in tasks)
        last = max(t.due for t in tasks)
        if first - timedelta(days=90) <= today <= last + timedelta(days=90):
            first, last = min(first, today), max(last, today)  # today on the chart when it is near
        span = (last - first).days + 1
        name_width, step = self._gantt_shape = self.gantt_shape(span)
        self._gantt_span = span
        columns = span // step + 1
        from planner.domain.timeline import swedish_holidays

        holidays = swedish_holidays(range(first.year, last.year + 1))
        out = Text()
        # the year line, then the month line: every month named, in three letters, as a month has at least
        # four columns (a column a week) and a name and a space take four
        years, months = Text(" " * name_width), Text(" " * name_width)
        year_line, month_line = [" "] * columns, [" "] * columns
        starts = [col for col in range(columns) if col == 0 or (first + timedelta(days=col * step)).day <= step]
        named_year = False
        for index, col in enumerate(starts):
            day = first + timedelta(days=col * step)
            # the chart's first month, begun a column or two before the next: left unnamed rather than cut
            # by the next month's name ("MaJun")
            if (index + 1 < len(starts) and starts[index + 1] - col < 4) or columns - col < 3:
                continue  # ... and so is a last month the chart ends in before its name ends ("Se")
            for line, text in ((month_line, show.day(day, "MMM")[:3]),
                               (year_line, str(day.year) if not named_year or day.month == 1 else "")):
                for i, ch in enumerate(text[: columns - col]):
                    line[col + i] = ch
            named_year = True
        years.append("".join(year_line), style="bold")
        months.append("".join(month_line), style="bold")
        out.append_text(years)
        out.append("\n")
        out.append_text(months)
        out.append("\n")
        # weekend and holiday line (day scale) and the today marker
        flags = Text(" " * name_width)
        today_col = (today - first).days // step
        for col in range(columns):
            day = first + timedelta(days=col * step)
            if col == today_col:
                flags.append("▼", style="bold red")
            elif step == 1 and day in holidays:
                flags.append("H", style="magenta")
            elif step == 1 and day.weekday() >= 5:
                flags.append("·", style="dim")
            else:
                flags.append(" ")
        out.append_text(flags)
        out.append("\n")
        titles = {t.id: t.title for t in bundle.tasks}
        deps: dict = {}
        for d in bundle.dependencies:
            deps.setdefault(d.task_id, []).append(titles.get(d.depends_on_id, "?"))
        for task in tasks[:MAX_GANTT_ROWS]:
            row = Text()
            # the name fills exactly name_width cells (wide letters count twice), so the bars line up
            name = show.clean(task.title)
            if cell_len(name) > name_width - 1:
                name = set_cell_size(name, name_width - 2) + "…"
            row.append(set_cell_size(name, name_width), style="bold" if task.kind == TaskKind.MILESTONE else "")
            start_col = ((task.start or task.due) - first).days // step
            due_col = (task.due - first).days // step
            if task.status == TaskStatus.DONE:
                style = "green"
            elif task.overdue:
                style = "bold red"
            elif task.critical:
                style = "bold yellow"
            else:
                style = "cyan"
            cells = [" "] * columns
            if 0 <= today_col < columns:
                cells[today_col] = "│"
            if task.kind == TaskKind.MILESTONE:
                if 0 <= due_col < columns:
                    cells[due_col] = "◆"
            else:
                for col in range(max(start_col, 0), min(due_col, columns - 1) + 1):
                    cells[col] = "█"
            # one span per run of equal cells: 500 rows x 150 columns stay cheap to build and to draw
            run_start = 0
            for col in range(1, columns + 1):
                if col == columns or cells[col] != cells[run_start]:
                    ch = cells[run_start]
                    row.append("".join(cells[run_start:col]),
                               style=style if ch in "█◆" else ("red" if ch == "│" else ""))
                    run_start = col
            extra = []
            if task.flags:
                extra.append("; ".join(show.message(f) for f in task.flags))
            if deps.get(task.task_id):
                extra.append(_("after {tasks}").format(tasks=show.clean(", ".join(deps[task.task_id]))))
            if extra:
                row.append("  " + " · ".join(extra), style="dim")
            out.append_text(row)
            out.append("\n")
        if not first <= today <= last:
            out.append(_("Today ({date}) is outside the chart.").format(date=show.day(today)) + "\n", style="dim")
        if len(tasks) > MAX_GANTT_ROWS:
            out.append(_("… {n} more tasks in the list").format(n=len(tasks) - MAX_GANTT_ROWS), style="dim")
        out.append("\n" + _("▼ today   █ task   ◆ milestone   red: overdue   yellow: critical path   "
                            "H: public holiday   ·: weekend") + "\n", style="dim")
        return out


def standard_timeline_question(standard) -> str:
    """The question before the standard timeline is merged in: what it adds, on which days, what the plan
    already has, and which tasks cannot be done in time (plain text: the matched titles are the bid's own)."""
    out = [_("Add {n} tasks from the standard timeline?").format(n=len(standard.added))]
    for task in standard.added:
        when = show.day(task.due) if task.due else _("no date yet")
        if task.due and task.standard_due and task.due != task.standard_due:
            when = _("{date} (standard: {standard})").format(date=when, standard=show.day(task.standard_due))
        mark = "✗" if not task.fits else "+"
        out.append(f"  {mark} {task.title} · {when}")
    if standard.matched:
        out.append(_("Already in the plan: {tasks}.").format(tasks=", ".join(standard.matched.values())))
    if standard.cannot_fit:
        out.append(_("Cannot be done in time (✗): {tasks}. They are kept at their latest date; move the "
                     "deadline or shorten what they wait for.").format(
            tasks=", ".join(t.title for t in standard.cannot_fit)))
    return "\n".join(out)
