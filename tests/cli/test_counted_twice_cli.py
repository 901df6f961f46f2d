"""`planner status` says when a signed cash commitment may be counted twice, and how to link it; linked, the
income is counted once and the flag is gone."""

from __future__ import annotations

import json

from tests.cli.test_records_cli import db, ok, run  # noqa: F401 - the fixture and helpers of the record commands


def test_status_flags_a_commitment_counted_twice_until_it_is_linked(db):  # noqa: F811
    line = ok(run(*db, "add", "budget_line", "kind=income", "category=sponsorship", "label=Sponsorship Sandvik AB",
                  "basis=fixed", "unit_minor=15000", "quantity=1")).strip()
    partner = ok(run(*db, "add", "partner", "name=Sandvik AB", "kind=company")).strip()
    cash = ok(run(*db, "add", "commitment", f"partner_id={partner}", "kind=cash", "status=signed",
                  "amount_minor=15000")).strip()
    status = json.loads(ok(run(*db, "status", "--json")))
    assert status["funding"]["counted_twice"] == [{"commitment_id": int(cash), "partner": "Sandvik AB",
                                                   "line_id": int(line), "line": "Sponsorship Sandvik AB",
                                                   "reason": "partner"}]
    assert status["budget"]["total_income"]["minor"] == 3_000_000  # the line's 15 000 and the commitment's own
    text = ok(run(*db, "status"))
    assert f"planner link commitment {cash} --line {line}" in " ".join(text.split())
    ok(run(*db, "link", "commitment", cash, "--line", line))
    status = json.loads(ok(run(*db, "status", "--json")))
    assert status["funding"]["counted_twice"] == []
    assert "Counted twice" not in ok(run(*db, "status"))
    assert status["budget"]["total_income"]["minor"] == 1_500_000  # counted once
