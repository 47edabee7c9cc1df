"""The WebRTC side of the local LiveKit: signalling and media for livekit-client, on aiortc.

``LiveKitServer`` (``livekit_local.server``) calls ``install(server)`` while it builds its app,
so starting the control plane starts this too::

    from livekit_local import LiveKitServer

    server = LiveKitServer("devkey", "secret", webhook_urls=[...])
    url = server.start()       # ws://127.0.0.1:<port>: give it to livekit-client's Room.connect
    ...
    server.stop()

On an aiohttp app of your own: ``attach_rtc(app, model)`` with a ``LiveKitModel``.

It adds ``GET /rtc`` (signalling WebSocket, protocol v0: two peer connections) and
``GET /rtc/validate``. Every room event goes through the model (and so its webhooks); this
package keeps only media state. Media is forwarded as encoded frames, never decoded (see
``forward``). What it does not implement is listed in ``livekit_local/rtc/README.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from livekit_local.rtc.service import RTC_SERVICE, RtcService, attach_rtc

if TYPE_CHECKING:
    from livekit_local.server import LiveKitServer

__all__ = ["RTC_SERVICE", "RtcService", "attach_rtc", "install"]


def install(server: LiveKitServer) -> None:
    """The hook ``LiveKitServer`` calls while building its app."""
    attach_rtc(server.app, server.model)
