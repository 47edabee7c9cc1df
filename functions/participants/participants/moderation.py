"""Host moderation: mute, remove, or lower a raised hand, through LiveKit's room service.

The caller's authority is checked by the route (a LiveKit token with room_admin
for the room, whose identity no host removed); here the room service does the work.

Someone not in the room is a prompt 404. livekit-server's MutePublishedTrack does
not check that the participant exists (pkg/service/roomservice.go forwards it to
the participant's node): for someone who left it fails with ``unavailable`` only
after about 15 s, and for a known participant with an unknown track sid it answers
200 with no track. So mute first finds the participant and the track
(GetParticipant); RemoveParticipant checks the participant itself (not_found).
Any other room-service failure is a 503.

A removal bars the identity for the rest of the meeting: LiveKit revokes nothing
(the removed participant's token still verifies and may even rejoin the room), so
the service's own API refuses that identity from then on.
"""

from __future__ import annotations

from collections.abc import Coroutine
from datetime import datetime
from typing import Any, TypeVar

from meet_common.db import Database
from meet_common.errors import LiveKitUnavailable, MeetError, ParticipantNotFound, TrackNotFound
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync
from meet_common.observability import logger
from meet_common.repo import identities
from meet_common.repo import meetings as meetings_repo

T = TypeVar("T")


def call_room_service(
    coro: Coroutine[Any, Any, T], room: str, *, missing: MeetError | None = None
) -> T:
    """Run a room-service call for a route: LiveKit's not_found is ``missing`` (a 404),
    any other failure a 503."""
    try:
        return run_sync(coro)
    except RoomServiceError as exc:
        if exc.not_found:
            raise missing or ParticipantNotFound() from None
        logger.warning("room service call failed", extra={"room": room, "error": str(exc)})
        raise LiveKitUnavailable() from None


async def _mute(rooms: RoomService, room: str, identity: str, track_sid: str | None) -> list[str]:
    # Imported here, as in livekit_rooms: at import, livekit.api (aiohttp, protobuf)
    # added about 250 ms to every cold start, before any request needed it.
    from livekit.protocol.models import TrackType

    async with rooms.session() as session:
        person = await session.get_participant(room, identity)
        if track_sid is not None:
            if not any(t.sid == track_sid for t in person.tracks):
                raise TrackNotFound()
            sids = [track_sid]
        else:
            sids = [t.sid for t in person.tracks if t.type == TrackType.AUDIO and not t.muted]
        for sid in sids:
            await session.mute_published_track(room, identity, sid)
    return sids


def mute_participant(
    rooms: RoomService, room: str, identity: str, *, track_sid: str | None, by: str
) -> list[str]:
    """Mute one track, or every unmuted audio track; the sids muted."""
    muted = call_room_service(_mute(rooms, room, identity, track_sid), room)
    logger.info(
        "participant muted", extra={"room": room, "identity": identity, "by": by, "tracks": muted}
    )
    return muted


def remove_participant(
    db: Database, rooms: RoomService, room: str, identity: str, *, by: str, now: datetime
) -> None:
    """Remove the participant from the room and bar the identity from the meeting."""
    call_room_service(rooms.remove_participant(room, identity), room)
    with db.transaction() as conn:
        meeting = meetings_repo.get_by_room(conn, room)
        if meeting is not None:
            identities.bar(conn, meeting.id, [identity], now)
    logger.info("participant removed", extra={"room": room, "identity": identity, "by": by})


def remove_connections(rooms: RoomService, room: str, people: list[str]) -> int:
    """Remove each identity's live connection from the room (one LiveKit has no
    record of is already gone); how many were removed. Failures are logged."""

    async def remove_all() -> int:
        removed = 0
        async with rooms.session() as session:
            for identity in people:
                try:
                    await session.remove_participant(room, identity)
                except RoomServiceError as exc:
                    if not exc.not_found:
                        logger.warning(
                            "could not remove a withdrawn participant",
                            extra={"room": room, "identity": identity, "error": str(exc)},
                        )
                else:
                    removed += 1
        return removed

    return run_sync(remove_all()) if people else 0


# The participant attribute a page sets on itself while its hand is up (an ISO time).
HAND_ATTRIBUTE = "hand"


def lower_hand(rooms: RoomService, room: str, identity: str, *, by: str) -> None:
    """Clear the participant's raised hand: UpdateParticipant with the attribute empty,
    which deletes it, and LiveKit tells everyone in the room (a ParticipantUpdate)."""
    call_room_service(rooms.update_attributes(room, identity, {HAND_ATTRIBUTE: ""}), room)
    logger.info("hand lowered", extra={"room": room, "identity": identity, "by": by})
