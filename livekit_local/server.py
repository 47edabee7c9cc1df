"""The local livekit-server: the model behind one aiohttp app.

``LiveKitServer`` owns a ``LiveKitModel``, its clock, the webhook notifier and
an aiohttp application serving:

* ``POST /twirp/livekit.RoomService/<Method>`` (``livekit_local.twirp``);
* ``GET /`` -> ``OK`` (pkg/service/server.go healthCheck);
* whatever the signalling layer adds: if ``livekit_local.rtc`` exists and has
  ``install(server)``, it is called while the app is built (it may add routes
  with ``server.app.router``); ``route_hooks`` passed to the constructor run too;
* anything else: 404 ``404 page not found`` (Go's ``http.NotFound``).

Every request that is not a Twirp call is recorded in ``http_requests`` (a
browser's ``/rtc?access_token=...`` attempt, say) for tests.

Two ways to run it: ``start()`` runs the app and the clock ticker on a private
event loop in a background thread and returns the ``ws://`` URL (tests, bench);
``await serve()`` runs them on the caller's loop (``make dev``); ``stop()`` /
``await shutdown()`` end them.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from livekit import api
from livekit.protocol import models

from livekit_local.clock import Clock, SystemClock
from livekit_local.model import LiveKitModel, ServerConfig, Session
from livekit_local.twirp import PREFIX, Call, RoomServiceApp, RoomServiceRecorder
from livekit_local.webhooks import WebhookNotifier

RouteHook = Callable[["LiveKitServer"], None]
TICK_SECONDS = 0.05


@dataclass
class HttpRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class LiveKitServer:
    """A livekit-server stand-in: ``start()`` it, point clients at ``url``."""

    def __init__(
        self,
        api_key: str = "devkey",
        api_secret: str = "secret",  # noqa: S107 - livekit-server --dev's pair
        *,
        clock: Clock | None = None,
        config: ServerConfig | None = None,
        webhook_urls: Iterable[str] = (),
        host: str = "127.0.0.1",
        port: int = 0,
        route_hooks: Iterable[RouteHook] = (),
    ) -> None:
        self.clock = clock or SystemClock()
        self.config = config or ServerConfig()
        self.config.api_key, self.config.api_secret = api_key, api_secret
        self.notifier = WebhookNotifier(list(webhook_urls), api_key, api_secret, self.clock)
        self.model = LiveKitModel(self.config, self.clock, self.notifier)
        self.recorder = RoomServiceRecorder()
        self.http_requests: list[HttpRequest] = []
        self.sessions: dict[tuple[str, str], Session] = {}
        self.host, self.port = host, port
        self.loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self.app = self._build_app(route_hooks)

    # --- the app ------------------------------------------------------------------------

    def _build_app(self, route_hooks: Iterable[RouteHook]) -> web.Application:
        self.app = web.Application(middlewares=[self._record_middleware], client_max_size=10 << 20)
        twirp = RoomServiceApp(self.model, self.recorder)
        self.app.router.add_route("*", PREFIX + "{method}", twirp.handle)
        self.app.router.add_get("/", self._health)
        with contextlib.suppress(ModuleNotFoundError):
            rtc = importlib.import_module("livekit_local.rtc")
            install = getattr(rtc, "install", None)
            if install is not None:
                install(self)
        for hook in route_hooks:
            hook(self)
        return self.app

    @web.middleware
    async def _record_middleware(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        if not request.path.startswith(PREFIX):
            self.http_requests.append(
                HttpRequest(
                    request.method,
                    request.path,
                    dict(request.query),
                    dict(request.headers),
                )
            )
        try:
            response: web.StreamResponse = await handler(request)
            return response
        except web.HTTPNotFound:
            return web.Response(status=404, text="404 page not found\n")
        except web.HTTPMethodNotAllowed:
            return web.Response(status=404, text="404 page not found\n")

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="OK")

    # --- running ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The ``ws://host:port`` clients and the server SDK are given."""
        if self.port == 0:
            raise RuntimeError("the server is not running: call start() first")
        return f"ws://{self.host}:{self.port}"

    @property
    def http_url(self) -> str:
        return self.url.replace("ws://", "http://", 1)

    async def serve(self) -> str:
        """Start on the running loop; returns ``url``."""
        self.loop = asyncio.get_running_loop()
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, backlog=256)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[union-attr,attr-defined]
        if sockets:
            self.port = sockets[0].getsockname()[1]
        self.notifier.attach(self.loop)
        self._ticker = self.loop.create_task(self._tick())
        return self.url

    async def shutdown(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        await self.notifier.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _tick(self) -> None:
        tick = getattr(self.clock, "tick", None)
        while True:
            if tick is not None:
                try:
                    tick()
                except Exception:  # a broken timer must not stop the others
                    import logging

                    logging.getLogger(__name__).exception("clock timer failed")
            await asyncio.sleep(TICK_SECONDS)

    def start(self) -> str:
        """Run on a private loop in a daemon thread; returns ``url``."""
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.serve())
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.shutdown())
                loop.close()

        self._thread = threading.Thread(target=run, name="livekit-local", daemon=True)
        self._thread.start()
        ready.wait(30)
        if failure:
            raise failure[0]
        return self.url

    def stop(self) -> None:
        if self._thread is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout=10)
            self._thread = None

    def run_coroutine(self, coroutine: Any, timeout: float = 60.0) -> Any:
        """Run a coroutine on the server's loop from another thread and wait for it."""
        assert self.loop is not None, "start() first"
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    # --- what tests use -----------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        return self.recorder.calls

    def calls_to(self, method: str) -> list[Call]:
        return self.recorder.calls_to(method)

    def fail_next(self, method: str, code: str = "internal", times: int = 1) -> None:
        self.recorder.fail_next(method, code, times)

    @property
    def latency_seconds(self) -> float:
        return self.recorder.latency_seconds

    @latency_seconds.setter
    def latency_seconds(self, value: float) -> None:
        self.recorder.latency_seconds = value

    @property
    def in_flight(self) -> int:
        return self.recorder.in_flight

    @property
    def peak_in_flight(self) -> int:
        return self.recorder.peak_in_flight

    @property
    def rooms(self) -> dict[str, models.Room]:
        return self.model.rooms

    @property
    def participants(self) -> dict[str, dict[str, models.ParticipantInfo]]:
        return self.model.participants

    def token(
        self,
        room: str,
        identity: str,
        name: str = "",
        *,
        admin: bool = False,
        room_config: Any = None,
        ttl_seconds: float | None = None,
    ) -> str:
        """A join token signed with this server's key (for tests)."""
        import datetime

        token = (
            api.AccessToken(self.config.api_key, self.config.api_secret)
            .with_identity(identity)
            .with_name(name)
            .with_grants(api.VideoGrants(room_join=True, room=room, room_admin=admin or None))
        )
        if room_config is not None:
            token.with_room_config(room_config)
        if ttl_seconds is not None:
            token.with_ttl(datetime.timedelta(seconds=ttl_seconds))
        return token.to_jwt()

    def connect(self, token: str, *, activate: bool = True) -> Session:
        """Test driver: a participant joins with ``token`` (see ``LiveKitModel.connect``)."""
        return self.model.connect(token, activate=activate)

    def add_participant(
        self, room_name: str, identity: str, name: str = "", track_sids: tuple[str, ...] = ()
    ) -> models.ParticipantInfo:
        """An active participant in ``room_name`` (created if needed) publishing one
        audio track per sid in ``track_sids``."""
        session = self.connect(self.token(room_name, identity, name))
        self.sessions[(room_name, identity)] = session
        for sid in track_sids:
            session.publish_track(models.TrackInfo(sid=sid, type=models.TrackType.AUDIO))
        return session.info()

    def session(self, room_name: str, identity: str) -> Session:
        """The driver session ``add_participant`` made for ``identity``."""
        return self.sessions[(room_name, identity)]

    def reset(self) -> None:
        """Between tests: no rooms, no calls, no failures, no pending webhooks."""
        self.model.reset()
        self.recorder.reset()
        self.notifier.reset()
        self.http_requests.clear()
        self.sessions.clear()

    def close(self) -> None:
        self.stop()
