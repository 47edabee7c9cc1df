"""The state of rooms and participants (plain data; the rules live in model.py)."""

from __future__ import annotations

import collections
import secrets
import string
from dataclasses import dataclass, field

from livekit import api
from livekit.api.access_token import Claims
from livekit.protocol import models

from livekit_local.clock import Timer
from livekit_local.listener import ParticipantListener

State = models.ParticipantInfo.State
Reason = models.DisconnectReason

_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str) -> str:
    """An id like livekit's ``guid.New(prefix)``: the prefix and 12 base62 characters."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(12))


@dataclass(eq=False)
class Participant:
    sid: str
    identity: str
    name: str
    metadata: str
    attributes: dict[str, str]
    kind: int
    permission: models.ParticipantPermission
    claims: Claims
    token_expires_at: float
    listener: ParticipantListener
    joined_at: float
    state: int = State.JOINING
    tracks: dict[str, models.TrackInfo] = field(default_factory=dict)
    version: int = 0
    closed: bool = False
    ever_active: bool = False
    started: bool = False
    close_reason: int = Reason.UNKNOWN_REASON
    # tracks announced (AddTrackRequest) whose media has not arrived yet
    pending_tracks: dict[str, models.TrackInfo] = field(default_factory=dict)
    # participant updates held until this participant's JoinResponse is out
    queued_updates: list[models.ParticipantInfo] = field(default_factory=list)
    signal_lost: bool = False
    refresh_timer: Timer | None = None
    join_timer: Timer | None = None
    ice_timer: Timer | None = None

    def info(self) -> models.ParticipantInfo:
        return models.ParticipantInfo(
            sid=self.sid,
            identity=self.identity,
            name=self.name,
            state=self.state,  # type: ignore[arg-type]
            tracks=list(self.tracks.values()),
            metadata=self.metadata,
            attributes=self.attributes,
            joined_at=int(self.joined_at),
            joined_at_ms=int(self.joined_at * 1000),
            version=self.version,
            permission=self.permission,
            is_publisher=bool(self.tracks),
            kind=self.kind,  # type: ignore[arg-type]
            disconnect_reason=self.close_reason,  # type: ignore[arg-type]
        )

    def cancel_timers(self) -> None:
        for timer in (self.refresh_timer, self.join_timer, self.ice_timer):
            if timer is not None:
                timer.cancel()


@dataclass(eq=False)
class RoomState:
    proto: models.Room
    participants: dict[str, Participant] = field(default_factory=dict)
    first_joined_at: float = 0.0
    last_left_at: float = 0.0
    closed: bool = False
    idle_timer: Timer | None = None
    # nonces of recent user packets (pkg/rtc/room.go IsDataMessageUserPacketDuplicate)
    seen_nonces: collections.deque[bytes] = field(
        default_factory=lambda: collections.deque(maxlen=1000)
    )

    def snapshot(self) -> models.Room:
        copy = models.Room()
        copy.CopyFrom(self.proto)
        visible = [p for p in self.participants.values() if not p.permission.hidden]
        copy.num_participants = len(visible)
        copy.num_publishers = sum(1 for p in visible if p.tracks)
        return copy


KINDS = {
    "": models.ParticipantInfo.Kind.STANDARD,
    "standard": models.ParticipantInfo.Kind.STANDARD,
    "ingress": models.ParticipantInfo.Kind.INGRESS,
    "egress": models.ParticipantInfo.Kind.EGRESS,
    "sip": models.ParticipantInfo.Kind.SIP,
    "agent": models.ParticipantInfo.Kind.AGENT,
}


def permission(grants: api.VideoGrants, kind: int) -> models.ParticipantPermission:
    # protocol auth/grants.go ToPermission.
    return models.ParticipantPermission(
        can_subscribe=grants.can_subscribe,
        can_publish=grants.can_publish,
        can_publish_data=grants.can_publish_data,
        hidden=bool(grants.hidden),
        recorder=bool(grants.recorder),
        can_update_metadata=bool(grants.can_update_own_metadata),
        agent=bool(grants.agent) or kind == models.ParticipantInfo.Kind.AGENT,
    )
