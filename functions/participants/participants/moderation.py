"""Host moderation: mute or remove a participant through LiveKit's room service.

The caller's authority is checked by the route (a LiveKit token with room_admin
for the room); here the room service does the work. A room or participant LiveKit
does not know is a 404; any other room-service failure a 503.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

from livekit import api

from meet_common.errors import NotFound, ServiceUnavailable
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync
from meet_common.observability import logger

T = TypeVar("T")


def _is_not_found(exc: RoomServiceError) -> bool:
    cause = exc.__cause__
    return isinstance(cause, api.TwirpError) and cause.code == api.TwirpErrorCode.NOT_FOUND


def _call(coro: Coroutine[Any, Any, T], room: str) -> T:
    try:
        return run_sync(coro)
    except RoomServiceError as exc:
        if _is_not_found(exc):
            raise NotFound("That participant or track is not in the room.") from None
        logger.warning("room service call failed", extra={"room": room, "error": str(exc)})
        raise ServiceUnavailable("LiveKit's room service failed; try again shortly.") from None


async def _mute(rooms: RoomService, room: str, identity: str, track_sid: str | None) -> list[str]:
    if track_sid is not None:
        await rooms.mute_published_track(room, identity, track_sid)
        return [track_sid]
    people = await rooms.list_participants(room)
    person = next((p for p in people if p.identity == identity), None)
    if person is None:
        raise NotFound("That participant is not in the room.")
    audio = [t.sid for t in person.tracks if t.type == api.TrackType.AUDIO and not t.muted]
    for sid in audio:
        await rooms.mute_published_track(room, identity, sid)
    return audio


def mute_participant(
    rooms: RoomService, room: str, identity: str, *, track_sid: str | None, by: str
) -> list[str]:
    """Mute one track, or every unmuted audio track; the sids muted."""
    muted = _call(_mute(rooms, room, identity, track_sid), room)
    logger.info(
        "participant muted", extra={"room": room, "identity": identity, "by": by, "tracks": muted}
    )
    return muted


def remove_participant(rooms: RoomService, room: str, identity: str, *, by: str) -> None:
    _call(rooms.remove_participant(room, identity), room)
    logger.info("participant removed", extra={"room": room, "identity": identity, "by": by})
