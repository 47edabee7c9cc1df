"""One client's session, the handle the signalling layer (or a test) drives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from livekit.protocol import models, rtc

from livekit_local.errors import TwirpError
from livekit_local.listener import ParticipantListener
from livekit_local.state import Participant, Reason

if TYPE_CHECKING:
    from livekit_local.model import LiveKitModel


class Session:
    """One client's connection to a room, as the signalling layer drives it.

    ``sid``, ``identity`` and ``room`` say who it is. After sending the
    ``JoinResponse`` (``join_response()``), call ``start()`` (token refresh begins);
    ``activate()`` when the media connection is up (``participant_joined``).
    """

    def __init__(self, model: LiveKitModel, room_name: str, participant: Participant) -> None:
        self._model = model
        self.room = room_name
        self._p = participant
        # the token a test driver connected with (``LiveKitModel.connect``)
        self.token: str | None = None

    @property
    def sid(self) -> str:
        return self._p.sid

    @property
    def identity(self) -> str:
        return self._p.identity

    @property
    def closed(self) -> bool:
        return self._p.closed

    @property
    def listener(self) -> ParticipantListener:
        return self._p.listener

    def info(self) -> models.ParticipantInfo:
        with self._model.lock:
            return self._p.info()

    def join_response(self) -> rtc.JoinResponse:
        """The room, this participant and the others, as the JoinResponse carries them."""
        return self._model._join_response(self.room, self._p)

    def start(self) -> None:
        """The JoinResponse went out: begin the token refresh cycle (the first
        refresh is sent now, as pkg/service/roommanager.go rtcSessionWorker does)."""
        self._model._start(self.room, self._p)

    def activate(self) -> None:
        """The media connection is up: ACTIVE, ``participant_joined``, others told."""
        self._model._activate(self.room, self._p)

    def leave(self, reason: int = Reason.CLIENT_INITIATED) -> None:
        """The client leaves (a LeaveRequest from the client, or its socket closed)."""
        self._model._remove(self.room, self._p, reason, send_leave=False)

    def abort(self) -> None:
        """The client's signalling connection dropped (pkg/rtc/participant.go
        HandleSignalSourceClose). Never connected: closed at once (SIGNAL_CLOSE,
        ``participant_connection_aborted``). Connected: it stays until its peer
        connection fails, ``ice_failed_timeout`` seconds later (pkg/rtc/transport.go
        iceFailedTimeoutTotal), then leaves with CONNECTION_TIMEOUT - unless the
        client rejoins first (the new session replaces it)."""
        self._model._signal_lost(self.room, self._p)

    def add_track(self, track: models.TrackInfo) -> models.TrackInfo:
        """The client announced a track (AddTrackRequest): its info with a new sid,
        for the TrackPublishedResponse. Not published until ``publish_track``."""
        return self._model._add_track(self.room, self._p, track)

    def publish_track(self, track: models.TrackInfo) -> models.TrackInfo:
        """The track's media arrived (pkg/rtc/participant.go handleTrackPublished):
        it is published, ``track_published`` sent and the room told. ``track`` is
        one ``add_track`` returned, or a new one (sid assigned when empty)."""
        return self._model._publish(self.room, self._p, track)

    def unpublish_track(self, track_sid: str) -> None:
        self._model._unpublish(self.room, self._p, track_sid)

    def set_track_muted(self, track_sid: str, muted: bool) -> models.TrackInfo | None:
        return self._model._set_muted(self.room, self._p, track_sid, muted)

    def send_data(self, packet: models.DataPacket) -> None:
        """Relay a data packet to the others (its destination identities, if any)."""
        self._model._relay_data(self.room, self._p, packet)

    def update_metadata(
        self,
        *,
        name: str | None = None,
        metadata: str | None = None,
        attributes: dict[str, str] | None = None,
    ) -> None:
        """The client updates its own name/metadata/attributes (needs canUpdateOwnMetadata)."""
        if not self._p.permission.can_update_metadata:
            raise TwirpError("permission_denied", "does not have permission to update own metadata")
        self._model._update(self.room, self._p, name, metadata, attributes, None)

    def update_attributes(self, attributes: dict[str, str]) -> None:
        self.update_metadata(attributes=attributes)

    # --- test driver ------------------------------------------------------------------

    def disconnect(self) -> None:
        """The client leaves on purpose (CLIENT_INITIATED)."""
        self.leave()

    def reconnect(self, *, activate: bool = True) -> Session:
        """The client reconnects in full, as livekit-client does after losing its
        connection: with the newest token the server refreshed (else the one it
        joined with), as a new session (new SID); a still-live old session is kicked
        (DUPLICATE_IDENTITY). Only for sessions from ``LiveKitModel.connect``."""
        tokens = getattr(self.listener, "tokens", None)
        token = tokens[-1] if tokens else self.token
        if token is None:
            raise RuntimeError("reconnect() is for sessions made by LiveKitModel.connect")
        return self._model.connect(token, activate=activate)
