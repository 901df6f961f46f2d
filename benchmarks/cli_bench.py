"""How fast the `planner` command starts and answers, against a bare Python listing the same bids with sqlite3.

    python -m benchmarks.cli_bench [--runs 7] [--db PATH]

Every run is a fresh process, so what is measured is what a person waits for: starting Python, importing
what the command needs, opening the database (the schema check) and the command's own work. The commands,
on the demo bid (loaded into a temporary database unless --db names one):
- `planner bids`, `planner status --json` and `planner --help`;
- baseline: `python -c` listing the bids (id, conference, edition, status, deadline, currency) with sqlite3.
Runs alternate between the four, so a busy machine slows them alike; the figure is the median wall time of
each and its ratio to the baseline's.
"""

from __future__ import annotations

import argparse
import os
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


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="an existing planner database (default: the demo in a temporary one)")
    args = parser.parse_args(argv)
    planner = [sys.executable, "-m", "planner"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PLANNER_DATA_DIR": str(Path(tmp) / "data"), "PLANNER_LOCALE": "en"}
        path = Path(args.db) if args.db else Path(tmp) / "demo.db"
        if not args.db:
            subprocess.run([*planner, "--db", str(path), "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "planner bids": [*planner, "--db", str(path), "bids"],
            "planner status --json": [*planner, "--db", str(path), "status", "--json"],
            "planner --help": [*planner, "--help"],
            "sqlite3 listing (baseline)": [sys.executable, "-c", BASELINE, str(path)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache and bytecode once
            timed(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    base = statistics.median(times["sqlite3 listing (baseline)"])
    print(f"fresh processes, median of {args.runs} (alternating), Python {sys.version.split()[0]}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<28} {median * 1000:7.0f} ms  {median / base:5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
