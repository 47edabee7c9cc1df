"""Host moderation routes, authorised by the caller's own LiveKit token.

The bearer must be a LiveKit token for the named room carrying ``room_admin``
(the token a valid host key earns): none, forged or expired → 401
``participant_token_invalid``; another room's token → 403 ``wrong_room``, a guest's
→ 403 ``host_only``; a token whose identity a host removed from the
meeting → 403 ``removed_from_meeting``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from meet_common.deps import Db, Now, Rooms
from meet_common.errors import HostOnly, LiveKitUnavailable, ParticipantNotFound, TrackNotFound
from meet_common.participant_auth import (
    PARTICIPANT_ERRORS,
    Participant,
    ensure_not_barred,
    participant_credentials,
    verify_participant_token,
)
from meet_common.schema import error_responses
from participants import moderation
from participants.models import MuteRequest, MuteResult

router = APIRouter(
    prefix="/api/rooms/{room_name}/participants/{identity}",
    tags=["moderation"],
)
_HOST_ERRORS = (*PARTICIPANT_ERRORS, HostOnly, ParticipantNotFound, LiveKitUnavailable)


def require_host(
    room_name: str, db: Db, token: Annotated[str | None, Depends(participant_credentials)]
) -> Participant:
    caller = verify_participant_token(token, room_name)
    with db.transaction() as conn:
        ensure_not_barred(conn, caller)
    if not caller.is_admin:
        raise HostOnly("Only a host may do this.")
    return caller


Host = Annotated[Participant, Depends(require_host)]


@router.post(
    "/mute",
    response_model=MuteResult,
    responses=error_responses(*_HOST_ERRORS, TrackNotFound),
    summary="Host: mute a participant's track, or all of their audio",
    description=(
        "Finds the participant (and the track) in the LiveKit room first: 404 when they "
        "are not there, at once. 403 `removed_from_meeting` when the caller's own "
        "identity was removed from the meeting."
    ),
)
def mute_participant(
    room_name: str, identity: str, host: Host, rooms: Rooms, body: MuteRequest | None = None
) -> MuteResult:
    track_sid = body.track_sid if body is not None else None
    muted = moderation.mute_participant(
        rooms, room_name, identity, track_sid=track_sid, by=host.identity
    )
    return MuteResult(identity=identity, muted_track_sids=muted)


@router.post(
    "/remove",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*_HOST_ERRORS),
    summary="Host: remove a participant from the room (and bar them from the meeting)",
    description=(
        "Removes the participant from the LiveKit room; from then on their token is "
        "refused by the service's API (chat, moderation) with 403 `removed_from_meeting` "
        "for the rest of the meeting. 404 when they are not in the room."
    ),
)
def remove_participant(
    room_name: str, identity: str, host: Host, db: Db, rooms: Rooms, now: Now
) -> Response:
    moderation.remove_participant(db, rooms, room_name, identity, by=host.identity, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/lower-hand",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*_HOST_ERRORS),
    summary="Host: lower a participant's raised hand",
    description=(
        "Clears the participant's `hand` attribute (the time they raised it) through "
        "LiveKit's UpdateParticipant; everyone in the room sees the hand go down. "
        "403 `host_only` for a guest's token; 404 `participant_not_found` when they "
        "are not in the room."
    ),
)
def lower_hand(room_name: str, identity: str, host: Host, rooms: Rooms) -> Response:
    moderation.lower_hand(rooms, room_name, identity, by=host.identity)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
