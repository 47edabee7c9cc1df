"""Meetings and attendance rows written and read straight in PostgreSQL, for tests
that need a meeting in a given state without going through the API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row


def insert_meeting(database_url: str, **values: Any) -> dict[str, Any]:
    """An ACTIVE meeting that started 5 minutes ago and ends in 55, unless told otherwise."""
    now = datetime.now(UTC)
    row = {
        "id": uuid.uuid4(),
        "title": "Standup",
        "room_name": f"standup-{uuid.uuid4().hex[:8]}",
        "status": "ACTIVE",
        "is_instant": False,
        "start_time": now - timedelta(minutes=5),
        "end_time": now + timedelta(minutes=55),
        "password": "pw-1234",
        "host_key": "hk",
        **values,
    }
    columns = ", ".join(row)
    placeholders = ", ".join(f"%({k})s" for k in row)
    with psycopg.connect(database_url) as conn:
        conn.execute(f"INSERT INTO meetings ({columns}) VALUES ({placeholders})", row)
    return row


def insert_meetings(database_url: str, n: int, **values: Any) -> list[uuid.UUID]:
    """``n`` meetings in one statement (room names ``bulk-<i>-<suffix>``)."""
    now = datetime.now(UTC)
    fields = {
        "status": "SCHEDULED",
        "start_time": now - timedelta(minutes=1),
        "end_time": now + timedelta(minutes=59),
        "max_participants": None,
        **values,
    }
    suffix = uuid.uuid4().hex[:6]
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "INSERT INTO meetings (id, title, room_name, status, start_time, end_time, "
            "password, host_key, max_participants) "
            "SELECT gen_random_uuid(), 'Bulk ' || i, 'bulk-' || i || '-' || %(suffix)s, "
            "%(status)s, %(start_time)s, %(end_time)s, 'pw-1234', 'hk', %(max_participants)s "
            "FROM generate_series(1, %(n)s) AS i RETURNING id",
            {**fields, "n": n, "suffix": suffix},
        ).fetchall()
    return [row[0] for row in rows]


def meeting_row(database_url: str, meeting_id: uuid.UUID) -> dict[str, Any]:
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        found = conn.execute("SELECT * FROM meetings WHERE id = %s", (meeting_id,)).fetchone()
    assert found is not None
    return found


def attendance_rows(database_url: str, meeting_id: uuid.UUID) -> list[dict[str, Any]]:
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        return conn.execute(
            "SELECT * FROM attendance WHERE meeting_id = %s ORDER BY joined_at, identity",
            (meeting_id,),
        ).fetchall()


def insert_attendance(
    database_url: str,
    meeting_id: uuid.UUID,
    identity: str,
    *,
    joined_at: datetime,
    left_at: datetime | None = None,
    name: str | None = None,
    email: str | None = None,
    updated_at: datetime | None = None,
) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "INSERT INTO attendance (meeting_id, identity, participant_sid, name, email, "
            "joined_at, left_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, "
            "COALESCE(%s, now()))",
            (meeting_id, identity, f"PA_{identity}", name, email, joined_at, left_at, updated_at),
        )
        conn.execute(
            "UPDATE meetings SET participant_count = (SELECT count(*) FROM attendance "
            "WHERE meeting_id = %s AND left_at IS NULL) WHERE id = %s",
            (meeting_id, meeting_id),
        )


def count_rows(database_url: str, table: str, where: str = "true") -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()
    assert row is not None
    return int(row[0])
