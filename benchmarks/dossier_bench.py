"""How fast the dossier lays out a large bid, per page, against plain reportlab doing comparable tables.

    python -m benchmarks.dossier_bench            # content built directly (1 000 speakers, 10 000 lines, 500 tasks)
    python -m benchmarks.dossier_bench --db       # the large bid through the database and services instead

Both runs happen in this process, one after the other: the dossier at the internal audience (every line),
then a plain reportlab document (`SimpleDocTemplate`, the same font, the same rows as Paragraph/string tables
in 120-row pieces with a repeated header, no cover, charts, contents, outline or page totals). The figure
to watch is the ratio of seconds per page; the target is at most 1.5, and about 100 pages in under 5 s.
Times are CPU seconds of this process (wall time is printed too; it varies with the machine's load).

Figures on the development machine (reportlab 5.1, Python 3.11, 29 Nov 2026; a shared machine, so the CPU
time moves by 10-20 % between runs):

                                       pages   CPU s  CPU ms/page
    dossier (internal audience)          332    2.80          8.4
    plain reportlab, Paragraph cells     329    4.73         14.4   ratio 0.59
    plain reportlab, string cells        332    2.92          8.8   ratio 0.96  (1.20 in another run)
    -> about 0.9 s of CPU for 100 pages.

With --db (the large bid of generate_large_bid.py through the services): 353 pages in 3.2 s, 9.1 ms/page
(ratio 0.71 and 1.39 against the two baselines). Reading the content through the planning services took
20 s of wall time, about 18 s of it the attendance-risk simulation (planner.domain.risk) that the internal
dossier shows: it evaluates all 10 000 budget lines for each of its runs. A committee dossier of the same
bid needs 2.7 s of CPU for its content.

Why the dossier is cheaper per page than the plain Paragraph version: text cells that fit on one line in
their column become plain strings (no Paragraph parsing and wrapping), long tables are handed to reportlab
a page-sized chunk at a time, and cell styles are given to reportlab ready-made and shared instead of as
per-cell style commands. That pays for the cover, charts, contents, outline and page totals.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from planner.domain.enums import Audience
from planner.domain.money import Money

GIVEN = ["Anna", "Łukasz", "Zuzana", "Ágnes", "Ioana", "Gökhan", "Ελένη", "Ольга", "Erik", "Sara"]
FAMILY = ["Andersson", "Wróbel", "Dvořáková", "Bőrcsök", "Ștefănescu", "Yıldırım", "Παπαδοπούλου", "Иванова"]
CATEGORIES = [("income", "registration"), ("income", "sponsorship"), ("income", "public_funding"),
              ("expense", "venue"), ("expense", "catering"), ("expense", "av_technology"), ("expense", "speakers"),
              ("expense", "travel"), ("expense", "accommodation"), ("expense", "marketing"), ("expense", "staff")]


def large_content(*, speakers: int = 1000, lines: int = 10000, tasks: int = 500, seed: int = 2012):
    """A large internal dossier's content, generated directly (no database)."""
    from planner.dossier import content as c

    rng = random.Random(seed)

    def kr(amount: int) -> Money:
        return Money(amount * 100, "SEK")

    def name(i: int) -> str:
        return f"{GIVEN[i % len(GIVEN)]} {FAMILY[(i // len(GIVEN)) % len(FAMILY)]}"

    start = date(2012, 5, 24)
    budget_lines = []
    for n in range(lines):
        kind, category = CATEGORIES[n % len(CATEGORIES)]
        planned = rng.randint(1, 500) * 100
        budget_lines.append(c.BudgetLineItem(category, f"{category.replace('_', ' ').title()} item {n}: "
                                             f"supplier {rng.randint(1, 400)}", kind, kr(planned),
                                             kr(planned * 9 // 10), kr(planned * 8 // 10), kr(-planned // 5)))
    totals = {}
    for line in budget_lines:
        key = (line.kind, line.category)
        totals[key] = totals.get(key, 0) + line.planned.minor
    income = sum(v for (k, _c), v in totals.items() if k == "income")
    expense = sum(v for (k, _c), v in totals.items() if k == "expense")
    return c.DossierContent(
        locale="en", audience=Audience.INTERNAL,
        cover=c.Cover("Large Test Congress", "Gävle", "Benchmark organiser", date(2011, 11, 30), "2013"),
        texts=c.Texts(invitation="Welcome.", summary="A large bid.", motivation="Because.", legacy="Lasting."),
        date_options=[c.DateOption(start, start + timedelta(days=2), True)],
        venue=c.VenueFacts("Venue 1", "Gävle", "option_held", 3000, [c.Room(f"Room {r}", "breakout", 200)
                                                                     for r in range(8)]),
        venue_scores=[c.VenueScore(f"Venue {v}", Decimal(rng.randint(300, 950)) / 10, v) for v in range(1, 41)],
        sessions=[c.SessionItem(start + timedelta(days=s % 3), None, None, f"Session {s}", "talk", f"Room {s % 8}",
                                [name(s), name(s + 1)]) for s in range(600)],
        speakers=[c.SpeakerItem(name(i), f"Organisation {i % 97}", f"Topic {i}", "confirmed",
                                f"speaker{i}@example.org", f"+46 70 {i:03d} 00 00", kr(rng.randint(0, 20) * 1000))
                  for i in range(speakers)],
        funding=c.Funding([c.CommitmentItem(f"Partner {p}", "cash", "signed", kr(rng.randint(1, 100) * 1000), True,
                                            contact=f"partner{p}@example.org") for p in range(400)],
                          kr(1_000_000), kr(500_000), kr(200_000), kr(3_000_000), kr(1_300_000)),
        budget=c.Budget("SEK", [c.CategoryAmount(cat, kind, Money(v, "SEK")) for (kind, cat), v in totals.items()],
                        Money(income, "SEK"), Money(expense, "SEK"), Money(income - expense, "SEK"),
                        lines=budget_lines),
        timeline=[c.TaskItem(f"Task {t}", start - timedelta(days=400 - t % 380),
                             start - timedelta(days=390 - t % 380), t % 20 == 0, "todo", name(t))
                  for t in range(tasks)],
        internal=c.Internal(notes=["Note"], readiness=Decimal("0.5")),
    )


def plain_reportlab(content, *, strings_only: bool = False) -> tuple[int, float, float]:
    """The same rows laid out with nothing but reportlab: (pages, wall seconds, CPU seconds).

    Text cells are Paragraphs (what a reportlab user writes to get wrapping), or with `strings_only` plain
    one-line strings (the cheapest reportlab table there is, with no wrapping at all: a lower bound).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus.tables import LongTable

    from planner.dossier.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    started, cpu = time.perf_counter(), time.process_time()
    cell_style = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)

    def Paragraph(text, style):  # noqa: N802 - stands in for reportlab's Paragraph
        return text.replace("<br/>", "\n") if strings_only else RLParagraph(text, style)

    cell = cell_style
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                        ("FONTNAME", (0, 0), (-1, 0), BOLD), ("LINEBELOW", (0, 0), (-1, -1), 0.25, "grey"),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    story = []

    def table(header, rows, widths):
        for first in range(0, len(rows), 120):
            story.append(LongTable([header] + rows[first:first + 120], colWidths=widths, repeatRows=1, style=style))

    from planner.i18n.format import format_money

    def money(m):
        return format_money(m, "en", decimals=False) if m is not None else ""

    table(["Name", "Organisation", "Topic", "Status", "Contact", "Fee"],
          [[Paragraph(s.name, cell), Paragraph(s.organisation, cell), Paragraph(s.topic, cell), s.status,
            Paragraph(f"{s.email}<br/>{s.phone}", cell), money(s.fee)] for s in content.speakers],
          [90, 80, 70, 55, 130, 50])
    table(["Line", "Planned", "Committed", "Actual", "Variance"],
          [[Paragraph(x.description, cell), money(x.planned), money(x.committed), money(x.actual), money(x.variance)]
           for x in content.budget.lines], [200, 68, 68, 68, 68])
    table(["Task", "Start", "End", "Owner", "Status"],
          [[Paragraph(t.name, cell), t.start.isoformat(), t.end.isoformat(), Paragraph(t.owner, cell), t.status]
           for t in content.timeline], [170, 70, 70, 100, 60])
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
    pages = []
    doc.build(story, onLaterPages=lambda canv, d: pages.append(1), onFirstPage=lambda canv, d: pages.append(1))
    return len(pages), time.perf_counter() - started, time.process_time() - cpu


def content_from_database():
    """The large bid written to a temporary SQLite file and read back through the dossier service."""
    from benchmarks.generate_large_bid import generate_large_bid
    from planner.config import Settings
    from planner.services.dossier import dossier_content
    from planner.services.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    ws = Workspace.open(Settings.load(db=str(folder / "large.db")))
    try:
        bid_id = generate_large_bid(ws)
        started = time.perf_counter()
        content, _partner, _warnings = dossier_content(ws, bid_id, audience=Audience.INTERNAL, locale="en")
        return content, time.perf_counter() - started
    finally:
        ws.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="store_true", help="generate the large bid in a database and read it "
                        "through the services (needs benchmarks/generate_large_bid.py)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    from planner.dossier.render import render

    loading = None
    if args.db:
        content, loading = content_from_database()
    else:
        content = large_content()
    content = replace(content, locale="en")
    render(replace(content, speakers=content.speakers[:5]))  # warm up: fonts, catalogs
    ours = []
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        result = render(content)
        ours.append((time.perf_counter() - started, time.process_time() - cpu))
    seconds, cpu_seconds = min(ours)
    if loading is not None:
        print(f"content from the database through the services: {loading:.2f} s")
    print(f"{'':34}{'pages':>6}{'wall s':>9}{'CPU s':>8}{'CPU ms/page':>13}")
    print(f"{'dossier (internal audience)':34}{result.pages:>6}{seconds:>9.2f}{cpu_seconds:>8.2f}"
          f"{1000 * cpu_seconds / result.pages:>13.1f}")
    per_page = cpu_seconds / result.pages
    for title, strings_only in (("plain reportlab, Paragraph cells", False), ("plain reportlab, string cells",
                                                                               True)):
        pages, wall, cpu = plain_reportlab(content, strings_only=strings_only)
        print(f"{title:34}{pages:>6}{wall:>9.2f}{cpu:>8.2f}{1000 * cpu / pages:>13.1f}"
              f"   ratio {per_page / (cpu / pages):.2f}")
    print(f"per-page ratio target <= 1.5 (against the Paragraph-cell baseline); "
          f"100 pages take about {100 * per_page:.2f} s CPU (target < 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
