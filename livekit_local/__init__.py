"""A local stand-in for livekit-server's control plane, for tests and ``make dev``.

``LiveKitServer`` (server.py) serves the RoomService over Twirp from a
``LiveKitModel`` (model.py) whose rules follow livekit-server; webhooks go out
through ``WebhookNotifier`` (webhooks.py); time comes from a clock (clock.py)
that tests can move. Never deployed: the Lambda functions talk to a real LiveKit.
"""

from livekit_local.clock import ManualClock, SystemClock
from livekit_local.errors import JoinRefused, RtcError, TwirpError
from livekit_local.model import LiveKitModel, ParticipantListener, ServerConfig, Session
from livekit_local.server import LiveKitServer

__all__ = [
    "JoinRefused",
    "LiveKitModel",
    "LiveKitServer",
    "ManualClock",
    "ParticipantListener",
    "RtcError",
    "ServerConfig",
    "Session",
    "SystemClock",
    "TwirpError",
]
