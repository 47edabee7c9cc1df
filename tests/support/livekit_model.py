"""Helpers for the model's tests: a local LiveKit on a manual clock, a loopback
webhook receiver that answers as a test scripts it, and waiting helpers."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web
from livekit import api

from livekit_local import LiveKitServer, ManualClock

KEY = "model-key"
SECRET = "model-secret-that-is-long-enough-0123"

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a fresh loop. Unlike ``asyncio.run`` it leaves the main
    thread's event-loop policy alone: ``asyncio.run`` ends with
    ``set_event_loop(None)``, after which Mangum's ``get_event_loop()`` fails in
    later tests."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def eventually(check: Callable[[], T], timeout: float = 5.0) -> T:
    """Poll ``check`` (real time) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, "condition not met in time"
            return value
        time.sleep(0.01)


def settle(seconds: float = 0.2) -> None:
    """Give the server's loop time to do something it should NOT do."""
    time.sleep(seconds)


@dataclass
class Received:
    headers: dict[str, str]
    body: str
    at: float  # the model clock's time when it arrived


@dataclass
class WebhookSink:
    """A loopback HTTP endpoint recording webhook posts; ``answers`` scripts the
    replies (status, headers) in order, then 200."""

    clock: ManualClock
    received: list[Received] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    url: str = ""
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.text()
        self.received.append(Received(dict(request.headers), body, self.clock.now()))
        status, headers = self.answers.pop(0) if self.answers else (200, {})
        return web.Response(status=status, headers=headers, text="")

    def start(self) -> WebhookSink:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            app = web.Application()
            app.router.add_post("/hook", self._handle)
            runner = web.AppRunner(app, access_log=None)
            loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.url = f"http://127.0.0.1:{port}/hook"
            ready.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def events(self) -> list[Any]:
        receiver = api.WebhookReceiver(api.TokenVerifier(KEY, SECRET))
        return [receiver.receive(r.body, r.headers["Authorization"]) for r in self.received]

    def kinds(self) -> list[str]:
        return [e.event for e in self.events()]


def serve(clock: ManualClock, webhook_urls: tuple[str, ...] = ()) -> Iterator[LiveKitServer]:
    server = LiveKitServer(KEY, SECRET, clock=clock, webhook_urls=webhook_urls)
    server.start()
    try:
        yield server
    finally:
        server.stop()
