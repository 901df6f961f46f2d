"""CSV imports are bounded: a file over the size or row limit is refused, saying the limits, before any record
is built, and the process stays far below 500 MB (measured with resource.getrusage in a child process).

Before the limits a 1 000 000-row CSV ran past 550 s at 4 GB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from planner.interchange import csvio
from tests.reliability.conftest import ROOT, worker_env
from tests.reliability.test_team import run

MEMORY_BOUND_KB = 500 * 1024

# runs `planner ARGS...` in a fresh process and reports its peak memory after the command ends
MEASURE = """
import sys
from planner.cli import main
from tests.reliability.peak import peak_kb
try:
    main(sys.argv[1:])
except SystemExit as end:
    code = end.code
else:
    code = 0
print(f"maxrss_kb={peak_kb()} exit={code}", file=sys.stderr)
"""


def measured(*args: str) -> tuple[int, int, str, float]:
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=ROOT, env=worker_env(),
                            capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - began
    *said, last = result.stderr.strip().splitlines()
    fields = dict(part.split("=") for part in last.split())
    return int(fields["maxrss_kb"]), int(fields["exit"]), "\n".join(said) + result.stdout, elapsed


@pytest.fixture
def bid_db(tmp_path):
    path = tmp_path / "p.db"
    assert run("--db", str(path), "bid", "new", "--conference", "Generator", "--city", "Gävle").exit_code == 0
    return path


def test_a_million_row_csv_is_refused_by_its_size_before_it_is_read(bid_db, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write("Name,E-mail\n")
        fh.writelines(f"Speaker {i},speaker{i}@example.org\n" for i in range(1_000_000))
    assert huge.stat().st_size > csvio.MAX_BYTES
    peak_kb, code, output, elapsed = measured("--db", str(bid_db), "import", "csv", str(huge), "--kind",
                                              "speakers", "--dry-run")
    assert code == 1 and "Traceback" not in output
    [line] = [line for line in output.splitlines() if line.strip()]
    assert "at most 20 MB and 50,000 rows" in line and "Split it" in line
    assert peak_kb < MEMORY_BOUND_KB, f"{peak_kb / 1024:.0f} MB"
    assert elapsed < 60


def test_a_small_file_of_too_many_rows_is_refused_at_the_first_row_over_the_limit(bid_db, tmp_path):
    many = tmp_path / "many.csv"
    many.write_text("Name\n" + "".join(f"S{i}\n" for i in range(csvio.MAX_ROWS + 10_000)), encoding="utf-8")
    assert many.stat().st_size < csvio.MAX_BYTES
    peak_kb, code, output, _elapsed = measured("--db", str(bid_db), "import", "csv", str(many), "--kind",
                                               "speakers", "--dry-run")
    assert code == 1 and "more than 50,000 rows" in output and "Traceback" not in output
    assert peak_kb < MEMORY_BOUND_KB, f"{peak_kb / 1024:.0f} MB"


def test_the_row_limit_counts_data_rows_after_the_header(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_ROWS", 3)
    table = csvio.read_csv(b"Name\nA\nB\nC\n\n\n")
    assert [row.values["Name"] for row in table.rows] == ["A", "B", "C"]
    with pytest.raises(csvio.CsvError, match="more than 3 rows"):
        csvio.read_csv(b"Name\nA\nB\nC\nD\n")
    with pytest.raises(csvio.CsvError, match="more than 3 rows"):  # broken rows count too
        csvio.read_csv(b'Name\nA\nB\nC\n"D\n')


def test_the_size_limit_holds_for_bytes_given_directly(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_BYTES", 100)
    with pytest.raises(csvio.CsvError, match="at most 0 MB"):
        csvio.read_csv(b"Name\n" + b"x" * 200)


def test_what_is_not_a_regular_file_is_never_read(bid_db, tmp_path):
    fifo = tmp_path / "speakers.csv"
    os.mkfifo(fifo)
    for source in (fifo, "/dev/zero", tmp_path):
        result = run("--db", str(bid_db), "import", "csv", str(source), "--kind", "speakers", "--dry-run")
        assert result.exit_code == 1 and "not a file that can be imported" in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
