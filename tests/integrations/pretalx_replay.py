"""Replay what a real pretalx server answered (recorded by record_pretalx.py) from the loopback server."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integrations.loopback_server import Answer, Loopback

FIXTURES = Path(__file__).parent / "fixtures"
VERSIONS = ("2024.3.1", "2025.2.2")
# answers asked at a path another recording answers, with headers the replay does not tell apart
REFUSALS = ("bad_token", "bad_version")


def recorded(version: str) -> dict:
    return json.loads((FIXTURES / f"pretalx_{version}" / "index.json").read_text(encoding="utf-8"))


def answer_of(loopback: Loopback, version: str, name: str) -> Answer:
    entry = next(a for a in recorded(version)["answers"] if a["name"] == name)
    body = (FIXTURES / f"pretalx_{version}" / entry["file"]).read_text(encoding="utf-8")
    kind = "application/json" if entry["file"].endswith(".json") else "text/html"
    return Answer(entry["status"], body.replace("{base}", loopback.url), headers={"Content-Type": kind})


def replay(loopback: Loopback, version: str) -> None:
    """Answer each request with the recording asked the same way: at its path, with the most of its query
    parameters, the `_anonymous` recording when no token was sent (the events list); a path that was not
    recorded answers as the server did to an unknown path (404)."""
    index = recorded(version)["answers"]

    def handle(path: str, query: dict[str, str], headers: dict[str, str]) -> Answer | None:
        anonymous = "authorization" not in headers
        fitting = [a for a in index if a["name"] not in REFUSALS and a["path"] == path
                   and all(query.get(k) == v for k, v in a["query"].items())]
        if any(a["name"].endswith("_anonymous") for a in fitting):
            fitting = [a for a in fitting if a["name"].endswith("_anonymous") == anonymous]
        if not fitting:
            return None
        return answer_of(loopback, version, max(fitting, key=lambda a: len(a["query"]))["name"])

    loopback.handler = handle
