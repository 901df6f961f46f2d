"""The one root of the program's own errors, which every front end catches (database failures included).

It lives at the top of the package, importing nothing, so the store (`DatabaseError`) and the services
(`ValidationError`, `ConflictError` ...) both derive from it without importing each other.
"""

from __future__ import annotations


class PlannerError(Exception):
    """A user-facing failure: the message is already translated and says what to do."""

    exit_code = 1
