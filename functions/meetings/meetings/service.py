"""The rules of scheduling, launching, changing, cancelling and ending meetings."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

import psycopg

from meet_common.db import Database
from meet_common.errors import (
    InvalidTimeRange,
    MeetingFinished,
    MeetingNotFound,
    RoomNameUnavailable,
    ValidationFailed,
)
from meet_common.invitees import unique_invitees
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync

# The admin routes' end and cancel are the function a host's "End for everyone" uses.
from meet_common.meeting_end import finish_meeting as finish_meeting
from meet_common.meeting_status import FINISHED, MeetingStatus
from meet_common.observability import logger
from meet_common.repo import allowlist
from meet_common.repo import meetings as repo
from meet_common.repo.meetings import MeetingRecord
from meet_common.schedules import MeetingSchedules
from meetings import cursor as cursors
from meetings.models import InstantMeetingCreate, MeetingCreate, MeetingUpdate
from meetings.room_names import MIN_SUFFIX_LENGTH, room_name

DEFAULT_DURATION = timedelta(minutes=60)
ROOM_NAME_ATTEMPTS = 6
# PATCH fields that may be cleared with an explicit null.
NULLABLE_FIELDS = {"description", "max_participants"}
# How far from now a meeting's times may lie. Far enough for any real plan, and it
# keeps date arithmetic (join windows, schedules) clear of the calendar's ends.
MAX_TIME_DISTANCE = timedelta(days=5 * 366)


def new_password() -> str:
    # 10 characters from a 31-letter alphabet without look-alikes: ~49 bits.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def new_host_key() -> str:
    return secrets.token_urlsafe(24)


def _insert_with_room_name(
    db: Database, title: str, values: dict[str, Any], invitees: list[tuple[str, str | None]]
) -> MeetingRecord:
    for attempt in range(ROOM_NAME_ATTEMPTS):
        candidate = room_name(title, suffix_length=MIN_SUFFIX_LENGTH + attempt // 2)
        try:
            with db.transaction() as conn:
                record = repo.insert(conn, {**values, "room_name": candidate})
                allowlist.add(conn, record.id, invitees)
                return record
        except psycopg.errors.UniqueViolation:
            logger.info("room name taken; trying another", extra={"attempt": attempt + 1})
    raise RoomNameUnavailable()


def _base_values(now: datetime) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "host_key": new_host_key(), "created_at": now, "updated_at": now}


def _check_within_reach(now: datetime, **times: datetime) -> None:
    for field, value in times.items():
        if abs(value - now) > MAX_TIME_DISTANCE:
            raise InvalidTimeRange(
                f"{field} must be within 5 years of now.",
                details=[{"loc": ["body", field], "msg": "more than 5 years from now"}],
            )


def schedule_meeting(
    db: Database, data: MeetingCreate, *, now: datetime, schedules: MeetingSchedules
) -> MeetingRecord:
    _check_within_reach(now, startTime=data.start_time)
    if data.end_time is not None:
        _check_within_reach(now, endTime=data.end_time)
        end_time = data.end_time
    elif data.duration_minutes is not None:
        end_time = data.start_time + timedelta(minutes=data.duration_minutes)
    else:
        end_time = data.start_time + DEFAULT_DURATION
    if end_time <= now:
        raise InvalidTimeRange("The meeting would end in the past.")
    values = {
        **_base_values(now),
        "title": data.title,
        "description": data.description,
        "status": MeetingStatus.SCHEDULED.value,
        "is_public": data.is_public,
        "is_instant": False,
        "start_time": data.start_time,
        "end_time": end_time,
        "password": data.password or new_password(),
        "max_participants": data.max_participants,
        "waiting_room": data.waiting_room,
    }
    invitees = unique_invitees(data.participants)
    record = _insert_with_room_name(db, data.title, values, invitees)
    schedules.sync(record)
    return record


def launch_instant_meeting(
    db: Database,
    data: InstantMeetingCreate,
    *,
    now: datetime,
    rooms: RoomService,
    schedules: MeetingSchedules,
) -> MeetingRecord:
    title = data.title or "Instant meeting"
    values = {
        **_base_values(now),
        "title": title,
        "description": None,
        "status": MeetingStatus.ACTIVE.value,
        "is_public": data.is_public,
        "is_instant": True,
        "start_time": now,
        "end_time": now + timedelta(minutes=data.duration_minutes),
        "password": data.password or new_password(),
        "max_participants": data.max_participants,
        "waiting_room": data.waiting_room,
    }
    record = _insert_with_room_name(db, title, values, [])
    try:
        run_sync(rooms.create_room(record.room_name, max_participants=record.max_participants))
        with db.transaction() as conn:
            repo.record_room_work(conn, now, created=[record.id])
    except RoomServiceError as exc:
        # LiveKit creates the room on the first join anyway; the limits come from here.
        logger.warning("instant room not created ahead", extra={"error": str(exc)})
    schedules.sync(record)
    return record


def get_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingRecord:
    with db.transaction() as conn:
        record = repo.get(conn, meeting_id)
    if record is None:
        raise MeetingNotFound()
    return record


def list_meetings(
    db: Database,
    *,
    status: MeetingStatus | None,
    room_name: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[MeetingRecord], str | None]:
    after = cursors.decode(cursor) if cursor else None
    with db.transaction() as conn:
        rows = repo.list_page(
            conn,
            status=status.value if status else None,
            room_name=room_name,
            limit=limit + 1,
            after=after,
        )
    page, more = rows[:limit], len(rows) > limit
    next_cursor = cursors.encode(page[-1].start_time, page[-1].id) if more else None
    return page, next_cursor


def update_meeting(
    db: Database,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    *,
    now: datetime,
    join_early: timedelta,
    schedules: MeetingSchedules,
) -> MeetingRecord:
    given = data.model_dump(include=data.model_fields_set)
    for name, value in given.items():
        if value is None and name not in NULLABLE_FIELDS:
            raise ValidationFailed(f"{name} cannot be null.")
    changes = {k: v for k, v in given.items() if k in repo.UPDATABLE}
    moved = {
        field: changes[key]
        for field, key in (("startTime", "start_time"), ("endTime", "end_time"))
        if key in changes
    }
    _check_within_reach(now, **moved)
    with db.transaction() as conn:
        current = repo.get(conn, meeting_id, for_update=True)
        if current is None:
            raise MeetingNotFound()
        if current.status in FINISHED:
            raise MeetingFinished(f"The meeting is {current.status} and can no longer change.")
        start = changes.get("start_time", current.start_time)
        end = changes.get("end_time", current.end_time)
        if end <= start:
            raise InvalidTimeRange("endTime must be after startTime.")
        if current.status == MeetingStatus.ACTIVE and start - join_early > now:
            # Moved out of its join window: it waits for its new start like any other.
            changes["status"] = MeetingStatus.SCHEDULED.value
        record = repo.update(conn, meeting_id, changes) if changes else current
    schedules.sync(record)
    return record
