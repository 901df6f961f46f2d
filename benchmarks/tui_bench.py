"""How fast the terminal UI feels: start-up against a bare Textual app, and the blocking work of switching
screens and re-sorting on a large bid (1 000 speakers, 10 000 budget lines, 500 tasks).

    python -m benchmarks.tui_bench [--db PATH] [--runs 5] [--startup-only]

Start-up is measured in fresh processes (imports included) from launch until the demo bid's name is on screen,
until the Overview shows its figures in every panel (demo and large bid; whichever read they came from) and
until the large bid is loaded through the workspace (every screen ready to edit it), each run alternated with
a bare Textual app showing one line, so a machine whose load changes slows them alike; the figures are given as ratios to the bare app. planner's
modules are compiled to bytecode first, as an installed package's are (Textual's are, in the virtualenv), so that
neither side pays for compiling its source on every start. "Blocking" is the longest
time the event loop could not answer (a 1 ms heartbeat measures how late it wakes) while the action runs and
until its result is on screen; work done in threads does not count unless it starves the loop.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import time, sys
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Footer, Header, Static
painted = []
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
    def on_mount(self):
        self.call_after_refresh(lambda: (painted.append(time.perf_counter() - t0), self.exit()))
Bare().run(headless=True, size=(120, 40))
print(painted[0])
"""

# first paint: the first screen is on the terminal (the Start screen, "Opening the database…")
PLANNER = """
import time, sys
t0 = time.perf_counter()
from planner.config import Settings
from planner.tui import make_app
painted = []
app = make_app(Settings.load(db=sys.argv[1]))
app.call_later(lambda: app.call_after_refresh(lambda: (painted.append(time.perf_counter() - t0), app.exit())))
app.run(headless=True, size=(120, 40))
print(painted[0])
"""

# the bid the user last worked on is open: its name (argv[2]) is on screen (the title line of its Overview),
# whether it came from the loaded bid or from the first light read before it
PLANNER_NAME = """
import time, sys
t0 = time.perf_counter()
from planner.config import Settings
from planner.tui import make_app
painted = []
app = make_app(Settings.load(db=sys.argv[1]))
def named():
    if app.screen.sub_title != sys.argv[2]:
        app.set_timer(0.005, named)
        return
    app.call_after_refresh(lambda: (painted.append(time.perf_counter() - t0), app.exit()))
app.call_later(named)
app.run(headless=True, size=(120, 40))
print(painted[0])
"""

# the bid the user last worked on is open: its Overview drawn with figures, every panel (argv[2] "figures":
# whichever read they came from, the light one or the loaded bid), or the bid loaded through the workspace and
# its Overview drawn from it, every screen ready to edit it ("loaded")
PLANNER_OPEN = """
import time, sys
t0 = time.perf_counter()
from planner.config import Settings
from planner.tui import make_app
painted = []
app = make_app(Settings.load(db=sys.argv[1]))
PANELS = ("ov-deadline", "ov-readiness", "ov-budget", "ov-funding", "ov-milestones", "ov-alerts")
def drawn():
    from planner.i18n import _
    screen = app.screen
    waiting = (_("Loading…"), _("Computing…"))
    shown = [screen.query("#" + panel) for panel in PANELS]
    figures = all(found and str(found.first().content) not in waiting for found in shown) and \
        not isinstance(shown[2].first().content, str)
    loaded = app.analysis is not None and not any(w.is_running and w.group in ("db", "load", "prepare")
                                                  for w in app.workers)
    if not figures or (sys.argv[2] == "loaded" and not loaded):
        app.set_timer(0.005, drawn)
        return
    app.call_after_refresh(lambda: (painted.append(time.perf_counter() - t0), app.exit()))
app.call_later(drawn)
app.run(headless=True, size=(120, 40))
print(painted[0])
"""


def startup(code: str, *args: str, runs: int) -> list[float]:
    """Seconds from the process's first line to the first painted screen, per run (interpreter start excluded
    from both alike)."""
    out = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                                check=True)
        out.append(float(result.stdout.strip().splitlines()[-1]))
    return out


class Heartbeat:
    """Measures the longest stretch the event loop was blocked."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task = None

    async def _beat(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - before - 0.001)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def stop(self) -> float:
        self._task.cancel()
        return self.worst


async def settle(pilot) -> None:
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


async def interactive(db: str) -> dict[str, tuple[float, float]]:
    """{action: (worst blocking seconds, seconds until drawn)} on the large bid; a switch of scenario is also
    timed until its Result panel shows the new scenario (the new figures) and until its table is updated."""
    from planner.config import Settings
    from planner.tui import make_app

    app = make_app(Settings.load(db=db))
    results: dict[str, tuple[float, float]] = {}
    beat = Heartbeat()
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        beat.start()
        await settle(pilot)
        results["open the bid (load + engines, in workers)"] = (beat.stop(), time.perf_counter() - started)

        async def measure(name: str, action) -> None:
            started = time.perf_counter()
            beat.start()
            await action()
            await settle(pilot)
            results[name] = (beat.stop(), time.perf_counter() - started)

        for key, mode in (("2", "venues"), ("3", "budget"), ("4", "speakers"), ("5", "partners"),
                          ("6", "timeline"), ("1", "overview")):
            await measure(f"switch to {mode} (first visit)", lambda key=key: pilot.press(key))
        for key, mode in (("3", "budget"), ("4", "speakers"), ("6", "timeline")):
            await measure(f"switch to {mode} (again)", lambda key=key: pilot.press(key))
        await pilot.press("3")
        await settle(pilot)
        app.screen.query_one("#lines-table").focus()
        await measure("re-sort 10 000 budget lines", lambda: pilot.press("s"))
        await measure("re-sort 10 000 budget lines, reversed", lambda: pilot.press("s"))
        await measure("budget: switch scenario (status computed in a worker)", lambda: pilot.press("h"))

        async def result_shows(key: str, word: str) -> None:
            """Press `key`; return once the Result panel names the scenario `word` (the new figures)."""
            panel = app.screen.query_one("#budget-result")
            started = time.perf_counter()
            beat.start()
            # not awaited first: the pilot's press returns only once every widget is idle (the table updated)
            pressing = asyncio.ensure_future(pilot.press(key))
            while word not in str(getattr(panel.content, "plain", panel.content)):
                await asyncio.sleep(0.002)
            figures = time.perf_counter() - started
            await pressing
            await settle(pilot)
            results[f"budget: switch to {word}, until the Result panel shows it"] = (beat.worst, figures)
            results[f"budget: switch to {word}, until the table is updated too"] = (beat.stop(),
                                                                                 time.perf_counter() - started)

        await result_shows("l", "Low")  # computed ahead by now: the cached status, the table updated in place
        await result_shows("m", "Expected")
        await pilot.press("4")
        await settle(pilot)
        app.screen.query_one("#speakers-table").focus()
        await measure("re-sort 1 000 speakers", lambda: pilot.press("s"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database holding the large bid (made when missing)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-only", action="store_true", help="only the start-up figures")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "large.db")
    if not Path(db).exists():
        from benchmarks.generate_large_bid import generate_large_bid
        from planner.config import Settings
        from planner.services.workspace import Workspace

        print(f"making the large bid in {db} …", flush=True)
        ws = Workspace.open(Settings.load(db=db))
        generate_large_bid(ws)
        ws.close()
    # as installed (pip compiles what it installs), not as an editable checkout run with PYTHONDONTWRITEBYTECODE
    compileall.compile_dir(str(ROOT / "planner"), quiet=1)
    empty = str(Path(tempfile.mkdtemp()) / "empty.db")
    open_demo_db = str(Path(tempfile.mkdtemp()) / "demo.db")
    from planner.config import Settings
    from planner.services.demo import load_demo
    from planner.services.workspace import Workspace, get_bid

    ws = Workspace.open(Settings.load(db=open_demo_db))
    demo_title = get_bid(ws, load_demo(ws)[0]).title
    ws.close()
    # alternated, one run of each in turn: a machine whose load changes during the run slows them alike
    kinds = {"bare": (BARE,), "empty": (PLANNER, empty), "demo name": (PLANNER_NAME, open_demo_db, demo_title),
             "demo figures": (PLANNER_OPEN, open_demo_db, "figures"),
             "large figures": (PLANNER_OPEN, db, "figures"), "large loaded": (PLANNER_OPEN, db, "loaded")}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind, (code, *rest) in kinds.items():
            times[kind].extend(startup(code, *rest, runs=1))
    bare = statistics.median(times["bare"])

    def line(title: str, kind: str) -> None:
        median = statistics.median(times[kind])
        print(f"  {title:<30}{median * 1000:7.0f} ms  {median / bare:5.2f}x bare   "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times[kind])})")

    print(f"\nstart-up, median of {args.runs} fresh processes each, alternated with a bare Textual app")
    print(f"  {'bare Textual app (one row)':<30}{bare * 1000:7.0f} ms")
    line("planner, empty database", "empty")
    line("planner, demo bid's name", "demo name")
    line("planner, demo bid's figures", "demo figures")
    line("planner, large bid's figures", "large figures")
    line("planner, large bid loaded", "large loaded")
    if args.startup_only:
        return
    results = asyncio.run(interactive(db))
    print("\nlarge bid: longest blocking of the event loop / time until drawn")
    for name, (blocked, total) in results.items():
        print(f"  {name:<55} {blocked * 1000:7.0f} ms  {total * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
