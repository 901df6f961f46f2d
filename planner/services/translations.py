"""The printed texts of a bid's records in both languages: which fields carry a translation, the text a
dossier in one language prints, the bundle as a dossier in one language reads it, and what is untranslated.

A record's field holds its text in the bid's content language (`bid.content_locale`); its `translations`
hold the same text in other languages, {field: {locale: text}}. A dossier in a language prints the
translation into it where there is one, else the field as written. A task made from the standard timeline
and never renamed prints the template's title in the dossier's language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from planner.domain.timeline import TEMPLATE_TITLES
from planner.i18n import N_, SUPPORTED_LOCALES, _, translate
from planner.services.light import name_field, translatable

LANGUAGE_NAMES = {"sv": N_("Swedish"), "en": N_("English")}
# the bundle's lists whose records carry translations (BidBundle attribute -> table); what the models say of
# them is read from the light read's description, which a test keeps equal to the models, so the engines can
# ask this of rows read without the ORM
TRANSLATED_ROWS = {"date_options": "date_option", "venues": "venue", "accommodation": "accommodation_block",
                   "speakers": "speaker", "sessions": "programme_session", "commitments": "commitment",
                   "tasks": "task", "team": "team_member"}


def _is_task(record: Any) -> bool:
    return getattr(record, "__tablename__", None) == "task"


def fields(kind: str) -> tuple[str, ...]:
    """The fields of a kind of record that carry a translation (empty for a kind without)."""
    return translatable(kind)


def other_locale(content_locale: str | None) -> str:
    """The language a bid's records are translated into: the one they are not written in."""
    return next((lang for lang in SUPPORTED_LOCALES if lang != (content_locale or "sv")), "en")


def language_name(locale: str) -> str:
    """'English' for en (in the current language)."""
    return _(LANGUAGE_NAMES.get(locale, locale))


def split_key(name: str) -> tuple[str, str] | None:
    """('title', 'en') for 'title.en'; None for a name that is not a field and a language."""
    field, dot, locale = name.rpartition(".")
    return (field, locale) if dot and field and locale else None


def translation(record: Any, field: str, locale: str) -> str:
    """The stored translation of one field into a language ('' when there is none)."""
    texts = (getattr(record, "translations", None) or {}).get(field) or {}
    value = texts.get(locale) if isinstance(texts, dict) else None
    return value if isinstance(value, str) else ""


def merged(current: dict | None, updates: dict[tuple[str, str], str]) -> dict:
    """A record's translations with some set ({(field, locale): text}); an empty text removes one."""
    out = {name: dict(texts) for name, texts in (current or {}).items() if isinstance(texts, dict)}
    for (field, locale), text in updates.items():
        text = (text or "").strip()
        if text:
            out.setdefault(field, {})[locale] = text
        else:
            out.get(field, {}).pop(locale, None)
    return {name: texts for name, texts in out.items() if texts}


def template_title(task: Any, locale: str) -> str | None:
    """A task of the standard timeline that keeps its template title, in `locale`; None for a renamed one."""
    message = TEMPLATE_TITLES.get(getattr(task, "template_key", "") or "")
    if message is None:
        return None
    as_made = {message, *(translate(lang, message) for lang in SUPPORTED_LOCALES)}
    return translate(locale, message) if task.title.strip() in as_made else None


def text_in(record: Any, field: str, locale: str) -> str:
    """The text of one field a dossier in `locale` prints: its translation, else the field as written."""
    found = translation(record, field, locale)
    if found.strip():
        return found
    if field == "title" and _is_task(record):
        return template_title(record, locale) or record.title
    return getattr(record, field) or ""


def localized(bundle, locale: str):
    """The bundle as a dossier in `locale` reads it: every translatable text in that language (copies; the
    records themselves are left alone)."""
    changed = {}
    for attribute, table in TRANSLATED_ROWS.items():
        names = translatable(table)
        changed[attribute] = [row.model_copy(update={f: text_in(row, f, locale) for f in names})
                              for row in getattr(bundle, attribute)]
    return replace(bundle, **changed)


def untranslated(bundle) -> dict[str, list[str]]:
    """{language: the printed texts not in it}, each named 'Session “Welcome”: title'; the records' texts are
    in the bid's content language, so only the other language can lack them."""
    from planner.i18n.names import field_label, table_label

    target = other_locale(getattr(bundle.bid, "content_locale", "sv"))
    missing: list[str] = []
    for attribute, table in TRANSLATED_ROWS.items():
        naming = name_field(table)
        for row in getattr(bundle, attribute):
            for field in translatable(table):
                if not (getattr(row, field) or "").strip() or translation(row, field, target).strip():
                    continue
                if field == "title" and _is_task(row) and template_title(row, target):
                    continue
                name = (getattr(row, naming, "") if naming else "") or str(getattr(row, "start_date", row.id))
                missing.append(_("{record} “{name}”: {field}").format(
                    record=table_label(table), name=" ".join(str(name).split())[:60],
                    field=field_label(field).lower()))
    bid = bundle.bid
    for field in translatable("bid"):  # the bid's own: the signatory's title
        if (getattr(bid, field, "") or "").strip() and not translation(bid, field, target).strip():
            missing.append(_("{record} “{name}”: {field}").format(
                record=table_label("bid"), name=" ".join(str(bid.conference).split())[:60],
                field=field_label(field).lower()))
    out: dict[str, list[str]] = {lang: (list(missing) if lang == target else []) for lang in SUPPORTED_LOCALES}
    # a criterion carries a name in each language of its own (name_sv, name_en); one typed in a single language
    # is saved with the same name in both, so the same name in both counts as not translated into the other
    for criterion in bundle.criteria:
        names = {lang: " ".join((getattr(criterion, f"name_{lang}", "") or "").split()) for lang in SUPPORTED_LOCALES}
        if not any(names.values()):
            continue
        shown = names.get(other_locale(target)) or next(name for name in names.values() if name)
        same = len({name.casefold() for name in names.values()}) == 1
        for lang, name in names.items():
            if not name or (same and lang == target):
                out[lang].append(_("{record} “{name}”: {field}").format(
                    record=table_label("criterion"), name=shown[:60], field=_("name")))
    return out
