"""What the server pushes to one connected client: the ``ParticipantListener``
the signalling layer implements (see ``LiveKitModel`` for the threading rule)."""

from __future__ import annotations

from typing import Protocol

from livekit.protocol import models, rtc


class ParticipantListener(Protocol):
    """What the server pushes to one connected client. Plain, non-blocking methods
    (see the module docstring for the threading rule)."""

    def on_participant_update(self, participants: list[models.ParticipantInfo]) -> None:
        """Others (or this participant itself) joined, left, published, muted or changed."""

    def on_room_update(self, room: models.Room) -> None:
        """The room's metadata or counters changed."""

    def on_leave(self, leave: rtc.LeaveRequest) -> None:
        """The server ends this session (removed, room deleted/closed, duplicate
        identity, join timeout). The session is already closed when this is called."""

    def on_mute_track(self, track_sid: str, muted: bool) -> None:
        """The server asks the client to mute (or unmute) one of its tracks."""

    def on_data(self, packet: models.DataPacket) -> None:
        """A data packet from another participant or from the RoomService."""

    def on_token_refresh(self, token: str) -> None:
        """A fresh access token, signed with the server's key, for reconnecting."""


class NullListener:
    """A listener that ignores everything."""

    def on_participant_update(self, participants: list[models.ParticipantInfo]) -> None:
        pass

    def on_room_update(self, room: models.Room) -> None:
        pass

    def on_leave(self, leave: rtc.LeaveRequest) -> None:
        pass

    def on_mute_track(self, track_sid: str, muted: bool) -> None:
        pass

    def on_data(self, packet: models.DataPacket) -> None:
        pass

    def on_token_refresh(self, token: str) -> None:
        pass
