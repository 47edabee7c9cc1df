"""Admin route for a meeting's attendance (kept apart from the allowlist routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from meet_common.auth import ADMIN_ERRORS, AdminRequired
from meet_common.deps import Db, Now
from meet_common.errors import InvalidCursor, MeetingNotFound
from meet_common.ids import parse_meeting_id
from meet_common.schema import error_responses
from participants import attendance
from participants.attendance import Attendance

router = APIRouter(
    prefix="/api/meetings/{meeting_id}/attendance",
    tags=["participants"],
    dependencies=[AdminRequired],
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, InvalidCursor),
)


@router.get(
    "",
    response_model=Attendance,
    summary="Who joined a meeting, when, and for how long (from LiveKit's webhooks)",
)
def get_attendance(
    meeting_id: str,
    db: Db,
    now: Now,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size, 1 to 500")] = 100,
    cursor: Annotated[
        str | None, Query(max_length=1_000, description="nextCursor of the previous page")
    ] = None,
) -> Attendance:
    return attendance.meeting_attendance(
        db, parse_meeting_id(meeting_id), now=now, limit=limit, cursor=cursor
    )
