"""HTTP routes of the tokens function. Each parses input and calls one service function."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from meet_common.client import client_address
from meet_common.deps import Config, Db, Now, Rooms
from meet_common.errors import (
    DatabaseUnavailable,
    EmailRequired,
    MeetingLocked,
    MeetingNotFound,
    MeetingOver,
    NotInvited,
    NotStarted,
    RoomNotFound,
    SecretUnavailable,
    TooManyAttempts,
    TooManyLookups,
    WrongHostKey,
    WrongPassword,
)
from meet_common.ids import parse_meeting_id
from meet_common.meeting_status import MeetingStatus
from meet_common.schema import error_responses
from tokens import service
from tokens.models import (
    RoomSummary,
    TokenMeeting,
    TokenRequest,
    TokenResponse,
)

router = APIRouter(tags=["tokens"])


@router.get(
    "/api/rooms/{room_name}",
    response_model=RoomSummary,
    responses=error_responses(RoomNotFound, TooManyLookups, DatabaseUnavailable, SecretUnavailable),
    summary="What the join page needs to know about a room",
    description=(
        "429 with Retry-After once this client has looked up too many room names that "
        "do not exist (`ROOM_LOOKUP_MISS_LIMIT` in 10 minutes)."
    ),
)
def get_room(room_name: str, request: Request, db: Db, now: Now, config: Config) -> RoomSummary:
    meeting = service.room_summary(
        db, room_name, client_ip=client_address(request), now=now, settings=config
    )
    return RoomSummary(
        id=meeting.id,
        title=meeting.title,
        status=MeetingStatus(meeting.status),
        is_public=meeting.is_public,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        join_opens_at=service.join_opens_at(meeting, config),
    )


@router.post(
    "/api/meetings/{meeting_id}/token",
    response_model=TokenResponse,
    responses=error_responses(
        MeetingNotFound,
        TooManyAttempts,
        MeetingOver,
        WrongPassword,
        WrongHostKey,
        EmailRequired,
        NotInvited,
        MeetingLocked,
        NotStarted,
        DatabaseUnavailable,
        SecretUnavailable,
    ),
    summary="Get a LiveKit token to join a meeting",
    description=(
        "Checks, in order: the meeting exists (404), the client is not locked out by "
        "failed attempts (429 with Retry-After), the meeting is not over (410), the "
        "password and any host key (401), the allowlist of a private meeting (403; "
        "email required, else 422), a host's lock (403 `meeting_locked`; the host key "
        "still joins), and the join window (409 with the start time). "
        "A scheduled meeting inside its join window is activated by this request."
    ),
)
def issue_token(
    meeting_id: str,
    body: TokenRequest,
    request: Request,
    response: Response,
    db: Db,
    now: Now,
    rooms: Rooms,
    config: Config,
) -> TokenResponse:
    issued = service.issue_token(
        db,
        parse_meeting_id(meeting_id),
        body,
        client_ip=client_address(request),
        now=now,
        rooms=rooms,
        settings=config,
    )
    response.headers["Cache-Control"] = "no-store"
    meeting = issued.meeting
    return TokenResponse(
        token=issued.jwt,
        livekit_url=config.livekit_url,
        room_name=meeting.room_name,
        identity=issued.identity,
        expires_at=issued.expires_at,
        is_host=issued.is_host,
        meeting=TokenMeeting(
            id=meeting.id,
            title=meeting.title,
            status=MeetingStatus(meeting.status),
            is_public=meeting.is_public,
            end_time=meeting.end_time,
            locked=meeting.locked_at is not None,
        ),
        cohosts=list(issued.cohosts),
    )
