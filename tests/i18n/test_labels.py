"""The one label table: every stored value named once, in both languages, asked for by every front end."""

from __future__ import annotations

import ast
import inspect
from enum import Enum, StrEnum
from pathlib import Path

import pytest

import planner
from planner.domain import enums as e
from planner.i18n import _, translate, use_locale
from planner.i18n import labels as labels_module
from planner.i18n.labels import LABELS, AmbiguousValueError, choices, label, message
from planner.i18n.names import ACTIONS, FIELDS, TABLES, action_label, field_label, table_label

STORED_ENUMS = [obj for _name, obj in inspect.getmembers(e, inspect.isclass)
                if issubclass(obj, StrEnum) and obj is not StrEnum and obj.__module__ == e.__name__]
# Names that are the same word in Swedish (proper names, loan words).
SAME_IN_SWEDISH = {"pretalx", "Sessionize", "Panel", "Partner", "Region", "Workshop", "Organisation"}
PACKAGE = Path(planner.__file__).parent


def test_the_enums_are_found():
    assert {e.BidStatus, e.LetterStatus, e.SessionKind, e.RateSource, e.TextKey} <= set(STORED_ENUMS)


@pytest.mark.parametrize("enum", STORED_ENUMS, ids=lambda enum: enum.__name__)
def test_every_stored_value_has_exactly_one_name(enum):
    names = LABELS.get(enum)
    assert names is not None, f"{enum.__name__} has no names in planner/i18n/labels.py"
    missing = [member for member in enum if not names.get(member)]
    assert missing == [], f"{enum.__name__} members without a name: {missing}"
    strangers = [key for key in names if not isinstance(key, enum)]
    assert strangers == [], f"{enum.__name__}'s names are keyed by members of another enum: {strangers}"


def test_the_table_holds_only_the_stored_enums():
    assert set(LABELS) == set(STORED_ENUMS)


@pytest.mark.parametrize("enum", STORED_ENUMS, ids=lambda enum: enum.__name__)
def test_every_name_is_translated_into_swedish(enum):
    untranslated = [member for member in enum
                    if translate("sv", message(member)) == message(member) and message(member) not in SAME_IN_SWEDISH]
    assert untranslated == []


def test_label_takes_a_member_a_value_with_its_enum_or_a_value_alone():
    assert label(e.BidStatus.DRAFT) == "Draft"
    assert label("per_attendee", e.Basis) == "Per attendee"
    assert label("pledged") == "Pledged"
    with use_locale("sv"):
        assert label(e.BidStatus.DRAFT) == "Utkast"
        assert label("per_attendee", e.Basis) == "Per deltagare"
        assert label(e.CommitmentStatus.PLEDGED) == "Utlovat"
    assert label(None) == ""
    assert label("no_such_value") == "no_such_value"
    assert label("draft", e.Basis) == "draft"  # a value the named enum does not have is shown as it is


def test_a_member_is_named_by_its_own_enum_whatever_the_value():
    # "accommodation" is only a budget category; the budget category is "Logi", the hotels are "Boende"
    with use_locale("sv"):
        assert label(e.BudgetCategory.ACCOMMODATION) == "Logi"
        assert label("accommodation", e.BudgetCategory) == "Logi"
        assert _("Accommodation") == "Boende"
        assert label(e.LineKind.INCOME) == "Intäkt"
        assert _("Income") == "Intäkter"


def test_a_value_two_enums_share_has_one_name_so_the_value_alone_is_enough():
    shared: dict[str, set[type[Enum]]] = {}
    for enum in STORED_ENUMS:
        for member in enum:
            shared.setdefault(member.value, set()).add(enum)
    for value, enums in shared.items():
        if len(enums) > 1:
            names = {(getattr(message(value, enum), "context", None), message(value, enum)) for enum in enums}
            assert len(names) == 1, f"{value!r} is named {names} by {enums}: pass the enum to label()"
            assert label(value) == label(value, next(iter(enums)))


def test_a_value_two_enums_name_differently_needs_its_enum(monkeypatch):
    monkeypatch.setitem(labels_module._BY_VALUE, "other", ("Other", "Something else"))
    with pytest.raises(AmbiguousValueError, match="'other'"):
        label("other")
    assert label("other", e.RoomKind) == "Other"
    assert label(e.PartnerKind.OTHER) == "Other"


def test_letters_and_session_kinds_read_the_same_everywhere():
    """The terminal UI, the dossier, the CSV reader and the command line all ask this one table."""
    from planner.cli import listing
    from planner.dossier import figures, sections
    from planner.interchange import csvrows
    from planner.tui.screens import partners, programme

    for module in (partners, programme, figures, sections, listing, csvrows):
        assert module.label is label, module.__name__
    with use_locale("sv"):
        assert [label(s) for s in e.LetterStatus] == ["Inget brev", "Begärt", "Mottaget"]
        assert label(e.SessionKind.SOCIAL) == "Socialt evenemang"


def test_choices_for_a_select_are_in_the_enums_order():
    with use_locale("sv"):
        assert choices(e.Scenario) == [("Lågt", "low"), ("Förväntat", "expected"), ("Högt", "high")]


def test_no_other_module_keeps_a_table_of_names_for_stored_values():
    """A dict from the values of one enum to marked messages outside planner/i18n is a second label table."""
    values = {enum: {m.value for m in enum} for enum in STORED_ENUMS}
    members = {enum.__name__: {m.name for m in enum} for enum in STORED_ENUMS}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "i18n" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict) or len(node.keys) < 2:
                continue
            marked = all(isinstance(v, ast.Call) and getattr(v.func, "id", "") in ("N_", "PN_") for v in node.values)
            if not marked:
                continue
            keys = [_key_of(k) for k in node.keys]
            by_value = any(all(k is not None and k in vals for k in keys) for vals in values.values())
            by_member = any(all(k is not None and k in names for k in keys) for names in members.values())
            if by_value or by_member:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == [], "name stored values in planner/i18n/labels.py, not here: " + ", ".join(found)


def _key_of(node) -> str | None:
    """'draft' for "draft", TextKey.SUMMARY and TextKey.SUMMARY.value alike: 'summary' / 'SUMMARY'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_the_audit_logs_words_are_named_in_one_place():
    assert table_label("budget_line") == "Budget line"
    assert table_label("accommodation_block") == "Accommodation"
    assert table_label("some_new_table") == "some new table"
    assert field_label("cost_note") == "Cost note"
    assert field_label("travel_minor") == "Travel"
    assert action_label("update") == "changed"
    assert action_label("merge") == "merge"
    with use_locale("sv"):
        assert table_label("accommodation_block") == "Boende"
        assert field_label("depends_on_id") == "Väntar på"
        assert action_label("restore") == "återställde"
        untranslated = [msg for msg in (*TABLES.values(), *FIELDS.values(), *ACTIONS.values())
                        if _(msg) == msg and msg not in SAME_IN_SWEDISH | {"Status", "Text"}]
    assert untranslated == []


def test_readiness_names_missing_texts_by_their_labels(tmp_path):
    from planner.domain.readiness import ReadinessInputs, readiness
    from planner.services.planning import render

    texts = {(key.value, lang): "text" for key in e.TextKey for lang in ("sv", "en")}
    texts.pop(("host_city", "sv"))
    texts.pop(("host_city", "en"))
    texts.pop(("legacy", "en"))
    inputs = ReadinessInputs(texts=texts)
    item = next(i for i in readiness(inputs).items if i.key == "texts")
    assert render(item.reason) == "Missing texts: Host city."
    with use_locale("sv"):
        assert render(item.reason) == "Texter som saknas: Värdstad."
