"""Peak memory of the terminal UI on the large bid, against a bare Textual app.

    python -m benchmarks.tui_memory_bench [--db PATH]

Each figure is the peak resident set size (`ru_maxrss`) of a fresh process, measured in the same run:
- a bare Textual app (Header, Static, Footer) until its first screen is painted;
- planner until the large bid's Overview shows its figures (the same programs `benchmarks.tui_bench` times);
- planner after visiting every screen of the large bid, re-sorting its tables and switching the budget
  scenario (the tour `benchmarks.tui_bench` measures for blocking).
The ratios planner / bare app are the figures to watch.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.tui_bench import BARE, PLANNER_OPEN, ROOT

PEAK = "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"

TOUR = """
import asyncio, sys
from benchmarks.tui_bench import interactive
asyncio.run(interactive(sys.argv[1]))
"""


def peak_mib(code: str, *args: str) -> float:
    """Peak resident memory of a fresh process running `code`, in MiB (Linux reports KiB)."""
    result = subprocess.run([sys.executable, "-c", code + PEAK, *args], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database holding the large bid (made when missing)")
    args = parser.parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp()) / "large.db")
    if not Path(db).exists():
        from benchmarks.generate_large_bid import generate_large_bid
        from planner.config import Settings
        from planner.services.workspace import Workspace

        print(f"making the large bid in {db} …", flush=True)
        ws = Workspace.open(Settings.load(db=db))
        generate_large_bid(ws)
        ws.close()
    bare = peak_mib(BARE)
    opened = peak_mib(PLANNER_OPEN, db)
    toured = peak_mib(TOUR, db)
    print("peak resident memory (fresh process each)")
    print(f"  bare Textual app, first screen               {bare:7.1f} MiB")
    print(f"  planner, large bid open on its Overview      {opened:7.1f} MiB   ratio {opened / bare:.1f}x")
    print(f"  planner, large bid after visiting every screen {toured:5.1f} MiB   ratio {toured / bare:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
