"""The narrow interface between the media server and the room model.

The media layer owns peer connections and RTP; everything about rooms and participants
(who is in a room, their tracks, permissions, leave reasons, webhooks) belongs to the model.
The signalling connection talks to the model only through these three shapes, so a small
in-memory stand-in (``livekit_local.rtc.stubmodel``) and the real model are interchangeable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from livekit.protocol import models, rtc


class JoinRefused(Exception):
    """The model refused a join; ``status`` is the HTTP status the real server answers with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Grants:
    """What a verified access token allows, as the media layer needs it."""

    identity: str
    room: str
    name: str = ""
    metadata: str = ""
    room_join: bool = True
    can_publish: bool = True
    can_subscribe: bool = True
    can_publish_data: bool = True
    token: str = ""


class SessionListener(Protocol):
    """Callbacks from the model to one participant's signalling connection."""

    def on_participants(self, updates: list[models.ParticipantInfo]) -> None:
        """Other participants joined, changed (tracks, mute) or left (state DISCONNECTED)."""

    def on_room(self, room: models.Room) -> None:
        """The room's metadata or counts changed."""

    def on_leave(self, reason: models.DisconnectReason, can_reconnect: bool) -> None:
        """The model ended this session (removed, room deleted, duplicate identity, ...)."""

    def on_mute(self, track_sid: str, muted: bool) -> None:
        """An admin muted or unmuted one of this participant's tracks."""

    def on_data(self, packet: models.DataPacket) -> None:
        """A data packet addressed to this participant."""

    def on_token(self, token: str) -> None:
        """A refreshed access token for reconnecting."""

    def on_self(self, info: models.ParticipantInfo) -> None:
        """This participant's own info changed (permissions, metadata, a track)."""


class Session(Protocol):
    """One participant's presence in a room, held by the model."""

    @property
    def room(self) -> models.Room: ...

    @property
    def participant(self) -> models.ParticipantInfo: ...

    def others(self) -> list[models.ParticipantInfo]: ...

    def activate(self) -> None:
        """The peer connection is up: the participant becomes ACTIVE."""

    def leave(self, reason: models.DisconnectReason) -> None:
        """The participant left (client leave, closed signalling); the model tells the room."""

    def abort(self) -> None:
        """The join failed before the participant was announced."""

    def publish_track(self, request: rtc.AddTrackRequest) -> models.TrackInfo:
        """Registers a track the client is about to publish and returns its info (with sid)."""

    def set_track_muted(self, track_sid: str, muted: bool) -> None:
        """The publisher muted or unmuted a track."""

    def unpublish_track(self, track_sid: str) -> None:
        """The publisher stopped a track."""

    def send_data(self, packet: models.DataPacket) -> None:
        """Relays a data packet from this participant to the room."""


class RoomModel(Protocol):
    """The control plane as the media server uses it."""

    def authorize(self, token: str) -> Grants:
        """Verifies an access token; raises ``JoinRefused`` (401) if it is not valid."""

    def join(self, grants: Grants, listener: SessionListener) -> Session:
        """Adds the participant to its room; raises ``JoinRefused`` if it may not join."""
