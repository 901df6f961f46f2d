"""`planner serve`: the bid in a real browser, read-only; the secret before any process; no process left.

The browser test drives Debian's headless Chromium over the DevTools protocol (tests/web/cdp.py) and saves
its screenshots in the test's temporary folder; it is skipped where Chromium is not installed.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from tests.web import cdp
from tests.web.conftest import children, running, wait_until_no_children

SECRET = "a-secret-of-the-coordinator-0123456789"


async def first_screen(ws: aiohttp.ClientWebSocketResponse, wanted: bytes, timeout: float) -> bytes:
    """What the session's app sent until it drew `wanted`."""
    received = b""
    deadline = time.monotonic() + timeout
    while wanted not in received:
        message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
        elif message.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"the session closed ({message.type}, {message.data}) before showing {wanted}")
    return received


async def logged(served, line: str, times: int = 1, timeout: float = 30) -> str:
    """The server's log once `line` is in it `times` times (it logs a session's end just after its process)."""
    deadline = time.monotonic() + timeout
    while (log := served.log()).count(line) < times and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    return log


@pytest.mark.skipif(cdp.chromium() is None, reason="Chromium is not installed (the browser test drives headless "
                                                   "Chromium: apt-get install chromium)")
async def test_an_organiser_sees_the_bid_in_a_browser_and_cannot_change_it(serve, tmp_path):
    served = serve("--today", "2011-10-03")
    browser = await cdp.Browser.start(tmp_path)
    try:
        page = await browser.page()
        await page.call("Page.addScriptToEvaluateOnNewDocument", source=cdp.CATCH_TERMINAL)
        started = time.monotonic()
        await page.call("Page.navigate", url=served.url)
        text, _ = await page.wait_for_text("Generator 2012, Gävle", "Overview [read-only]", "SEK", timeout=150,
                                           absent=("Loading…",))
        shown = time.monotonic() - started
        (tmp_path / "shown-after.txt").write_text(f"{shown:.1f} s\n")
        print(f"the page showed the bid after {shown:.1f} s")
        await page.screenshot(tmp_path / "overview.png")
        assert "Read-only" in text

        await page.press("3")
        text, _ = await page.wait_for_text("Budget [read-only]", "Result", "Income", timeout=60)
        await page.press("a")  # add a budget line: switched off, no form opens
        await asyncio.sleep(3)
        text = await page.screen_text()
        await page.screenshot(tmp_path / "budget.png")
        assert "Budget [read-only]" in text
        assert "New budget line" not in text

        # the dossier: exported from what the session reads, and sent to the browser as a download
        downloads = tmp_path / "downloads"
        await page.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        await page.press("7")
        await page.wait_for_text("Dossier [read-only]", "Export the dossier", timeout=60)
        await page.press("e", ctrl=True)
        # the demo has a confidential amount the totals would give away: leave it out (a consent would be a
        # record, which a read-only session cannot make, so it is not offered)
        await page.wait_for_text("Leave it out of the totals", timeout=60, absent=("consents",))
        await page.press("Enter")
        await page.wait_for_text("Sent to your browser as a download", timeout=150)
        deadline = time.monotonic() + 150  # the bid book (20 pages, pictures) is a larger download
        while not (pdfs := list(downloads.glob("*.pdf"))) and time.monotonic() < deadline:
            await asyncio.sleep(0.25)
        assert [p.name for p in pdfs] == ["generator-2012-gavle-committee-en-2011-10-03.pdf"]
        while pdfs[0].stat().st_size == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.25)
        assert pdfs[0].read_bytes().startswith(b"%PDF")
    finally:
        await browser.close()
    assert wait_until_no_children(served.pid, timeout=30) == []
    assert " GET /download/" in await logged(served, " GET /download/")


async def test_a_network_bind_asks_for_the_secret_before_it_starts_anything(serve, demo_db):
    served = serve("--new-token", host="0.0.0.0")
    secret = re.search(r"\?token=(\S+)", served.output()).group(1)
    base = f"http://127.0.0.1:{served.port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        for path in ("/", "/ws", "/static/js/textual.js", "/download/x", "/?token=not-the-secret"):
            async with http.get(base + path, allow_redirects=False) as response:
                assert response.status == 401, path
                assert "access link" in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(base + "/ws")
        assert refused.value.status == 401
        assert children(served.pid) == []  # no session process for a browser without the secret

        async with http.get(f"{base}/?token={secret}", allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/"  # the secret leaves the address
            cookie = response.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(base + "/") as response:  # the cookie from here on
            assert response.status == 200
            page = await response.text()
            assert "textual-terminal" in page and f"ws://127.0.0.1:{served.port}/ws" in page
            assert "fonts.googleapis.com" not in page  # nothing is fetched from another site
        async with http.ws_connect(base + "/ws?width=120&height=40") as ws:
            assert b"Generator 2012" in await first_screen(ws, b"Generator 2012", timeout=150)
            (session,) = children(served.pid)
            # the database address is in the session's environment, never on its command line (ps shows that)
            command = Path(f"/proc/{session}/cmdline").read_bytes().split(b"\0")
            assert b"--read-only" in command and not any(b"demo.db" in part for part in command)
            assert f"PLANNER_DB=sqlite:///{demo_db}".encode() in Path(f"/proc/{session}/environ").read_bytes()

    assert wait_until_no_children(served.pid, timeout=30) == []
    log = await logged(served, "closed session")
    assert secret not in log and secret not in served.output().replace(f"?token={secret}", "")
    assert "127.0.0.1 GET / 401" in log and "127.0.0.1 GET / 303" in log  # who opened what, the token taken out
    assert "opened session" in log and "closed session" in log


def run_serve(*options: str, env=None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "planner", "serve", *options], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_a_network_bind_without_a_secret_refuses_to_start(demo_db):
    result = run_serve("--db", str(demo_db), "--host", "0.0.0.0", "--port", "9")
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: Serving on 0.0.0.0 would show the bid to anyone") and "PLANNER_SERVE_TOKEN" in line

    weak = run_serve("--db", str(demo_db), "--host", "0.0.0.0", env={"PLANNER_SERVE_TOKEN": "short"})
    assert weak.returncode == 2 and "PLANNER_SERVE_TOKEN is too short" in weak.stderr


async def test_the_secret_may_come_from_the_environment_and_a_loopback_server_then_asks_for_it(serve):
    served = serve(env={"PLANNER_SERVE_TOKEN": SECRET})
    assert SECRET not in served.output()  # the coordinator has it already: the link is printed without it
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(served.url) as response:
            assert response.status == 401
        async with http.get(f"{served.url}?token={SECRET}") as response:
            assert response.status == 200 and "textual-terminal" in await response.text()
        # a page of another site may not open a session, even with the cookie
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(served.url + "ws", headers={"Origin": "http://evil.example"})
        assert refused.value.status == 403
    assert children(served.pid) == []
    assert SECRET not in served.log()


async def test_ten_sessions_opened_and_closed_leave_no_process_behind(serve):
    served = serve()
    async with aiohttp.ClientSession() as http:
        for number in range(10):
            async with http.ws_connect(served.url + "ws?width=100&height=30") as ws:
                if number % 2 == 0:  # one that got as far as its screen, one closed while its process starts
                    await first_screen(ws, b"Generator 2012", timeout=150)
                else:
                    await asyncio.sleep(0.3)
    assert wait_until_no_children(served.pid, timeout=60) == []
    log = await logged(served, "closed session", times=10)
    assert log.count("opened session") == log.count("closed session") == 10


async def test_stopping_the_server_ends_the_sessions_it_runs(serve):
    import signal

    served = serve()
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(served.url + "ws?width=100&height=30") as ws:
            await first_screen(ws, b"Generator 2012", timeout=150)
            (session,) = children(served.pid)
            served.process.send_signal(signal.SIGTERM)
            # the session may still be drawing (the first paint comes before the figures): the frames already
            # on their way arrive first, then the server closes the socket
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 30
            closed = await ws.receive(timeout=30)
            while closed.type == aiohttp.WSMsgType.BINARY and loop.time() < deadline:
                closed = await ws.receive(timeout=max(0.1, deadline - loop.time()))
            assert closed.type == aiohttp.WSMsgType.CLOSE
            assert served.process.wait(30) == 0
    assert not running(session)
