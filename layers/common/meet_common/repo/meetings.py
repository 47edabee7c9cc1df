"""SQL for the meetings table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from psycopg import sql

from meet_common.db import Connection

UNIQUE_VIOLATION = "23505"


@dataclass(frozen=True)
class MeetingRecord:
    id: uuid.UUID
    title: str
    description: str | None
    room_name: str
    status: str
    is_public: bool
    is_instant: bool
    start_time: datetime
    end_time: datetime
    started_at: datetime | None
    ended_at: datetime | None
    room_deleted_at: datetime | None
    password: str
    host_key: str
    participant_count: int
    max_participants: int | None
    created_at: datetime
    updated_at: datetime


_COLUMNS = [f.name for f in fields(MeetingRecord)]
_SELECT = sql.SQL("SELECT {} FROM meetings").format(
    sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS)
)
_RETURNING = sql.SQL(" RETURNING {}").format(
    sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS)
)
# Columns a PATCH may change.
UPDATABLE = frozenset(
    {"title", "description", "start_time", "end_time", "is_public", "password", "max_participants"}
)


def _record(row: dict[str, Any] | None) -> MeetingRecord | None:
    return MeetingRecord(**row) if row is not None else None


def insert(conn: Connection, values: dict[str, Any]) -> MeetingRecord:
    """Insert a meeting; raises psycopg.errors.UniqueViolation on a taken room name."""
    names = list(values)
    query = sql.SQL("INSERT INTO meetings ({}) VALUES ({})").format(
        sql.SQL(", ").join(sql.Identifier(n) for n in names),
        sql.SQL(", ").join(sql.Placeholder(n) for n in names),
    )
    row = conn.execute(query + _RETURNING, values).fetchone()
    record = _record(row)
    assert record is not None
    return record


def get(
    conn: Connection, meeting_id: uuid.UUID, *, for_update: bool = False
) -> MeetingRecord | None:
    query = _SELECT + sql.SQL(" WHERE id = %s") + sql.SQL(" FOR UPDATE" if for_update else "")
    return _record(conn.execute(query, (meeting_id,)).fetchone())


def get_by_room(
    conn: Connection, room_name: str, *, for_update: bool = False
) -> MeetingRecord | None:
    query = (
        _SELECT + sql.SQL(" WHERE room_name = %s") + sql.SQL(" FOR UPDATE" if for_update else "")
    )
    return _record(conn.execute(query, (room_name,)).fetchone())


def list_page(
    conn: Connection,
    *,
    status: str | None,
    room_name: str | None,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[MeetingRecord]:
    """Newest start first, keyset-paged on (start_time, id); fetches ``limit`` rows."""
    conditions: list[sql.Composable] = []
    params: list[Any] = []
    if status is not None:
        conditions.append(sql.SQL("status = %s"))
        params.append(status)
    if room_name is not None:
        conditions.append(sql.SQL("room_name = %s"))
        params.append(room_name)
    if after is not None:
        conditions.append(sql.SQL("(start_time, id) < (%s, %s)"))
        params.extend(after)
    where = sql.SQL(" WHERE ") + sql.SQL(" AND ").join(conditions) if conditions else sql.SQL("")
    query = _SELECT + where + sql.SQL(" ORDER BY start_time DESC, id DESC LIMIT %s")
    params.append(limit)
    return [MeetingRecord(**row) for row in conn.execute(query, params).fetchall()]


def update(conn: Connection, meeting_id: uuid.UUID, changes: dict[str, Any]) -> MeetingRecord:
    """Set the given columns (and updated_at) on one meeting."""
    assignments: list[sql.Composable] = [
        sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
    ]
    assignments.append(sql.SQL("updated_at = now()"))
    query = sql.SQL("UPDATE meetings SET {} WHERE id = {}").format(
        sql.SQL(", ").join(assignments), sql.Placeholder("__id")
    )
    row = conn.execute(query + _RETURNING, {**changes, "__id": meeting_id}).fetchone()
    record = _record(row)
    if record is None:
        raise LookupError(meeting_id)
    return record


def mark_room_deleted(conn: Connection, meeting_ids: list[uuid.UUID]) -> None:
    conn.execute(
        "UPDATE meetings SET room_deleted_at = now() "
        "WHERE id = ANY(%s) AND room_deleted_at IS NULL",
        (meeting_ids,),
    )


def activate_if_scheduled(conn: Connection, meeting_id: uuid.UUID) -> MeetingRecord | None:
    """SCHEDULED → ACTIVE; the updated meeting, or None when it was no longer SCHEDULED
    (someone else activated, ended or cancelled it first)."""
    query = sql.SQL(
        "UPDATE meetings SET status = 'ACTIVE', updated_at = now() "
        "WHERE id = %s AND status = 'SCHEDULED'"
    )
    return _record(conn.execute(query + _RETURNING, (meeting_id,)).fetchone())
