"""Ending or cancelling a meeting: one function for every caller (the organiser's
admin routes, and a host's "End for everyone" inside the meeting).

The status, end time, who ended it (``ended_by``) and attendance change in one
transaction; then the meeting's schedules go and its LiveKit room is deleted, which
disconnects everyone in it (livekit-server sends each a LeaveRequest with reason
ROOM_DELETED). Committed first, ``ended_by`` is there for a disconnected page to
read. A failed delete is left to the lifecycle pass, which deletes the rooms of
finished meetings.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common.db import Database
from meet_common.errors import MeetingFinished, MeetingNotFound
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync
from meet_common.meeting_status import FINISHED, EndedBy, MeetingStatus
from meet_common.observability import logger
from meet_common.repo import attendance
from meet_common.repo import meetings as repo
from meet_common.repo.meetings import MeetingRecord
from meet_common.schedules import MeetingSchedules


def finish_meeting(
    db: Database,
    meeting_id: uuid.UUID,
    status: MeetingStatus,
    *,
    by: EndedBy,
    now: datetime,
    rooms: RoomService,
    schedules: MeetingSchedules,
) -> MeetingRecord:
    """End (ENDED) or cancel (CANCELLED) a meeting, recording ``by`` as who did, and
    delete its room; doing it again is a no-op that keeps the first ``ended_by``, the
    other of the two a 409 ``meeting_finished``."""
    with db.transaction() as conn:
        current = repo.get(conn, meeting_id, for_update=True)
        if current is None:
            raise MeetingNotFound()
        if current.status == status:
            record = current  # ending an ended meeting, or cancelling a cancelled one: done
        elif current.status in FINISHED:
            raise MeetingFinished(f"The meeting is already {current.status}.")
        else:
            record = repo.update(
                conn,
                meeting_id,
                {
                    "status": status.value,
                    "ended_at": now,
                    "participant_count": 0,
                    "ended_by": by.value,
                },
            )
            # Everyone is out once the room is deleted; the participant_left webhooks
            # that follow can only move these leave times earlier.
            attendance.close_open(conn, [meeting_id], now)
    schedules.remove(record)
    if record.room_deleted_at is None:
        try:
            run_sync(rooms.delete_room(record.room_name))
        except RoomServiceError as exc:
            logger.warning(
                "room delete failed; the lifecycle pass retries", extra={"error": str(exc)}
            )
        else:
            with db.transaction() as conn:
                repo.mark_room_deleted(conn, [record.id])
    return record
