"""User-visible messages from the domain: an English text marked with N_ plus its parameters.

The domain knows no locale. A parameter that is a tuple holds names to list: N_-marked messages or stored
values (the `TextKey` of each missing dossier text, say); `render` passes each to `translate` and lists them,
so a caller's `translate` names a stored value by its label. Names of people and partners are passed as
plain strings. A caller translates `message.text` with `planner.i18n._` and fills in the parameters,
formatting money and dates its own way:

    text = message.render(_, format_value=lambda v: format_money(v) if isinstance(v, Money) else str(v))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, eq=True)
class Message:
    """An untranslated message id (English text with `{placeholders}`) and the values to put in."""

    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(
        self,
        translate: Callable[[str], str] = lambda s: s,
        format_value: Callable[[Any], str] = str,
    ) -> str:
        def value(v: Any) -> str:
            if isinstance(v, tuple):  # a tuple holds names (or messages, rendered alike): translate each, list them
                return "; ".join(item.render(translate, format_value) for item in v) \
                    if v and all(isinstance(item, Message) for item in v) \
                    else ", ".join(translate(item) for item in v)
            return format_value(v)

        return translate(self.text).format(**{k: value(v) for k, v in self.params.items()})

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "params": dict(self.params)}

    def __hash__(self) -> int:  # params may hold unhashable values; the text is enough to spread buckets
        return hash(self.text)


class DomainError(ValueError):
    """A planning rule refused its input; `message` says what and where, for the user."""

    def __init__(self, text: str, **params: Any) -> None:
        self.message = Message(text, params)
        super().__init__(self.message.render())
