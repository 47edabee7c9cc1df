"""The `/rtc` signalling endpoints and the process-wide media registry.

Routes (livekit-server pkg/service/rtcservice.go, protocol v0):

- ``GET /rtc`` WebSocket upgrade with ``access_token`` (or ``Authorization: Bearer``).
  A request that is not an upgrade gets 404, a bad token 401, a refused join the model's status.
- ``GET /rtc/validate`` the same checks without joining: 200 ``success`` or the error status.

``/rtc/v1`` (single peer connection, join request wrapped in the URL) is deliberately absent:
livekit-client 2.x tries it first, gets a 404 from the upgrade *and* from ``/rtc/v1/validate``
(without "requested room does not exist" in the body), classifies that as ServiceNotFound and
falls back to ``/rtc`` with two peer connections (RTCEngine.join). The v0 protocol lets the
server offer its own subscriber PC, which is what aiortc does well; v1 would need the server to
renegotiate the client's one PC with server-side transceivers.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from aiohttp import web
from livekit.protocol import models

from livekit_local.rtc.forward import TrackForwarder
from livekit_local.rtc.participant import RtcParticipant
from livekit_local.rtc.ports import Grants, JoinRefused, RoomModel

log = logging.getLogger(__name__)


PROTOCOL_VERSION = 16  # the newest livekit-server protocol whose features this server needs
SERVER_VERSION = "1.9.0-local"


def _token_from(request: web.Request) -> str:
    token = request.query.get("access_token", "")
    if not token:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:].strip()
    return token


class RtcService:
    def __init__(
        self,
        model: RoomModel,
        *,
        ping_interval: int = 5,
        ping_timeout: int = 15,
        node_id: str = "local",
    ) -> None:
        self.model = model
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.server_info = models.ServerInfo(
            edition=models.ServerInfo.Standard,
            version=SERVER_VERSION,
            protocol=PROTOCOL_VERSION,
            node_id=node_id,
        )
        # room name -> live connections; track sid -> forwarder (media state only)
        self._connections: dict[str, set[RtcParticipant]] = defaultdict(set)
        self._forwarders: dict[str, TrackForwarder] = {}
        self._forwarder_room: dict[str, str] = {}

    # ------------------------------------------------------------------ registry

    def register(self, conn: RtcParticipant) -> None:
        self._connections[conn.grants.room].add(conn)

    def unregister(self, conn: RtcParticipant) -> None:
        conns = self._connections.get(conn.grants.room)
        if conns is not None:
            conns.discard(conn)
            if not conns:
                del self._connections[conn.grants.room]

    def connections(self, room: str) -> list[RtcParticipant]:
        return list(self._connections.get(room, ()))

    def forwarder(self, track_sid: str) -> TrackForwarder | None:
        return self._forwarders.get(track_sid)

    def add_forwarder(self, owner: RtcParticipant, fwd: TrackForwarder) -> None:
        self._forwarders[fwd.track_sid] = fwd
        self._forwarder_room[fwd.track_sid] = owner.grants.room
        for conn in self.connections(owner.grants.room):
            if conn is not owner:
                conn.on_forwarder(fwd)

    def remove_forwarder(self, fwd: TrackForwarder) -> None:
        if self._forwarders.get(fwd.track_sid) is fwd:
            del self._forwarders[fwd.track_sid]
            self._forwarder_room.pop(fwd.track_sid, None)

    # ------------------------------------------------------------------ HTTP

    def _authorize(self, request: web.Request) -> Grants:
        token = _token_from(request)
        if not token:
            raise JoinRefused(401, "no permissions to access the room")
        return self.model.authorize(token)

    async def validate(self, request: web.Request) -> web.Response:
        try:
            self._authorize(request)
        except JoinRefused as exc:
            return web.Response(status=exc.status, text=exc.message)
        return web.Response(text="success")

    async def rtc(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() != "websocket":
            # livekit-server rtcservice.go serve: non-websocket requests get a bare 404
            return web.Response(status=404)
        try:
            grants = self._authorize(request)
        except JoinRefused as exc:
            return web.Response(status=exc.status, text=exc.message)
        conn = RtcParticipant(self, grants)
        try:
            conn.session = self.model.join(grants, conn)
        except JoinRefused as exc:
            await conn.close()
            return web.Response(status=exc.status, text=exc.message)
        ws = web.WebSocketResponse(max_msg_size=1 << 20, heartbeat=None)
        try:
            await ws.prepare(request)
        except Exception:
            conn.session.abort()
            await conn.close()
            raise
        self.register(conn)
        try:
            await conn.serve(ws)
        except asyncio.CancelledError:
            await conn.close()
            raise
        return ws

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/rtc", self.rtc),
            web.get("/rtc/validate", self.validate),
        ]

    async def shutdown(self) -> None:
        for conns in list(self._connections.values()):
            for conn in list(conns):
                conn.on_leave(models.DisconnectReason.SERVER_SHUTDOWN, False)
        await asyncio.sleep(0.1)
        for conns in list(self._connections.values()):
            for conn in list(conns):
                await conn.close()


RTC_SERVICE = web.AppKey("livekit_local.rtc", RtcService)


def attach_rtc(app: web.Application, model: RoomModel, **kwargs: int) -> RtcService:
    """Adds the `/rtc` routes to ``app`` and returns the service (its media registry)."""
    service = RtcService(model, **kwargs)  # type: ignore[arg-type]
    app.add_routes(service.routes())

    async def _shutdown(_: web.Application) -> None:
        await service.shutdown()

    app.on_shutdown.append(_shutdown)
    app[RTC_SERVICE] = service
    return service
