"""HTTP routes of the meetings function. Each parses input and calls one service function."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from meet_common.auth import ADMIN_ERRORS, AdminRequired
from meet_common.deps import Config, Db, Now, Rooms, Schedules
from meet_common.errors import (
    InvalidCursor,
    InvalidTimeRange,
    MeetingFinished,
    MeetingNotFound,
    RoomNameUnavailable,
)
from meet_common.ids import parse_meeting_id
from meet_common.meeting_status import EndedBy, MeetingStatus
from meet_common.schema import error_responses
from meetings import service
from meetings.models import (
    InstantMeetingCreate,
    Meeting,
    MeetingCreate,
    MeetingPage,
    MeetingUpdate,
)
from meetings.views import meeting_view

router = APIRouter(
    prefix="/api/meetings",
    tags=["meetings"],
    dependencies=[AdminRequired],
)


@router.get(
    "",
    response_model=MeetingPage,
    responses=error_responses(*ADMIN_ERRORS, InvalidCursor),
    summary="List meetings, newest start first",
)
def list_meetings(
    db: Db,
    config: Config,
    status_: Annotated[MeetingStatus | None, Query(alias="status")] = None,
    room_name: Annotated[str | None, Query(alias="roomName", max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> MeetingPage:
    records, next_cursor = service.list_meetings(
        db, status=status_, room_name=room_name, limit=limit, cursor=cursor
    )
    return MeetingPage(
        meetings=[meeting_view(r, config.base_url) for r in records], next_cursor=next_cursor
    )


@router.post(
    "",
    response_model=Meeting,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*ADMIN_ERRORS, InvalidTimeRange, RoomNameUnavailable),
    summary="Schedule",
)
def schedule_meeting(
    body: MeetingCreate, db: Db, config: Config, now: Now, schedules: Schedules
) -> Meeting:
    record = service.schedule_meeting(db, body, now=now, schedules=schedules)
    return meeting_view(record, config.base_url)


@router.post(
    "/instant",
    response_model=Meeting,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*ADMIN_ERRORS, RoomNameUnavailable),
    summary="Launch a meeting that starts now",
)
def launch_instant_meeting(
    db: Db,
    config: Config,
    now: Now,
    rooms: Rooms,
    schedules: Schedules,
    body: InstantMeetingCreate | None = None,
) -> Meeting:
    record = service.launch_instant_meeting(
        db, body or InstantMeetingCreate(), now=now, rooms=rooms, schedules=schedules
    )
    return meeting_view(record, config.base_url)


@router.get(
    "/{meeting_id}",
    response_model=Meeting,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound),
)
def get_meeting(meeting_id: str, db: Db, config: Config) -> Meeting:
    record = service.get_meeting(db, parse_meeting_id(meeting_id))
    return meeting_view(record, config.base_url)


@router.patch(
    "/{meeting_id}",
    response_model=Meeting,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, MeetingFinished, InvalidTimeRange),
)
def update_meeting(
    meeting_id: str, body: MeetingUpdate, db: Db, config: Config, now: Now, schedules: Schedules
) -> Meeting:
    record = service.update_meeting(
        db,
        parse_meeting_id(meeting_id),
        body,
        now=now,
        join_early=timedelta(minutes=config.join_early_minutes),
        schedules=schedules,
    )
    return meeting_view(record, config.base_url)


@router.delete(
    "/{meeting_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, MeetingFinished),
    summary="Cancel a meeting and delete its LiveKit room",
)
def cancel_meeting(
    meeting_id: str, db: Db, now: Now, rooms: Rooms, schedules: Schedules
) -> Response:
    service.finish_meeting(
        db,
        parse_meeting_id(meeting_id),
        MeetingStatus.CANCELLED,
        by=EndedBy.ORGANISER,
        now=now,
        rooms=rooms,
        schedules=schedules,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{meeting_id}/end",
    response_model=Meeting,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, MeetingFinished),
    summary="End a meeting now and delete its LiveKit room",
)
def end_meeting(
    meeting_id: str, db: Db, config: Config, now: Now, rooms: Rooms, schedules: Schedules
) -> Meeting:
    record = service.finish_meeting(
        db,
        parse_meeting_id(meeting_id),
        MeetingStatus.ENDED,
        by=EndedBy.ORGANISER,
        now=now,
        rooms=rooms,
        schedules=schedules,
    )
    return meeting_view(record, config.base_url)
