"""How fast the budget status of a bid with 100 000 budget lines is, against the same sums as one GROUP BY in SQL.

    python -m benchmarks.budget_status_bench [--lines 1000 10000 100000] [--runs 3] [--db PATH]

Both run in this process on the same SQLite file, alternating, `--runs` times each; the figures are each
one's run of median CPU time:
- planner: `planner.services.planning.budget_status` (load the bid, convert currencies, scale each line by
  its basis and scenario, VAT, committed and actual, per category), what `planner status` and the terminal UI
  call;
- baseline: one `SELECT kind, category, currency, basis, SUM(...) ... GROUP BY` over the same lines, with the
  few dozen groups then scaled by attendance in Python: the least any program could do to get those sums.
The ratio planner / baseline is the figure, in CPU time (steady on a busy machine) and wall time; planner's
time is also shown split into loading the bid and computing the status. With several `--lines` (the default:
1 000, 10 000 and 100 000) it prints one row per size, a curve of how both grow.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path


def build_database(path: Path, lines: int) -> int:
    """A large bid (1 000 speakers, 200 partners, 500 tasks and `lines` budget lines) in a SQLite file."""
    from benchmarks.generate_large_bid import large_bid_document
    from planner.services.bidfile import import_document
    from planner.services.workspace import Workspace
    from planner.store.db import open_database

    ws = Workspace(db=open_database(f"sqlite:///{path}"), user="benchmark")
    try:
        # the generator's rows are valid by construction; import them without the file's schema check (minutes)
        return import_document(ws, large_bid_document(lines=lines))
    finally:
        ws.close()


SQL = """
SELECT kind, category, currency, basis, vat_rate_percent, amounts_include_vat,
       SUM(unit_minor * quantity), SUM(committed_minor), SUM(actual_minor), COUNT(*)
FROM budget_line WHERE bid_id = ?
GROUP BY kind, category, currency, basis, vat_rate_percent, amounts_include_vat
"""


def baseline(path: Path, bid_id: int) -> tuple[float, float, int, float]:
    """(seconds in SQL, seconds scaling the groups, number of groups, CPU seconds) for the raw GROUP BY."""
    started, cpu = time.perf_counter(), time.process_time()
    con = sqlite3.connect(path)
    try:
        attendance, days = con.execute("SELECT attendance_expected, event_days FROM bid WHERE id = ?",
                                       (bid_id,)).fetchone()
        groups = con.execute(SQL, (bid_id,)).fetchall()
    finally:
        con.close()
    queried = time.perf_counter()
    factor = {"fixed": 1, "per_attendee": attendance, "per_paying_attendee": attendance, "per_speaker": 1,
              "per_day": days, "per_attendee_day": attendance * days}
    totals: dict[tuple[str, str], list[int]] = {}
    for kind, category, _currency, basis, vat, _incl, planned, committed, actual, _n in groups:
        row = totals.setdefault((kind, category), [0, 0, 0])
        row[0] += planned * factor.get(basis, 1) * (100 + vat) // 100
        row[1] += committed
        row[2] += actual
    return queried - started, time.perf_counter() - queried, len(groups), time.process_time() - cpu


def planner_status(url: str, bid_id: int) -> tuple[float, float, int, float]:
    """(seconds loading the bid, seconds computing the status, categories shown, CPU seconds) through the
    services."""
    from planner.services import planning
    from planner.services.workspace import Workspace, load_bundle
    from planner.store.db import open_database

    ws = Workspace(db=open_database(url), user="benchmark")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        bundle = load_bundle(ws, bid_id)
        loaded = time.perf_counter()
        status = planning.budget_status(ws, bid_id, bundle=bundle)
        done = time.perf_counter()
    finally:
        ws.close()
    return loaded - started, done - loaded, len(status.categories), time.process_time() - cpu


def median_run(runs: list[tuple]) -> tuple:
    """The run of median CPU time (the upper one of an even count)."""
    return sorted(runs, key=lambda r: r[3])[len(runs) // 2]


def measure(path: Path, lines: int, runs: int, profile: bool) -> tuple:
    """(planner, baseline) results for the bid in `path` (built with `lines` lines when missing)."""
    if not path.exists():
        started = time.perf_counter()
        bid_id = build_database(path, lines)
        print(f"built a bid with {lines} budget lines in {time.perf_counter() - started:.1f} s")
    else:
        bid_id = sqlite3.connect(path).execute("SELECT max(id) FROM bid").fetchone()[0]
    url = f"sqlite:///{path}"
    planner_status(url, bid_id)  # warm up imports, catalogs and the exchange-rate seed
    ours_runs, base_runs = [], []
    for _ in range(runs):  # alternating, so a busy machine slows both alike
        ours_runs.append(planner_status(url, bid_id))
        base_runs.append(baseline(path, bid_id))
    ours, base = median_run(ours_runs), median_run(base_runs)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(planner_status, url, bid_id)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return ours, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="reuse (or create) this SQLite file instead of a temporary one (one --lines)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one planner run")
    args = parser.parse_args(argv)
    if args.db and len(args.lines) > 1:
        parser.error("--db takes one --lines")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for lines in args.lines:
            path = Path(args.db) if args.db else Path(tmp) / f"bench-{lines}.db"
            results.append((lines, *measure(path, lines, args.runs, args.profile)))
    print(f"budget status, planner against one raw GROUP BY over the same lines (median of {args.runs}, "
          f"alternating)")
    for lines, ours, base in results:
        ours_total, base_total = ours[0] + ours[1], base[0] + base[1]
        print(f"{lines:>8} lines")
        print(f"  planner  wall {ours_total * 1000:8.0f} ms  CPU {ours[3] * 1000:8.0f} ms  (load {ours[0] * 1000:.0f} "
              f"ms, compute {ours[1] * 1000:.0f} ms, {ours[2]} categories)")
        print(f"  raw SQL  wall {base_total * 1000:8.0f} ms  CPU {base[3] * 1000:8.0f} ms  (GROUP BY over {base[2]} "
              f"groups, scaling {base[1] * 1000:.2f} ms)")
        print(f"  ratio planner / raw SQL: {ours[3] / base[3]:.1f}x CPU, {ours_total / base_total:.1f}x wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
