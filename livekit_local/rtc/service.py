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

import jwt
from aiohttp import web
from livekit.api.access_token import Claims
from livekit.protocol import models, rtc

from livekit_local.errors import JoinRefused, RtcError
from livekit_local.model import LiveKitModel
from livekit_local.rtc.forward import TrackForwarder
from livekit_local.rtc.participant import RtcParticipant
from livekit_local.rtc.speakers import UPDATE_INTERVAL_MS, speaker_changes

log = logging.getLogger(__name__)


def _token_from(request: web.Request) -> str:
    token = request.query.get("access_token", "")
    if not token:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:].strip()
    return token


class RtcService:
    def __init__(self, model: LiveKitModel) -> None:
        self.model = model
        # room name -> live connections; track sid -> forwarder (media state only)
        self._connections: dict[str, set[RtcParticipant]] = defaultdict(set)
        self._forwarders: dict[str, TrackForwarder] = {}
        self._forwarder_room: dict[str, str] = {}
        self._speakers: dict[str, dict[str, float]] = {}
        self._speaker_task: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ registry

    def register(self, conn: RtcParticipant) -> None:
        self._connections[conn.room_name].add(conn)
        if self._speaker_task is None:
            self._speaker_task = asyncio.get_running_loop().create_task(self._speaker_worker())

    async def _speaker_worker(self) -> None:
        # livekit-server pkg/rtc/room.go audioUpdateWorker, every update interval
        while True:
            await asyncio.sleep(UPDATE_INTERVAL_MS / 1000)
            try:
                self.update_speakers()
            except Exception:
                log.exception("speaker update failed")

    def update_speakers(self) -> None:
        for room in list(self._speakers.keys() | self._connections.keys()):
            conns = self.connections(room)
            active: dict[str, float] = {}
            for conn in conns:
                for fwd in conn.forwarders.values():
                    if fwd.kind != "audio":
                        continue
                    level, speaking = fwd.audio_level.level()
                    if speaking:
                        active[conn.sid] = max(level, active.get(conn.sid, 0.0))
            changed = speaker_changes(active, self._speakers.get(room, {}))
            if active:
                self._speakers[room] = active
            else:
                self._speakers.pop(room, None)
            if changed:
                for conn in conns:
                    conn.send_speakers(changed)

    def unregister(self, conn: RtcParticipant) -> None:
        conns = self._connections.get(conn.room_name)
        if conns is not None:
            conns.discard(conn)
            if not conns:
                del self._connections[conn.room_name]

    def connections(self, room: str) -> list[RtcParticipant]:
        return list(self._connections.get(room, ()))

    def forwarder(self, track_sid: str) -> TrackForwarder | None:
        return self._forwarders.get(track_sid)

    def add_forwarder(self, owner: RtcParticipant, fwd: TrackForwarder) -> None:
        self._forwarders[fwd.track_sid] = fwd
        self._forwarder_room[fwd.track_sid] = owner.room_name
        for conn in self.connections(owner.room_name):
            if conn is not owner:
                conn.on_forwarder(fwd)

    def remove_forwarder(self, fwd: TrackForwarder) -> None:
        if self._forwarders.get(fwd.track_sid) is fwd:
            del self._forwarders[fwd.track_sid]
            self._forwarder_room.pop(fwd.track_sid, None)

    # ------------------------------------------------------------------ HTTP

    def _authorize(self, request: web.Request) -> tuple[Claims, float]:
        token = _token_from(request)
        if not token:
            # pkg/service/auth.go: no token -> the handler's permission check fails
            raise RtcError(401, "permissions denied")
        claims = self.model.authorize(token)
        expires = float(jwt.decode(token, options={"verify_signature": False}).get("exp", 0))
        return claims, expires

    async def validate(self, request: web.Request) -> web.Response:
        try:
            self._authorize(request)
        except RtcError as exc:
            return web.Response(status=exc.status, text=exc.message)
        return web.Response(text="success")

    async def rtc(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() != "websocket":
            # livekit-server rtcservice.go serve: non-websocket requests get a bare 404
            return web.Response(status=404)
        try:
            claims, expires = self._authorize(request)
        except RtcError as exc:
            return web.Response(status=exc.status, text=exc.message)
        conn = RtcParticipant(self, claims, asyncio.get_running_loop())
        refused: JoinRefused | None = None
        try:
            conn.session = self.model.join(claims, conn, token_expires_at=expires)
        except JoinRefused as exc:
            refused = exc
        ws = web.WebSocketResponse(max_msg_size=1 << 20)
        try:
            await ws.prepare(request)
        except Exception:
            if conn.session is not None:
                conn.session.abort()
            await conn.close()
            raise
        if refused is not None:
            # pkg/rtc/room.go Join refused after the session started: a LeaveRequest
            leave = rtc.LeaveRequest(
                reason=refused.reason,  # type: ignore[arg-type]
                action=rtc.LeaveRequest.DISCONNECT,
            )
            await ws.send_bytes(rtc.SignalResponse(leave=leave).SerializeToString())
            await ws.close()
            await conn.close()
            return ws
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
        if self._speaker_task is not None:
            self._speaker_task.cancel()
            self._speaker_task = None
        # pkg/service/server.go Stop: participants are told the server is going away
        leave = rtc.LeaveRequest(
            reason=models.DisconnectReason.SERVER_SHUTDOWN, action=rtc.LeaveRequest.DISCONNECT
        )
        conns = [conn for room in self._connections.values() for conn in room]
        for conn in conns:
            conn.on_leave(leave)
        await asyncio.sleep(0.2)
        for conn in conns:
            await conn.close()


RTC_SERVICE = web.AppKey("livekit_local.rtc", RtcService)


def attach_rtc(app: web.Application, model: LiveKitModel) -> RtcService:
    """Adds the `/rtc` routes to ``app`` and returns the service (its media registry)."""
    service = RtcService(model)
    app.add_routes(service.routes())

    async def _shutdown(_: web.Application) -> None:
        await service.shutdown()

    app.on_shutdown.append(_shutdown)
    app[RTC_SERVICE] = service
    return service
