"""The one way the integrations talk HTTP: a client with timeouts and connection retries, and one-line errors.

Every client is built by `make_client` (timeouts always set, connection attempts retried by httpx's
transport) and every request goes through `get`, which turns each way a request can fail into an
`IntegrationError` with a translated one-line message. Tokens travel in headers only and never appear in
a message: messages name the service, the host and at most the path.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from planner.i18n import _
from planner.integrations.errors import IntegrationError as IntegrationError  # raised here, defined apart

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
CONNECT_RETRIES = 2
RETRY_AFTER_CAP = 30.0  # seconds; a server asking for longer is reported instead of waited for
RETRY_AFTER_DEFAULT = 2.0
MAX_BODY_BYTES = 50 * 1024 * 1024
TOTAL_DEADLINE = 90.0  # seconds for a whole answer, so a server dripping bytes cannot keep us waiting
USER_AGENT = "planner (conference bid planner)"


def make_client(
    *,
    timeout: httpx.Timeout | float | None = None,
    retries: int = CONNECT_RETRIES,
    transport: httpx.BaseTransport | None = None,
    headers: Mapping[str, str] | None = None,
) -> httpx.Client:
    """An httpx client with timeouts, connection retries and our User-Agent; the caller closes it."""
    all_headers = {"User-Agent": USER_AGENT}
    all_headers.update(headers or {})
    return httpx.Client(
        transport=transport or httpx.HTTPTransport(retries=retries),
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        headers=all_headers,
        follow_redirects=True,
    )


def retry_after_seconds(value: str | None, *, cap: float = RETRY_AFTER_CAP, now: datetime | None = None) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), never negative, never above cap."""
    if not value:
        return min(RETRY_AFTER_DEFAULT, cap)
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return min(RETRY_AFTER_DEFAULT, cap)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds:  # NaN
        seconds = RETRY_AFTER_DEFAULT
    return max(0.0, min(seconds, cap))


def _where(url: httpx.URL | str) -> tuple[str, str]:
    parsed = httpx.URL(str(url))
    return parsed.host or str(url), parsed.path or "/"


def _timeout_seconds(client: httpx.Client) -> str:
    read = client.timeout.read
    return f"{read:g}" if read is not None else "?"


def get(
    client: httpx.Client,
    url: str,
    *,
    service: str,
    params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    rate_limit_waits: int = 0,
    retry_after_cap: float = RETRY_AFTER_CAP,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """GET a URL, waiting out up to `rate_limit_waits` HTTP 429 answers; any failure is an IntegrationError."""
    try:
        request_url = httpx.URL(url, params=params) if params else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise IntegrationError(
            "refused", _("{service}: {url} is not a web address. Check the address and try again.").format(
                service=service, url=url)
        ) from None
    host, path = _where(request_url)
    waits = 0
    while True:
        try:
            response = _download(client, request_url, headers, service=service, host=host, path=path)
        except httpx.TimeoutException:
            raise IntegrationError("timeout", _(
                "{service} ({host}) did not answer within {seconds} seconds. Try again later."
            ).format(service=service, host=host, seconds=_timeout_seconds(client))) from None
        except httpx.ConnectError:
            raise IntegrationError("network", _(
                "Could not connect to {service} at {host}: no network, or the address is wrong."
            ).format(service=service, host=host)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError):
            raise IntegrationError("dropped", _(
                "{service} ({host}) closed the connection before answering. Try again later."
            ).format(service=service, host=host)) from None
        except httpx.UnsupportedProtocol:
            raise IntegrationError("refused", _(
                "{service}: {url} is not a web address. Check the address and try again."
            ).format(service=service, url=url)) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise IntegrationError("network", _(
                "Could not reach {service} at {host} ({problem})."
            ).format(service=service, host=host, problem=type(exc).__name__)) from None
        status = response.status_code
        if status == 429:
            wait = retry_after_seconds(response.headers.get("Retry-After"), cap=float("inf"))
            if waits < rate_limit_waits and wait <= retry_after_cap:
                waits += 1
                sleep(wait)
                continue
            raise IntegrationError("rate_limited", _(
                "{service} ({host}) is limiting requests (HTTP 429). Wait a few minutes and try again."
            ).format(service=service, host=host))
        if status >= 500:
            raise IntegrationError("server", _(
                "{service} ({host}) has a problem of its own (HTTP {status}). Try again later."
            ).format(service=service, host=host, status=status), status=status, body=response.content)
        if status in (401, 403):
            raise IntegrationError("auth", _(
                "{service} ({host}) refused access (HTTP {status}). Check the API token and its permissions."
            ).format(service=service, host=host, status=status), status=status, body=response.content)
        if status == 404:
            raise IntegrationError("not_found", _(
                "{service} ({host}) has nothing at {path} (HTTP 404). Check the address and the event name."
            ).format(service=service, host=host, path=path), status=status, body=response.content)
        if not 200 <= status < 300:
            raise IntegrationError("http", _(
                "{service} ({host}) answered HTTP {status} for {path}."
            ).format(service=service, host=host, status=status, path=path), status=status, body=response.content)
        return response


def _download(client: httpx.Client, url: httpx.URL, headers: Mapping[str, str] | None, *, service: str,
              host: str, path: str) -> httpx.Response:
    """The whole answer, read within TOTAL_DEADLINE and MAX_BODY_BYTES (both checked while reading)."""
    started = time.monotonic()
    with client.stream("GET", url, headers=headers) as streamed:
        chunks: list[bytes] = []
        size = 0
        for chunk in streamed.iter_bytes():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise IntegrationError("format", _(
                    "{service} ({host}) sent an answer far larger than expected for {path}."
                ).format(service=service, host=host, path=path))
            if time.monotonic() - started > TOTAL_DEADLINE:
                raise IntegrationError("timeout", _(
                    "{service} ({host}) sent its answer too slowly (more than {seconds} seconds in all). "
                    "Try again later."
                ).format(service=service, host=host, seconds=f"{TOTAL_DEADLINE:g}"))
            chunks.append(chunk)
    kept = [(k, v) for k, v in streamed.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
    return httpx.Response(streamed.status_code, headers=kept, content=b"".join(chunks), request=streamed.request)


def json_body(response: httpx.Response, *, service: str) -> Any:
    """The decoded JSON of an answer, or an IntegrationError saying the answer was not JSON."""
    host, path = _where(response.request.url)
    try:
        text = response.content.decode(response.encoding or "utf-8")
        return json.loads(text.removeprefix("\ufeff"))  # a byte order mark some servers put first
    except (UnicodeDecodeError, json.JSONDecodeError, LookupError):
        raise IntegrationError("format", _(
            "{service} ({host}) did not answer with JSON at {path}. Check the address."
        ).format(service=service, host=host, path=path)) from None
