"""SQL for the meetings table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from psycopg import sql

from meet_common.db import Connection
from meet_common.db_async import AsyncConnection
from meet_common.meeting_status import EndedBy, MeetingStatus

UNIQUE_VIOLATION = "23505"


@dataclass(frozen=True)
class MeetingRecord:
    id: uuid.UUID
    title: str
    description: str | None
    room_name: str
    status: MeetingStatus
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
    # Raised by every update(): the SEQUENCE of the meeting's calendar invitation.
    sequence: int = 0
    # A host locked the meeting against new joins (see set_locked).
    locked_at: datetime | None = None
    # Guests without the host key wait until a host admits them.
    waiting_room: bool = False
    # Who or what ended or cancelled it; None while it runs.
    ended_by: EndedBy | None = None

    def __post_init__(self) -> None:
        # Rows carry the status and ended_by as text; the record holds the enums.
        object.__setattr__(self, "status", MeetingStatus(self.status))
        if self.ended_by is not None:
            object.__setattr__(self, "ended_by", EndedBy(self.ended_by))


_COLUMNS = [f.name for f in fields(MeetingRecord)]
_SELECT = sql.SQL("SELECT {} FROM meetings").format(
    sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS)
)
_RETURNING = sql.SQL(" RETURNING {}").format(
    sql.SQL(", ").join(sql.Identifier(c) for c in _COLUMNS)
)
# Columns a PATCH may change.
UPDATABLE = frozenset(
    {
        "title",
        "description",
        "start_time",
        "end_time",
        "is_public",
        "password",
        "max_participants",
        "waiting_room",
    }
)


def meeting_columns(alias: str) -> sql.Composable:
    """Every MeetingRecord column, qualified by a table alias (for joins in other repos)."""
    return sql.SQL(", ").join(
        sql.Identifier(alias, c) + sql.SQL(" AS ") + sql.Identifier(c) for c in _COLUMNS
    )


# The hot single-row reads, composed once rather than on every call.
_GET = {
    (column, for_update): (
        _SELECT + sql.SQL(f" WHERE {column} = %s") + sql.SQL(" FOR UPDATE" if for_update else "")
    ).as_string()
    for column in ("id", "room_name")
    for for_update in (False, True)
}


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
    return _record(conn.execute(_GET["id", for_update], (meeting_id,)).fetchone())


async def aget(conn: AsyncConnection, meeting_id: uuid.UUID) -> MeetingRecord | None:
    """``get`` on an async connection."""
    return _record(await (await conn.execute(_GET["id", False], (meeting_id,))).fetchone())


def get_by_room(
    conn: Connection, room_name: str, *, for_update: bool = False
) -> MeetingRecord | None:
    return _record(conn.execute(_GET["room_name", for_update], (room_name,)).fetchone())


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
    """Set the given columns on one meeting; updated_at and sequence follow."""
    assignments: list[sql.Composable] = [
        sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in changes
    ]
    assignments.append(sql.SQL("updated_at = now()"))
    # Calendars replace an event only with a higher SEQUENCE (RFC 5545 3.8.7.4).
    assignments.append(sql.SQL("sequence = sequence + 1"))
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


async def activate_if_scheduled(
    conn: AsyncConnection, meeting_id: uuid.UUID
) -> MeetingRecord | None:
    """SCHEDULED → ACTIVE; the updated meeting, or None when it was no longer SCHEDULED
    (someone else activated, ended or cancelled it first)."""
    query = sql.SQL(
        "UPDATE meetings SET status = 'ACTIVE', updated_at = now() "
        "WHERE id = %s AND status = 'SCHEDULED'"
    )
    return _record(await (await conn.execute(query + _RETURNING, (meeting_id,))).fetchone())


# --- LiveKit's webhooks --------------------------------------------------------------


def mark_room_started(conn: Connection, meeting_id: uuid.UUID, at: datetime) -> None:
    """LiveKit started the room (on CreateRoom, or a join that auto-created it): it is
    open again, and a SCHEDULED meeting is now ACTIVE. A finished meeting's room that
    started again is owed another delete. ``started_at`` is not touched: a room starts
    before anyone is in it (livekit-server emits room_started at creation)."""
    conn.execute(
        "UPDATE meetings SET "
        "status = CASE WHEN status = 'SCHEDULED' THEN 'ACTIVE' ELSE status END, "
        "room_closed_at = CASE WHEN room_closed_at <= %(at)s THEN NULL ELSE room_closed_at END, "
        "room_deleted_at = CASE WHEN status IN ('ENDED', 'CANCELLED') THEN NULL "
        "ELSE room_deleted_at END, "
        "updated_at = now() WHERE id = %(id)s",
        {"at": at, "id": meeting_id},
    )


def mark_room_finished(conn: Connection, meeting_id: uuid.UUID, at: datetime) -> None:
    """LiveKit closed the room: nobody is in it. Only that is recorded; a meeting never
    ends because of it (LiveKit closes a room nobody joined ``empty_timeout`` after
    creation, and one everyone left ``departure_timeout`` after the last leave; the
    next join re-creates it from the token's room configuration). A finished
    meeting's room is gone, so nothing is left to delete."""
    conn.execute(
        "UPDATE meetings SET participant_count = 0, "
        "room_closed_at = GREATEST(room_closed_at, %(at)s), "
        "room_deleted_at = CASE WHEN status IN ('ENDED', 'CANCELLED') "
        "THEN COALESCE(room_deleted_at, %(at)s) ELSE room_deleted_at END "
        "WHERE id = %(id)s",
        {"at": at, "id": meeting_id},
    )


def mark_first_join(conn: Connection, meeting_id: uuid.UUID, at: datetime) -> None:
    """``started_at``: when the first participant joined a running meeting (the
    earliest join heard of, whatever order the webhooks came in)."""
    conn.execute(
        "UPDATE meetings SET started_at = LEAST(started_at, %(at)s), updated_at = now() "
        "WHERE id = %(id)s AND status IN ('SCHEDULED', 'ACTIVE') "
        "AND (started_at IS NULL OR started_at > %(at)s)",
        {"at": at, "id": meeting_id},
    )


def refresh_participant_count(conn: Connection, meeting_id: uuid.UUID) -> int:
    """participant_count := the meeting's open attendance rows (0 once it is finished)."""
    row = conn.execute(
        "UPDATE meetings m SET participant_count = "
        "CASE WHEN m.status IN ('ENDED', 'CANCELLED') THEN 0 ELSE "
        "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.left_at IS NULL) "
        "END WHERE m.id = %s RETURNING participant_count",
        (meeting_id,),
    ).fetchone()
    return int(row["participant_count"]) if row else 0


# --- the lifecycle pass: one statement a step, whatever the number of meetings ------
# Each step locks the rows it changes with FOR UPDATE SKIP LOCKED, so a second pass
# running at the same time skips them (and finds them done on its next run) rather
# than applying the same change twice.


@dataclass(frozen=True)
class RoomWork:
    id: uuid.UUID
    room_name: str
    max_participants: int | None


def end_expired(conn: Connection, now: datetime) -> list[uuid.UUID]:
    """ACTIVE meetings past their end, and SCHEDULED ones that were never activated
    before their end, become ENDED (by the schedule) with nobody in them; returns
    their ids."""
    rows = conn.execute(
        "UPDATE meetings SET status = 'ENDED', ended_at = %(now)s, participant_count = 0, "
        "ended_by = 'schedule', updated_at = now() WHERE id IN (SELECT id FROM meetings WHERE "
        "(status = 'ACTIVE' AND end_time <= %(now)s) "
        "OR (status = 'SCHEDULED' AND start_time <= %(now)s AND end_time <= %(now)s) "
        "FOR UPDATE SKIP LOCKED) RETURNING id",
        {"now": now},
    ).fetchall()
    return [row["id"] for row in rows]


def activate_due(conn: Connection, now: datetime) -> list[uuid.UUID]:
    """SCHEDULED meetings whose start has come become ACTIVE; returns their ids."""
    rows = conn.execute(
        "UPDATE meetings SET status = 'ACTIVE', updated_at = now() "
        "WHERE id IN (SELECT id FROM meetings WHERE status = 'SCHEDULED' "
        "AND start_time <= %(now)s FOR UPDATE SKIP LOCKED) RETURNING id",
        {"now": now},
    ).fetchall()
    return [row["id"] for row in rows]


def claim_rooms_to_create(
    conn: Connection, now: datetime, *, until: datetime, limit: int
) -> list[RoomWork]:
    """Running meetings whose room LiveKit has not confirmed, claimed until ``until``."""
    condition = sql.SQL("status = 'ACTIVE' AND room_created_at IS NULL AND end_time > %(now)s")
    return _claim(conn, condition, now=now, until=until, limit=limit)


def claim_rooms_to_delete(
    conn: Connection, now: datetime, *, until: datetime, limit: int
) -> list[RoomWork]:
    """Finished meetings whose room is not known to be gone, claimed until ``until``."""
    condition = sql.SQL("status IN ('ENDED', 'CANCELLED') AND room_deleted_at IS NULL")
    return _claim(conn, condition, now=now, until=until, limit=limit)


def _claim(
    conn: Connection, condition: sql.SQL, *, now: datetime, until: datetime, limit: int
) -> list[RoomWork]:
    query = sql.SQL(
        "UPDATE meetings SET room_work_until = %(until)s WHERE id IN ("
        "SELECT id FROM meetings WHERE {} "
        "AND (room_work_until IS NULL OR room_work_until <= %(now)s) "
        "ORDER BY end_time LIMIT %(limit)s FOR UPDATE SKIP LOCKED) "
        "RETURNING id, room_name, max_participants"
    ).format(condition)
    rows = conn.execute(query, {"now": now, "until": until, "limit": limit}).fetchall()
    return [RoomWork(**row) for row in rows]


def record_room_work(
    conn: Connection,
    now: datetime,
    *,
    created: list[uuid.UUID] | None = None,
    deleted: list[uuid.UUID] | None = None,
    released: list[uuid.UUID] | None = None,
) -> None:
    """Settle claimed room work in one statement: a created room is confirmed (and owed
    a delete if its meeting finished meanwhile), a deleted one is gone, and a failed or
    skipped call is released for the next pass."""
    created, deleted, released = created or [], deleted or [], released or []
    ids = [*created, *deleted, *released]
    if not ids:
        return
    outcomes = ["created"] * len(created) + ["deleted"] * len(deleted)
    outcomes += ["released"] * len(released)
    conn.execute(
        "UPDATE meetings m SET room_work_until = NULL, "
        "room_created_at = CASE WHEN w.outcome = 'created' "
        "THEN COALESCE(m.room_created_at, %(now)s) ELSE m.room_created_at END, "
        "room_deleted_at = CASE WHEN w.outcome = 'deleted' "
        "THEN COALESCE(m.room_deleted_at, %(now)s) "
        "WHEN w.outcome = 'created' AND m.status IN ('ENDED', 'CANCELLED') THEN NULL "
        "ELSE m.room_deleted_at END "
        "FROM unnest(%(ids)s::uuid[], %(outcomes)s::text[]) AS w(id, outcome) "
        "WHERE m.id = w.id",
        {"now": now, "ids": ids, "outcomes": outcomes},
    )


@dataclass(frozen=True)
class ReconcileWork:
    id: uuid.UUID
    room_name: str
    # An instant meeting nobody has been in for the idle time: it ends unless
    # LiveKit lists someone in its room (whose join webhook was lost).
    idle: bool = False


# Running instant meetings that people joined (started_at) and everyone left: no
# open attendance row, and the last leave at or before %(cutoff)s.
_IDLE_INSTANT = sql.SQL(
    "m.status = 'ACTIVE' AND m.is_instant AND m.started_at IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id AND a.left_at IS NULL) "
    "AND (SELECT max(a.left_at) FROM attendance a WHERE a.meeting_id = m.id) <= %(cutoff)s"
)


def claim_reconcile(
    conn: Connection, now: datetime, *, idle_cutoff: datetime, until: datetime, limit: int
) -> tuple[list[ReconcileWork], datetime | None]:
    """Meetings one pass asks LiveKit's ListParticipants about, leased until
    ``until``: running ones with open attendance rows (lost leaves), and idle instant
    ones (see ``_IDLE_INSTANT``) about to end. Also the database time of asking
    (taken before LiveKit is asked who is in the rooms)."""
    query = sql.SQL(
        "UPDATE meetings SET reconcile_until = %(until)s FROM ("
        "SELECT m.id, NOT (m.participant_count > 0) AS idle FROM meetings m "
        "WHERE m.status = 'ACTIVE' AND (m.participant_count > 0 OR ({})) "
        "AND (m.reconcile_until IS NULL OR m.reconcile_until <= %(now)s) "
        "ORDER BY m.id LIMIT %(limit)s FOR UPDATE OF m SKIP LOCKED) AS c "
        "WHERE meetings.id = c.id "
        "RETURNING meetings.id, meetings.room_name, c.idle, statement_timestamp() AS asked_at"
    ).format(_IDLE_INSTANT)
    rows = conn.execute(
        query,
        {"now": now, "until": until, "limit": limit, "cutoff": idle_cutoff},
    ).fetchall()
    if not rows:
        return [], None
    asked_at: datetime = rows[0]["asked_at"]
    return [ReconcileWork(r["id"], r["room_name"], r["idle"]) for r in rows], asked_at


def release_reconcile(conn: Connection, meeting_ids: list[uuid.UUID]) -> None:
    """Checked or failed: the next pass may check these meetings again."""
    if meeting_ids:
        conn.execute(
            "UPDATE meetings SET reconcile_until = NULL WHERE id = ANY(%s)", (meeting_ids,)
        )


def end_if_idle(
    conn: Connection, meeting_id: uuid.UUID, now: datetime, *, idle_cutoff: datetime
) -> bool:
    """End an idle instant meeting (``_IDLE_INSTANT``, checked again now: a join may
    have arrived since LiveKit was asked) as ``empty``; whether it ended."""
    query = sql.SQL(
        "UPDATE meetings SET status = 'ENDED', ended_at = %(now)s, participant_count = 0, "
        "ended_by = 'empty', updated_at = now() "
        "WHERE id = (SELECT m.id FROM meetings m WHERE m.id = %(id)s AND {}) RETURNING id"
    ).format(_IDLE_INSTANT)
    row = conn.execute(
        query,
        {"now": now, "cutoff": idle_cutoff, "id": meeting_id},
    ).fetchone()
    return row is not None


def set_locked(conn: Connection, meeting_id: uuid.UUID, at: datetime | None) -> MeetingRecord:
    """Lock (``at``) or unlock (None) the meeting. Not a change to the calendar event,
    so the invitation's sequence stays."""
    query = sql.SQL("UPDATE meetings SET locked_at = %s, updated_at = now() WHERE id = %s")
    record = _record(conn.execute(query + _RETURNING, (at, meeting_id)).fetchone())
    if record is None:
        raise LookupError(meeting_id)
    return record
