"""`PlannerServer`: textual-serve's server with an access secret, a session limit, an idle timeout and a safe log.

textual-serve's `Server` gives the handlers: `handle_websocket` starts one process per browser session
(`AppService`) and relays the terminal; `handle_download` streams a file the app delivers (the dossier PDF).
This class builds the aiohttp application itself, from those public pieces, with one middleware in front of
every route (`guard`), so nothing reaches a handler, and no process starts, without the secret:

- Loopback binds (127.0.0.1, ::1, localhost) need no secret unless one is given; they answer only to a Host
  header that names the loopback, so a web page elsewhere cannot reach them through a rebound DNS name.
- Any other bind needs the secret. The browser brings it once as `?token=...` (the link printed at start);
  the server answers with a cookie (HttpOnly, SameSite=Strict) and sends the browser on to the same address
  without the token, so it stays out of the address bar, the history and any Referer. Comparisons use
  `hmac.compare_digest`.
- A websocket whose Origin is another site is refused, whatever the bind.
- At most `max_sessions` sessions run at once; the page says so to the next browser, and a websocket beyond
  the limit is closed with a message instead of starting a process.
- A session without keyboard, mouse or resize input for `idle_seconds` is closed, which ends its process.
- The access log has the remote address, the method, the path (the token taken out) and the status.

Each session's process carries an environment marker (`PLANNER_SERVE_SESSION`) so that one that does not
end when asked (or is left when the server stops) is found among this server's own children and ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import ipaddress
import logging
import os
import signal
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

from planner.i18n import _, get_locale

log = logging.getLogger("planner.serve")

MARKER = "PLANNER_SERVE_SESSION"  # set in each session process's environment: which session it is
TOKEN_QUERY = "token"
STOP_SECONDS = 10.0  # how long a session's process has to end when asked, before it is ended
PROCESS_CHECK_SECONDS = 2.0  # how often a session looks whether its process is still there
LARGEST_TERMINAL = 500  # columns or rows a browser may ask for
TEMPLATES = Path(__file__).parent / "templates"
PROC = Path("/proc")
LOOPBACK_NAMES = {"localhost", "localhost.", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost; a wildcard (0.0.0.0, ::) or any other name or address is not."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def same_secret(offered: str | None, secret: str) -> bool:
    """Whether `offered` is the secret, compared in constant time (as bytes: any text may be offered)."""
    if offered is None:
        return False
    return hmac.compare_digest(offered.encode("utf-8", "surrogateescape"), secret.encode("utf-8"))


def without_token(url: URL) -> URL:
    """The address as it may be logged or shown: the access secret taken out of the query."""
    return url.without_query_params(TOKEN_QUERY) if TOKEN_QUERY in url.query else url


def terminal_size(value, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), LARGEST_TERMINAL)


class AccessLog(AbstractAccessLogger):
    """One line per request: who (remote address), what (method, path without the secret), status, time."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("%s %s %s %s %.0fms", request.remote, request.method, without_token(request.rel_url),
                         response.status, time * 1000)


@dataclass
class Session:
    id: str
    remote: str
    websocket: web.WebSocketResponse
    started: float = field(default_factory=time.monotonic)
    last_input: float = field(default_factory=time.monotonic)

    def touch(self) -> None:
        self.last_input = time.monotonic()


def session_processes(session_id: str | None = None) -> list[int]:
    """This server's children that run a session (that one, or any): found by their environment marker.

    Linux keeps a process's environment in /proc, readable by its owner; elsewhere this finds none, and the
    processes are left to end when their input closes."""
    if not PROC.is_dir():
        return []
    me = os.getpid()
    wanted = f"{MARKER}={session_id}".encode() if session_id else f"{MARKER}=".encode()
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent != me:
                continue
            environment = (entry / "environ").read_bytes().split(b"\0")
        except (OSError, ValueError, IndexError):
            continue
        if any(item == wanted or (session_id is None and item.startswith(wanted)) for item in environment):
            found.append(int(entry.name))
    return found


async def end_processes(pids: list[int], grace: float = 3.0) -> None:
    """SIGTERM, and SIGKILL for whichever of these (our own children) is still there after `grace` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = []
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
                alive.append(pid)
        if not alive or sig == signal.SIGKILL:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(_running(pid) for pid in alive):
            await asyncio.sleep(0.1)
        pids = [pid for pid in alive if _running(pid)]


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


class PlannerServer(Server):
    """Serves `command` (the planner terminal UI, read-only) to browsers, one process per session."""

    def __init__(self, command: str, *, host: str = "127.0.0.1", port: int = 8000, title: str = "Planner",
                 secret: str | None = None, max_sessions: int = 8, idle_seconds: float = 30 * 60) -> None:
        super().__init__(command, host=host, port=port, title=title)
        if secret is None and not is_loopback(host):
            raise ValueError("a server bound to a non-loopback address needs an access secret")
        self.secret = secret
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.sessions: dict[str, Session] = {}
        self.cookie_name = f"planner_access_{port}"  # cookies are per host, not per port
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        self.stopping: asyncio.Event | None = None
        self.stop_seconds = STOP_SECONDS
        self.endings: set[asyncio.Future] = set()  # sessions being ended

    # --- the application --------------------------------------------------------------------------------

    def application(self) -> web.Application:
        """textual-serve's routes (its websocket and download handlers, its static files) behind `guard`."""
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self.on_cleanup)
        return app

    def initialize_logging(self) -> None:
        """Plain lines on stderr: the access log and the sessions opened and closed."""
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S"))
        for name in ("planner.serve", "textual-serve"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.DEBUG if self.debug else logging.INFO)
            logger.propagate = False

    def serve(self, debug: bool = False, ready: Callable[[], None] | None = None) -> None:
        """Listen until SIGINT or SIGTERM; `ready` is called once the address is bound."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self.run(ready))

    async def run(self, ready: Callable[[], None] | None = None) -> None:
        self.stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.stopping.set)
        runner = web.AppRunner(self.application(), access_log_class=AccessLog, access_log=log,
                               handle_signals=False, shutdown_timeout=STOP_SECONDS)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port, shutdown_timeout=STOP_SECONDS)
            await site.start()
            if ready is not None:
                ready()
            await self.stopping.wait()
        finally:
            await runner.cleanup()

    def request_exit(self) -> None:
        if self.stopping is not None:
            self.stopping.set()

    # --- every request ----------------------------------------------------------------------------------

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """The secret, the Host of a loopback server and the Origin of a websocket, before any handler."""
        if is_loopback(self.host) and not is_loopback(request.url.host or ""):
            log.warning("%s refused: a loopback server asked for as %s", request.remote, request.host)
            return self.page(403, _("This server answers only on this computer's own address (127.0.0.1)."))
        if self.secret is not None:
            offered = request.query.get(TOKEN_QUERY)
            if offered is not None:
                if not same_secret(offered, self.secret):
                    log.warning("%s refused: a wrong access code for %s", request.remote,
                                without_token(request.rel_url))
                    return self.refused()
                if request.method in ("GET", "HEAD") and request.headers.get("Upgrade", "").lower() != "websocket":
                    response = web.Response(status=303, headers={"Location": str(without_token(request.rel_url))})
                    response.set_cookie(self.cookie_name, self.secret, httponly=True, samesite="Strict", path="/")
                    self.harden(response)
                    return response
            elif not same_secret(request.cookies.get(self.cookie_name), self.secret):
                log.warning("%s refused: no access code for %s", request.remote, request.rel_url)
                return self.refused()
        if request.path == "/ws" and not self.same_origin(request):
            log.warning("%s refused: a websocket from another site (%s)", request.remote,
                        request.headers.get("Origin", ""))
            return self.page(403, _("This page can only be opened from the planner server's own address."))
        response = await handler(request)
        if not response.prepared:
            self.harden(response)
        return response

    @staticmethod
    def same_origin(request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: no page of another site is behind it
            return True
        try:
            return URL(origin).authority.lower() == URL(f"//{request.host}").authority.lower()
        except ValueError:
            return False

    @staticmethod
    def harden(response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")

    def refused(self) -> web.Response:
        return self.page(401, _("This page needs the access link the coordinator shared (it ends in "
                                "?token=...). Ask them for it, and open it in this browser."))

    def page(self, status: int, text: str) -> web.Response:
        """A short page in the user's language: why the bid is not shown."""
        body = (f'<!DOCTYPE html><html lang="{get_locale()}"><head><meta charset="utf-8"><title>'
                f'{html.escape(self.title)}</title></head><body style="font-family: sans-serif; margin: 3em;">'
                f'<h1>{html.escape(self.title)}</h1><p>{html.escape(text)}</p></body></html>')
        response = web.Response(status=status, text=body, content_type="text/html", charset="utf-8")
        response.headers["Cache-Control"] = "no-store"
        self.harden(response)
        return response

    # --- the page ---------------------------------------------------------------------------------------

    def full(self) -> str:
        return _("All {count} sessions are in use: close a planner tab you no longer need, or try again in a "
                 "few minutes.").format(count=self.max_sessions)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page that opens a session: the terminal, in the user's language, its websocket on this host."""
        if len(self.sessions) >= self.max_sessions:
            log.warning("%s refused: all %d sessions are in use", request.remote, self.max_sessions)
            return self.page(503, self.full())
        minutes = max(1, round(self.idle_seconds / 60))
        text = self.templates.get_template("index.html").render(
            lang=get_locale(), title=self.title, static_url="/static/",
            websocket_url=f"{'wss' if request.secure else 'ws'}://{request.host}/ws",
            font_size=terminal_size(request.query.get("fontsize"), 16),
            opening=_("Opening the bid, read-only…"), start=_("Start"), again=_("Start again"),
            ended=_("The session has ended: it was closed, left idle for {minutes} minutes, or the server "
                    "stopped.").format(minutes=minutes))
        response = web.Response(text=text, content_type="text/html", charset="utf-8")
        response.headers["Cache-Control"] = "no-store"
        return response

    # --- a session --------------------------------------------------------------------------------------

    def session_command(self, session_id: str) -> str:
        return f"{MARKER}={session_id} exec {self.command}"

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: its own process of the app, relayed until either side closes or it idles."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = terminal_size(request.query.get("width"), 80)
        height = terminal_size(request.query.get("height"), 24)
        await websocket.prepare(request)
        remote = request.remote or "?"
        if len(self.sessions) >= self.max_sessions:
            log.warning("%s refused: all %d sessions are in use", remote, self.max_sessions)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await websocket.send_bytes(f"\r\n  {self.full()}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"all sessions are in use")
            return websocket
        session = Session(uuid.uuid4().hex, remote, websocket)
        self.sessions[session.id] = session
        log.info("%s opened session %s (%d of %d)", remote, session.id[:8], len(self.sessions), self.max_sessions)
        service = AppService(self.session_command(session.id), write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=self.download_manager, debug=self.debug)
        watchdog = None
        try:
            await service.start(width, height)
            watchdog = asyncio.create_task(self.close_when_idle(session))
            await self.relay(websocket, service, session)
        except asyncio.CancelledError:
            pass
        except Exception:  # noqa: BLE001 - one session's failure is logged; the server goes on
            log.exception("session %s failed", session.id[:8])
        finally:
            if watchdog is not None:
                watchdog.cancel()
            # aiohttp cancels this handler when the browser goes: the ending runs as a task of its own, so a
            # second cancellation cannot leave the process behind
            ending = asyncio.ensure_future(self.end_session(service, session))
            self.endings.add(ending)
            ending.add_done_callback(self.endings.discard)
            await asyncio.shield(ending)
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, service: AppService, session: Session) -> None:
        """The browser's messages to the process: keys and mouse, size, focus; a ping is answered here."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                session.touch()
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                session.touch()
                await service.set_terminal_size(terminal_size(data.get("width"), 80),
                                                terminal_size(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def close_when_idle(self, session: Session) -> None:
        """Close the session when nobody used it for `idle_seconds`, or when its process is gone (an app that
        failed to start, or ended without saying so): the page then says the session ended."""
        missing = 0  # checks in a row that found no process (/proc tells; elsewhere this check is off)
        while True:
            left = session.last_input + self.idle_seconds - time.monotonic()
            if left <= 0:
                log.info("%s session %s idle for %g minutes: closed", session.remote, session.id[:8],
                         round(self.idle_seconds / 60, 1))
                await session.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"idle")
                return
            await asyncio.sleep(min(left, PROCESS_CHECK_SECONDS))
            missing = 0 if session_processes(session.id) or not PROC.is_dir() else missing + 1
            if missing >= 2:
                log.warning("%s session %s: its process ended", session.remote, session.id[:8])
                await session.websocket.close(code=WSCloseCode.INTERNAL_ERROR, message=b"the app ended")
                return

    async def end_session(self, service: AppService, session: Session) -> None:
        """Ask the app to quit; a process still there after `stop_seconds` is ended. Then the session is gone."""
        try:
            await asyncio.wait_for(service.stop(), self.stop_seconds)
        except (TimeoutError, Exception):  # noqa: BLE001 - whatever happened, the process must not stay
            log.warning("session %s did not end when asked; ending its process", session.id[:8])
        try:
            await end_processes(session_processes(session.id))
            if not session.websocket.closed:
                with contextlib.suppress(Exception):
                    await session.websocket.close()
        finally:
            self.sessions.pop(session.id, None)
            log.info("%s closed session %s after %.0f s", session.remote, session.id[:8],
                     time.monotonic() - session.started)

    # --- stopping ---------------------------------------------------------------------------------------

    async def on_shutdown(self, app: web.Application) -> None:
        """The server stops: every session's websocket is closed, which ends its process."""
        for session in list(self.sessions.values()):
            with contextlib.suppress(Exception):
                await session.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")

    async def on_cleanup(self, app: web.Application) -> None:
        """Sessions still ending finish (or are ended); whatever process of ours is left is ended too."""
        if self.endings:
            await asyncio.wait(list(self.endings), timeout=self.stop_seconds + 5)
        await end_processes(session_processes())
