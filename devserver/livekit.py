"""The LiveKit-compatible stand-in that `make dev` runs when LIVEKIT_URL is unset.

It is the project's own model of LiveKit (`livekit_local`): the room service,
signed webhooks, and the /rtc signalling with a small media server that the real
livekit-client joins. It runs in this process, on its own event loop in a thread,
bound to loopback: a stand-in for a few participants on this machine, never a
production SFU (production uses LiveKit Cloud or livekit-server).

The browser tests and the meeting benchmark start it through here too, so they
run the call exactly as `make dev` does.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devserver.kept_secret import kept_secret

if TYPE_CHECKING:
    # Imported where the stand-in starts: `make dev` reserves its port and answers its
    # first requests before it needs aiohttp.
    from aiohttp import web

# The key the stand-in accepts when LIVEKIT_API_KEY is unset (livekit-server --dev's
# name for it); the secret is generated once per data folder, like the admin key.
DEFAULT_API_KEY = "devkey"
DEFAULT_PORT = 7880
SECRET_FILE = "livekit_api_secret"  # noqa: S105 (a file name)

BANNER = (
    "{url} (embedded LiveKit stand-in)\n"
    "               a local stand-in for a few participants on this machine, not an SFU;\n"
    "               production uses LiveKit Cloud or livekit-server (set LIVEKIT_URL)"
)


@dataclass(frozen=True)
class EmbeddedLiveKit:
    """A running stand-in: where browsers connect, and the server object itself."""

    url: str
    api_key: str
    server: Any  # livekit_local.LiveKitServer


def api_secret(data_dir: Path) -> str:
    """LIVEKIT_API_SECRET if set, else the one kept in `data_dir` (made on first use)."""
    given = os.environ.get("LIVEKIT_API_SECRET")
    if given:
        return given
    return kept_secret(data_dir / SECRET_FILE)


async def allow_any_origin(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """CORS as livekit-server answers it (pkg/service/server.go: any origin; the token is
    the authentication). The pages' origin is not LiveKit's, and livekit-client fetches
    /rtc/validate and HEADs / cross-origin: without this the browser blocks the answers.
    An aiohttp middleware (``running`` marks it as one)."""
    from aiohttp import web

    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response: web.StreamResponse = web.Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = "OPTIONS, HEAD, GET, POST, PATCH, DELETE"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "*"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    else:
        try:
            response = await handler(request)
        except web.HTTPException as refused:  # 401, 404: the client reads these too
            response = refused
    origin = request.headers.get("Origin")
    if origin and "Access-Control-Allow-Origin" not in response.headers:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    if isinstance(response, web.HTTPException):
        raise response
    return response


def preferred_port() -> int:
    """LIVEKIT_PORT, else 7880 (livekit-server's own port)."""
    return int(os.environ.get("LIVEKIT_PORT") or DEFAULT_PORT)


def reserve_port(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket for the stand-in on `port`, or any free port if that one is
    taken (or 0): its URL is known before the stand-in starts, and a client that
    connects before it serves waits in the socket's backlog instead of being refused."""
    for candidate in dict.fromkeys((port, 0)):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, candidate))
            sock.listen(256)
        except OSError:  # the port is taken (by a livekit-server --dev, say)
            sock.close()
            if candidate == 0:
                raise
            continue
        return sock
    raise AssertionError("unreachable")


def _on_socket(sock: socket.socket, **kwargs: Any) -> Any:
    """A ``LiveKitServer`` that serves on `sock` (bound beforehand) instead of binding."""
    from aiohttp import web

    from livekit_local import LiveKitServer

    class OnSocket(LiveKitServer):
        async def serve(self) -> str:
            # LiveKitServer.serve (livekit_local/server.py), with a SockSite on the
            # reserved socket where it makes a TCPSite.
            self.loop = asyncio.get_running_loop()
            self._runner = web.AppRunner(self.app, access_log=None)
            await self._runner.setup()
            await web.SockSite(self._runner, sock, backlog=256).start()
            self.notifier.attach(self.loop)
            self._ticker = self.loop.create_task(self._tick())
            return self.url

    host, port = sock.getsockname()[:2]
    return OnSocket(host=host, port=port, **kwargs)


@contextmanager
def running(
    api_key: str,
    secret: str,
    webhook_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    sock: socket.socket | None = None,
    **options: Any,
) -> Iterator[EmbeddedLiveKit]:
    """Starts the stand-in with webhooks to `webhook_url` on `port` (any free port
    if that one is taken, or 0), or on `sock` (from ``reserve_port``); stops it on exit."""
    from aiohttp import web

    from livekit_local import LiveKitServer

    settings: dict[str, Any] = {
        "api_key": api_key,
        "api_secret": secret,
        "webhook_urls": [webhook_url],
        **options,
    }
    candidates = [None] if sock is not None else list(dict.fromkeys((port, 0)))
    for candidate in candidates:
        if sock is not None:
            server = _on_socket(sock, **settings)
        else:
            server = LiveKitServer(host=host, port=candidate or 0, **settings)
        # Outermost, so every answer carries it (the server turns 404s into responses of its own).
        server.app.middlewares.insert(0, web.middleware(allow_any_origin))
        try:
            url = server.start()
        except OSError:  # the port is taken (by a livekit-server --dev, say)
            if sock is not None:
                raise
            continue
        break
    try:
        yield EmbeddedLiveKit(url=url, api_key=api_key, server=server)
    finally:
        server.stop()
