"""Errors every front end shows to the user as they are: one line (or one line per field) saying what to do."""

from __future__ import annotations

from datetime import datetime

from planner.errors import PlannerError

__all__ = ["ConflictError", "NeedsConfirmation", "NotFound", "PlannerError", "ValidationError"]


class NotFound(PlannerError):
    pass


class ValidationError(PlannerError):
    """Input that breaks a rule; `errors` maps each field (or path) to what is wrong with it."""

    exit_code = 2

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


class ConflictError(PlannerError):
    """Someone else saved (or deleted) the same record since it was read; nothing was overwritten.

    `who` and `when` say whose change it was, as far as the record or the audit log knows.
    """

    def __init__(self, message: str, *, who: str = "", when: datetime | None = None):
        super().__init__(message)
        self.who = who
        self.when = when


class NeedsConfirmation(PlannerError):
    """The action would remove more than asked (a partner's commitments); ask, then call again with force."""
