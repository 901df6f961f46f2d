"""Speakers and their talks from a pretalx event (REST API v2, v1 answers accepted), as SpeakerRecords.

Reads `/api/events/{event}/speakers/` and `/api/events/{event}/submissions/`, following `next` pages
(only on the same host, so a token never travels elsewhere) and waiting out HTTP 429 as `Retry-After` asks,
up to a cap. The token comes from the caller or `PLANNER_PRETALX_TOKEN` and goes into the Authorization
header only; it is never logged, stored or put in a message. Multilingual fields ({"en": ..., "sv": ...})
are read in the requested language with a fallback; biographies stay Markdown text.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from planner.i18n import _
from planner.integrations.http import RETRY_AFTER_CAP, IntegrationError, get, json_body, make_client
from planner.integrations.records import SpeakerRecord, pick_language, split_name

SERVICE = "pretalx"
TOKEN_ENV = "PLANNER_PRETALX_TOKEN"
MAX_PAGES = 500
RATE_LIMIT_WAITS = 5

# Best first: a speaker with several talks gets the state of the most advanced one.
STATE_ORDER = ("confirmed", "accepted", "submitted", "draft", "rejected", "withdrawn", "canceled", "cancelled", "deleted")
ORGANISATION_QUESTIONS = ("organisation", "organization", "company", "affiliation", "employer", "företag", "arbetsgivare")


def event_api_url(base_url: str, event: str) -> str:
    """`https://pretalx.example/api/events/<event>/` from the instance address in any of its usual forms."""
    root = base_url.strip().rstrip("/")
    if "/api/events/" in root + "/":
        root = (root + "/").split("/api/events/")[0]
    elif root.endswith("/api"):
        root = root[: -len("/api")]
    slug = event.strip().strip("/")
    if not slug or "/" in slug:
        raise IntegrationError("refused", _("pretalx: {event!r} is not an event name (the short name in the event's address).").format(event=event))
    return f"{root}/api/events/{slug}/"


def token_from_env(variable: str = TOKEN_ENV) -> str | None:
    value = os.environ.get(variable, "").strip()
    return value or None


def _pages(
    client: httpx.Client, url: str, *, headers: dict[str, str], sleep: Callable[[float], None],
    retry_after_cap: float,
) -> Iterator[dict[str, Any]]:
    """Every result of a paginated pretalx list, following `next` on the same host."""
    origin = httpx.URL(url)
    seen: set[str] = set()
    next_url: str | None = url
    pages = 0
    while next_url:
        if next_url in seen or pages >= MAX_PAGES:
            raise IntegrationError("format", _(
                "pretalx ({host}) keeps sending more pages; stopped after {pages}."
            ).format(host=origin.host, pages=pages))
        seen.add(next_url)
        target = httpx.URL(next_url)
        if target.host != origin.host or target.port != origin.port:
            raise IntegrationError("refused", _(
                "pretalx ({host}) pointed the next page to another server ({other}); stopped so the token stays private."
            ).format(host=origin.host, other=target.host))
        if target.scheme != origin.scheme:  # a proxy that reports http behind https
            target = target.copy_with(scheme=origin.scheme)
        response = get(client, str(target), service=SERVICE, headers=headers, rate_limit_waits=RATE_LIMIT_WAITS,
                       retry_after_cap=retry_after_cap, sleep=sleep)
        body = json_body(response, service=SERVICE)
        pages += 1
        if isinstance(body, list):  # an unpaginated list
            results, next_url = body, None
        elif isinstance(body, dict) and isinstance(body.get("results"), list):
            results, next_url = body["results"], body.get("next") or None
        else:
            raise IntegrationError("format", _(
                "pretalx ({host}) answered {path} with something that is not a list of results."
            ).format(host=origin.host, path=target.path))
        for item in results:
            if isinstance(item, dict):
                yield item


def _code(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("code") or value.get("id")
    return "" if value is None else str(value)


def _organisation(answers: object, lang: str) -> str:
    """The answer to an 'organisation' question, when the event asks one and the answers are expanded."""
    if not isinstance(answers, list):
        return ""
    for answer in answers:
        if not isinstance(answer, dict) or not isinstance(answer.get("question"), dict):
            continue
        question = pick_language(answer["question"].get("question"), lang).strip().lower()
        if any(word in question for word in ORGANISATION_QUESTIONS):
            return pick_language(answer.get("answer"), lang).strip()
    return ""


def _best_state(states: list[str]) -> str:
    known = [s for s in states if s in STATE_ORDER]
    if known:
        return min(known, key=STATE_ORDER.index)
    return states[0] if states else ""


def speaker_records(speakers: list[dict[str, Any]], submissions: list[dict[str, Any]], lang: str = "en") -> list[SpeakerRecord]:
    """SpeakerRecords from the raw speaker and submission objects of the pretalx API (v1 or v2 shapes)."""
    talks: dict[str, tuple[str, str]] = {}
    talks_of: dict[str, list[str]] = {}
    for sub in submissions:
        code = _code(sub)
        if not code:
            continue
        talks[code] = (pick_language(sub.get("title"), lang).strip(), _state(sub.get("state")))
        for speaker in sub.get("speakers") or []:
            talks_of.setdefault(_code(speaker), []).append(code)
    records = []
    for item in speakers:
        code = _code(item)
        if not code:
            continue
        name = " ".join(pick_language(item.get("name"), lang).split())
        given, family = split_name(name)
        codes = [_code(s) for s in item.get("submissions") or []]
        codes += [c for c in talks_of.get(code, []) if c not in codes]
        titles = tuple(dict.fromkeys(talks[c][0] for c in codes if c in talks and talks[c][0]))
        states = [talks[c][1] for c in codes if c in talks and talks[c][1]]
        avatar = item.get("avatar_url") or item.get("avatar") or ""
        records.append(SpeakerRecord(
            source="pretalx",
            source_id=code,
            display_name=name,
            given_name=given,
            family_name=family,
            organisation=_organisation(item.get("answers"), lang),
            email=str(item.get("email") or "").strip(),
            bio=pick_language(item.get("biography"), lang).strip(),
            avatar_url=str(avatar).strip(),
            talk_titles=titles,
            state=_best_state(states),
        ))
    return records


def _state(value: object) -> str:
    if isinstance(value, dict):  # some versions expand the state
        value = value.get("value") or value.get("name")
    return str(value or "").strip().lower()


def fetch_speakers(
    base_url: str,
    event: str,
    *,
    token: str | None = None,
    lang: str = "en",
    client: httpx.Client | None = None,
    retry_after_cap: float = RETRY_AFTER_CAP,
    sleep: Callable[[float], None] = time.sleep,
) -> list[SpeakerRecord]:
    """All speakers of a pretalx event with their talk titles and states; token from the caller or the env."""
    url = event_api_url(base_url, event)
    token = token or token_from_env()
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    own = client is None
    client = client or make_client()
    try:
        speakers = list(_pages(client, url + "speakers/", headers=headers, sleep=sleep,
                               retry_after_cap=retry_after_cap))
        submissions = list(_pages(client, url + "submissions/", headers=headers, sleep=sleep,
                                  retry_after_cap=retry_after_cap))
    finally:
        if own:
            client.close()
    return speaker_records(speakers, submissions, lang)

