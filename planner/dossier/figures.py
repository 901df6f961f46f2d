"""The figures sections of a dossier: partners and funding, the budget, economic impact and the timeline."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from planner.domain.enums import (
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    LetterStatus,
    LineKind,
    Scenario,
    TaskStatus,
)
from planner.domain.money import Money, money_sum
from planner.dossier import charts
from planner.dossier import labels as msg
from planner.dossier.amounts import money
from planner.dossier.fonts import BOLD, REGULAR, markup, plain
from planner.dossier.sections import Story
from planner.dossier.styles import FRAME_HEIGHT, FRAME_WIDTH, HEADER_BG, INK, NEGATIVE, RULE, ZEBRA, styles
from planner.dossier.tables import Column, data_table, key_value_table
from planner.i18n import _, pgettext
from planner.i18n.format import format_date, format_number
from planner.i18n.labels import label

GANTT_HEIGHT = FRAME_HEIGHT - 80  # one chart and its legend on a page below a heading


def short_date(day) -> str:
    """A date in a table column, in the one style the dossier's language writes dates: `15 januari 2012`."""
    return format_date(day) if day else ""


def funding(story: Story) -> None:
    c = story.content
    f = c.funding
    if f is None or not f.commitments:
        if c.is_internal:
            story.heading(_("Partners and funding"))
            story.to_come()
        return
    story.heading(_("Partners and funding"))
    cards = [(_("Secured"), money(f.secured)), (_("Pledged"), money(f.pledged)), (_("In kind"), money(f.in_kind))]
    if f.confidential is not None:
        cards.append((_(msg.MSG_POOLED_CARD), money(f.confidential)))
    if f.gap is not None:
        cards.append((_("Still to find"), money(f.gap)))
    story.figures(cards)
    if f.target is not None and f.target.minor > 0:
        gap = f.gap if f.gap is not None else Money.zero(f.target.currency)
        segments = [(_("Secured"), f.secured, charts.SECURED_COLOUR), (_("Pledged"), f.pledged, charts.PLEDGED_COLOUR)]
        if f.confidential is not None:
            segments.append((_(msg.MSG_POOLED_CARD), f.confidential, charts.POOLED_COLOUR))
        segments.append((_("Gap"), Money(max(gap.minor, 0), gap.currency), charts.GAP_COLOUR))
        story.add(charts.funding_bar(segments), Spacer(1, 6))
    if f.confidential is not None and f.confidential_label:
        story.note(f.confidential_label)
    own = [item for item in f.commitments if item.highlighted]
    if own:
        story.heading(_("Your commitment"), 1)
        for item in own:
            facts = [(_("Partner"), item.partner), (_("Kind"), label(item.kind, CommitmentKind)), (_("Status"), label(item.status, CommitmentStatus)),
                     (_("Amount"), money(item.amount) if item.amount is not None else _("Confidential"))]
            if item.due:
                facts.append((_("Due"), format_date(item.due)))
            if item.conditions:
                facts.append((_("Conditions"), item.conditions))
            if item.letter:
                facts.append((_("Letter of support"), label(item.letter, LetterStatus)))
            story.add(key_value_table(facts), Spacer(1, 6))
    story.heading(_("Commitments"), 1)
    if c.is_internal:
        columns = [Column(_("Partner"), 2.3), Column(_("Kind"), 1.3), Column(_("Status"), 1.2),
                   Column(_("Due"), 1.8, True), Column(_("Letter"), 1.3), Column(_("Contact"), 2.6),
                   Column(_("Amount"), 1.8, True)]
    else:  # the support as presented: who, what, confirmed or pledged, how much
        columns = [Column(_("Partner"), 2.6), Column(_("Support"), 3.2), Column(_("Status"), 1.3),
                   Column(_("Amount"), 1.8, True)]
    rows = []
    for item in f.commitments:
        amount = money(item.amount) if item.amount is not None else _("Confidential")
        if c.is_internal:
            rows.append([item.partner, label(item.kind, CommitmentKind), label(item.status, CommitmentStatus),
                         short_date(item.due), label(item.letter, LetterStatus), item.contact, amount])
        else:
            # the support is confirmed or pledged: in Swedish both agree with "stödet" ("bekräftat", "utlovat")
            status = pgettext("support", "Confirmed") if item.secured else label(item.status, CommitmentStatus)
            support = item.description or label(item.kind, CommitmentKind)
            rows.append([item.partner, support, status, amount])
    for note in f.notes:
        story.note(note)
    story.add(data_table(columns, rows))
    if not c.is_internal and any(item.letter == "received" for item in f.commitments):
        story.note(_("Letters of support are appended at the end of this dossier."))
    detailed = [item for item in f.commitments if not item.highlighted and
                (item.conditions or item.notes or item.signatory or item.description)]
    if c.is_internal and detailed:
        story.heading(_("Conditions, notes and signatories"), 2)
        rows = [[item.partner, item.description, item.conditions, item.notes, item.signatory] for item in detailed]
        story.add(data_table([Column(_("Partner"), 2), Column(_("Description"), 2.4), Column(_("Conditions"), 2.4),
                              Column(_("Notes"), 2.4), Column(_("Letter signed by"), 1.8)], rows))


def budget(story: Story) -> None:
    c = story.content
    b = c.budget
    if b is None:
        if c.is_internal:
            story.heading(_("Budget"))
            story.to_come()
        return
    story.heading(_("Budget"))
    cards = [(_("Income"), money(b.income_total)), (_("Expenses"), money(b.expense_total))]
    if c.is_internal or b.result.minor >= 0:  # outside the team a deficit is no headline: the guarantee covers it
        cards.append((_("Result"), money(b.result)))
    if b.break_even_attendance is not None:
        cards.append((_("Break-even attendance"), format_number(b.break_even_attendance)))
    story.figures(cards)
    expenses = [(_row_label(x), x.amount) for x in b.by_category if x.kind == "expense"]
    income = [(_row_label(x), x.amount) for x in b.by_category if x.kind == "income"]
    if expenses:
        chart = charts.bar_chart(expenses)
        story.heading(_("Expenses by category"), 1, need=chart.height + 20)
        story.add(KeepTogether([chart, charts.bar_legend(_("Expected expenses per category, in {currency}").format(
            currency=b.currency))]), Spacer(1, 6))
    if any(amount.minor > 0 for _label, amount in income):  # a pie of nothing says nothing
        chart = charts.pie_chart(income)
        story.heading(_("Income by source"), 1, need=chart.height)
        story.add(chart, Spacer(1, 6))
    if b.by_category:
        story.heading(_("Income and expenses"), 1)
        rows = [[label(x.kind, LineKind), _row_label(x), money(x.amount)] for x in b.by_category]
        totals = [[_("Income"), "", money(b.income_total)], [_("Expenses"), "", money(b.expense_total)],
                  [_("Result"), "", money(b.result)]]
        story.add(data_table([Column(_("Type"), 1.5), Column(_("Category"), 4), Column(_("Amount"), 2, True)],
                             rows, totals=totals))
    for note in b.notes:
        story.note(note)
    if b.guarantor or b.guarantee:
        story.heading(_("Financial guarantee"), 1)
        if b.guarantor:
            story.add(key_value_table([(_("Guarantor"), b.guarantor)]), Spacer(1, 4))
        if b.guarantee:
            story.text(b.guarantee)
    if b.scenarios:
        story.heading(_("Three scenarios"), 1)
        rows = [[label(s.scenario, Scenario), format_number(s.attendance), money(s.income), money(s.expense), money(s.result)]
                for s in b.scenarios]
        story.add(data_table([Column(_("Scenario"), 2), Column(_("Attendance"), 1.4, True), Column(_("Income"), 2, True),
                              Column(_("Expenses"), 2, True), Column(_("Result"), 2, True)], rows))
    if b.break_even_attendance is not None:
        story.text(_("The budget breaks even at {n} attendees.").format(n=format_number(b.break_even_attendance)))
    if b.grid and b.grid.prices and b.grid.attendances:
        story.heading(_("Result by ticket price and attendance"), 1)
        story.add(_grid_table(b.grid), Spacer(1, 4))
        story.note(_("Rows: attendance. Columns: ticket price. Red: a loss."))
    if c.is_internal and b.lines:
        _budget_lines(story, b)


def _row_label(row) -> str:
    """A budget category by its name; a pooled row by its own label."""
    return row.label or label(row.category, BudgetCategory)


def _grid_table(grid) -> Table:
    st = styles()
    head = [Paragraph(markup(_("Attendance"), BOLD), st["cell_head"])] + [plain(money(p), BOLD) for p in grid.prices]
    data = [head] + [[format_number(n)] + [money(r) for r in row] for n, row in zip(grid.attendances, grid.results, strict=True)]
    width = FRAME_WIDTH / (len(grid.prices) + 1)
    cmds = [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("TEXTCOLOR", (0, 0), (-1, 0), "white"), ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTNAME", (0, 1), (0, -1), BOLD), ("BACKGROUND", (0, 1), (0, -1), ZEBRA),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE), ("TEXTCOLOR", (1, 1), (-1, -1), INK)]
    for r, row in enumerate(grid.results, start=1):
        for col, value in enumerate(row, start=1):
            if value.minor < 0:
                cmds.append(("TEXTCOLOR", (col, r), (col, r), NEGATIVE))
    return Table(data, colWidths=[width] * (len(grid.prices) + 1), style=TableStyle(cmds), hAlign="LEFT",
                 repeatRows=1)


def _budget_lines(story: Story, b) -> None:
    """Every budget line, by category, with planned, committed and actual amounts and the variance."""
    story.heading(_("Budget lines: planned, committed and actual"), 1)
    by_category: dict[tuple[str, str], list] = defaultdict(list)
    for line in b.lines:
        by_category[(line.kind, line.category)].append(line)
    story.note(_("Variance: against the frozen baseline where there is one, otherwise actual minus planned once "
                 "money has been spent."))
    columns = [Column(_("Line"), 3), Column(_("Planned"), 1.5, True), Column(_("Committed"), 1.5, True),
               Column(_("Actual"), 1.5, True), Column(_("Variance"), 1.5, True), Column(_("Note"), 2.4)]
    for kind in ("income", "expense"):
        for (line_kind, category), lines in by_category.items():
            if line_kind != kind:
                continue
            story.heading(f"{label(kind, LineKind)}: {label(category, BudgetCategory)}", 2)
            rows = [[x.description, money(x.planned), money(x.committed), money(x.actual), money(x.variance), x.note]
                    for x in lines]
            totals = [[_("Total")] + [_column_total(lines, attr, b.currency)
                                      for attr in ("planned", "committed", "actual", "variance")] + [""]]
            story.add(data_table(columns, rows, totals=totals))


def _column_total(lines, attr: str, currency: str) -> str:
    values = [getattr(x, attr) for x in lines if getattr(x, attr) is not None]
    return money(money_sum(values, currency)) if values else ""


def impact(story: Story) -> None:
    c = story.content
    i = c.impact
    if i is None:
        if c.is_internal:
            story.heading(_("Economic impact"))
            story.to_come()
        return
    story.heading(_("Economic impact"))
    cards = [(_("Estimated spending in the region"), money(i.total))]
    if i.per_attendee is not None:
        cards.append((_("Per attendee"), money(i.per_attendee)))
    if i.attendees is not None:
        cards.append((_("Attendees"), format_number(i.attendees)))
    if i.nights is not None:
        cards.append((_("Hotel nights"), format_number(i.nights)))
    story.figures(cards)
    if i.assumption:
        story.heading(_("Assumption"), 1)
        story.text(i.assumption)


def timeline(story: Story) -> None:
    c = story.content
    if not c.timeline:
        if c.is_internal:
            story.heading(_("Timeline"))
            story.to_come()
        return
    tasks = sorted(c.timeline, key=lambda t: (t.start, t.end, t.name))
    start = min(t.start for t in tasks)
    end = max(t.end for t in tasks)
    groups = charts.gantt_groups(tasks, GANTT_HEIGHT)
    drawings = [charts.gantt(group, start, end) for group in groups]
    story.heading(_("Timeline"), need=drawings[0].height + 20)
    for group, drawing in zip(groups, drawings, strict=True):
        # the legend lists the marks this chart draws: a committee's milestones only, no task bar
        story.add(KeepTogether([drawing, charts.gantt_legend(group)]), Spacer(1, 8))
    milestones = [t for t in tasks if t.milestone]
    if milestones:
        story.heading(_("Milestones"), 1)
        if c.is_internal:
            story.add(data_table([Column(_("Milestone"), 5), Column(_("Date"), 2, True), Column(_("Status"), 1.5)],
                                 [[t.name, short_date(t.end), label(t.status, TaskStatus)] for t in milestones]))
        else:
            story.add(data_table([Column(_("Milestone"), 5), Column(_("Date"), 2, True)],
                                 [[t.name, short_date(t.end)] for t in milestones]))
    if c.is_internal:
        story.heading(_("All tasks"), 1)
        rows = [[t.name, short_date(t.start), short_date(t.end), t.owner, label(t.status, TaskStatus), t.note]
                for t in tasks]
        story.add(data_table([Column(_("Task"), 3), Column(_("Start"), 1.7, True), Column(_("End"), 1.7, True),
                              Column(_("Owner"), 1.5), Column(_("Status"), 1.2), Column(_("Note"), 2.2)], rows))
