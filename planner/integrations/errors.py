"""The one error every integration raises, apart from the HTTP client so that reading a file of rates
(the shipped ECB seed) needs no network library."""

from __future__ import annotations


class IntegrationError(Exception):
    """A failure talking to another system, told in one line; `kind` says which sort for callers and tests.

    Kinds: network, timeout, dropped, rate_limited, server, auth, not_found, http, format, refused.
    """

    def __init__(self, kind: str, message: str, *, status: int | None = None, body: bytes = b"") -> None:
        super().__init__(" ".join(message.split()))
        self.kind = kind
        self.status = status  # the HTTP status of a refusing answer, for a caller that can say more
        self.body = body[:2000]  # the start of that answer's body

    @property
    def message(self) -> str:
        return str(self)
