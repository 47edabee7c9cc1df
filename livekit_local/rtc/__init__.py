"""A small LiveKit-compatible media server (WebRTC side), built on aiortc.

Starting it from Python::

    from aiohttp import web
    from livekit_local.rtc import attach_rtc

    app = web.Application()
    service = attach_rtc(app, model)      # model: livekit_local.rtc.ports.RoomModel
    web.run_app(app, port=7880)           # livekit-client connects to ws://127.0.0.1:7880

``attach_rtc`` adds ``GET /rtc`` (signalling WebSocket, protocol v0, two peer connections) and
``GET /rtc/validate``. Media is forwarded as encoded frames (no decoding), see ``forward``.
The model owns rooms and participants; see ``ports`` for the interface it must offer.
"""

from livekit_local.rtc.ports import Grants, JoinRefused, RoomModel, Session, SessionListener
from livekit_local.rtc.service import RtcService, attach_rtc

__all__ = [
    "Grants",
    "JoinRefused",
    "RoomModel",
    "RtcService",
    "Session",
    "SessionListener",
    "attach_rtc",
]
