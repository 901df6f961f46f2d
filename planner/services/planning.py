"""The planning engines for one bid: records in, domain answers out, for the CLI, the terminal UI and the dossier.

`Planning` is the one place that maps a bid's rows (a `BidBundle`) to the domain's inputs; every other
function here asks it. Each answer is computed once per `Planning` and kept, so a front end that shows the
budget, the funding and the readiness of a bid loads it and converts its currencies once.

Choices made here (the domain's own rules are in its module docstrings):
- amounts convert at the latest exchange rates on or before `on`, the budget's rate date (`budget_rate_date`):
  the bid's own `rate_date`, else its deadline, else its decision date, else the real today (whatever `today`
  the timeline is checked against), never later than the real today (no rates are published ahead). A
  currency with no rate on or before that day converts at its earliest stored rate; when a rate used is more
  than `RATE_DISTANCE_DAYS` from the rate date, `rate_warning` says so (status, the TUI's Budget, the internal
  dossier);
- speakers' nights are costed at the rate of the hotel block nearest the venue (the first one listed when
  none gives a distance);
- a venue's capacity is its largest room seated theatre-style; its cost per attendee is in its own currency;
- the chosen venues are those with an option held or a contract;
- the speakers the dossier names are the confirmed ones;
- the baseline compared against is the latest frozen one unless another is asked for;
- the spend per delegate-day stored with the bid is in its base currency.

Domain refusals (a missing exchange rate, a dependency cycle) become `PlanningError`, a PlannerError with
the message in the user's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from planner.config import shipped_file
from planner.domain import budget as b
from planner.domain import budget_status as bs
from planner.domain import funding as fu
from planner.domain import impact as im
from planner.domain import programme as pg
from planner.domain import readiness as rd
from planner.domain import risk as rk
from planner.domain import timeline as tl
from planner.domain import venues as vn
from planner.domain.enums import (
    Anchor,
    CommitmentStatus,
    LetterStatus,
    Scenario,
    SpeakerStatus,
    VenueStatus,
)
from planner.domain.messages import DomainError, Message
from planner.domain.money import Money
from planner.i18n import N_, _, get_locale
from planner.i18n.labels import label
from planner.services.collector import paused as paused_gc
from planner.services.errors import PlannerError
from planner.services.loaded import LoadedRows

if TYPE_CHECKING:  # the engines run on rows read without the ORM too (planner.services.light): not imported
    from planner.services.workspace import BidBundle, Workspace
    from planner.store import models as m

CHOSEN_VENUE_STATUSES = frozenset({VenueStatus.OPTION_HELD, VenueStatus.CONTRACTED})
SETTLED_COMMITMENTS = frozenset({CommitmentStatus.PAID, CommitmentStatus.DECLINED})
RATE_DISTANCE_DAYS = 14  # a rate further than this from the budget's rate date is named in a warning
RATE_FAR = N_("Exchange rates: the budget converts at the rates of {wanted}, but the {currency} rate used is "
              "from {date} ({days} days away). Fetch that date's rates ('planner rates update --since {year}') "
              "or set the bid's rate date (rate_date).")


def budget_rate_date(bid: m.Bid, real_today: date | None = None) -> date:
    """The day whose exchange rates the bid's budget converts at (the rule in the module docstring)."""
    real_today = real_today or date.today()
    wanted = bid.rate_date or bid.bid_deadline or bid.decision_date or real_today
    return min(wanted, real_today)


class PlanningError(PlannerError):
    """A planning rule refused the bid's data; the message says what and where, in the user's language."""

    def __init__(self, message: Message) -> None:
        self.domain_message = message
        super().__init__(render(message))


def format_value(value: Any) -> str:
    """How a message parameter is shown: money, dates and numbers in the current locale."""
    from planner.i18n.format import format_date, format_money, format_number

    if isinstance(value, Money):
        return format_money(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return format_number(value)
    return str(value)


def _name(item: Any) -> str:
    """One name a message lists: a stored value (a dossier text's key, say) by its label, else a message id."""
    return label(item) if isinstance(item, Enum) else _(item)


def render(message: Message | None) -> str:
    """A domain message in the current language with its values formatted."""
    if message is None:
        return ""
    return message.render(_name, format_value)


def _enum(value: Any) -> str:
    return getattr(value, "value", value)


_LINE_FIELDS = frozenset({"id", "kind", "category", "label", "basis", "unit_minor", "currency", "quantity",
                          "vat_rate_percent", "amounts_include_vat", "committed_minor", "actual_minor"})


def _line_input(line: m.BudgetLine) -> b.LineInput:
    """A budget line row as the budget model's input."""
    # A loaded row keeps its column values in its __dict__: read there, one dict lookup each instead of an
    # instrumented attribute access each (a large bid has 100 000 lines); anything not loaded is read as usual.
    values = line.__dict__
    if not _LINE_FIELDS <= values.keys():
        values = {name: getattr(line, name) for name in _LINE_FIELDS}
    currency, committed, actual = values["currency"], values["committed_minor"], values["actual_minor"]
    return b.LineInput(
        id=values["id"], kind=values["kind"], category=_enum(values["category"]), label=values["label"],
        basis=values["basis"], unit=Money(values["unit_minor"], currency), quantity=values["quantity"],
        vat_rate_percent=values["vat_rate_percent"], amounts_include_vat=values["amounts_include_vat"],
        # 0 is what an untouched row holds: nothing booked (lets linked secured cash count as committed)
        committed=Money(committed, currency) if committed else None,
        actual=Money(actual, currency) if actual else None)


@dataclass
class Planning:
    """One bid's records and what the engines make of them, each computed on first use."""

    bundle: BidBundle
    rates: Any  # planner.domain.fx.RateTable
    on: date
    today: date

    @classmethod
    def load(cls, ws: Workspace, bid_id: int, *, today: date | None = None, on: date | None = None,
             bundle: BidBundle | None = None) -> Planning:
        from planner.services.rates import rate_table
        from planner.services.workspace import load_bundle

        bundle = bundle or load_bundle(ws, bid_id)
        return cls.of(bundle, rate_table(ws, earliest_before_first=True), today=today, on=on)

    @classmethod
    def of(cls, bundle, rates, *, today: date | None = None, on: date | None = None) -> Planning:
        """A bid's rows (a BidBundle, or the light read's) and the rate table they convert at."""
        return cls(bundle, rates, on or budget_rate_date(bundle.bid), today or date.today())

    @property
    def bid(self) -> m.Bid:
        return self.bundle.bid

    def _run(self, compute):
        try:
            with paused_gc():  # the engines build an object or more per budget line
                return compute()
        except DomainError as exc:
            raise PlanningError(exc.message) from None

    # -- mapping: rows -> domain inputs ------------------------------------------------------------------

    @cached_property
    def attendance(self) -> b.Attendance:
        bid = self.bid
        return self._run(lambda: b.Attendance(bid.attendance_low, bid.attendance_expected, bid.attendance_high))

    def _accommodation_rate(self) -> Money | None:
        blocks = self.bundle.accommodation
        if not blocks:
            return None
        nearest = min(blocks, key=lambda block: (block.distance_m if block.distance_m else float("inf"), block.id))
        return Money(nearest.rate_minor, nearest.currency)

    @cached_property
    def budget_inputs(self) -> b.BudgetInputs:
        with paused_gc():  # one LineInput per budget line
            return self._budget_inputs()

    def _budget_inputs(self) -> b.BudgetInputs:
        bid, bundle = self.bid, self.bundle
        partners = {p.id: p.name for p in bundle.partners}
        rows = bundle.budget_lines
        # a loaded bid's lines go to the model as plain values (no record, no LineInput per line)
        lines = b.LineTable(rows.values(b.LINE_COLUMNS)) if isinstance(rows, LoadedRows) \
            else tuple(map(_line_input, rows))
        speakers = tuple(
            b.SpeakerCostInput(
                id=s.id, name=s.display_name, status=s.status, fee=Money(s.fee_minor, s.fee_currency),
                travel=Money(s.travel_minor, s.travel_currency), nights=s.nights)
            for s in bundle.speakers)
        commitments = tuple(
            b.CommitmentInput(
                id=c.id, partner=partners.get(c.partner_id, str(c.partner_id)), kind=c.kind, status=c.status,
                amount=Money(c.amount_minor, c.currency), line_id=c.budget_line_id, due=c.due_date,
                description=c.description)
            for c in bundle.commitments)
        return self._run(lambda: b.BudgetInputs(
            currency=bid.base_currency, vat_deductible=bid.vat_deductible, attendance=self.attendance,
            event_days=bid.event_days, complimentary=bid.complimentary_attendees, lines=lines, speakers=speakers,
            accommodation_rate=self._accommodation_rate(), commitments=commitments, rates=self.rates,
            rate_date=self.on))

    @cached_property
    def criteria(self) -> list[vn.Criterion]:
        swedish = get_locale() == "sv"
        return [vn.Criterion(c.key, Decimal(c.weight), (c.name_sv if swedish else c.name_en) or "", c.min_score)
                for c in self.bundle.criteria]

    @cached_property
    def venue_inputs(self) -> list[vn.VenueInput]:
        bundle = self.bundle
        key_of = {c.id: c.key for c in bundle.criteria}
        out = []
        for venue in bundle.venues:
            rooms = [r for r in bundle.rooms if r.venue_id == venue.id]
            scores = {key_of[s.criterion_id]: s.score for s in bundle.scores
                      if s.venue_id == venue.id and s.criterion_id in key_of}
            available = frozenset(a.date_option_id for a in bundle.availability
                                  if a.venue_id == venue.id and a.available)
            out.append(vn.VenueInput(
                venue.id, venue.name, max((r.capacity_theatre for r in rooms), default=0), scores, available,
                Money(venue.cost_minor, venue.currency) if venue.cost_minor else None, venue.option_until,
                venue.status))
        return out

    @cached_property
    def anchors(self) -> dict[Anchor, date | None]:
        bid = self.bid
        return {Anchor.BID_DEADLINE: bid.bid_deadline, Anchor.DECISION_DATE: bid.decision_date,
                Anchor.EVENT_START: bid.event_start, Anchor.EVENT_END: bid.event_end}

    @cached_property
    def task_inputs(self) -> list[tl.TaskInput]:
        depends: dict[int, list[int]] = {}
        for dep in self.bundle.dependencies:
            depends.setdefault(dep.task_id, []).append(dep.depends_on_id)
        return [
            tl.TaskInput(
                id=t.id, title=t.title, kind=t.kind, owner=t.owner, status=t.status, fixed_date=t.due_date,
                anchor=t.anchor, offset_days=t.offset_days or 0, duration_days=t.duration_days,
                depends_on=tuple(depends.get(t.id, ())), template_key=t.template_key or None)
            for t in self.bundle.tasks]

    @cached_property
    def timeline_entries(self) -> list[tl.DatedEntry]:
        # an option matters until the venue is contracted (or rejected, when it is left out)
        entries = [tl.venue_option_entry(v.id, v.name, v.option_until, VenueStatus(v.status) != VenueStatus.CONTRACTED)
                   for v in self.bundle.venues
                   if v.option_until is not None and VenueStatus(v.status) != VenueStatus.REJECTED]
        partners = {p.id: p.name for p in self.bundle.partners}
        entries += [tl.commitment_due_entry(c.id, partners.get(c.partner_id, ""), c.due_date,
                                            CommitmentStatus(c.status) in SETTLED_COMMITMENTS)
                    for c in self.bundle.commitments if c.due_date is not None]
        return entries

    def room_key(self, room: m.Room) -> str:
        venue = next((v.name for v in self.bundle.venues if v.id == room.venue_id), "")
        return f"{room.name} ({venue})" if venue else room.name

    # -- answers ---------------------------------------------------------------------------------------

    @cached_property
    def model(self) -> b.BudgetModel:
        return self._run(lambda: b.BudgetModel(self.budget_inputs))

    @cached_property
    def budget(self) -> b.BudgetReport:
        return self._run(self.model.report)

    @cached_property
    def funding(self) -> fu.FundingReport:
        return self._run(lambda: fu.funding_report(self.model))

    @cached_property
    def counted_twice(self) -> tuple[fu.DoubleCount, ...]:
        """Cash commitments that may be counted twice (no line linked, an income line like it), with the line."""
        kinds = {p.name: str(p.kind) for p in self.bundle.partners}
        return self._run(lambda: fu.counted_twice(self.model, kinds))

    def baseline(self, baseline_id: int | None = None, scenario: Scenario = Scenario.EXPECTED) -> bs.Baseline | None:
        """A frozen baseline as the domain sees it; the latest one when no id is given."""
        baselines = sorted(self.bundle.baselines, key=lambda x: (x.frozen_at, x.id))
        if baseline_id is not None:
            baselines = [x for x in baselines if x.id == baseline_id]
            if not baselines:
                raise PlannerError(_("There is no budget baseline {id} in this bid.").format(id=baseline_id))
        if not baselines:
            return None
        chosen = baselines[-1]
        field = f"planned_{Scenario(scenario).value}_minor"
        rows = [r for r in self.bundle.baseline_lines if r.baseline_id == chosen.id]
        working = self.model.line_results(self.attendance.at(scenario))
        derived = {(str(r.kind), r.category, r.label): r.line_id for r in working if r.source != "line"}
        lines: dict = {}
        categories: dict = {}
        for row in rows:
            key = row.line_id if row.line_id is not None else derived.get(
                (_enum(row.kind), _enum(row.category), row.label), f"removed:{row.label}")
            amount = Money(getattr(row, field), row.currency)
            lines[key] = amount
            cat_key = (_enum(row.kind), _enum(row.category))
            categories[cat_key] = categories.get(cat_key, Money.zero(row.currency)) + amount
        return bs.Baseline(Scenario(scenario), self.bid.base_currency, chosen.frozen_at.date(), chosen.name,
                           lines, categories)

    def status(self, scenario: Scenario = Scenario.EXPECTED, baseline_id: int | None = None) -> bs.BudgetStatus:
        baseline = self.baseline(baseline_id, scenario)
        return self._run(lambda: bs.budget_status(self.model, scenario, baseline))

    @cached_property
    def ranking(self) -> vn.VenueRanking:
        options = [o.id for o in self.bundle.date_options]
        return self._run(lambda: vn.rank_venues(
            self.venue_inputs, self.criteria, self.attendance.high, self.attendance.expected, options,
            self.bid.decision_date))

    @cached_property
    def timeline(self) -> tl.TimelineCheck:
        def compute():
            dates = [d for d in self.anchors.values() if d] + [self.today]
            dates += [t.due_date for t in self.bundle.tasks if t.due_date]
            dates += [e.on for e in self.timeline_entries]
            holidays = tl.public_holidays(range(min(dates).year - 1, max(dates).year + 2), HOLIDAY_COUNTRY,
                                          get_locale())
            return tl.check_timeline(self.task_inputs, self.anchors, self.today, holidays, self.timeline_entries)
        return self._run(compute)

    @cached_property
    def programme(self) -> pg.ProgrammeCheck:
        rooms = {r.id: r for r in self.bundle.rooms}
        speakers = {s.id: pg.SpeakerRef(s.id, s.display_name, s.status) for s in self.bundle.speakers}
        by_session: dict[int, list[int]] = {}
        for link in self.bundle.session_speakers:
            by_session.setdefault(link.session_id, []).append(link.speaker_id)
        sessions = [
            pg.SessionInput(
                s.id, s.title, s.day, s.start_time, s.end_time,
                self.room_key(rooms[s.room_id]) if s.room_id in rooms else None,
                tuple(by_session.get(s.id, ())), s.expected_audience or None, s.status)
            for s in self.bundle.sessions]
        # the largest way the room is set; a room with no capacity entered is not judged (0 means unknown)
        capacity = {self.room_key(r): max(r.capacity_theatre, r.capacity_classroom, r.capacity_banquet)
                    for r in self.bundle.rooms if max(r.capacity_theatre, r.capacity_classroom, r.capacity_banquet)}
        return self._run(lambda: pg.check_programme(sessions, speakers, capacity, self.bid.event_start,
                                                    self.bid.event_end))

    @cached_property
    def readiness(self) -> rd.Readiness:
        from planner.services.translations import untranslated

        bundle = self.bundle
        chosen = frozenset(v.id for v in bundle.venues if VenueStatus(v.status) in CHOSEN_VENUE_STATUSES)
        try:
            expected = self.budget[Scenario.EXPECTED]
            funding = self.funding[Scenario.EXPECTED]
            result = expected.result if bundle.budget_lines else None
        except PlanningError:
            result, funding = None, None
        try:
            timeline = self.timeline if bundle.tasks else None
        except PlanningError:
            timeline = None
        inputs = rd.ReadinessInputs(
            ranking=self.ranking, chosen_venue_ids=chosen, expected_result=result, expected_funding=funding,
            letters=tuple((p.name, LetterStatus(p.letter_status)) for p in bundle.partners),
            date_options=len(bundle.date_options), has_preferred_option=any(o.preferred for o in bundle.date_options),
            named_speakers=tuple((s.display_name, s.consent_to_be_named) for s in bundle.speakers
                                 if SpeakerStatus(s.status) == SpeakerStatus.CONFIRMED),
            timeline=timeline, bid_deadline=self.bid.bid_deadline,
            texts={(_enum(t.key), t.locale): t.body for t in bundle.texts},
            untranslated={lang: tuple(names) for lang, names in untranslated(bundle).items()})
        return rd.readiness(inputs)

    def risk(self, runs: int = rk.DEFAULT_RUNS, seed: int = rk.DEFAULT_SEED, mode: int | None = None) -> rk.RiskResult:
        return self._run(lambda: rk.attendance_risk(self.model, runs, seed, mode))

    def grid(self, prices: list[Money] | None = None, attendances: list[int] | None = None) -> rk.PriceAttendanceGrid:
        return self._run(lambda: rk.price_attendance_grid(self.model, prices, attendances))

    @cached_property
    def far_rate(self) -> Any:
        """The rate the budget used that lies furthest from its rate date, when beyond RATE_DISTANCE_DAYS."""
        try:
            used = [*self.budget.rates_used, *self._impact_rates()]
        except PlannerError:  # a budget that cannot be computed says why on its own
            return None
        far = max(used, key=lambda rate: (abs((rate.on - self.on).days), rate.currency), default=None)
        return far if far is not None and abs((far.on - self.on).days) > RATE_DISTANCE_DAYS else None

    def _impact_rates(self) -> tuple:
        source = im.DEFAULT_SPEND_PER_DELEGATE_DAY
        if self.bid.spend_per_delegate_day_minor or source.currency == self.bid.base_currency:
            return ()
        try:
            return self.rates.convert(source, self.bid.base_currency, self.on).rates
        except DomainError:
            return ()

    @property
    def rate_warning(self) -> str:
        """One line when a rate used is far from the budget's rate date (else empty), in the user's language."""
        far = self.far_rate
        if far is None:
            return ""
        return _(RATE_FAR).format(wanted=format_value(self.on), currency=far.currency, date=format_value(far.on),
                                  days=abs((far.on - self.on).days), year=min(far.on, self.on).year)

    def with_budget_inputs(self, inputs: b.BudgetInputs) -> Planning:
        """The same bid planned from other budget inputs (the dossier's budget with confidential money left
        out): every budget answer of the copy comes from the same engines; the records are shared."""
        other = Planning(self.bundle, self.rates, self.on, self.today)
        other.__dict__["budget_inputs"] = inputs  # the value the cached property would have computed
        return other

    def impact(self, scenario: Scenario = Scenario.EXPECTED) -> im.EconomicImpact:
        """The bid's own spend per delegate-day when one is set (no citation); else the published default,
        converted into the bid's currency at the stored rate and cited with the figure it started from."""
        bid = self.bid
        delegates = self.attendance.at(scenario)
        if bid.spend_per_delegate_day_minor:
            spend = Money(bid.spend_per_delegate_day_minor, bid.base_currency)
            return self._run(lambda: im.economic_impact(delegates, bid.event_days, spend, im.OWN_ASSUMPTION))
        source = im.DEFAULT_SPEND_PER_DELEGATE_DAY
        if source.currency == bid.base_currency:
            return self._run(lambda: im.economic_impact(delegates, bid.event_days, source))

        def converted() -> im.EconomicImpact:
            conversion = self.rates.convert(source, bid.base_currency, self.on)
            rate_date = max((r.on for r in conversion.rates), default=self.on)
            return im.economic_impact(delegates, bid.event_days, conversion.result, im.CONVERTED_ASSUMPTION,
                                      source=source, date=rate_date)

        return self._run(converted)


# -- the functions front ends call ---------------------------------------------------------------------------


def planning(ws: Workspace, bid_id: int, **kwargs) -> Planning:
    return Planning.load(ws, bid_id, **kwargs)


def budget_report(ws: Workspace, bid_id: int, scenario: Scenario | str | None = None, **kwargs):
    """Every scenario (a BudgetReport), or one scenario's ScenarioResult."""
    report = Planning.load(ws, bid_id, **kwargs).budget
    return report if scenario is None else report[Scenario(scenario)]


def funding(ws: Workspace, bid_id: int, **kwargs) -> fu.FundingReport:
    return Planning.load(ws, bid_id, **kwargs).funding


def budget_status(ws: Workspace, bid_id: int, scenario: Scenario | str = Scenario.EXPECTED,
                  baseline_id: int | None = None, **kwargs) -> bs.BudgetStatus:
    return Planning.load(ws, bid_id, **kwargs).status(Scenario(scenario), baseline_id)


def venue_ranking(ws: Workspace, bid_id: int, **kwargs) -> vn.VenueRanking:
    return Planning.load(ws, bid_id, **kwargs).ranking


def timeline_check(ws: Workspace, bid_id: int, **kwargs) -> tl.TimelineCheck:
    return Planning.load(ws, bid_id, **kwargs).timeline


def programme_check(ws: Workspace, bid_id: int, **kwargs) -> pg.ProgrammeCheck:
    return Planning.load(ws, bid_id, **kwargs).programme


def readiness(ws: Workspace, bid_id: int, **kwargs) -> rd.Readiness:
    return Planning.load(ws, bid_id, **kwargs).readiness


def risk(ws: Workspace, bid_id: int, runs: int = rk.DEFAULT_RUNS, seed: int = rk.DEFAULT_SEED,
         **kwargs) -> rk.RiskResult:
    return Planning.load(ws, bid_id, **kwargs).risk(runs, seed)


def price_attendance_grid(ws: Workspace, bid_id: int, prices: list[Money] | None = None,
                          attendances: list[int] | None = None, **kwargs) -> rk.PriceAttendanceGrid:
    return Planning.load(ws, bid_id, **kwargs).grid(prices, attendances)


def economic_impact(ws: Workspace, bid_id: int, scenario: Scenario | str = Scenario.EXPECTED,
                    **kwargs) -> im.EconomicImpact:
    return Planning.load(ws, bid_id, **kwargs).impact(Scenario(scenario))


def freeze_baseline(ws: Workspace, bid_id: int, name: str, note: str = "", **kwargs) -> m.BudgetBaseline:
    """Freeze the working budget (every line, all three scenarios, base currency) as an approved baseline."""
    from planner.services import records  # the same audit trail as every other save
    from planner.store import models as m

    ws.check_writable()
    plan = Planning.load(ws, bid_id, **kwargs)
    if not name.strip():
        raise PlannerError(_("Give the baseline a name, e.g. 'Approved by the board'."))
    per_scenario = {s: {line.line_id: line for line in plan.budget[s].lines} for s in Scenario}
    with ws.session() as s:
        baseline = m.BudgetBaseline(bid_id=bid_id, name=name.strip(), frozen_by=ws.user, note=note)
        records.insert(s, ws.user, [baseline])
        for line_id, line in per_scenario[Scenario.EXPECTED].items():
            s.add(m.BaselineLine(
                baseline_id=baseline.id, line_id=line_id if line.source == "line" else None, kind=line.kind,
                category=line.category, label=line.label,
                planned_low_minor=per_scenario[Scenario.LOW][line_id].planned.minor,
                planned_expected_minor=line.planned.minor,
                planned_high_minor=per_scenario[Scenario.HIGH][line_id].planned.minor,
                currency=plan.bid.base_currency))
        s.flush()
        s.refresh(baseline)
        return baseline


class UndatedBid(PlannerError):
    """The standard timeline plans from the bid's deadline and decision date; `missing` names those not set."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = list(missing)
        if missing == ["decision_date"]:
            message = _("The bid has no decision date, and the standard timeline plans from it; set the bid's "
                        "decision date first.")
        elif missing == ["bid_deadline"]:
            message = _("The bid has no deadline, and the standard timeline plans from it; set the bid's "
                        "deadline first.")
        else:
            message = _("The bid has no deadline and no decision date, and the standard timeline plans from "
                        "them; set both first.")
        super().__init__(message)


def load_timeline_template() -> dict:
    with shipped_file("timeline_template.json").open(encoding="utf-8") as fh:
        return json.load(fh)


HOLIDAY_COUNTRY = "SE"  # the bids are for Swedish hosts; the bid records no country of its own


@dataclass(frozen=True)
class StandardTimeline:
    """What merging the standard timeline into a bid would do (`plan_standard_timeline`), for `add` to carry
    out: the standard tasks matched by the bid's own ({key: task title}) and the tasks it adds."""

    bid_id: int
    matched: dict[str, str]
    merge: Any  # planner.domain.timeline_merge.TimelineMerge

    @property
    def added(self) -> tuple:
        return self.merge.added

    @property
    def cannot_fit(self) -> tuple:
        return self.merge.cannot_fit


def plan_standard_timeline(ws: Workspace, bid_id: int, today: date | None = None) -> StandardTimeline:
    """The standard bid timeline merged into the bid's tasks: which it already has (by template key, title or
    anchor-day milestone), which it would add, on which working days, and which cannot fit. Writes nothing."""
    from planner.domain import timeline_merge as tm
    from planner.i18n import translate

    plan = Planning.load(ws, bid_id, today=today)
    missing = [name for name, day in (("bid_deadline", plan.bid.bid_deadline),
                                      ("decision_date", plan.bid.decision_date)) if day is None]
    if missing:
        raise UndatedBid(missing)
    try:
        standard = tl.generate_standard_timeline(load_timeline_template())
    except DomainError as exc:
        raise PlanningError(exc.message) from None
    days = [d for d in plan.anchors.values() if d] + [plan.today]
    holidays = tl.public_holidays(range(min(days).year - 1, max(days).year + 2), HOLIDAY_COUNTRY, get_locale())
    titles = {t.id: {_(t.title), translate("sv", t.title), translate("en", t.title)} for t in standard}
    standard = [tl.TaskInput(t.id, _(t.title), t.kind, t.owner, t.status, t.fixed_date, t.anchor, t.offset_days,
                             t.duration_days, t.depends_on, t.template_key) for t in standard]
    merge = plan._run(lambda: tm.merge_standard_timeline(standard, plan.task_inputs, plan.anchors, plan.today,
                                                         holidays, titles))
    names = {t.id: t.title for t in plan.bundle.tasks}
    return StandardTimeline(bid_id, {key: names[task_id] for key, task_id in merge.matched}, merge)


def add_standard_timeline(ws: Workspace, standard: StandardTimeline) -> list[m.Task]:
    """Add the tasks a `plan_standard_timeline` found missing, with what they wait for, in one transaction
    (each with its audit entry); returns them in the plan's order."""
    import sqlalchemy as sa

    from planner.services import records
    from planner.store import models as m

    ws.check_writable()
    if not standard.added:
        return []
    with ws.session() as s:
        bid_id = standard.bid_id
        position = (s.scalar(sa.select(sa.func.max(m.Task.position)).where(m.Task.bid_id == bid_id)) or 0) + 1
        known = set(s.scalars(sa.select(m.Task.id).where(m.Task.bid_id == bid_id)))
        keys = set(s.scalars(sa.select(m.Task.template_key).where(m.Task.bid_id == bid_id,
                                                                  m.Task.template_key != "")))
        waited_for = {d for t in standard.added for d in t.depends_on if isinstance(d, int)}
        if keys & {t.key for t in standard.added} or not waited_for <= known:  # changed since it was planned
            raise PlanningError(Message(N_("The timeline changed since the standard tasks were planned; plan "
                                           "them again to see what is still missing.")))
        created = [m.Task(bid_id=bid_id, title=task.title, kind=task.kind, owner=task.owner, anchor=task.anchor,
                          offset_days=task.offset_days, duration_days=task.duration_days, template_key=task.key,
                          position=position + n, updated_by=ws.user)
                   for n, task in enumerate(standard.added)]
        s.add_all(created)
        s.flush()  # every new task has its id, so each is saved with what it waits for
        ids = {task.key: row.id for task, row in zip(standard.added, created, strict=True)}
        for task, row in zip(standard.added, created, strict=True):
            waits = [ids[d] if isinstance(d, str) else d for d in task.depends_on]
            records.record_added(s, ws.user, row, links={"depends_on": waits})
        s.flush()
        for row in created:
            s.refresh(row)
    return created


def generate_standard_timeline(ws: Workspace, bid_id: int, today: date | None = None) -> list[m.Task]:
    """Merge the standard bid timeline into the bid's tasks (`plan_standard_timeline`, then add what it found
    missing); returns the added tasks: none when the bid has them all."""
    return add_standard_timeline(ws, plan_standard_timeline(ws, bid_id, today))
