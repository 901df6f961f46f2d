"""A small Chrome DevTools Protocol client: headless Chromium, driven over its websocket (aiohttp's client).

`Browser.start(folder)` runs Chromium headless with a profile of its own in `folder`; `page()` is its first
tab. Everything has a deadline; `close()` ends the Chromium this started (by its pid) and nothing else.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser")

# textual-serve's page keeps its xterm.js terminal to itself; this keeps a reference to it as
# window.plannerTerminal when the page's script stores it (`this.terminal = new Terminal(...)`), so the test
# reads the screen's text the way xterm.js holds it, whatever renderer (WebGL, canvas, DOM) draws it.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && !window.plannerTerminal) { window.plannerTerminal = value; }
  },
});
"""

SCREEN_TEXT = """(() => {
  const rows = document.querySelector('.xterm-rows');
  if (rows && rows.innerText.trim()) { return rows.innerText; }
  const term = window.plannerTerminal;
  if (!term) { return ''; }
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : '');
  }
  return lines.join('\\n');
})()"""


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse):
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, timeout: float = 30, **params) -> dict:
        number = next(self.ids)
        await self.socket.send_str(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = await self.socket.receive(timeout=max(0.1, deadline - time.monotonic()))
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"the browser closed its connection ({message.type})")
            reply = json.loads(message.data)
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    async def evaluate(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def screen_text(self) -> str:
        return await self.evaluate(SCREEN_TEXT) or ""

    async def wait_for_text(self, *wanted: str, timeout: float, absent: tuple[str, ...] = ()) -> tuple[str, float]:
        """The screen's text once it holds every one of `wanted` (and none of `absent`); its time in seconds."""
        started = time.monotonic()
        text = ""
        while time.monotonic() - started < timeout:
            text = await self.screen_text()
            if all(w in text for w in wanted) and not any(a in text for a in absent):
                return text, time.monotonic() - started
            await asyncio.sleep(0.25)
        raise TimeoutError(f"after {timeout:.0f} s the screen does not show {wanted} without {absent}:\n{text}")

    async def press(self, key: str, ctrl: bool = False) -> None:
        """A key typed into the terminal (xterm.js listens on its hidden textarea): a letter or digit, with
        Ctrl or without, or Enter."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea')?.focus()")
        if key == "Enter":
            common, text = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}, "\r"
        else:
            code = f"Digit{key}" if key.isdigit() else f"Key{key.upper()}"
            common, text = {"key": key, "code": code, "windowsVirtualKeyCode": ord(key.upper())}, key
        if ctrl:
            common["modifiers"] = 2
        await self.call("Input.dispatchKeyEvent", type="keyDown", **common, **({} if ctrl else {"text": text}))
        await self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    async def screenshot(self, path: Path) -> Path:
        result = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(result["data"]))
        return path


class Browser:
    def __init__(self, process: subprocess.Popen, port: int, session: aiohttp.ClientSession):
        self.process = process
        self.port = port
        self.http = session
        self.sockets: list[aiohttp.ClientWebSocketResponse] = []

    @classmethod
    async def start(cls, folder: Path, timeout: float = 60) -> Browser:
        profile = folder / "chromium-profile"
        profile.mkdir(parents=True, exist_ok=True)
        marker = profile / "DevToolsActivePort"  # Chromium writes its port here once it listens
        marker.unlink(missing_ok=True)
        process = subprocess.Popen(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--mute-audio", f"--user-data-dir={profile}", "--window-size=1280,800",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=(folder / "chromium.log").open("wb"), start_new_session=True)
        deadline = time.monotonic() + timeout
        while not (marker.exists() and marker.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise RuntimeError("Chromium did not start: " + (folder / "chromium.log").read_text(errors="replace"))
            await asyncio.sleep(0.1)
        port = int(marker.read_text().split()[0])
        return cls(process, port, aiohttp.ClientSession())

    async def page(self) -> Page:
        async with self.http.get(f"http://127.0.0.1:{self.port}/json/list") as response:
            targets = await response.json()
        target = next(t for t in targets if t.get("type") == "page")
        socket = await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        self.sockets.append(socket)
        page = Page(socket)
        await page.call("Page.enable")
        await page.call("Runtime.enable")
        return page

    async def close(self) -> None:
        for socket in self.sockets:
            await socket.close()
        await self.http.close()
        stop(self.process)


def stop(process: subprocess.Popen) -> None:
    """End a process this module started, and its own children (its session, which it leads)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
