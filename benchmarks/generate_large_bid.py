"""A large, realistic-shaped bid for speed tests: `python -m benchmarks.generate_large_bid --db PATH`.

Defaults: 1 000 speakers, 10 000 budget lines, 500 tasks (with dependencies), 200 partners with two
commitments each, 40 venues with rooms and scores, 600 sessions. Deterministic for a given seed. Rows are
written through the same lossless bid-file import the program uses, so the result is a valid bid.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from planner.domain.enums import (
    Anchor,
    Basis,
    BudgetCategory,
    CommitmentKind,
    CommitmentStatus,
    PartnerKind,
    SpeakerStatus,
    TaskStatus,
)

GIVEN = ["Anna", "Łukasz", "Zuzana", "Ágnes", "Ioana", "Gökhan", "Ελένη", "Ольга", "Erik", "Sara", "Mikkel",
         "Pekka", "Ingrid", "Fatima", "Johan", "Lena"]
FAMILY = ["Andersson", "Wróbel", "Dvořáková", "Bőrcsök", "Ștefănescu", "Yıldırım", "Παπαδοπούλου", "Иванова",
          "Lundgren", "Holm", "Sørensen", "Virtanen", "Solberg", "Ahmadi", "Nyqvist", "Sjöberg"]


def large_bid_document(*, speakers: int = 1000, lines: int = 10000, tasks: int = 500, partners: int = 200,
                       venues: int = 40, sessions: int = 600, seed: int = 2012) -> dict:
    rng = random.Random(seed)
    start = date(2012, 5, 24)
    doc: dict = {"format": "planner.bid", "version": 1}
    doc["bid"] = {
        "conference": "Large Test Congress", "edition": "2013", "host_city": "Gävle", "host_region": "Gävleborg",
        "organiser": "Benchmark organiser", "bid_deadline": "2011-11-30", "decision_date": "2012-01-20",
        "event_start": start.isoformat(), "event_end": (start + timedelta(days=2)).isoformat(), "event_days": 3,
        "attendance_low": 1500, "attendance_expected": 3000, "attendance_high": 4500,
        "complimentary_attendees": 200, "base_currency": "SEK", "vat_deductible": True, "status": "draft",
    }
    doc["date_option"] = [{"id": 1, "start_date": start.isoformat(),
                           "end_date": (start + timedelta(days=2)).isoformat(), "preferred": True, "note": ""}]
    doc["venue"] = [{"id": v, "name": f"Venue {v}", "city": "Gävle", "cost_minor": rng.randint(5, 50) * 10_000_00,
                     "currency": "SEK", "distance_centre_m": rng.randint(100, 5000)} for v in range(1, venues + 1)]
    doc["room"] = []
    for v in range(1, venues + 1):
        for r in range(4):
            doc["room"].append({"id": len(doc["room"]) + 1, "venue_id": v, "name": f"Room {v}.{r}",
                                "kind": "plenary" if r == 0 else "breakout",
                                "capacity_theatre": 5000 if r == 0 else rng.randint(50, 400), "currency": "SEK"})
    doc["criterion"] = [{"id": i, "key": f"c{i}", "name_sv": f"Kriterium {i}", "name_en": f"Criterion {i}",
                         "weight": rng.randint(1, 30), "position": i} for i in range(1, 9)]
    doc["venue_score"] = [{"venue_id": v, "criterion_id": c, "score": rng.randint(0, 10)}
                          for v in range(1, venues + 1) for c in range(1, 9)]
    categories_in = [BudgetCategory.REGISTRATION, BudgetCategory.SPONSORSHIP, BudgetCategory.PUBLIC_FUNDING,
                     BudgetCategory.EXHIBITION]
    categories_out = [c for c in BudgetCategory if c not in categories_in and c != BudgetCategory.PARTNER_CONTRIBUTION]
    doc["budget_line"] = []
    for i in range(1, lines + 1):
        income = i % 5 == 0
        basis = rng.choice(list(Basis))
        # amounts of a real large congress: per-person lines in kronor, fixed ones in thousands
        per_person = basis in (Basis.PER_ATTENDEE, Basis.PER_PAYING_ATTENDEE, Basis.PER_ATTENDEE_DAY)
        unit = rng.randint(1, 60) if per_person else rng.randint(100, 3_000)
        doc["budget_line"].append({
            "id": i, "kind": "income" if income else "expense",
            "category": rng.choice(categories_in if income else categories_out).value,
            "label": f"Line {i}", "basis": basis.value,
            "unit_minor": unit * 100, "quantity": rng.randint(1, 3),
            "currency": "EUR" if i % 50 == 0 else "SEK", "vat_rate_percent": rng.choice([0, 6, 12, 25]),
            "committed_minor": rng.randint(0, 10_000) * 100, "actual_minor": rng.randint(0, 5_000) * 100,
            "position": i,
        })
    doc["speaker"] = [{
        "id": i, "given_name": rng.choice(GIVEN), "family_name": rng.choice(FAMILY),
        "display_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}", "organisation": f"Organisation {i % 97}",
        "email": f"speaker{i}@example.org", "phone": f"+46 70 174 06 {5 + i % 90:02d}",
        "status": rng.choice(list(SpeakerStatus)).value, "consent_to_be_named": rng.random() < 0.8,
        "fee_minor": rng.choice([0, 0, 500_000, 1_000_000]), "fee_currency": "SEK",
        "travel_minor": rng.randint(0, 8000) * 100, "travel_currency": "SEK", "nights": rng.randint(0, 3),
        "talk_title": f"Talk number {i}",
    } for i in range(1, speakers + 1)]
    doc["programme_session"] = []
    doc["session_speaker"] = []
    for i in range(1, sessions + 1):
        day = start + timedelta(days=i % 3)
        hour = 8 + (i // 3) % 10
        doc["programme_session"].append({
            "id": i, "title": f"Session {i}", "kind": "talk", "status": "confirmed", "day": day.isoformat(),
            "start_time": f"{hour:02d}:00:00", "end_time": f"{hour:02d}:50:00",
            "room_id": rng.randint(1, len(doc["room"])), "expected_audience": rng.randint(20, 300)})
        for s in sorted(set(rng.sample(range(1, speakers + 1), 2))):
            doc["session_speaker"].append({"session_id": i, "speaker_id": s, "role": "speaker"})
    doc["partner"] = [{"id": p, "name": f"Partner {p}", "kind": rng.choice(list(PartnerKind)).value,
                       "contact_email": f"partner{p}@example.org"} for p in range(1, partners + 1)]
    doc["commitment"] = []
    for p in range(1, partners + 1):
        for _ in range(2):
            doc["commitment"].append({
                "id": len(doc["commitment"]) + 1, "partner_id": p, "kind": rng.choice(list(CommitmentKind)).value,
                "amount_minor": rng.randint(1, 500) * 1000_00, "currency": "SEK",
                "status": rng.choice(list(CommitmentStatus)).value, "confidential": rng.random() < 0.1})
    doc["task"] = []
    doc["task_dependency"] = []
    anchors = list(Anchor)
    for t in range(1, tasks + 1):
        relative = t % 3 == 0
        doc["task"].append({
            "id": t, "title": f"Task {t}", "kind": "milestone" if t % 10 == 0 else "task",
            "owner": f"Owner {t % 12}", "status": rng.choice(list(TaskStatus)).value,
            "due_date": None if relative else (date(2011, 9, 1) + timedelta(days=t)).isoformat(),
            "anchor": rng.choice(anchors).value if relative else None,
            "offset_days": rng.randint(-200, 60) if relative else None, "duration_days": rng.randint(0, 20),
            "position": t})
        if t > 1:  # depend on an earlier task only, so there is never a cycle
            doc["task_dependency"].append({"task_id": t, "depends_on_id": rng.randint(max(1, t - 20), t - 1)})
    return doc


def generate_large_bid(ws, **sizes) -> int:
    """Import a large bid into the workspace; returns its id."""
    from planner.interchange.bidjson import dumps, parse
    from planner.services.bidfile import import_document

    return import_document(ws, parse(dumps(large_bid_document(**sizes))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database path or URL to add the large bid to")
    parser.add_argument("--speakers", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--partners", type=int, default=200)
    args = parser.parse_args()
    from planner.config import Settings
    from planner.services.workspace import Workspace

    ws = Workspace.open(Settings.load(db=args.db))
    bid_id = generate_large_bid(ws, speakers=args.speakers, lines=args.lines, tasks=args.tasks,
                                partners=args.partners)
    print(f"large bid created as bid {bid_id} in {args.db}")


if __name__ == "__main__":
    main()
