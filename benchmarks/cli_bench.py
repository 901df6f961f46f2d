"""How fast the `planner` command starts and answers, against a bare Python listing the same bids with sqlite3.

    python -m benchmarks.cli_bench [--runs 7] [--db PATH] [--source DIR]

Every run is a fresh process, so what is measured is what a person waits for: starting Python, importing
what the command needs, opening the database (the schema check) and the command's own work. The commands,
on the demo bid (loaded into a temporary database unless --db names one):
- `planner bids`, `planner status --json` and `planner --help`;
- baseline: `python -c` listing the bids (id, conference, edition, status, deadline, currency) with sqlite3.
Runs alternate between the four, so a busy machine slows them alike; the figures are the median wall time
and the median CPU time (user + system of the process) of each, and their ratios to the baseline's.
`--source DIR` runs the planner of another checkout (its folder first on the path), to measure before and
after with one script.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute("SELECT id, conference, edition, status, bid_deadline, base_currency FROM bid ORDER BY id"):
    print(*row)
"""


def timed(args: list[str], env: dict[str, str], cwd: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="an existing planner database (default: the demo in a temporary one)")
    parser.add_argument("--source", help="the checkout whose planner to run (default: the one installed)")
    args = parser.parse_args(argv)
    planner = [sys.executable, "-m", "planner"]
    cwd = str(Path(args.source).resolve()) if args.source else None
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PLANNER_DATA_DIR": str(Path(tmp) / "data"), "PLANNER_LOCALE": "en",
               "PLANNER_CREATE": "1"}
        path = Path(args.db) if args.db else Path(tmp) / "demo.db"
        if not args.db:
            subprocess.run([*planner, "--db", str(path), "demo"], env=env, check=True, stdout=subprocess.DEVNULL,
                           cwd=cwd)
        commands = {
            "planner bids": [*planner, "--db", str(path), "bids"],
            "planner status --json": [*planner, "--db", str(path), "status", "--json"],
            "planner --help": [*planner, "--help"],
            "sqlite3 listing (baseline)": [sys.executable, "-c", BASELINE, str(path)],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache and bytecode once
            timed(command, env, cwd)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env, cwd))
    base_wall = statistics.median(w for w, _c in times["sqlite3 listing (baseline)"])
    base_cpu = statistics.median(c for _w, c in times["sqlite3 listing (baseline)"])
    print(f"fresh processes, median of {args.runs} (alternating), Python {sys.version.split()[0]}"
          f"{', source ' + cwd if cwd else ''}")
    print(f"  {'':<28} {'wall':>7}     {'ratio':>5}  {'CPU':>7}     {'ratio':>5}")
    for name, values in times.items():
        wall = statistics.median(w for w, _c in values)
        cpu = statistics.median(c for _w, c in values)
        print(f"  {name:<28} {wall * 1000:7.0f} ms  {wall / base_wall:5.1f}x  {cpu * 1000:7.0f} ms  "
              f"{cpu / base_cpu:5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
