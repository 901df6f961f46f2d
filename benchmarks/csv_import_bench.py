"""How fast 10 000 speakers import from CSV, against a raw `executemany` of the same rows.

    python -m benchmarks.csv_import_bench [--speakers 10000] [--runs 3]

The CSV is what `planner export csv --kind speakers` writes for a generated bid (the ID column left out, so
every row is new). Both sides start from the same bytes and end with the rows committed in a fresh SQLite
file of the same schema, in this process, best of `--runs`:
- planner: `planner.services.imports.preview_csv` (read, guess the columns, check every value, match against
  the bid) then `apply_import` (one transaction, an audit entry per row), what `planner import csv` runs;
- baseline: Python's `csv` module reading the bytes, amounts turned into minor units, and one `executemany`
  INSERT of the rows, with no checking, no matching and no audit log: the least any program could do.
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path


def speakers_csv(speakers: int) -> bytes:
    """The speakers of a generated bid as planner's CSV export writes them, without the ID column."""
    from benchmarks.generate_large_bid import large_bid_document
    from planner.interchange import csvio
    from planner.services.bidfile import import_document
    from planner.services.exports import table_rows
    from planner.services.workspace import Workspace, load_bundle
    from planner.store.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(db=open_database(f"sqlite:///{tmp}/source.db"), user="benchmark")
        try:
            doc = large_bid_document(speakers=speakers, lines=10, tasks=5, partners=5, venues=2, sessions=5)
            bid_id = import_document(ws, doc)
            header, rows = table_rows(load_bundle(ws, bid_id), "speakers")
        finally:
            ws.close()
    keep = [i for i, name in enumerate(header) if name.lower() not in ("id",)]
    return csvio.to_csv_bytes([header[i] for i in keep], [[row[i] for i in keep] for row in rows])


def fresh_bid(path: Path) -> int:
    from planner.services.workspace import Workspace, create_bid
    from planner.store.db import open_database

    ws = Workspace(db=open_database(f"sqlite:///{path}"), user="benchmark")
    try:
        return create_bid(ws, conference="CSV benchmark", host_city="Gävle").id
    finally:
        ws.close()


def planner_import(path: Path, bid_id: int, data: bytes) -> tuple[float, float, float, int]:
    """(wall, CPU seconds, of which preview wall, rows written) through the import service."""
    from planner.services.imports import apply_import, preview_csv
    from planner.services.workspace import Workspace
    from planner.store.db import open_database

    ws = Workspace(db=open_database(f"sqlite:///{path}"), user="benchmark")
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        preview = preview_csv(ws, bid_id, "speakers", data)
        previewed = time.perf_counter()
        apply_import(ws, preview)
        return time.perf_counter() - wall, time.process_time() - cpu, previewed - wall, preview.counts["new"]
    finally:
        ws.close()


COLUMNS = ("bid_id", "given_name", "family_name", "display_name", "organisation", "role", "email", "phone",
           "country", "bio", "talk_title", "consent_to_be_named", "fee_minor", "fee_currency", "travel_minor",
           "travel_currency", "nights", "status", "source", "source_id", "avatar_url", "internal_notes",
           "version", "created_at", "updated_at", "updated_by")


def baseline_import(path: Path, bid_id: int, data: bytes) -> tuple[float, float, float, int]:
    """(wall, CPU seconds, of which executemany wall, rows written): csv module + one executemany."""
    wall, cpu = time.perf_counter(), time.process_time()
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    header = [h.strip().lower() for h in next(reader)]
    at = {name: i for i, name in enumerate(header)}

    def col(row, *names, default=""):
        for name in names:
            if name in at:
                return row[at[name]]
        return default

    now = datetime.now(UTC).isoformat(sep=" ")
    rows = []
    for row in reader:
        money = lambda text: int(Decimal(text.replace(" ", "") or "0") * 100)  # noqa: E731
        rows.append((
            bid_id, col(row, "given name"), col(row, "family name"), col(row, "display name"),
            col(row, "organisation"), col(row, "role"), col(row, "e-mail"), col(row, "phone"), col(row, "country"),
            "", col(row, "talk title"), col(row, "may be named in the dossier") in ("yes", "true", "1"),
            money(col(row, "fee")), col(row, "fee currency", default="SEK") or "SEK", money(col(row, "travel")),
            col(row, "travel currency", default="SEK") or "SEK", int(col(row, "nights") or 0),
            "idea", "csv", col(row, "source id"), "", "", 1, now, now, "benchmark"))
    con = sqlite3.connect(path)
    try:
        inserting = time.perf_counter()
        con.execute("PRAGMA synchronous = FULL")
        with con:
            con.executemany(f"INSERT INTO speaker ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                            rows)
        inserted = time.perf_counter() - inserting
    finally:
        con.close()
    return time.perf_counter() - wall, time.process_time() - cpu, inserted, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one planner import")
    args = parser.parse_args(argv)
    data = speakers_csv(args.speakers)
    ours, base = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs + 1):  # the first round warms up imports and catalogs and is not counted
            for name, importer, results in (("planner", planner_import, ours), ("baseline", baseline_import, base)):
                path = Path(tmp) / f"{name}-{run}.db"
                bid_id = fresh_bid(path)
                result = importer(path, bid_id, data)
                assert result[3] == args.speakers, f"{name} wrote {result[3]} rows"
                if run:
                    results.append(result)
        if args.profile:
            import cProfile
            import pstats

            path = Path(tmp) / "profile.db"
            bid_id = fresh_bid(path)
            profiler = cProfile.Profile()
            profiler.runcall(planner_import, path, bid_id, data)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    o, b = min(ours, key=lambda r: r[1]), min(base, key=lambda r: r[1])
    print(f"importing {args.speakers} speakers from CSV ({len(data) // 1024} KiB), best of {args.runs}")
    print(f"  planner   wall {o[0]:6.2f} s  CPU {o[1]:6.2f} s  (preview {o[2]:.2f} s, apply {o[0] - o[2]:.2f} s)")
    print(f"  baseline  wall {b[0]:6.2f} s  CPU {b[1]:6.2f} s  (executemany {b[2]:.2f} s)")
    print(f"  ratio planner / executemany: {o[1] / b[1]:.1f}x CPU, {o[0] / b[0]:.1f}x wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
