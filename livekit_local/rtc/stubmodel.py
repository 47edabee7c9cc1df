"""A minimal in-memory room model behind the ``ports`` interface.

It exists so the media server can be exercised on its own (aiortc-only tests, a quick local
run) without the full control plane. It keeps the same rules the real model applies where the
media layer can observe them: sids, duplicate identities, data routing, admin mute/remove.
"""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field

from livekit import api
from livekit.protocol import models, rtc

from livekit_local.rtc.ports import Grants, JoinRefused, SessionListener


def _sid(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(9).replace("-", "x").replace("_", "y")


@dataclass
class _Room:
    info: models.Room
    sessions: dict[str, StubSession] = field(default_factory=dict)


class StubModel:
    def __init__(self, api_key: str, api_secret: str) -> None:
        self._verifier = api.TokenVerifier(api_key, api_secret)
        self.rooms: dict[str, _Room] = {}
        self._version = itertools.count(1)

    def authorize(self, token: str) -> Grants:
        try:
            claims = self._verifier.verify(token)
        except Exception as exc:
            raise JoinRefused(401, "invalid token") from exc
        video = claims.video
        # livekit-server pkg/service/auth.go + roomallocator: a join needs roomJoin and a room
        if video is None or not video.room_join or not video.room or not claims.identity:
            raise JoinRefused(401, "permission denied")
        return Grants(
            identity=claims.identity,
            room=video.room,
            name=claims.name,
            metadata=claims.metadata,
            can_publish=video.can_publish,
            can_subscribe=video.can_subscribe,
            can_publish_data=video.can_publish_data,
            token=token,
        )

    def join(self, grants: Grants, listener: SessionListener) -> StubSession:
        room = self.rooms.get(grants.room)
        if room is None:
            room = _Room(
                models.Room(sid=_sid("RM_"), name=grants.room, creation_time=int(time.time()))
            )
            self.rooms[grants.room] = room
        old = room.sessions.get(grants.identity)
        if old is not None:
            old.close(models.DisconnectReason.DUPLICATE_IDENTITY)
        info = models.ParticipantInfo(
            sid=_sid("PA_"),
            identity=grants.identity,
            name=grants.name,
            metadata=grants.metadata,
            state=models.ParticipantInfo.JOINED,
            joined_at=int(time.time()),
            version=next(self._version),
            permission=models.ParticipantPermission(
                can_publish=grants.can_publish,
                can_subscribe=grants.can_subscribe,
                can_publish_data=grants.can_publish_data,
            ),
        )
        session = StubSession(self, room, info, listener)
        room.sessions[grants.identity] = session
        session.broadcast()
        return session

    # -- admin side, as the Twirp RoomService would drive it

    def remove_participant(self, room: str, identity: str) -> None:
        self.rooms[room].sessions[identity].close(models.DisconnectReason.PARTICIPANT_REMOVED)

    def delete_room(self, room: str) -> None:
        for session in list(self.rooms[room].sessions.values()):
            session.close(models.DisconnectReason.ROOM_DELETED)
        self.rooms.pop(room, None)

    def mute_track(self, room: str, identity: str, track_sid: str, muted: bool) -> None:
        session = self.rooms[room].sessions[identity]
        session.listener.on_mute(track_sid, muted)
        session.set_track_muted(track_sid, muted)


class StubSession:
    def __init__(
        self,
        model: StubModel,
        room: _Room,
        info: models.ParticipantInfo,
        listener: SessionListener,
    ) -> None:
        self._model = model
        self._room = room
        self._info = info
        self.listener = listener
        self.closed = False

    @property
    def room(self) -> models.Room:
        return self._room.info

    @property
    def participant(self) -> models.ParticipantInfo:
        return self._info

    def others(self) -> list[models.ParticipantInfo]:
        return [s._info for s in self._room.sessions.values() if s is not self]

    def broadcast(self) -> None:
        self._info.version = next(self._model._version)
        for other in list(self._room.sessions.values()):
            if other is not self:
                other.listener.on_participants([self._info])

    def activate(self) -> None:
        if self._info.state != models.ParticipantInfo.ACTIVE:
            self._info.state = models.ParticipantInfo.ACTIVE
            self.broadcast()

    def _detach(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._room.sessions.get(self._info.identity) is self:
            del self._room.sessions[self._info.identity]
        self._info.state = models.ParticipantInfo.DISCONNECTED
        self.broadcast()

    def close(self, reason: models.DisconnectReason) -> None:
        self._info.disconnect_reason = reason
        self._detach()
        self.listener.on_leave(reason, False)

    def leave(self, reason: models.DisconnectReason) -> None:
        self._info.disconnect_reason = reason
        self._detach()

    def abort(self) -> None:
        self._detach()

    def publish_track(self, request: rtc.AddTrackRequest) -> models.TrackInfo:
        track = models.TrackInfo(
            sid=_sid("TR_"),
            type=request.type,
            name=request.name,
            muted=request.muted,
            width=request.width,
            height=request.height,
            source=request.source,
            disable_dtx=request.disable_dtx,
            stereo=request.stereo,
            stream=request.stream,
        )
        self._info.tracks.append(track)
        self.broadcast()
        return track

    def set_track_muted(self, track_sid: str, muted: bool) -> None:
        for track in self._info.tracks:
            if track.sid == track_sid and track.muted != muted:
                track.muted = muted
                self.broadcast()

    def unpublish_track(self, track_sid: str) -> None:
        kept = [t for t in self._info.tracks if t.sid != track_sid]
        del self._info.tracks[:]
        self._info.tracks.extend(kept)
        self.broadcast()

    def send_data(self, packet: models.DataPacket) -> None:
        packet.participant_identity = self._info.identity
        packet.participant_sid = self._info.sid
        targets = set(packet.destination_identities)
        for other in list(self._room.sessions.values()):
            if other is self or (targets and other._info.identity not in targets):
                continue
            other.listener.on_data(packet)
