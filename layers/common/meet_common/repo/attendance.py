"""SQL for attendance: who was in a meeting's room, from LiveKit's webhooks.

One row per connection, keyed by (meeting, identity, participant sid). Webhooks may
arrive in any order or twice, so every write is an upsert whose columns only move
towards the truth: the earliest join time and the earliest leave time seen. A later
``participant_joined`` therefore never reopens a row a ``participant_left`` closed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

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
    email: str | None
    joined_at: datetime
    left_at: datetime | None


def upsert(conn: Connection, meeting_id: uuid.UUID, seen: Presence) -> None:
    # LEAST ignores NULLs: an open row takes the first leave time it hears of, and a
    # closed row keeps the earliest of the leave times.
    conn.execute(
        "INSERT INTO attendance "
        "(meeting_id, identity, participant_sid, name, email, joined_at, left_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (meeting_id, identity, participant_sid) DO UPDATE SET "
        "joined_at = LEAST(attendance.joined_at, EXCLUDED.joined_at), "
        "left_at = LEAST(attendance.left_at, EXCLUDED.left_at), "
        "name = COALESCE(EXCLUDED.name, attendance.name), "
        "email = COALESCE(EXCLUDED.email, attendance.email), "
        "updated_at = now()",
        (
            meeting_id,
            seen.identity,
            seen.participant_sid,
            seen.name,
            seen.email,
            seen.joined_at,
            seen.left_at,
        ),
    )


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


def list_for(conn: Connection, meeting_id: uuid.UUID) -> list[AttendanceRecord]:
    rows = conn.execute(
        "SELECT identity, participant_sid, name, email, joined_at, left_at FROM attendance "
        "WHERE meeting_id = %s ORDER BY joined_at, identity, participant_sid",
        (meeting_id,),
    ).fetchall()
    return [AttendanceRecord(**row) for row in rows]
