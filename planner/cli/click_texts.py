"""Typer's and Click's own words (Usage, Options, "Show this message and exit.", "Invalid value for ...",
"Missing option ...") in the user's language, from planner's own catalog.

The Click inside Typer writes most of them as plain English strings and Typer passes the rest through the
standard library's gettext domain, which planner does not use. So the help pages are written by a
formatter that translates the headings, the usage prefix and the bracketed notes ([default: 3], [required]),
every command's context makes that formatter, and a usage mistake is worded again from the parts Click keeps
on its exception (the parameter, its kind, the possibilities), not from Click's English sentence.
"""

from __future__ import annotations

import re

import typer

from planner.i18n import N_, _

# What Typer and Click print, as message ids (their English is the id).
USAGE = N_("Usage: ")
HEADINGS = {"Options": N_("Options"), "Commands": N_("Commands"), "Arguments": N_("Arguments")}
HELPS = {
    "Show this message and exit.": N_("Show this message and exit."),
    "Install completion for the current shell.": N_("Install completion for the current shell."),
    "Show completion for the current shell, to copy it or customize the installation.":
        N_("Show completion for the current shell, to copy it or customize the installation."),
}
DEFAULT = N_("default: {default}")
REQUIRED = N_("required")
INVALID_FOR = N_("Invalid value for {hint}: {message}")
INVALID = N_("Invalid value: {message}")
MISSING = {"option": N_("Missing option {hint}."), "argument": N_("Missing argument {hint}."),
           "parameter": N_("Missing parameter {hint}.")}
NO_OPTION = N_("No such option: {name}")
POSSIBLE = N_("(Possible options: {options})")
NO_COMMAND = N_("No such command {name}.")
MISSING_COMMAND = N_("Missing command.")
EXTRA_ARGS = N_("Got unexpected extra arguments ({args})")
NEEDS_VALUE = N_("Option {name} requires an argument.")
TAKES_NO_VALUE = N_("Option {name} does not take a value.")

_NOTE = re.compile(r"\[([^\[\]]*)\]$")


def _note(text: str) -> str:
    """A help row's bracketed note ('[default: 3; required]') in the current language."""
    match = _NOTE.search(text)
    if not match:
        return text
    parts = []
    for part in match.group(1).split("; "):
        if part.startswith("default: "):
            part = _(DEFAULT).format(default=part[len("default: "):])
        elif part == "required":
            part = _(REQUIRED)
        parts.append(part)
    return text[:match.start()] + "[" + "; ".join(parts) + "]"


class _Formatter(typer.Context.formatter_class):  # Click's HelpFormatter, as Typer's public Context names it
    """Click's help formatter, writing Click's and Typer's words in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(HEADINGS[heading]) if heading in HEADINGS else heading)

    def write_dl(self, rows, *args, **kwargs) -> None:
        rows = [(term, _note(_(HELPS[text]) if text in HELPS else text)) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class PlannerContext(typer.Context):
    """Every command's context: its help is written by the translating formatter."""

    formatter_class = _Formatter


def use_translated_texts(command) -> None:
    """Give a command (and, through localise, every command of the tree) the translating context."""
    command.context_class = PlannerContext


def _hint(exc) -> str | None:
    hint = getattr(exc, "param_hint", None)
    if hint is None and getattr(exc, "param", None) is not None:
        hint = exc.param.get_error_hint()
    if hint is None:
        return None
    if isinstance(hint, str):
        return hint
    return " / ".join(repr(h) for h in hint)


_NO_SUCH_COMMAND = re.compile(r"No such command (.+)\.$", re.S)
_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((.*)\)$", re.S)
_REQUIRES = re.compile(r"Option (.+) requires an argument\.$", re.S)
_NO_VALUE = re.compile(r"Option (.+) does not take a value\.$", re.S)


def message_of(exc) -> str:
    """A usage mistake Click raised, worded in the current language."""
    kind = type(exc).__name__
    if kind == "MissingParameter":
        hint = _hint(exc)
        param_type = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        text = _(MISSING.get(param_type, MISSING["parameter"])).format(hint=hint or "")
        return f"{text} {exc.message}".strip() if exc.message else text
    if kind == "BadParameter":
        hint = _hint(exc)
        if hint is None:
            return _(INVALID).format(message=exc.message)
        return _(INVALID_FOR).format(hint=hint, message=exc.message)
    if kind == "NoSuchOption":
        text = _(NO_OPTION).format(name=exc.option_name)
        if exc.possibilities:
            text += " " + _(POSSIBLE).format(options=", ".join(sorted(exc.possibilities)))
        return text
    message = exc.format_message()
    if message == "Missing command.":
        return _(MISSING_COMMAND)
    for pattern, make in ((_NO_SUCH_COMMAND, lambda m: _(NO_COMMAND).format(name=m.group(1))),
                          (_EXTRA, lambda m: _(EXTRA_ARGS).format(args=m.group(1))),
                          (_REQUIRES, lambda m: _(NEEDS_VALUE).format(name=m.group(1))),
                          (_NO_VALUE, lambda m: _(TAKES_NO_VALUE).format(name=m.group(1)))):
        found = pattern.match(message)
        if found:
            return make(found)
    return message
