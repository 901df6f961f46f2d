"""A pretalx event's speakers, rooms, talks and schedule, as plain records for the import service.

Reads `/api/events/{event}/` `speakers/`, `submissions/`, `rooms/` (and `slots/` when slots come as ids),
following `next` pages (only on the same host, so a token never travels elsewhere) and waiting out HTTP 429
as `Retry-After` asks, up to a cap. It sends `Pretalx-Version: v1` and asks for answers expanded with their
questions (`expand=answers.question` for API v1, `questions=all` for the API before it), so the organisation
question can be found in any language. Refusals are told as pretalx means them (401 token, 403 scope, 404
event, 400 version). pretalx 2024 and 2025 answer an unknown event with HTTP 500, not 404: after a 500 the
client asks `/api/events/` which events the server has, and says "no event X; the events are: ..." when X is
not among them, else that the server failed on an event that exists. The token comes from the caller or `PLANNER_PRETALX_TOKEN` and goes into the
Authorization header only; it is never logged, stored or put in a message. Multilingual fields
({"en": ..., "sv": ...}) are read in the requested language with a fallback; biographies stay Markdown.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from planner.i18n import _
from planner.integrations.http import RETRY_AFTER_CAP, IntegrationError, get, json_body, make_client
from planner.integrations.records import RoomRecord, SpeakerRecord, TalkRecord, pick_language, split_name

SERVICE = "pretalx"
TOKEN_ENV = "PLANNER_PRETALX_TOKEN"
MAX_PAGES = 500
RATE_LIMIT_WAITS = 5

# Best first: a speaker with several talks gets the state of the most advanced one.
STATE_ORDER = ("confirmed", "accepted", "submitted", "draft", "rejected", "withdrawn", "canceled", "cancelled", "deleted")
GONE_STATES = frozenset({"rejected", "withdrawn", "canceled", "cancelled", "deleted"})
API_VERSION = "v1"  # sent as Pretalx-Version; pretalx before 2025.1 ignores it
ORGANISATION_QUESTIONS = ("organisation", "organization", "company", "affiliation", "employer", "företag", "arbetsgivare")



PretalxRoom = RoomRecord
PretalxTalk = TalkRecord


@dataclass
class PretalxEvent:
    speakers: list[SpeakerRecord]
    rooms: list[PretalxRoom]
    talks: list[PretalxTalk]  # those that still stand (not rejected, withdrawn or cancelled)
    skipped: list[PretalxTalk] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def split_event_url(base_url: str, event: str | None = None) -> tuple[str, str]:
    """(instance root, event slug) from the address a user copies: the instance (`https://host`), its API
    (`https://host/api/`, `.../api/events/<event>/`) or the event's public page (`https://host/<event>/`,
    also under a prefix such as `https://host/pretalx/<event>/schedule/`). EVENT may be left out when the
    address names it."""
    text = base_url.strip()
    url = httpx.URL(text) if text.startswith(("http://", "https://")) else None
    if url is None or not url.host:
        raise IntegrationError("refused", _(
            "pretalx: {url} is not a web address. Give the event's address, such as https://pretalx.example/event/."
        ).format(url=text))
    parts = [p for p in url.path.split("/") if p]
    slug = (event or "").strip().strip("/")
    if "api" in parts:
        at = parts.index("api")
        after = parts[at + 1:]
        if not slug and len(after) >= 2 and after[0] == "events":
            slug = after[1]
        parts = parts[:at]
    else:
        for page in ("schedule", "talk", "speaker", "cfp", "submit", "featured", "me", "sneak"):
            if page in parts[1:]:
                parts = parts[: parts.index(page, 1)]
                break
        if slug and parts and parts[-1] == slug:
            parts = parts[:-1]
        elif not slug and parts:
            slug = parts.pop()
    if not slug or "/" in slug:
        raise IntegrationError("refused", _(
            "pretalx: {event!r} is not an event name (the short name in the event's address, "
            "https://pretalx.example/<event>/)."
        ).format(event=event or text))
    root = str(url.copy_with(path="/" + "/".join(parts), query=None, fragment=None)).rstrip("/")
    return root, slug


def event_api_url(base_url: str, event: str | None = None) -> str:
    """`https://pretalx.example/api/events/<event>/` from the instance or event address in any usual form."""
    root, slug = split_event_url(base_url, event)
    return f"{root}/api/events/{slug}/"


def token_from_env(variable: str = TOKEN_ENV) -> str | None:
    value = os.environ.get(variable, "").strip()
    return value or None


def _pages(
    client: httpx.Client, url: str, *, headers: dict[str, str], sleep: Callable[[float], None],
    retry_after_cap: float, params: dict[str, str] | None = None, event: str = "",
) -> Iterator[dict[str, Any]]:
    """Every result of a paginated pretalx list, following `next` on the same host."""
    origin = httpx.URL(url)
    if params:
        url = str(origin.copy_merge_params(params))
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
        response = _get(client, str(target), headers=headers, sleep=sleep, retry_after_cap=retry_after_cap,
                        event=event)
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


def _get(client: httpx.Client, url: str, *, headers: dict[str, str], sleep: Callable[[float], None],
         retry_after_cap: float, event: str) -> httpx.Response:
    """One GET, its refusals told as pretalx means them (a token, its scope, the event, the API version)."""
    try:
        return get(client, url, service=SERVICE, headers=headers, rate_limit_waits=RATE_LIMIT_WAITS,
                   retry_after_cap=retry_after_cap, sleep=sleep)
    except IntegrationError as exc:
        target = httpx.URL(url)
        page = str(target.copy_with(path=target.path.split("/api/events/")[0] + f"/{event}/", query=None))
        raise _explained(exc, target.host, event, page) from None


def _detail(body: bytes) -> str:
    """pretalx's own reason in a refusing answer ({"detail": "..."}), shortened, or ''."""
    try:
        detail = json.loads(body.decode("utf-8")).get("detail", "")
    except (UnicodeDecodeError, ValueError, AttributeError):
        return ""
    detail = " ".join(str(detail).split())
    return detail if len(detail) <= 120 else detail[:117] + "..."


def _explained(exc: IntegrationError, host: str, event: str, page: str) -> IntegrationError:
    if exc.status == 401:
        return IntegrationError("auth", _(
            "pretalx ({host}) did not accept the API token (HTTP 401): it is wrong, expired or revoked. Create "
            "one in pretalx under your user settings, API, and put it in PLANNER_PRETALX_TOKEN."
        ).format(host=host), status=401)
    if exc.status == 403:
        return IntegrationError("auth", _(
            "pretalx ({host}) refused the token access to event {event} (HTTP 403): the token may not read its "
            "speakers, submissions, rooms or schedule. Give the token these endpoints and the event, or use "
            "the token of an organiser of the event."
        ).format(host=host, event=event), status=403)
    if exc.status == 404:
        return IntegrationError("not_found", _(
            "pretalx ({host}) has no event {event} (HTTP 404). Give the event's short name as in its address, "
            "{page}, and check that the token may see it."
        ).format(host=host, event=event, page=page), status=404)
    if exc.status == 400:
        detail = _detail(exc.body)
        return IntegrationError("http", _(
            "pretalx ({host}) refused the request (HTTP 400: {detail}). This pretalx may not speak API version "
            "{version}: update pretalx, or create a new token for the current API version."
        ).format(host=host, detail=detail or "-", version=API_VERSION), status=400)
    return exc


MAX_EVENTS_NAMED = 10  # events a message lists before it counts the rest


def _event_slugs(client: httpx.Client, root: str, headers: dict[str, str], sleep: Callable[[float], None],
                 retry_after_cap: float) -> list[str] | None:
    """The short names of the events the server shows this token (`/api/events/`), or None if it cannot say."""
    try:
        events = list(_pages(client, f"{root}/api/events/", headers=headers, sleep=sleep,
                             retry_after_cap=retry_after_cap))
    except IntegrationError:
        return None
    slugs = []
    for item in events:
        slug = " ".join(str(item.get("slug") or "").split())
        if slug and slug.isprintable():
            slugs.append(slug if len(slug) <= 60 else slug[:57] + "...")
    return slugs


def _server_error(exc: IntegrationError, root: str, slug: str, slugs: list[str] | None) -> IntegrationError:
    """What a 500 from the event's endpoints means, once the server said (or could not say) its events."""
    host = httpx.URL(root).host
    if slugs is not None and slug not in slugs:
        if not slugs:
            return IntegrationError("not_found", _(
                "pretalx ({host}): no event {event} on this server, and it shows no events to this token. "
                "Check the event's short name and that the token may see it."
            ).format(host=host, event=slug), status=exc.status)
        shown = ", ".join(slugs[:MAX_EVENTS_NAMED])
        if len(slugs) > MAX_EVENTS_NAMED:
            shown += _(" and {n} more").format(n=len(slugs) - MAX_EVENTS_NAMED)
        return IntegrationError("not_found", _(
            "pretalx ({host}): no event {event} on this server; the events are: {events}."
        ).format(host=host, event=slug, events=shown), status=exc.status)
    if slugs is not None:
        return IntegrationError("server", _(
            "pretalx ({host}) failed with a server error (HTTP {status}) while reading event {event}, which "
            "exists: a problem of the server's own. Try again later, or tell its administrators."
        ).format(host=host, status=exc.status, event=slug), status=exc.status, body=exc.body)
    return IntegrationError("server", _(
        "pretalx ({host}) failed with a server error (HTTP {status}) and could not list its events, so whether "
        "event {event} exists is unknown. Check the event's short name, or try again later."
    ).format(host=host, status=exc.status, event=slug), status=exc.status, body=exc.body)


def _code(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("code") or value.get("id")
    return "" if value is None else str(value)


def _texts(value: object) -> list[str]:
    """Every language's text of a plain or multilingual value."""
    if isinstance(value, dict):
        return [str(v) for v in value.values() if isinstance(v, str)]
    return [str(value)] if isinstance(value, str) else []


def _is_organisation_question(question: dict[str, Any], wanted: str | None) -> bool:
    """The question the organisation is asked in: `wanted` (its id or its text in any language), else one
    whose text in any language names an organisation."""
    texts = [t.strip().lower() for t in _texts(question.get("question"))]
    if wanted:
        wanted = wanted.strip().lower()
        return str(question.get("id", "")) == wanted or wanted in texts
    return any(word in text for text in texts for word in ORGANISATION_QUESTIONS)


def _organisation(answers: object, lang: str, wanted: str | None) -> str:
    """The answer to the organisation question, from answers expanded with their questions."""
    if not isinstance(answers, list):
        return ""
    for answer in answers:
        if not isinstance(answer, dict) or not isinstance(answer.get("question"), dict):
            continue
        if _is_organisation_question(answer["question"], wanted):
            return " ".join(pick_language(answer.get("answer"), lang).split())
    return ""


def _answers_expanded(speakers: list[dict[str, Any]]) -> bool:
    """False when pretalx sent answers as bare ids (it was not asked to expand them)."""
    return not any(isinstance(a, int) for s in speakers for a in (s.get("answers") or []))


def _best_state(states: list[str]) -> str:
    known = [s for s in states if s in STATE_ORDER]
    if known:
        return min(known, key=STATE_ORDER.index)
    return states[0] if states else ""


def _state(value: object) -> str:
    if isinstance(value, dict):  # some versions expand the state
        value = value.get("value") or value.get("name")
    return str(value or "").strip().lower()


def _moment(value: object) -> datetime | None:
    """A slot's start or end as pretalx writes it, in the event's own time zone; None when not scheduled."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _slot(sub: dict[str, Any], slots_by_id: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The scheduled slot of a submission: `slot` (the API before v1) or the first of `slots` (v1, expanded
    or ids looked up in /slots/), when it has a start."""
    found = [sub["slot"]] if isinstance(sub.get("slot"), dict) else []
    for item in sub.get("slots") or []:
        found.append(item if isinstance(item, dict) else slots_by_id.get(str(item)) or {})
    for slot in found:
        if isinstance(slot, dict) and _moment(slot.get("start")) is not None:
            return slot
    return None


def _int(value: object) -> int:
    try:
        return max(0, int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def rooms_from(raw: list[dict[str, Any]], lang: str) -> list[PretalxRoom]:
    rooms = []
    for item in raw:
        name = " ".join(pick_language(item.get("name"), lang).split())
        if item.get("id") is not None and name:
            rooms.append(PretalxRoom(str(item["id"]), name, _int(item.get("capacity"))))
    return rooms


def talks_from(submissions: list[dict[str, Any]], lang: str, slots: list[dict[str, Any]] | None = None,
               ) -> list[PretalxTalk]:
    slots_by_id = {str(s.get("id")): s for s in slots or [] if isinstance(s, dict)}
    talks = []
    for sub in submissions:
        code = _code(sub)
        if not code:
            continue
        slot = _slot(sub, slots_by_id)
        room = slot.get("room_id", slot.get("room")) if slot else None
        if isinstance(room, dict):
            room = room.get("id")
        kind = sub.get("submission_type")  # a name (multilingual before v1) or, expanded in v1, an object
        talks.append(PretalxTalk(
            code=code,
            title=" ".join(pick_language(sub.get("title"), lang).split()),
            abstract=pick_language(sub.get("abstract"), lang).strip(),
            duration=_int(sub.get("duration")),
            state=_state(sub.get("state")),
            kind=pick_language(kind.get("name") if isinstance(kind, dict) and "name" in kind else kind, lang).strip(),
            speaker_codes=tuple(_code(s) for s in sub.get("speakers") or [] if _code(s)),
            room_id=None if room in (None, "") else str(room),
            start=_moment(slot.get("start")) if slot else None,
            end=_moment(slot.get("end")) if slot else None,
        ))
    return talks


def speaker_records(speakers: list[dict[str, Any]], submissions: list[dict[str, Any]], lang: str = "en",
                    organisation_question: str | None = None) -> list[SpeakerRecord]:
    """SpeakerRecords from the raw speaker and submission objects of the pretalx API (any version's shapes).

    A speaker's talk titles and state are those of their talks that still stand: rejected, withdrawn and
    cancelled talks are left out, and a speaker with nothing else is not a speaker of the event."""
    talks = {t.code: t for t in talks_from(submissions, lang)}
    talks_of: dict[str, list[str]] = {}
    for talk in talks.values():
        for speaker in talk.speaker_codes:
            talks_of.setdefault(speaker, []).append(talk.code)
    records = []
    for item in speakers:
        code = _code(item)
        if not code:
            continue
        codes = [_code(s) for s in item.get("submissions") or []]
        codes += [c for c in talks_of.get(code, []) if c not in codes]
        known = [talks[c] for c in codes if c in talks]
        standing = [t for t in known if t.state not in GONE_STATES]
        if known and not standing:
            continue
        name = " ".join(pick_language(item.get("name"), lang).split())
        given, family = split_name(name)
        avatar = item.get("avatar_url") or item.get("avatar") or ""
        records.append(SpeakerRecord(
            source="pretalx",
            source_id=code,
            display_name=name,
            given_name=given,
            family_name=family,
            organisation=_organisation(item.get("answers"), lang, organisation_question),
            email=str(item.get("email") or "").strip(),
            bio=pick_language(item.get("biography"), lang).strip(),
            avatar_url=str(avatar).strip(),
            talk_titles=tuple(dict.fromkeys(t.title for t in standing if t.title)),
            state=_best_state([t.state for t in standing if t.state]),
        ))
    return records


def fetch_event(
    base_url: str,
    event: str | None = None,
    *,
    token: str | None = None,
    lang: str = "en",
    organisation_question: str | None = None,
    client: httpx.Client | None = None,
    retry_after_cap: float = RETRY_AFTER_CAP,
    sleep: Callable[[float], None] = time.sleep,
) -> PretalxEvent:
    """A pretalx event's speakers (with organisations), rooms and talks with their scheduled slots.

    Speaks API v1 (`Pretalx-Version: v1`, answers and slots asked expanded) and the API before it, which
    ignores the header and expands answers when asked `questions=all`; both are asked in one request."""
    root, slug = split_event_url(base_url, event)
    url = f"{root}/api/events/{slug}/"
    token = token or token_from_env()
    headers = {"Accept": "application/json", "Pretalx-Version": API_VERSION}
    if token:
        headers["Authorization"] = f"Token {token}"
    own = client is None
    client = client or make_client()

    answered: list[str] = []  # the paths that answered: once one has, the event exists

    def pages(path: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        found = []
        for item in _pages(client, url + path, headers=headers, sleep=sleep, retry_after_cap=retry_after_cap,
                           params=params, event=slug):
            answered.append(path)
            found.append(item)
        answered.append(path)
        return found

    try:
        speakers = pages("speakers/", {"expand": "answers.question", "questions": "all"})
        submissions = pages("submissions/", {"expand": "slots,submission_type", "questions": "all"})
        rooms = pages("rooms/")
        slots: list[dict[str, Any]] = []
        if any(not isinstance(s, dict) for sub in submissions for s in sub.get("slots") or []):
            slots = pages("slots/")
    except IntegrationError as exc:
        if exc.status is None or exc.status < 500:
            raise
        known = [slug] if answered else _event_slugs(client, root, headers, sleep, retry_after_cap)
        raise _server_error(exc, root, slug, known) from None
    finally:
        if own:
            client.close()
    talks = talks_from(submissions, lang, slots)
    warnings = []
    if not _answers_expanded(speakers):
        warnings.append(_("pretalx sent the speakers' answers without their questions (it did not expand "
                          "them), so no organisation could be read."))
    return PretalxEvent(
        speakers=speaker_records(speakers, submissions, lang, organisation_question),
        rooms=rooms_from(rooms, lang),
        talks=[t for t in talks if t.state not in GONE_STATES],
        skipped=[t for t in talks if t.state in GONE_STATES],
        warnings=warnings,
    )


def fetch_speakers(base_url: str, event: str | None = None, **kwargs: Any) -> list[SpeakerRecord]:
    """All speakers of a pretalx event with their standing talks' titles and states (see fetch_event)."""
    return fetch_event(base_url, event, **kwargs).speakers
