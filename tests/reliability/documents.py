"""Bid files and naughty strings shared by the reliability tests and their worker processes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Rows of one bid the crash tests import: large enough that a kill often lands inside the transaction.
CRASH_SIZES = dict(speakers=150, lines=1500, tasks=100, partners=40, venues=8, sessions=60)


def crash_document() -> dict:
    from benchmarks.generate_large_bid import large_bid_document

    return large_bid_document(**CRASH_SIZES, seed=7)


def expected_counts(doc: dict) -> dict[str, int]:
    """Rows per table of one imported bid, from its file."""
    return {name: len(rows) for name, rows in doc.items() if isinstance(rows, list)}


@lru_cache(maxsize=1)
def naughty_strings() -> tuple[str, ...]:
    """The Big List of Naughty Strings (MIT licence, see blns.LICENSE beside it)."""
    return tuple(json.loads((FIXTURES / "blns.json").read_text(encoding="utf-8")))
