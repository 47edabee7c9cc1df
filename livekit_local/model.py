"""The control plane of livekit-server: rooms, participants, their rules and events.

One ``LiveKitModel`` holds every live room. It is driven from three sides:

* the RoomService (``create_room``, ``delete_room``, ``remove_participant``, ...),
  which ``livekit_local.twirp`` serves over Twirp;
* clients (what ``/rtc`` does): ``authorize(token)`` then ``join(claims, listener)``
  give a ``Session`` the signalling layer drives (``activate``, ``publish_track``,
  ``leave``, ...); everything the server pushes to that client arrives on the
  ``listener`` (a ``ParticipantListener``);
* time: a ``livekit_local.clock`` clock fires the timeouts (empty/departure
  timeout, join timeout, token refresh).

Each state change that livekit-server reports as a webhook is recorded in
``webhook_events`` and handed to the notifier (``livekit_local.webhooks``).

Threading: every public method takes the model's lock, so tests may call from
their own thread while the server's event loop serves HTTP. Listener callbacks
run with the lock held, on the thread that made the change: they must be quick
and must not block (an asyncio transport should hand the message to its loop
with ``loop.call_soon_threadsafe``). They may call back into the model.

The rules follow livekit-server (cited where subtle); the differences that remain
are listed in ``livekit_local/README.md``.
"""

from __future__ import annotations

import calendar
import secrets
import threading
import time
from collections.abc import Iterable
from typing import Any, Protocol

import jwt
from livekit import api
from livekit.api.access_token import Claims
from livekit.protocol import models, rtc
from livekit.protocol import room as room_pb
from livekit.protocol import webhook as webhook_pb

from livekit_local.clock import Clock, SystemClock
from livekit_local.config import ServerConfig
from livekit_local.errors import (
    JoinRefused,
    RtcError,
    TwirpError,
    no_response,
    participant_not_found,
    remote_unmute_not_enabled,
    room_not_found,
)
from livekit_local.listener import NullListener, ParticipantListener
from livekit_local.session import Session
from livekit_local.state import (
    KINDS,
    Participant,
    RoomState,
    can_publish_source,
    grants_with,
    is_dependent,
    new_id,
    permission,
)

State = models.ParticipantInfo.State
Reason = models.DisconnectReason

__all__ = ["LiveKitModel", "NullListener", "ParticipantListener", "ServerConfig", "Session"]


class Notifier(Protocol):
    def notify(self, event: webhook_pb.WebhookEvent) -> None: ...


class LiveKitModel:
    """All live rooms of one livekit-server node and the rules that run them."""

    def __init__(
        self,
        config: ServerConfig | None = None,
        clock: Clock | None = None,
        notifier: Notifier | None = None,
    ) -> None:
        self.config = config or ServerConfig()
        self.clock = clock or SystemClock()
        self.notifier = notifier
        self.lock = threading.RLock()
        self._rooms: dict[str, RoomState] = {}
        self.webhook_events: list[webhook_pb.WebhookEvent] = []
        self.verifier = api.TokenVerifier(self.config.api_key, self.config.api_secret)

    # --- views ------------------------------------------------------------------------

    @property
    def rooms(self) -> dict[str, models.Room]:
        """Live rooms by name (copies)."""
        with self.lock:
            return {name: r.snapshot() for name, r in self._rooms.items()}

    @property
    def participants(self) -> dict[str, dict[str, models.ParticipantInfo]]:
        """Participants of each live room by identity (copies)."""
        with self.lock:
            return {
                name: {i: p.info() for i, p in r.participants.items()}
                for name, r in self._rooms.items()
            }

    def events(
        self, kind: str | None = None, room: str | None = None
    ) -> list[webhook_pb.WebhookEvent]:
        """Webhook events emitted so far, optionally only one kind or one room."""
        with self.lock:
            return [
                e
                for e in self.webhook_events
                if (kind is None or e.event == kind) and (room is None or e.room.name == room)
            ]

    def reset(self) -> None:
        """Forget every room silently (no webhooks, no leave requests): between tests."""
        with self.lock:
            for r in self._rooms.values():
                r.closed = True
                if r.idle_timer is not None:
                    r.idle_timer.cancel()
                for p in r.participants.values():
                    p.closed = True
                    p.cancel_timers()
            self._rooms.clear()
            self.webhook_events.clear()

    def verify(self, token: str) -> Claims:
        """The token's claims if its signature holds and it is valid at the model's
        time (with the SDK's 60 s leeway), so a test on a ManualClock sees tokens
        expire when the model's time, not the wall clock, passes ``exp``. Raises
        ``jwt.PyJWTError``."""
        raw = jwt.decode(
            token,
            key=self.config.api_secret,
            issuer=self.config.api_key,
            algorithms=["HS256"],
            options={"verify_exp": False, "verify_nbf": False, "require": ["exp"]},
        )
        now, leeway = self.clock.now(), 60.0
        if float(raw["exp"]) < now - leeway:
            raise jwt.ExpiredSignatureError("Signature has expired")
        if "nbf" in raw and float(raw["nbf"]) > now + leeway:
            raise jwt.ImmatureSignatureError("The token is not yet valid (nbf)")
        return self.verifier.verify(token, verify_signature=False)

    # --- RoomService --------------------------------------------------------------------

    def create_room(self, request: room_pb.CreateRoomRequest) -> models.Room:
        """CreateRoom: a live room is returned unchanged (pkg/service/roommanager.go
        getOrCreateRoom finds it before the allocator would apply the request);
        a new one gets the request's settings over the server defaults and
        ``room_started`` at once."""
        if len(request.name) > self.config.max_room_name_length:
            raise TwirpError(
                "invalid_argument",
                f"room name length exceeds limits: max length {self.config.max_room_name_length}",
            )
        if len(request.metadata) > self.config.max_metadata_size:
            raise TwirpError("invalid_argument", "metadata size exceeds limits")
        with self.lock:
            return self._get_or_create(request).snapshot()

    def list_rooms(self, names: Iterable[str] = ()) -> list[models.Room]:
        wanted = set(names)
        with self.lock:
            return [r.snapshot() for n, r in self._rooms.items() if not wanted or n in wanted]

    def delete_room(self, name: str) -> None:
        """DeleteRoom: everyone gets a LeaveRequest(ROOM_DELETED), then ``room_finished``."""
        with self.lock:
            found = self._rooms.get(name)
            if found is None:
                raise room_not_found()
            self._close_room(found, Reason.ROOM_DELETED)

    def list_participants(self, room: str) -> list[models.ParticipantInfo]:
        """ListParticipants of a room that is not live is an empty list (the OSS
        store, pkg/service/localstore.go ListParticipants), not an error."""
        with self.lock:
            found = self._rooms.get(room)
            return [p.info() for p in found.participants.values()] if found else []

    def get_participant(self, room: str, identity: str) -> models.ParticipantInfo:
        with self.lock:
            return self._participant(room, identity).info()

    def remove_participant(self, room: str, identity: str) -> None:
        """RemoveParticipant: a LeaveRequest(PARTICIPANT_REMOVED) and ``participant_left``.
        Nothing is revoked: the client's token still joins again."""
        with self.lock:
            person = self._participant(room, identity)
            self._remove(room, person, Reason.PARTICIPANT_REMOVED, send_leave=True)

    async def mute_published_track(
        self, room: str, identity: str, track_sid: str, muted: bool
    ) -> models.TrackInfo | None:
        """MutePublishedTrack. The RoomService sends it straight to the participant's
        psrpc topic without checking the participant exists, so an unknown one (or
        room) fails ``unavailable`` only after ``unavailable_after`` seconds. A known
        participant with an unknown track answers with no track."""
        with self.lock:
            person = self._find(room, identity)
            if person is not None:
                if not muted and not self.config.enable_remote_unmute:
                    raise remote_unmute_not_enabled()
                return self._server_mute(room, person, track_sid, muted)
        await self.clock.sleep(self.config.unavailable_after)
        raise no_response()

    def update_participant(
        self,
        room: str,
        identity: str,
        *,
        name: str | None = None,
        metadata: str | None = None,
        attributes: dict[str, str] | None = None,
        permission: models.ParticipantPermission | None = None,
    ) -> models.ParticipantInfo:
        """UpdateParticipant: empty name/metadata keep the old value; an attribute
        set to "" is deleted; the participant gets a fresh token (claims changed)."""
        if name is not None and len(name) > self.config.max_participant_name_length:
            raise TwirpError("invalid_argument", "name length exceeds limits")
        if metadata is not None and len(metadata) > self.config.max_metadata_size:
            raise TwirpError("invalid_argument", "metadata size exceeds limits")
        with self.lock:
            person = self._participant(room, identity)
            self._update(room, person, name, metadata, attributes, permission)
            return person.info()

    async def send_data(
        self,
        room: str,
        data: bytes,
        kind: int = models.DataPacket.Kind.RELIABLE,
        destination_identities: Iterable[str] = (),
        topic: str | None = None,
        nonce: bytes = b"",
        destination_sids: Iterable[str] = (),
    ) -> None:
        """SendData from the server: to everyone, or only the destination identities.
        The RoomService sends it to the room's psrpc topic: a room that is not live
        fails ``unavailable`` after the timeout."""
        if nonce and len(nonce) != 16:
            raise TwirpError(
                "invalid_argument",
                f"nonce should be 16-bytes or not present, got: {len(nonce)} bytes",
            )
        user = models.UserPacket(
            payload=data,
            destination_identities=list(destination_identities),
            destination_sids=list(destination_sids),
            nonce=nonce,
        )
        if topic is not None:
            user.topic = topic
        packet = models.DataPacket(
            kind=kind,  # type: ignore[arg-type]
            destination_identities=list(destination_identities),
            user=user,
        )
        with self.lock:
            found = self._rooms.get(room)
            if found is not None:
                self._deliver(found, None, packet)
                return
        await self.clock.sleep(self.config.unavailable_after)
        raise no_response()

    def update_room_metadata(self, room: str, metadata: str) -> models.Room:
        if len(metadata) > self.config.max_metadata_size:
            raise TwirpError("invalid_argument", "metadata size exceeds limits")
        with self.lock:
            found = self._rooms.get(room)
            if found is None:
                raise room_not_found()
            found.proto.metadata = metadata
            snapshot = found.snapshot()
            for p in list(found.participants.values()):
                if p.started and not p.closed:  # room.go sendRoomUpdate: ready ones
                    p.listener.on_room_update(snapshot)
            return snapshot

    # --- clients ------------------------------------------------------------------------

    def authorize(self, token: str) -> Claims:
        """Verify a client's access token as ``/rtc`` does (pkg/service/auth.go
        middleware, then ValidateConnectRequest in utils.go). Raises ``RtcError``
        with the real status: 401 for a bad or unpermitted token, 400 for a token
        without identity or room."""
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise RtcError(401, "invalid authorization token") from exc
        if unverified.get("iss") != self.config.api_key:
            raise RtcError(401, "invalid API key")
        try:
            claims = self.verify(token)
        except jwt.PyJWTError as exc:
            raise RtcError(401, f"invalid authorization token: {exc}") from exc
        video = claims.video
        if video is None or not video.room_join:
            raise RtcError(401, "permissions denied")
        if not claims.identity:
            raise RtcError(400, "identity cannot be empty")
        if len(claims.identity) > self.config.max_participant_identity_length:
            raise RtcError(400, "participant identity length exceeds limits")
        if not video.room:
            raise RtcError(400, "no room name")
        if len(video.room) > self.config.max_room_name_length:
            raise RtcError(400, "room name length exceeds limits")
        with self.lock:
            if not self.config.auto_create and video.room not in self._rooms:
                raise RtcError(404, "requested room does not exist")
        return claims

    def join(
        self,
        claims: Claims,
        listener: ParticipantListener,
        *,
        token_expires_at: float | None = None,
    ) -> Session:
        """Start a session (pkg/service/roommanager.go StartSession, pkg/rtc/room.go Join).

        The room is created if needed, from the token's room configuration over the
        server defaults (``room_started``). A live session with the same identity is
        removed first with DUPLICATE_IDENTITY. A full room raises ``JoinRefused``
        (JOIN_FAILURE). The new participant is JOINING with a new SID until
        ``activate()``; if it is not active ``join_timeout`` seconds later it is
        removed (JOIN_FAILURE, ``participant_connection_aborted``).
        """
        assert claims.video is not None
        # roommanager.go StartSession, before the room exists: psrpc InvalidArgument -> 400.
        if len(claims.metadata or "") > self.config.max_metadata_size:
            raise RtcError(400, "metadata size exceeds limits")
        attributes = sum(len(k) + len(v) for k, v in (claims.attributes or {}).items())
        if attributes > self.config.max_attributes_size:
            raise RtcError(400, "attribute size exceeds limits")
        room_name = claims.video.room
        create = room_pb.CreateRoomRequest(name=room_name)
        config = claims.room_config
        if config is not None:
            # pkg/service/utils.go SetRoomConfiguration.
            create.empty_timeout = config.empty_timeout
            create.departure_timeout = config.departure_timeout
            create.max_participants = config.max_participants
            create.metadata = config.metadata
            create.agents.extend(config.agents)
        with self.lock:
            found = self._get_or_create(create)
            existing = found.participants.get(claims.identity)
            if existing is not None:
                self._remove(room_name, existing, Reason.DUPLICATE_IDENTITY, send_leave=True)
            kind = KINDS.get(claims.kind or "", models.ParticipantInfo.Kind.STANDARD)
            granted = permission(claims.video, kind)
            dependent = is_dependent(kind, granted)
            limit = found.proto.max_participants
            # room.go Join: agents and recorders do not count against the limit.
            counted = sum(1 for p in found.participants.values() if not p.dependent)
            if limit and not dependent and counted >= limit:
                raise JoinRefused("room has exceeded its max participants", Reason.JOIN_FAILURE)
            now = self.clock.now()
            person = Participant(
                sid=new_id("PA_"),
                identity=claims.identity,
                name=claims.name or "",
                metadata=claims.metadata or "",
                attributes=dict(claims.attributes or {}),
                kind=kind,
                permission=granted,
                dependent=dependent,
                claims=claims,
                token_expires_at=token_expires_at or 0.0,
                listener=listener,
                joined_at=now,
            )
            found.participants[person.identity] = person
            if not found.first_joined_at and not dependent:
                found.first_joined_at = now
            if not dependent:
                self._cancel_idle(found)
            person.join_timer = self.clock.call_later(
                self.config.join_timeout, lambda: self._join_timeout(room_name, person)
            )
            return Session(self, room_name, person)

    def connect(
        self,
        token: str,
        listener: ParticipantListener | None = None,
        *,
        activate: bool = True,
    ) -> Session:
        """Test driver: a client joins with ``token`` (authorize, join, start and,
        unless ``activate=False``, activate). The listener defaults to a
        ``RecordingListener`` (``session.listener``)."""
        from livekit_local.driver import RecordingListener

        claims = self.authorize(token)
        expires = float(jwt.decode(token, options={"verify_signature": False}).get("exp", 0))
        session = self.join(claims, listener or RecordingListener(), token_expires_at=expires)
        session.token = token
        session.start()
        if activate:
            session.activate()
        return session

    # --- internals (lock held) ------------------------------------------------------------

    def _get_or_create(self, request: room_pb.CreateRoomRequest) -> RoomState:
        found = self._rooms.get(request.name)
        if found is not None and not found.closed:
            return found
        now = self.clock.now()
        proto = models.Room(
            sid=new_id("RM_"),
            name=request.name,
            # pkg/rtc/room.go NewRoom: 0 means the server default.
            empty_timeout=request.empty_timeout or self.config.empty_timeout,
            departure_timeout=request.departure_timeout or self.config.departure_timeout,
            max_participants=request.max_participants,
            creation_time=int(now),
            creation_time_ms=int(now * 1000),
            turn_password=secrets.token_urlsafe(24),
            metadata=request.metadata,
        )
        created = RoomState(proto)
        self._rooms[request.name] = created
        self._emit("room_started", created)
        self._schedule_idle(created)
        return created

    def _find(self, room: str, identity: str) -> Participant | None:
        found = self._rooms.get(room)
        return found.participants.get(identity) if found else None

    def _participant(self, room: str, identity: str) -> Participant:
        person = self._find(room, identity)
        if person is None:
            raise participant_not_found()
        return person

    def _emit(
        self,
        kind: str,
        room: RoomState,
        participant: Participant | None = None,
        track: models.TrackInfo | None = None,
    ) -> None:
        # pkg/telemetry/events.go NotifyEvent: a unique EV_ id and created_at in seconds.
        event = webhook_pb.WebhookEvent(
            event=kind,
            room=room.snapshot(),
            id=new_id("EV_"),
            created_at=int(self.clock.now()),
        )
        if participant is not None:
            event.participant.CopyFrom(participant.info())
        if track is not None:
            event.track.CopyFrom(track)
        self.webhook_events.append(event)
        if self.notifier is not None:
            self.notifier.notify(event)

    def _broadcast(
        self, room: RoomState, subject: Participant, *, include_self: bool = False
    ) -> None:
        """pkg/rtc/room.go broadcastParticipantState: a state change goes to the
        others (skipSource), a track/metadata change to the participant too; a
        hidden participant's only to itself. A receiver that has not had its
        JoinResponse yet gets them queued until it has (participant_signal.go)."""
        info = subject.info()
        for other in list(room.participants.values()):
            if other.closed or (other is subject and not include_self):
                continue
            if subject.permission.hidden and other is not subject:
                continue
            if not other.started:
                other.queued_updates.append(info)
                continue
            other.listener.on_participant_update([info])

    def _join_response(self, room_name: str, person: Participant) -> rtc.JoinResponse:
        with self.lock:
            found = self._rooms[room_name]
            others = [
                p.info()
                for p in found.participants.values()
                if p is not person and not p.permission.hidden
            ]
            return rtc.JoinResponse(
                room=found.snapshot(),
                participant=person.info(),
                other_participants=others,
                server_version=self.config.server_version,
                server_region=self.config.region,
                ping_timeout=15,
                ping_interval=5,
                server_info=models.ServerInfo(
                    edition=models.ServerInfo.Edition.Standard,
                    version=self.config.server_version,
                    protocol=16,
                    region=self.config.region,
                    node_id="ND_local",
                ),
            )

    def _start(self, room_name: str, person: Participant) -> None:
        with self.lock:
            if person.started or person.closed:
                return
            # participant_signal.go SendJoinResponse: JOINED once the JoinResponse is
            # out, then the updates queued meanwhile; roommanager.go rtcSessionWorker
            # then sends the first refreshed token.
            person.started = True
            if person.state == State.JOINING:
                person.state = State.JOINED
                person.version += 1
                self._broadcast(self._rooms[room_name], person)
            queued, person.queued_updates = person.queued_updates, []
            if queued:
                person.listener.on_participant_update(queued)
            self._refresh(room_name, person)

    def _refresh(self, room_name: str, person: Participant) -> None:
        with self.lock:
            if person.closed:
                return
            person.listener.on_token_refresh(self.refreshed_token(person))
            person.refresh_timer = self.clock.call_later(
                self.config.token_refresh_interval, lambda: self._refresh(room_name, person)
            )

    def refreshed_token(self, person: Participant) -> str:
        """pkg/service/roommanager.go refreshToken: the participant's grants in a new
        token from the server's key, valid for 10 minutes or what remained of the
        original token, whichever is longer."""
        now = self.clock.now()
        valid_for = max(self.config.token_default_ttl, person.token_expires_at - now)
        grants = person.claims
        token = (
            api.AccessToken(self.config.api_key, self.config.api_secret)
            .with_identity(person.identity)
            .with_name(person.name)
            .with_metadata(person.metadata)
            .with_attributes(person.attributes)
            .with_grants(grants.video or api.VideoGrants())
        )
        if grants.kind:
            token.with_kind(grants.kind)  # type: ignore[arg-type]
        if grants.room_config is not None:
            token.with_room_config(grants.room_config)
        if grants.room_preset:
            token.with_room_preset(grants.room_preset)
        claims: dict[str, Any] = token.claims.asdict()
        claims.update(
            {
                "sub": person.identity,
                "iss": self.config.api_key,
                "nbf": calendar.timegm(_utc(now)),
                "exp": calendar.timegm(_utc(now + valid_for)),
            }
        )
        return jwt.encode(claims, self.config.api_secret, algorithm="HS256")

    def _activate(self, room_name: str, person: Participant) -> None:
        with self.lock:
            if person.closed or person.state == State.ACTIVE:
                return
            if not person.started:
                self._start(room_name, person)
            person.state = State.ACTIVE
            person.ever_active = True
            person.version += 1
            if person.join_timer is not None:
                person.join_timer.cancel()
            found = self._rooms[room_name]
            # pkg/telemetry/events.go ParticipantActive: "joined" means active.
            self._emit("participant_joined", found, person)
            self._broadcast(found, person)

    def _signal_lost(self, room_name: str, person: Participant) -> None:
        with self.lock:
            if person.closed:
                return
            if not person.ever_active:
                self._remove(room_name, person, Reason.SIGNAL_CLOSE, send_leave=False)
                return
            person.signal_lost = True
            if person.refresh_timer is not None:
                person.refresh_timer.cancel()  # nobody to send a token to
            person.ice_timer = self.clock.call_later(
                self.config.ice_failed_timeout,
                lambda: self._remove(
                    room_name, person, Reason.CONNECTION_TIMEOUT, send_leave=False
                ),
            )

    def _join_timeout(self, room_name: str, person: Participant) -> None:
        with self.lock:
            if not person.closed and person.state != State.ACTIVE:
                self._remove(room_name, person, Reason.JOIN_FAILURE, send_leave=True)

    def _remove(
        self, room_name: str, person: Participant, reason: int, *, send_leave: bool
    ) -> None:
        """pkg/rtc/room.go RemoveParticipant + participant Close."""
        with self.lock:
            if person.closed:
                return
            found = self._rooms.get(room_name)
            person.closed = True
            person.cancel_timers()
            person.close_reason = reason
            person.state = State.DISCONNECTED
            person.version += 1
            if found is None or found.participants.get(person.identity) is not person:
                return
            del found.participants[person.identity]
            found.last_left_at = self.clock.now()
            if send_leave and not person.signal_lost:
                person.listener.on_leave(
                    rtc.LeaveRequest(
                        reason=reason,  # type: ignore[arg-type]
                        action=rtc.LeaveRequest.Action.DISCONNECT,
                    )
                )
            for track in list(person.tracks.values()):
                self._emit("track_unpublished", found, person, track)
            # pkg/telemetry/events.go ParticipantLeft: never active -> aborted.
            self._emit(
                "participant_left" if person.ever_active else "participant_connection_aborted",
                found,
                person,
            )
            self._broadcast(found, person)
            if not found.closed:
                self._schedule_idle(found)

    def _publish(
        self, room_name: str, person: Participant, track: models.TrackInfo
    ) -> models.TrackInfo:
        with self.lock:
            self._check_may_publish(person, track)
            published = person.pending_tracks.pop(track.sid, None) or self._new_track(track)
            person.tracks[published.sid] = published
            person.version += 1
            found = self._rooms[room_name]
            self._emit("track_published", found, person, published)
            self._broadcast(found, person, include_self=True)
            return published

    @staticmethod
    def _check_may_publish(person: Participant, track: models.TrackInfo) -> None:
        if person.closed:
            raise TwirpError("failed_precondition", "participant is not connected")
        if not can_publish_source(person.permission, track.source):
            raise TwirpError("permission_denied", "does not have permission to publish")

    @staticmethod
    def _new_track(track: models.TrackInfo) -> models.TrackInfo:
        created = models.TrackInfo()
        created.CopyFrom(track)
        if not created.sid:
            # livekit utils guid prefixes TR_A (audio) / TR_V (video)
            created.sid = new_id("TR_A" if created.type == models.TrackType.AUDIO else "TR_V")
        return created

    def _add_track(
        self, room_name: str, person: Participant, track: models.TrackInfo
    ) -> models.TrackInfo:
        with self.lock:
            self._check_may_publish(person, track)
            pending = self._new_track(track)
            person.pending_tracks[pending.sid] = pending
            result = models.TrackInfo()
            result.CopyFrom(pending)
            return result

    def _unpublish(self, room_name: str, person: Participant, track_sid: str) -> None:
        with self.lock:
            track = person.tracks.pop(track_sid, None)
            if track is None or person.closed:
                return
            person.version += 1
            found = self._rooms[room_name]
            self._emit("track_unpublished", found, person, track)
            self._broadcast(found, person, include_self=True)

    def _set_muted(
        self, room_name: str, person: Participant, track_sid: str, muted: bool
    ) -> models.TrackInfo | None:
        with self.lock:
            track = person.tracks.get(track_sid)
            if track is None or person.closed:
                return None
            if track.muted != muted:
                track.muted = muted
                person.version += 1
                self._broadcast(self._rooms[room_name], person, include_self=True)
            result = models.TrackInfo()
            result.CopyFrom(track)
            return result

    def _server_mute(
        self, room_name: str, person: Participant, track_sid: str, muted: bool
    ) -> models.TrackInfo | None:
        # pkg/rtc/participant.go SetTrackMuted(fromAdmin): the client is told to
        # mute, and the published track's state changes at once.
        if track_sid not in person.tracks:
            return None
        person.listener.on_mute_track(track_sid, muted)
        return self._set_muted(room_name, person, track_sid, muted)

    def _update(
        self,
        room_name: str,
        person: Participant,
        name: str | None,
        metadata: str | None,
        attributes: dict[str, str] | None,
        permission: models.ParticipantPermission | None,
    ) -> None:
        with self.lock:
            if name:
                person.name = name
            if metadata:
                person.metadata = metadata
            for key, value in (attributes or {}).items():
                if value:
                    person.attributes[key] = value
                else:
                    person.attributes.pop(key, None)
            found = self._rooms[room_name]
            if permission is not None:
                # pkg/rtc/participant.go SetPermission: the grants change, and tracks
                # of a source no longer allowed are unpublished.
                person.permission = permission
                if person.claims.video is not None:
                    person.claims.video = grants_with(person.claims.video, permission)
                for track in list(person.tracks.values()):
                    if not can_publish_source(permission, track.source):
                        del person.tracks[track.sid]
                        self._emit("track_unpublished", found, person, track)
            person.version += 1
            self._broadcast(found, person, include_self=True)
            # roommanager.go OnClaimsChanged: the client gets a token with the new claims.
            if person.started and not person.closed:
                person.listener.on_token_refresh(self.refreshed_token(person))

    def _relay_data(self, room_name: str, person: Participant, packet: models.DataPacket) -> None:
        with self.lock:
            if person.closed:
                return
            if not person.permission.can_publish_data:
                return  # pkg/rtc/participant.go: data without the grant is dropped
            found = self._rooms[room_name]
            relayed = models.DataPacket()
            relayed.CopyFrom(packet)
            relayed.participant_identity = person.identity
            relayed.participant_sid = person.sid
            if relayed.HasField("user"):
                relayed.user.participant_identity = person.identity
                relayed.user.participant_sid = person.sid
            self._deliver(found, person, relayed)

    def _deliver(
        self, room: RoomState, source: Participant | None, packet: models.DataPacket
    ) -> None:
        # pkg/rtc/room.go BroadcastDataPacketForRoom: a user packet whose nonce was
        # seen is dropped; destination identities are kept in step between the
        # packet and its user packet; it goes to everyone but the sender, or only to
        # the destination identities / sids when there are some.
        sids: set[str] = set()
        if packet.HasField("user"):
            user = packet.user
            if user.nonce:
                if user.nonce in room.seen_nonces:
                    return
                room.seen_nonces.append(user.nonce)
            if packet.destination_identities:
                del user.destination_identities[:]
                user.destination_identities.extend(packet.destination_identities)
            else:
                packet.destination_identities.extend(user.destination_identities)
            sids = set(user.destination_sids)
        identities = set(packet.destination_identities)
        for other in list(room.participants.values()):
            if other is source or other.closed or other.state != State.ACTIVE:
                continue
            if (identities or sids) and not (other.identity in identities or other.sid in sids):
                continue
            copy = models.DataPacket()
            copy.CopyFrom(packet)
            other.listener.on_data(copy)

    def _cancel_idle(self, room: RoomState) -> None:
        if room.idle_timer is not None:
            room.idle_timer.cancel()
            room.idle_timer = None

    def _schedule_idle(self, room: RoomState) -> None:
        """pkg/rtc/room.go CloseIfEmpty: a room nobody joined closes empty_timeout
        after creation; one everyone left, departure_timeout after the last leave."""
        self._cancel_idle(room)
        if self._occupied(room):
            return
        if room.first_joined_at and room.last_left_at:
            deadline = room.last_left_at + room.proto.departure_timeout
        else:
            deadline = room.proto.creation_time + room.proto.empty_timeout
        room.idle_timer = self.clock.call_at(deadline, lambda: self._close_if_empty(room))

    @staticmethod
    def _occupied(room: RoomState) -> bool:
        # room.go CloseIfEmpty: only agents or recorders left is empty.
        return any(not p.dependent for p in room.participants.values())

    def _close_if_empty(self, room: RoomState) -> None:
        with self.lock:
            if room.closed or self._occupied(room) or self._rooms.get(room.proto.name) is not room:
                return
            self._close_room(room, Reason.ROOM_CLOSED)

    def _close_room(self, room: RoomState, reason: int) -> None:
        """pkg/rtc/room.go Close: every participant closed with a LeaveRequest, then
        the room is gone and ``room_finished`` sent."""
        room.closed = True
        self._cancel_idle(room)
        for person in list(room.participants.values()):
            self._remove(room.proto.name, person, reason, send_leave=True)
        if self._rooms.get(room.proto.name) is room:
            del self._rooms[room.proto.name]
        self._emit("room_finished", room)


def _utc(ts: float) -> time.struct_time:
    return time.gmtime(ts)
