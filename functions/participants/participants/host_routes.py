"""A host's controls over the whole meeting, from inside it: end it for everyone,
mute everyone, lock and unlock it, extend it, and make a participant a co-host.

Authorised like moderation (see host_auth): the caller's own LiveKit token for the
room, a host's (room_admin) or a co-host's.
"""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from meet_common.deps import Db, Now, Rooms, Schedules
from meet_common.errors import (
    HostOnly,
    InvalidExtension,
    LiveKitUnavailable,
    MeetingFinished,
    MeetingOver,
    ParticipantNotInRoom,
    RoomNotFound,
)
from meet_common.participant_auth import PARTICIPANT_ERRORS
from meet_common.schema import error_responses
from participants import host_controls
from participants.host_auth import Host
from participants.models import ExtendRequest, MeetingControls, MuteAllResult

# Every host route: the caller's token (see host_auth), then the room's meeting.
_HOST_ERRORS = (*PARTICIPANT_ERRORS, HostOnly, RoomNotFound)

router = APIRouter(
    prefix="/api/rooms/{room_name}",
    tags=["host controls"],
)


def _controls(state: host_controls.MeetingState) -> MeetingControls:
    return MeetingControls(locked=state.locked, end_time=state.end_time)


@router.post(
    "/end",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*_HOST_ERRORS, MeetingFinished),
    summary="Host: end the meeting for everyone",
    description=(
        "Sets the meeting ENDED (as the organiser's end does) and deletes its LiveKit "
        "room, which disconnects everyone; the pages first get a `meeting` data packet "
        '`{"type": "ended", "by": "host"}`. Ending an ended meeting is done; a cancelled '
        "one is 409 `meeting_finished`."
    ),
)
def end_meeting(
    room_name: str, host: Host, db: Db, rooms: Rooms, schedules: Schedules, now: Now
) -> Response:
    host_controls.end_for_everyone(db, rooms, schedules, room_name, by=host.identity, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/mute-all",
    response_model=MuteAllResult,
    responses=error_responses(*_HOST_ERRORS, MeetingFinished, LiveKitUnavailable),
    summary="Host: mute everyone else's microphone",
    description=(
        "Mutes every unmuted audio track of everyone in the room except the hosts and "
        "co-hosts (they run the meeting; mute one of them from their row)."
    ),
)
def mute_all(room_name: str, host: Host, db: Db, rooms: Rooms) -> MuteAllResult:
    muted = host_controls.mute_everyone(db, rooms, room_name, by=host.identity)
    return MuteAllResult(muted_identities=muted)


@router.post(
    "/lock",
    response_model=MeetingControls,
    responses=error_responses(*_HOST_ERRORS, MeetingFinished),
    summary="Host: lock the meeting against new joins",
    description=(
        "From now on the token route refuses joins with 403 `meeting_locked`, except "
        "with the host key. Everyone in the room gets a `meeting` data packet "
        '`{"type": "locked", "locked": true}`.'
    ),
)
def lock(room_name: str, host: Host, db: Db, rooms: Rooms, now: Now) -> MeetingControls:
    return _controls(
        host_controls.set_locked(db, rooms, room_name, locked=True, by=host.identity, now=now)
    )


@router.post(
    "/unlock",
    response_model=MeetingControls,
    responses=error_responses(*_HOST_ERRORS, MeetingFinished),
    summary="Host: let new joins in again",
)
def unlock(room_name: str, host: Host, db: Db, rooms: Rooms, now: Now) -> MeetingControls:
    return _controls(
        host_controls.set_locked(db, rooms, room_name, locked=False, by=host.identity, now=now)
    )


@router.post(
    "/extend",
    response_model=MeetingControls,
    responses=error_responses(*_HOST_ERRORS, MeetingFinished, MeetingOver, InvalidExtension),
    summary="Host: move the meeting's end later by 15 or 30 minutes",
    description=(
        "Moves endTime and the meeting's end schedule; everyone in the room gets a "
        '`meeting` data packet `{"type": "endTime", "endTime": "..."}`. 410 '
        "`meeting_over` once the end time has passed."
    ),
)
def extend(
    room_name: str,
    body: ExtendRequest,
    host: Host,
    db: Db,
    rooms: Rooms,
    schedules: Schedules,
    now: Now,
) -> MeetingControls:
    state = host_controls.extend(
        db, rooms, schedules, room_name, minutes=body.minutes, by=host.identity, now=now
    )
    return _controls(state)


@router.post(
    "/participants/{identity}/cohost",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(
        *_HOST_ERRORS, ParticipantNotInRoom, MeetingFinished, LiveKitUnavailable
    ),
    summary="Host: make a participant a co-host",
    description=(
        "Records the identity as a co-host (the host routes then accept its token) and "
        "sends every page the full list of co-hosts on the `meeting` topic "
        '(`{"type": "cohosts", "identities": [...]}`). '
        "404 `participant_not_in_room` when they are not in the room."
    ),
)
def make_cohost(
    room_name: str, identity: str, host: Host, db: Db, rooms: Rooms, now: Now
) -> Response:
    host_controls.make_cohost(db, rooms, room_name, identity, by=host.identity, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
