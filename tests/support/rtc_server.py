"""The local LiveKit (model + media server) for the rtc tests, plus a test page for Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from aiohttp import web
from livekit import api

from livekit_local import LiveKitServer
from livekit_local.rtc import RTC_SERVICE, RtcService

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "web/node_modules/livekit-client/dist/livekit-client.umd.js"
PAGE = Path(__file__).with_name("rtc_page.html")
API_KEY = "rtc-key"
API_SECRET = "rtc-secret-that-is-long-enough-0123456"

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


def token(identity: str, room: str, ttl_seconds: int = 600, **grants: Any) -> str:
    return (
        api.AccessToken(API_KEY, API_SECRET)
        .with_identity(identity)
        .with_name(identity)
        .with_ttl(timedelta(seconds=ttl_seconds))
        .with_grants(api.VideoGrants(**{"room_join": True, "room": room, **grants}))
        .to_jwt()
    )


def _add_test_page(server: LiveKitServer) -> None:
    async def page(_: web.Request) -> web.FileResponse:
        return web.FileResponse(PAGE)

    async def bundle(_: web.Request) -> web.FileResponse:
        return web.FileResponse(BUNDLE)

    server.app.router.add_get("/page", page)
    server.app.router.add_get("/livekit-client.umd.js", bundle)


class RtcServer:
    """``LiveKitServer`` (which installs the media server) with the test page on the same port."""

    def __init__(self, webhook_urls: tuple[str, ...] = ()) -> None:
        self.lk = LiveKitServer(
            API_KEY, API_SECRET, webhook_urls=webhook_urls, route_hooks=[_add_test_page]
        )

    def start(self) -> RtcServer:
        self.lk.start()
        return self

    def stop(self) -> None:
        self.lk.stop()

    @property
    def ws_url(self) -> str:
        return self.lk.url

    @property
    def http_url(self) -> str:
        return self.lk.http_url

    @property
    def service(self) -> RtcService:
        return self.lk.app[RTC_SERVICE]

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 20) -> T:
        """Runs ``coro`` on the server's event loop."""
        result: T = self.lk.run_coroutine(coro, timeout)
        return result

    def run(self, fn: Callable[[], T], timeout: float = 20) -> T:
        async def wrapper() -> T:
            return fn()

        return self.call(wrapper(), timeout)

    def room_service(self, fn: Callable[[api.LiveKitAPI], Awaitable[T]]) -> T:
        """Calls the RoomService over Twirp, as the product's functions do, from a thread of
        its own (Playwright's sync API owns this thread's event loop)."""

        async def go() -> T:
            async with api.LiveKitAPI(self.http_url, API_KEY, API_SECRET) as lkapi:
                return await fn(lkapi)

        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, go()).result(30)

    def page_url(self, identity: str, room: str, publish: bool = True, meet: bool = False) -> str:
        q = urlencode(
            {
                "url": self.ws_url,
                "token": token(identity, room),
                "publish": "1" if publish else "0",
                "meet": "1" if meet else "0",
            }
        )
        return f"{self.http_url}/page?{q}"
