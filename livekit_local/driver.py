"""A client without a browser, for tests: a listener that records what the
server pushed, used by ``LiveKitModel.connect`` / ``LiveKitServer.connect``.

    session = server.connect(server.token("room-1", "ada"))
    session.publish_track(TrackInfo(type=TrackType.AUDIO))
    server.model.remove_participant("room-1", "ada")
    assert session.listener.leaves[0].reason == DisconnectReason.PARTICIPANT_REMOVED

``session.reconnect()`` plays a client's full reconnect (the same identity joins
again with its newest token: new SID; the old session, if still live, is kicked),
``session.disconnect()`` a deliberate leave and ``session.abort()`` a lost connection.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from livekit.protocol import models, rtc

from livekit_local.session import Session


@dataclass
class RecordingListener:
    """Keeps everything the server sent to one client, in order, in ``messages``."""

    messages: list[tuple[str, object]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _add(self, kind: str, value: object) -> None:
        with self._lock:
            self.messages.append((kind, value))

    def of(self, kind: str) -> list[object]:
        with self._lock:
            return [v for k, v in self.messages if k == kind]

    @property
    def leaves(self) -> list[rtc.LeaveRequest]:
        return [v for v in self.of("leave") if isinstance(v, rtc.LeaveRequest)]

    @property
    def tokens(self) -> list[str]:
        return [v for v in self.of("token") if isinstance(v, str)]

    @property
    def updates(self) -> list[models.ParticipantInfo]:
        out: list[models.ParticipantInfo] = []
        for batch in self.of("participants"):
            assert isinstance(batch, list)
            out.extend(batch)
        return out

    @property
    def data(self) -> list[models.DataPacket]:
        return [v for v in self.of("data") if isinstance(v, models.DataPacket)]

    @property
    def mutes(self) -> list[tuple[str, bool]]:
        return [v for v in self.of("mute") if isinstance(v, tuple)]

    def on_participant_update(self, participants: list[models.ParticipantInfo]) -> None:
        self._add("participants", list(participants))

    def on_room_update(self, room: models.Room) -> None:
        self._add("room", room)

    def on_leave(self, leave: rtc.LeaveRequest) -> None:
        self._add("leave", leave)

    def on_mute_track(self, track_sid: str, muted: bool) -> None:
        self._add("mute", (track_sid, muted))

    def on_data(self, packet: models.DataPacket) -> None:
        self._add("data", packet)

    def on_token_refresh(self, token: str) -> None:
        self._add("token", token)


def recording(session: Session) -> RecordingListener:
    """The session's listener, typed (sessions from ``connect`` record)."""
    listener = session.listener
    assert isinstance(listener, RecordingListener)
    return listener
