"""The state of rooms and participants (plain data; the rules live in model.py)."""

from __future__ import annotations

import collections
import dataclasses
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
    dependent: bool = False  # an agent or recorder (pkg/rtc/participant.go IsDependent)
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


# protocol auth/grants.go: the grant's source names and the TrackSource enum.
SOURCES = {
    "camera": models.TrackSource.CAMERA,
    "microphone": models.TrackSource.MICROPHONE,
    "screen_share": models.TrackSource.SCREEN_SHARE,
    "screen_share_audio": models.TrackSource.SCREEN_SHARE_AUDIO,
}


def permission(grants: api.VideoGrants, kind: int) -> models.ParticipantPermission:
    # protocol auth/grants.go ToPermission.
    return models.ParticipantPermission(
        can_subscribe=grants.can_subscribe,
        can_publish=grants.can_publish,
        can_publish_data=grants.can_publish_data,
        can_publish_sources=[SOURCES[s] for s in grants.can_publish_sources or () if s in SOURCES],
        hidden=bool(grants.hidden),
        recorder=bool(grants.recorder),
        can_update_metadata=bool(grants.can_update_own_metadata),
        agent=bool(grants.agent) or kind == models.ParticipantInfo.Kind.AGENT,
    )


def can_publish_source(granted: models.ParticipantPermission, source: int) -> bool:
    """protocol auth/grants.go GetCanPublishSource: no publishing at all, or only the
    listed sources when some are listed."""
    if not granted.can_publish:
        return False
    return not granted.can_publish_sources or source in granted.can_publish_sources


def grants_with(grants: api.VideoGrants, granted: models.ParticipantPermission) -> api.VideoGrants:
    """protocol auth/grants.go UpdateFromPermission: the video grant after a new permission."""
    names = {value: name for name, value in SOURCES.items()}
    return dataclasses.replace(
        grants,
        can_publish=granted.can_publish,
        can_publish_data=granted.can_publish_data,
        can_subscribe=granted.can_subscribe,
        can_publish_sources=[names[s] for s in granted.can_publish_sources if s in names] or None,
        can_update_own_metadata=granted.can_update_metadata,
        hidden=granted.hidden,
        recorder=granted.recorder,
        agent=granted.agent,
    )


def is_dependent(kind: int, granted: models.ParticipantPermission) -> bool:
    """pkg/rtc/participant.go IsDependent: agents, egress, and agent/recorder grants."""
    return (
        kind in (models.ParticipantInfo.Kind.AGENT, models.ParticipantInfo.Kind.EGRESS)
        or granted.agent
        or granted.recorder
    )
