"""SQL for attendance: who was in a meeting's room, from LiveKit's webhooks.

One row per connection, keyed by (meeting, identity, participant sid), and at most
one open row per identity: a reconnect comes back with the same identity and a new
sid (livekit-server pkg/service/roommanager.go removes the older session of an
identity when a new one starts), so a join closes that identity's earlier open row.
Webhooks may arrive in any order or twice, so every write moves columns only
towards the truth: the earliest join time and the earliest leave time seen. A
later ``participant_joined`` therefore never reopens a row a ``participant_left``
closed. The email shown is the one the tokens function recorded for the identity
(``issued_identities``), never anything LiveKit sends.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from psycopg import sql

from meet_common.db import Connection


@dataclass(frozen=True)
class AttendanceRecord:
    identity: str
    participant_sid: str
    name: str | None
    email: str | None
    joined_at: datetime
    left_at: datetime | None


@dataclass(frozen=True)
class Presence:
    """What one webhook says about one connection."""

    identity: str
    participant_sid: str
    name: str | None
    joined_at: datetime
    left_at: datetime | None


@dataclass(frozen=True)
class OpenRow:
    meeting_id: uuid.UUID
    identity: str
    participant_sid: str


# Another sighting of a connection: LEAST ignores NULLs, so an open row takes the first
# leave time it hears of, and a closed row keeps the earliest of the leave times.
_ON_CONFLICT = sql.SQL(
    "ON CONFLICT (meeting_id, identity, participant_sid) DO UPDATE SET "
    "joined_at = LEAST(attendance.joined_at, EXCLUDED.joined_at), "
    "left_at = LEAST(attendance.left_at, EXCLUDED.left_at), "
    "name = COALESCE(EXCLUDED.name, attendance.name), "
    "updated_at = now()"
)
_UPSERT = (
    sql.SQL(
        "INSERT INTO attendance (meeting_id, identity, participant_sid, name, joined_at, "
        "left_at) VALUES (%s, %s, %s, %s, %s, %s) "
    )
    + _ON_CONFLICT
).as_string()


def _upsert(conn: Connection, meeting_id: uuid.UUID, seen: Presence) -> None:
    conn.execute(
        _UPSERT,
        (
            meeting_id,
            seen.identity,
            seen.participant_sid,
            seen.name,
            seen.joined_at,
            seen.left_at,
        ),
    )


# ``_upsert`` for ``joined``: the leave time is the earliest of the one given and the
# join time of a later connection of the identity, if one is known (LEAST ignores
# NULLs: the given one, or none, when there is no such connection).
_UPSERT_JOINED = (
    sql.SQL(
        "INSERT INTO attendance (meeting_id, identity, participant_sid, name, joined_at, "
        "left_at) VALUES (%(m)s, %(i)s, %(s)s, %(name)s, %(at)s, LEAST(%(left)s::timestamptz, "
        "(SELECT min(joined_at) FROM attendance WHERE meeting_id = %(m)s "
        "AND identity = %(i)s AND participant_sid <> %(s)s AND joined_at > %(at)s))) "
    )
    + _ON_CONFLICT
).as_string()


def _close_earlier(
    conn: Connection, meeting_id: uuid.UUID, identity: str, *, sid: str, at: datetime
) -> None:
    """Close the identity's open rows of other connections that began by ``at``."""
    conn.execute(
        "UPDATE attendance SET left_at = GREATEST(joined_at, %(at)s), updated_at = now() "
        "WHERE meeting_id = %(m)s AND identity = %(i)s AND participant_sid <> %(s)s "
        "AND left_at IS NULL AND joined_at <= %(at)s",
        {"m": meeting_id, "i": identity, "s": sid, "at": at},
    )


def joined(conn: Connection, meeting_id: uuid.UUID, seen: Presence) -> None:
    """A connection became active. The identity's earlier connection is over by now;
    and if a later connection of the identity is already known (this event came
    late), this one ended when that one began.

    Two statements that read nothing back, so that in a pipeline they cost no round
    trip of their own. The later connection is looked up inside the upsert, after the
    earlier rows are closed, which cannot change it: that closes rows that began by
    this join, and only their leave times; the lookup is of rows that began after it.
    """
    _close_earlier(conn, meeting_id, seen.identity, sid=seen.participant_sid, at=seen.joined_at)
    conn.execute(
        _UPSERT_JOINED,
        {
            "m": meeting_id,
            "i": seen.identity,
            "s": seen.participant_sid,
            "name": seen.name,
            "at": seen.joined_at,
            "left": seen.left_at,
        },
    )


def left(conn: Connection, meeting_id: uuid.UUID, seen: Presence) -> None:
    """A connection ended (its row is created closed when the join was never heard)."""
    _upsert(conn, meeting_id, seen)


def aborted(
    conn: Connection,
    meeting_id: uuid.UUID,
    identity: str,
    sid: str,
    *,
    began: datetime,
    at: datetime,
) -> None:
    """participant_connection_aborted: livekit-server (pkg/telemetry/events.go
    ParticipantLeft) sends it instead of participant_left when the connection's stats
    worker was never marked connected, i.e. normally for a connection that never
    became active and so never had a participant_joined. Such a connection adds no
    row. Should a row for it exist after all (a joined connection whose worker was
    replaced, as after a resume), it left ``at``. Either way, starting it replaced
    any earlier session of the identity (livekit-server's StartSession removes a
    duplicate identity first), so those are over by ``began``."""
    conn.execute(
        "UPDATE attendance SET left_at = GREATEST(joined_at, %(at)s), updated_at = now() "
        "WHERE meeting_id = %(m)s AND identity = %(i)s AND participant_sid = %(s)s "
        "AND (left_at IS NULL OR left_at > GREATEST(joined_at, %(at)s))",
        {"m": meeting_id, "i": identity, "s": sid, "at": at},
    )
    _close_earlier(conn, meeting_id, identity, sid=sid, at=began)


def close_open(conn: Connection, meeting_ids: Sequence[uuid.UUID], at: datetime) -> int:
    """Close the meetings' open rows at ``at`` (never before the join); returns how many."""
    if not meeting_ids:
        return 0
    cursor = conn.execute(
        "UPDATE attendance SET left_at = GREATEST(joined_at, %s), updated_at = now() "
        "WHERE meeting_id = ANY(%s) AND left_at IS NULL",
        (at, list(meeting_ids)),
    )
    return cursor.rowcount


def open_rows(conn: Connection, meeting_ids: Sequence[uuid.UUID]) -> list[OpenRow]:
    if not meeting_ids:
        return []
    rows = conn.execute(
        "SELECT meeting_id, identity, participant_sid FROM attendance "
        "WHERE meeting_id = ANY(%s) AND left_at IS NULL",
        (list(meeting_ids),),
    ).fetchall()
    return [OpenRow(**row) for row in rows]


def close_missing(
    conn: Connection,
    meeting_id: uuid.UUID,
    present_sids: Sequence[str],
    *,
    asked_at: datetime,
    at: datetime,
) -> list[uuid.UUID]:
    """Close the meeting's open rows whose connection LiveKit no longer lists (a lost
    leave), except rows written after ``asked_at`` (a join LiveKit's answer may
    predate). Returns the meeting id once per closed row."""
    rows = conn.execute(
        "UPDATE attendance SET left_at = GREATEST(joined_at, %(at)s), updated_at = now() "
        "WHERE meeting_id = %(m)s AND left_at IS NULL AND updated_at < %(asked)s "
        "AND NOT (participant_sid = ANY(%(sids)s)) RETURNING meeting_id",
        {"m": meeting_id, "sids": list(present_sids), "asked": asked_at, "at": at},
    ).fetchall()
    return [row["meeting_id"] for row in rows]


def known_sids(conn: Connection, meeting_id: uuid.UUID) -> set[str]:
    """Every participant sid the meeting has a row for, open or closed."""
    rows = conn.execute(
        "SELECT participant_sid FROM attendance WHERE meeting_id = %s", (meeting_id,)
    ).fetchall()
    return {row["participant_sid"] for row in rows}


# Where a page of attendance starts: after the row with this (joined_at, identity, sid).
AttendanceKey = tuple[datetime, str, str]


def list_for(
    conn: Connection,
    meeting_id: uuid.UUID,
    *,
    limit: int | None = None,
    after: AttendanceKey | None = None,
) -> list[AttendanceRecord]:
    """Earliest join first; ``limit`` rows after the key ``after`` when given."""
    rows = conn.execute(
        "SELECT a.identity, a.participant_sid, a.name, i.email, a.joined_at, a.left_at "
        "FROM attendance a LEFT JOIN issued_identities i "
        "ON i.meeting_id = a.meeting_id AND i.identity = a.identity "
        "WHERE a.meeting_id = %(meeting)s "
        "AND (%(after)s::boolean IS NULL "
        "     OR (a.joined_at, a.identity, a.participant_sid) > (%(at)s, %(who)s, %(sid)s)) "
        "ORDER BY a.joined_at, a.identity, a.participant_sid LIMIT %(limit)s",
        {
            "meeting": meeting_id,
            "after": True if after else None,
            "at": after[0] if after else None,
            "who": after[1] if after else None,
            "sid": after[2] if after else None,
            "limit": limit,
        },
    ).fetchall()
    return [AttendanceRecord(**row) for row in rows]


def purge_expired(conn: Connection, cutoff: datetime, *, batch_meetings: int = 50) -> int:
    """Forget who attended, and whom each identity was issued to, for meetings that
    finished before ``cutoff`` (the chat retention); returns how many attendance rows
    went. Concurrent passes skip each other's meetings."""
    row = conn.execute(
        """
        WITH expired AS (
            SELECT m.id
              FROM meetings m
             WHERE m.status IN ('ENDED', 'CANCELLED')
               AND coalesce(m.ended_at, m.end_time) <= %(cutoff)s
               AND (EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id)
                    OR EXISTS (SELECT 1 FROM issued_identities i WHERE i.meeting_id = m.id))
             LIMIT %(batch)s
               FOR UPDATE OF m SKIP LOCKED
        ), gone AS (
            DELETE FROM attendance WHERE meeting_id IN (SELECT id FROM expired) RETURNING 1
        ), identities AS (
            DELETE FROM issued_identities WHERE meeting_id IN (SELECT id FROM expired)
        )
        SELECT count(*) AS purged FROM gone
        """,
        {"cutoff": cutoff, "batch": batch_meetings},
    ).fetchone()
    assert row is not None
    return int(row["purged"])
