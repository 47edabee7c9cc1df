"""Runs the media server (on a given model) in a background thread for browser tests."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from livekit import api

from livekit_local.rtc import RtcService, attach_rtc
from livekit_local.rtc.ports import RoomModel

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "web/node_modules/livekit-client/dist/livekit-client.umd.js"
PAGE = Path(__file__).with_name("rtc_page.html")
API_KEY = "devkey"
API_SECRET = "secret-secret-secret-secret-secret"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def token(identity: str, room: str, ttl_seconds: int = 600, **grants: Any) -> str:
    from datetime import timedelta

    return (
        api.AccessToken(API_KEY, API_SECRET)
        .with_identity(identity)
        .with_name(identity)
        .with_ttl(timedelta(seconds=ttl_seconds))
        .with_grants(api.VideoGrants(room_join=True, room=room, **grants))
        .to_jwt()
    )


class ServerThread:
    """An aiohttp app with the `/rtc` routes plus the test page and client bundle."""

    def __init__(self, make_model: Callable[[], RoomModel]) -> None:
        self._make_model = make_model
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.model: Any = None
        self.service: RtcService | None = None

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        fut: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return fut.result(timeout)

    def run(self, fn: Callable[[], T], timeout: float = 10) -> T:
        async def wrapper() -> T:
            return fn()

        return self.call(wrapper(), timeout)

    async def _start(self) -> None:
        self.model = self._make_model()
        app = web.Application()
        self.service = attach_rtc(app, self.model)

        async def page(_: web.Request) -> web.FileResponse:
            return web.FileResponse(PAGE)

        async def bundle(_: web.Request) -> web.FileResponse:
            return web.FileResponse(BUNDLE)

        app.router.add_get("/page", page)
        app.router.add_get("/livekit-client.umd.js", bundle)
        self._runner = web.AppRunner(app, access_log=None)  # the URL carries the token
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def start(self) -> ServerThread:
        self._thread.start()
        self.call(self._start())
        return self

    def stop(self) -> None:
        if self._runner is not None:
            self.call(self._runner.cleanup(), timeout=20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)

    def page_url(self, identity: str, room: str, publish: bool = True) -> str:
        from urllib.parse import urlencode

        q = urlencode(
            {"url": self.ws_url, "token": token(identity, room), "publish": "1" if publish else "0"}
        )
        return f"{self.http_url}/page?{q}"
