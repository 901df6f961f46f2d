"""planner.web.server in the test's own process: the session limit and the idle timeout, with a stand-in
program (`sleep`) as each session's process, one that never answers and has to be ended."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from aiohttp.test_utils import TestServer

from planner.web.server import PlannerServer, is_loopback, session_processes, without_token


def test_what_counts_as_loopback():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "planner.example", ""))


def test_the_token_never_reaches_the_log():
    from yarl import URL

    assert str(without_token(URL("/?token=s3cret&fontsize=18"))) == "/?fontsize=18"
    assert str(without_token(URL("/ws?width=80"))) == "/ws?width=80"


async def test_one_session_too_many_is_refused_and_an_idle_one_is_ended():
    server = PlannerServer("sleep 600", max_sessions=1, idle_seconds=2)
    server.stop_seconds = 1  # sleep never answers the quit message: it is ended
    async with TestServer(server.application(), host="127.0.0.1") as site, aiohttp.ClientSession() as http:
        async with http.ws_connect(site.make_url("/ws")) as ws:
            deadline = time.monotonic() + 30
            while not session_processes() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert len(session_processes()) == 1

            async with http.get(site.make_url("/")) as response:
                assert response.status == 503
                assert "All 1 sessions are in use" in await response.text()
            async with http.ws_connect(site.make_url("/ws")) as second:
                said = await second.receive(timeout=10)
                assert said.type == aiohttp.WSMsgType.BINARY and b"All 1 sessions are in use" in said.data
                closed = await second.receive(timeout=10)
                assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == 1013  # try again later
            assert len(session_processes()) == 1  # the refused one started nothing

            closed = await ws.receive(timeout=30)  # nobody typed for two seconds
            assert closed.type == aiohttp.WSMsgType.CLOSE and closed.extra == "idle"
        deadline = time.monotonic() + 30
        while (session_processes() or server.sessions) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert session_processes() == []
        assert server.sessions == {}


async def test_a_session_whose_process_ends_on_its_own_is_closed():
    server = PlannerServer("sleep 1", idle_seconds=600)  # an app that fails to start, say
    async with TestServer(server.application(), host="127.0.0.1") as site, aiohttp.ClientSession() as http:
        async with http.ws_connect(site.make_url("/ws")) as ws:
            closed = await ws.receive(timeout=30)
            assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == 1011
        deadline = time.monotonic() + 30
        while server.sessions and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert server.sessions == {} and session_processes() == []
