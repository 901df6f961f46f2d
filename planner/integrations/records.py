"""The plain speaker record every speaker source (pretalx, Sessionize, a CSV file) hands to the import service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """One person as another system describes them; `source_id` is that system's own id for the person."""

    source: str  # an ImportSource value: pretalx, sessionize, csv
    source_id: str
    display_name: str
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""
    email: str = ""
    bio: str = ""  # Markdown as the source wrote it
    avatar_url: str = ""
    talk_titles: tuple[str, ...] = ()
    state: str = ""  # the source's own word for the talk state (confirmed, accepted, submitted ...)
    phone: str = ""
    role: str = ""  # the person's own line about themselves (Sessionize's tag line: "CTO, Gävle Tech AB")
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RoomRecord:
    """A room of another system's event."""

    source_id: str
    name: str
    capacity: int = 0


@dataclass(frozen=True, slots=True)
class TalkRecord:
    """A talk (pretalx submission, Sessionize session): its text, its state and, when the schedule has it,
    its room and time (the event's own time)."""

    code: str
    title: str
    abstract: str = ""
    duration: int = 0  # minutes
    state: str = ""
    kind: str = ""  # the system's name for its type (Talk, Workshop ...)
    speaker_codes: tuple[str, ...] = ()
    room_id: str | None = None
    start: datetime | None = None
    end: datetime | None = None


def split_name(full_name: str) -> tuple[str, str]:
    """Given and family name from a one-field name: the last word is the family name ('Anna Lind' -> Anna, Lind).

    Names with particles keep them with the family name ('Ludwig van Beethoven' -> Ludwig, van Beethoven).
    """
    words = full_name.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    particles = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "af", "av", "zu", "ter", "ten"}
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in particles:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def pick_language(value: object, lang: str, fallbacks: tuple[str, ...] = ("en", "sv")) -> str:
    """A text from a plain string or a multilingual {"en": ..., "sv": ...}: the wanted language, else a fallback.

    The fallback order is the asked language, then English, then Swedish, then any non-empty text.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        wanted = [lang, lang.split("-")[0].split("_")[0], *fallbacks]
        for code in wanted:
            text = value.get(code)
            if isinstance(text, str) and text.strip():
                return text
        for key in sorted(value, key=str):  # sorted: the same choice every time
            text = value[key]
            if isinstance(text, str) and text.strip():
                return text
        return ""
    return str(value)
