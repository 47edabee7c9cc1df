"""HTTP routes of the tokens function. Each parses input and calls one service function."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel

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
from meet_common.waiting_room import EXPIRY, POLL_AFTER_SECONDS
from tokens import admission_routes, service
from tokens.models import AdmissionPending, RoomSummary, TokenRequest, TokenResponse
from tokens.views import token_view

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
        ended_by=meeting.ended_by,
    )


@router.post(
    "/api/meetings/{meeting_id}/token",
    response_model=TokenResponse,
    responses={
        202: {"model": AdmissionPending, "description": "Waiting for a host to admit the guest"},
        **error_responses(
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
    },
    summary="Get a LiveKit token to join a meeting",
    description=(
        "Checks, in order: the meeting exists (404), the client is not locked out by "
        "failed attempts (429 with Retry-After), the meeting is not over (410), the "
        "password and any host key (401), the allowlist of a private meeting (403; "
        "email required, else 422), a host's lock (403 `meeting_locked`; the host key "
        "still joins), and the join window (409 with the start time). "
        "A scheduled meeting inside its join window is activated by this request. "
        "On a meeting with a waiting room, a guest without the host key gets 202 and "
        "an admission request instead of a token: poll `GET /api/admissions/{id}`."
    ),
)
async def issue_token(
    meeting_id: str,
    body: TokenRequest,
    request: Request,
    db: Db,
    now: Now,
    rooms: Rooms,
    config: Config,
) -> Response:
    issued = await service.issue(
        db,
        parse_meeting_id(meeting_id),
        body,
        client_ip=client_address(request),
        now=now,
        rooms=rooms,
        settings=config,
    )
    if isinstance(issued, service.PendingAdmission):
        pending = AdmissionPending(
            id=issued.record.id,
            request_secret=issued.secret,
            host_present=issued.host_present,
            poll_after_seconds=POLL_AFTER_SECONDS,
            expires_after_seconds=int(EXPIRY.total_seconds()),
        )
        return _no_store(pending, status.HTTP_202_ACCEPTED)
    return _no_store(token_view(issued, config))


def _no_store(model: BaseModel, status_code: int = status.HTTP_200_OK) -> Response:
    """The model as JSON, serialised once: FastAPI would validate a returned model
    against the response model again before serialising it (the schema still
    documents the route through ``response_model``)."""
    return Response(
        model.model_dump_json(by_alias=True),
        status_code=status_code,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


router.include_router(admission_routes.router)
