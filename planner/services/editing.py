"""Edits that are a use case rather than one record's save: a venue's score on a criterion (added or
replaced), its availability on a date option, the preferred date option, a new criterion and the criteria's
order. Every save goes through planner.services.records: one transaction, the one version check, one
audit entry of what really changed.
"""

from __future__ import annotations

from sqlmodel import select

from planner.i18n import _
from planner.services import records
from planner.services.errors import NotFound, ValidationError
from planner.services.workspace import Workspace
from planner.store import models as m


def set_venue_score(ws: Workspace, venue_id: int, criterion_id: int, score: int,
                    expected_version: int | None = None) -> m.VenueScore:
    """Give a venue a score (0-10) on one criterion, replacing any earlier score."""
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise ValidationError({"score": _("A score is a whole number from 0 to 10.")})
    with ws.session() as s:
        venue = s.get(m.Venue, venue_id)
        criterion = s.get(m.Criterion, criterion_id)
        if venue is None or criterion is None or venue.bid_id != criterion.bid_id:
            raise NotFound(_("The venue or the criterion was deleted by someone else; reload to see the current "
                             "data."))
        scored = s.get(m.VenueScore, (venue_id, criterion_id)) is not None
    if scored:
        return records.update(ws, "venue_score", (venue_id, criterion_id), {"score": score},
                              expected_version=expected_version)
    return records.add(ws, "venue_score", {"venue_id": venue_id, "criterion_id": criterion_id, "score": score})


def _edit_in(s, who: str, kind: str, key, changes: dict, expected_version: int | None) -> records.Edit | None:
    """One record's change inside the caller's transaction, as the Edit that `records.revert` takes back."""
    model = records.model_for(kind)
    current = s.get(model, key)
    before = {name: getattr(current, name) for name in changes} if current is not None else {}
    version = getattr(current, "version", None)
    records.change(s, who, model, key, changes, expected_version=expected_version)
    if current is None or all(before[name] == value for name, value in changes.items()):
        return None
    return records.Edit(kind, key, before, dict(changes), None, None, None if version is None else version + 1)


def prefer_date_option(ws: Workspace, option_id: int, expected_version: int | None = None) -> list[records.Edit]:
    """Mark one date option the preferred one (and no other of its bid), in one transaction; the edits made,
    for undo."""
    ws.check_writable()
    with ws.session() as s:
        chosen = s.get(m.DateOption, option_id)
        if chosen is None:
            raise NotFound(_("The date option was deleted by someone else; reload to see the current data."))
        options = list(s.exec(select(m.DateOption).where(m.DateOption.bid_id == chosen.bid_id)))
        edits = []
        for option in options:
            wanted = option.id == option_id
            if option.preferred != wanted:
                version = expected_version if wanted else option.version
                edit = _edit_in(s, ws.user, "date_option", option.id, {"preferred": wanted}, version)
                if edit is not None:
                    edits.append(edit)
        return edits


UNSEEN = object()


def set_availability(ws: Workspace, venue_id: int, option_id: int, available: bool, *, seen_version=UNSEEN):
    """Say whether a venue can host the event on a date option; returns ("added", key) for a new answer or
    ("edited", Edit) for a changed one (what undo takes back).

    `seen_version` is the version of the answer the person looked at, None when they saw no answer: a change
    made against an answer someone has changed, or given, since is refused like any stale save."""
    with ws.session() as s:
        venue, option = s.get(m.Venue, venue_id), s.get(m.DateOption, option_id)
        if venue is None or option is None or venue.bid_id != option.bid_id:
            raise NotFound(_("The venue or the date option was deleted by someone else; reload to see the "
                             "current data."))
        known = s.get(m.VenueAvailability, (venue_id, option_id)) is not None
    key = (venue_id, option_id)
    if known:
        expected = None if seen_version is UNSEEN else seen_version
        if seen_version is None:
            expected = 0  # someone gave an answer since it was seen: no saved answer is at version 0, so the
            # records service refuses it and says who answered and when
        _record, edit = records.edit(ws, "venue_availability", key, {"available": available},
                                     expected_version=expected)
        return "edited", edit
    records.add(ws, "venue_availability", {"venue_id": venue_id, "date_option_id": option_id,
                                           "available": available})
    return "added", key


def _key_for(name: str, taken: set[str]) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:50] or "criterion"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def add_criterion(ws: Workspace, bid_id: int, values: dict) -> m.Criterion:
    """A new venue criterion, last in the order, its key made from its English name (unique in the bid)."""
    names = {}
    for field in ("name_sv", "name_en"):
        names[field] = str(values.get(field) or "").strip()
    if not names["name_en"] and not names["name_sv"]:
        raise ValidationError({"name_en": _("Give the criterion a name, in English or Swedish.")})
    names["name_en"] = names["name_en"] or names["name_sv"]
    names["name_sv"] = names["name_sv"] or names["name_en"]
    existing = records.list_records(ws, "criterion", bid_id)
    key = _key_for(names["name_en"], {c.key for c in existing})
    position = max((c.position for c in existing), default=-1) + 1
    return records.add(ws, "criterion", {**values, **names, "bid_id": bid_id, "key": key, "position": position})


def move_criterion(ws: Workspace, criterion_id: int, step: int, expected_version: int | None = None
                   ) -> list[records.Edit]:
    """Move a criterion one place up (step -1) or down (+1) in its bid's order, in one transaction; the edits
    made, for undo (none when it is already first or last)."""
    ws.check_writable()
    with ws.session() as s:
        moving = s.get(m.Criterion, criterion_id)
        if moving is None:
            raise NotFound(_("The criterion was deleted by someone else; reload to see the current data."))
        ordered = list(s.exec(select(m.Criterion).where(m.Criterion.bid_id == moving.bid_id)
                              .order_by(m.Criterion.position, m.Criterion.id)))
        index = [c.id for c in ordered].index(criterion_id)
        target = index + step
        if not 0 <= target < len(ordered):
            return []
        ordered[index], ordered[target] = ordered[target], ordered[index]
        wanted = {c.id: (position, c.version) for position, c in enumerate(ordered)}
        edits = []
        for criterion in list(ordered):
            position, version = wanted[criterion.id]
            if criterion.position != position:
                version = expected_version if criterion.id == criterion_id and expected_version else version
                edit = _edit_in(s, ws.user, "criterion", criterion.id, {"position": position}, version)
                if edit is not None:
                    edits.append(edit)
        return edits
