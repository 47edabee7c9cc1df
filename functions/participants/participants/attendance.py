"""Who attended a meeting, from LiveKit's webhooks: one entry per connection."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from meet_common import cursors
from meet_common.db import Database
from meet_common.errors import MeetingNotFound
from meet_common.repo import attendance
from meet_common.repo import meetings as meetings_repo
from meet_common.repo.attendance import AttendanceKey, AttendanceRecord
from meet_common.schema import ApiModel


class AttendanceEntry(ApiModel):
    identity: str
    name: str | None
    email: str | None = Field(description="Known when the join token carried it.")
    joined_at: datetime
    left_at: datetime | None = Field(description="null while the participant is still in.")
    duration_seconds: int = Field(description="Time in the meeting; so far, when still in.")


class Attendance(ApiModel):
    attendance: list[AttendanceEntry]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last."
    )


def entry(record: AttendanceRecord, now: datetime) -> AttendanceEntry:
    until = record.left_at or max(now, record.joined_at)
    seconds = max(0, int((until - record.joined_at).total_seconds()))
    return AttendanceEntry.model_validate({**vars(record), "duration_seconds": seconds})


def meeting_attendance(
    db: Database,
    meeting_id: uuid.UUID,
    *,
    now: datetime,
    limit: int = 100,
    cursor: str | None = None,
) -> Attendance:
    """Earliest join first, ``limit`` entries a page; 404 for an unknown meeting."""
    after: AttendanceKey | None = None
    if cursor is not None:
        joined_at, (identity, sid) = cursors.decode(cursor, 3)
        after = (joined_at, identity, sid)
    with db.transaction() as conn:
        if meetings_repo.get(conn, meeting_id) is None:
            raise MeetingNotFound()
        records = attendance.list_for(conn, meeting_id, limit=limit + 1, after=after)
    page, more = records[:limit], len(records) > limit
    last = page[-1] if more else None
    return Attendance(
        attendance=[entry(r, now) for r in page],
        next_cursor=cursors.encode(last.joined_at, last.identity, last.participant_sid)
        if last
        else None,
    )
