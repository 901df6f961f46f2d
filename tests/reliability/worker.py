"""A separate process that works on a planner database the way a person's session does, for the fault tests.

    python -m tests.reliability.worker import DB_URL ROUNDS       import a bid file ROUNDS times
    python -m tests.reliability.worker edit DB_URL BID N [FROM]   N edits of the bid's budget lines, numbered from FROM
    python -m tests.reliability.worker add DB_URL BID N TAG       N new budget lines labelled TAG-i
    python -m tests.reliability.worker bump DB_URL LINE N [--retry]
                                                                  N read-then-save increments of one line
    python -m tests.reliability.worker hold DB_URL BID SECONDS   one write transaction (a budget line added)
                                                                  held open SECONDS, like a long import

Every change is reported on stdout only after its transaction committed ("committed ..."), so a test that
kills the process knows which changes must be in the database. "ready" is printed once the database is open and the work prepared.
Errors the user would see are printed on stderr as "user-error: <message>" and end the process with 3.
"""

from __future__ import annotations

import sys

from tests.reliability.documents import crash_document


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    from planner.config import Settings
    from planner.services import workspace as wsvc
    from planner.services.errors import ConflictError, PlannerError
    from planner.store import models as m
    from planner.store.db import DatabaseError

    command, url = argv[0], argv[1]
    ws = wsvc.Workspace.open(Settings.load(db=url))
    doc = None
    if command == "import":
        from planner.interchange.bidjson import dumps, parse
        from planner.services.bidfile import import_document

        doc = parse(dumps(crash_document()))  # checked before "ready", so the kill lands in the imports
    say("ready")
    try:
        if command == "import":
            for _ in range(int(argv[2])):
                bid_id = import_document(ws, doc)
                say("committed", bid_id)
        elif command == "edit":
            bid_id, n = int(argv[2]), int(argv[3])
            first = int(argv[4]) if len(argv) > 4 else 1
            lines = [line.id for line in wsvc.list_records(ws, m.BudgetLine, bid_id)]
            for i in range(first, first + n):
                line_id = lines[i % len(lines)]
                wsvc.update_record(ws, m.BudgetLine, line_id, {"label": f"edit {i}", "actual_minor": i})
                say("committed", line_id, i)
        elif command == "add":
            bid_id, n, tag = int(argv[2]), int(argv[3]), argv[4]
            for i in range(n):
                wsvc.add_record(ws, m.BudgetLine(bid_id=bid_id, kind="expense", category="other",
                                                 label=f"{tag}-{i}", unit_minor=i, currency="SEK"))
            say("committed", n)
        elif command == "hold":
            import time

            bid_id, seconds = int(argv[2]), float(argv[3])
            with ws.session() as s:
                s.add(m.BudgetLine(bid_id=bid_id, kind="expense", category="other", label="held",
                                   unit_minor=1, currency="SEK"))
                s.flush()  # the write lock is taken and the row written, not yet committed
                say("holding")
                time.sleep(seconds)
            say("committed", "held")
        elif command == "bump":
            # read the line, then save quantity + 1 against the version read: a lost update would show as a
            # final quantity below the number of successful saves
            line_id, n, retry = int(argv[2]), int(argv[3]), "--retry" in argv
            attempts = saved = conflicts = 0
            while (saved if retry else attempts) < n:
                attempts += 1
                with ws.session() as s:
                    line = s.get(m.BudgetLine, line_id)
                    version, quantity = line.version, line.quantity
                try:
                    wsvc.update_record(ws, m.BudgetLine, line_id, {"quantity": quantity + 1},
                                       expected_version=version)
                    saved += 1
                except ConflictError:
                    conflicts += 1
            say("committed", saved, "conflicts", conflicts)
        else:
            raise SystemExit(f"unknown command {command}")
    except (PlannerError, DatabaseError) as exc:
        sys.stderr.write(f"user-error: {exc}\n")
        return 3
    finally:
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
