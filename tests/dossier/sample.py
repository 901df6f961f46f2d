"""Hand-made dossier content for the renderer tests: a plausible Gävle bid with European names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

from planner.domain.enums import Audience
from planner.domain.money import Money
from planner.dossier.content import (
    Budget,
    BudgetLineItem,
    CategoryAmount,
    CommitmentItem,
    Contact,
    Cover,
    DateOption,
    DossierContent,
    Funding,
    HotelBlock,
    Impact,
    Internal,
    ReadinessItem,
    ResultGrid,
    Risk,
    Room,
    ScenarioFigures,
    SessionItem,
    SpeakerItem,
    TaskItem,
    Texts,
    VenueFacts,
    VenueScore,
)

SEK = "SEK"
NAMES = ["Łukasz Żółkiewski", "Jiří Dvořák", "Zoë Ørsted", "Ἀλέξανδρος Παπαδόπουλος", "Анна Петрова",
         "Gheorghe Țăranu", "Mehmet Doğan", "Ágnes Kőváry", "Björn Åström"]


def kr(amount: int) -> Money:
    return Money(amount * 100, SEK)


def sample_content(locale: str = "en", audience: Audience = Audience.COMMITTEE, **changes) -> DossierContent:
    internal = audience == Audience.INTERNAL
    speakers = [SpeakerItem(name, organisation=f"Org {i}", topic=f"Topic {i}", status="confirmed",
                            email=f"speaker{i}@example.org" if internal else "",
                            phone=f"+46 70 000 00 {i:02d}" if internal else "",
                            fee=kr(5000) if internal else None) for i, name in enumerate(NAMES)]
    commitments = [
        CommitmentItem("Gävle kommun", "cash", "signed", kr(400_000), secured=True, due=date(2011, 12, 1),
                       letter="received"),
        CommitmentItem("Region Gävleborg", "cash", "pledged", kr(250_000), due=date(2012, 1, 15), letter="requested"),
        CommitmentItem("Högskolan i Gävle", "venue", "signed", kr(120_000), secured=True, letter="received"),
        CommitmentItem("Sandvik AB", "cash", "pledged", None, letter="none"),
    ]
    lines = [BudgetLineItem(cat, f"{cat} line {n}", kind, kr(1000 * (n + 1)), kr(900 * (n + 1)), kr(800 * n),
                            kr(-100 * n))
             for kind, cats in (("income", ["registration", "sponsorship"]), ("expense", ["venue", "catering"]))
             for cat in cats for n in range(3)]
    content = DossierContent(
        locale=locale, audience=audience,
        cover=Cover("Generator 2012", "Gävle", "Region Gävleborg", date(2011, 11, 7), edition="The Nordic "
                    "conference on creative industries", region="Gävleborg"),
        texts=Texts(invitation="Welcome to Gävle.\n\nWe invite Generator to the oldest city in Norrland.",
                    summary="A compact, green conference by the sea.", motivation="Because the region builds "
                    "creative industries.", legacy="A lasting network.", host_city="Gävle is 90 minutes from "
                    "Arlanda.", access="Train, plane and bus.", bid_team="The team behind the bid."),
        date_options=[DateOption(date(2012, 3, 7), date(2012, 3, 9), True, "Before Easter"),
                      DateOption(date(2012, 4, 18), date(2012, 4, 20))],
        venue=VenueFacts("Gävle Konserthus", "Kungsbäcksvägen 22, Gävle", "option_held", 800,
                         [Room("Main hall", "plenary", 800, 900), Room("Room B", "breakout", 120)],
                         "Step-free everywhere", "In-house", "Full AV", Decimal("1.2"), Decimal("150"),
                         kr(180_000), date(2011, 12, 31)),
        venue_scores=[VenueScore("Gävle Konserthus", Decimal("86.5"), 1), VenueScore("Högskolan", Decimal("71"), 2),
                      VenueScore("Bar & Bistro <Kök>", Decimal("40"), 3, True, "Too small")],
        accommodation=[HotelBlock("Clarion Hotel Gävle", 120, kr(1095), Decimal("0.4")),
                       HotelBlock("Scandic CH", 80, kr(990), Decimal("0.8"))],
        sessions=[SessionItem(date(2012, 3, 7), time(9), time(10), "Opening keynote", "keynote", "Main hall",
                              [NAMES[0]]),
                  SessionItem(date(2012, 3, 8), time(13), time(14, 30), "Panel on games", "panel", "Room B",
                              NAMES[1:4])],
        speakers=speakers,
        funding=Funding(commitments, secured=kr(520_000), pledged=kr(250_000), in_kind=kr(120_000),
                        target=kr(1_000_000), gap=kr(230_000)),
        budget=Budget(SEK, [CategoryAmount("registration", "income", kr(900_000)),
                            CategoryAmount("sponsorship", "income", kr(650_000)),
                            CategoryAmount("venue", "expense", kr(450_000)),
                            CategoryAmount("catering", "expense", kr(700_000)),
                            CategoryAmount("speakers", "expense", kr(210_000))],
                      kr(1_550_000), kr(1_360_000), kr(190_000),
                      [ScenarioFigures("low", 300, kr(1_100_000), kr(1_200_000), kr(-100_000)),
                       ScenarioFigures("expected", 450, kr(1_550_000), kr(1_360_000), kr(190_000)),
                       ScenarioFigures("high", 600, kr(2_000_000), kr(1_500_000), kr(500_000))],
                      break_even_attendance=362,
                      grid=ResultGrid([kr(1500), kr(2000), kr(2500)], [300, 450, 600],
                                      [[kr(-250_000), kr(-100_000), kr(50_000)], [kr(-20_000), kr(190_000),
                                       kr(410_000)], [kr(150_000), kr(450_000), kr(750_000)]]),
                      lines=lines if internal else []),
        impact=Impact(kr(4_725_000), "450 attendees spend 3 500 kr a day for 3 days.", kr(10_500), 450, 900),
        timeline=[TaskItem("Submit bid", date(2011, 11, 7), date(2011, 11, 7), True, "done", "Anna"),
                  TaskItem("Venue option", date(2011, 9, 1), date(2011, 10, 15), False, "done", "Jiří"),
                  TaskItem("Sponsor drive", date(2011, 11, 1), date(2012, 2, 1), False, "in_progress", "Zoë"),
                  TaskItem("Conference", date(2012, 3, 7), date(2012, 3, 9), True, "todo", "")],
        team=[Contact("Anna Lindqvist", "Bid lead", "Region Gävleborg", "anna@region.example",
                      "+46 26 100 00 00")],
        internal=Internal(notes=["Ask the mayor about the reception."],
                          risks=[Risk("Venue double booked", "Low", "High", "Hold a second option")],
                          readiness=Decimal("0.72"),
                          readiness_items=[ReadinessItem("Venue option held", True),
                                           ReadinessItem("Letters of support", False, "1 of 3")])
        if internal else None,
    )
    return replace(content, **changes) if changes else content


def many_tasks(count: int) -> list[TaskItem]:
    start = date(2011, 6, 1)
    return [TaskItem(f"Task {i}", start + timedelta(days=i % 200), start + timedelta(days=i % 200 + 20),
                     i % 25 == 0, "todo") for i in range(count)]
