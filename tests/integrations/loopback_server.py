"""A real HTTP server on 127.0.0.1 for tests: scripted answers, slow answers, dropped connections."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


@dataclass
class Answer:
    """One scripted answer: status, body and headers, optionally late (`delay`) or never (`drop`)."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    drip: float = 0.0  # seconds between single bytes of the body


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Loopback:
    """Routes a path (query ignored) to a list of answers given in turn; the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        # answers chosen by the whole request (path, query, headers), tried before the routes: a replay
        self.handler: Callable[[str, dict[str, str], dict[str, str]], Answer | None] | None = None
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                owner._answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, *answers: Answer) -> None:
        self.routes[path] = list(answers)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append(Seen(handler.path, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic()))
            queue = self.routes.get(path)
            chosen = None
            if self.handler is not None:
                query = dict(parse_qsl(handler.path.partition("?")[2]))
                chosen = self.handler(path, query, self.requests[-1].headers)
            answer = chosen or ((queue.pop(0) if len(queue) > 1 else queue[0]) if queue else Answer(404, b"not found"))
        if answer.delay:
            time.sleep(answer.delay)
        if answer.drop:
            handler.close_connection = True
            try:
                handler.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        body = answer.body.encode("utf-8") if isinstance(answer.body, str) else answer.body
        try:
            handler.send_response(answer.status)
            for key, value in answer.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if answer.drip:
                for i in range(len(body)):
                    handler.wfile.write(body[i:i + 1])
                    handler.wfile.flush()
                    time.sleep(answer.drip)
            else:
                handler.wfile.write(body)
        except OSError:  # the client gave up (a timeout test)
            pass
