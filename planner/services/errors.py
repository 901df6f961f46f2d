"""Errors every front end shows to the user as they are: one line (or one line per field) saying what to do."""

from __future__ import annotations


class PlannerError(Exception):
    """A user-facing failure: the message is already translated and says what to do."""

    exit_code = 1


class NotFound(PlannerError):
    pass


class ValidationError(PlannerError):
    """Input that breaks a rule; `errors` maps each field (or path) to what is wrong with it."""

    exit_code = 2

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class ConflictError(PlannerError):
    """Someone else saved the same record since it was read; nothing was overwritten."""

    def __init__(self, message: str, *, who: str = "", changed: dict | None = None):
        super().__init__(message)
        self.who = who
        self.changed = changed or {}


class NeedsConfirmation(PlannerError):
    """The action would remove more than asked (a partner's commitments); ask, then call again with force."""
