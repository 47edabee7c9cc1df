"""SQL for meeting_participants, the allowlist of a private meeting."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from meet_common.db import Connection


@dataclass(frozen=True)
class Invitee:
    email: str
    name: str | None
    added_at: datetime


def add(
    conn: Connection, meeting_id: uuid.UUID, invitees: Iterable[tuple[str, str | None]]
) -> None:
    """Add emails (already lower-cased); one already on the list keeps its entry."""
    rows = list(invitees)
    if not rows:
        return
    conn.execute(
        "INSERT INTO meeting_participants (meeting_id, email, name) "
        "SELECT %s, e.email, e.name FROM unnest(%s::text[], %s::text[]) AS e(email, name) "
        "ON CONFLICT (meeting_id, email) DO NOTHING",
        (meeting_id, [email for email, _ in rows], [name for _, name in rows]),
    )


def list_for(conn: Connection, meeting_id: uuid.UUID) -> list[Invitee]:
    rows = conn.execute(
        "SELECT email, name, added_at FROM meeting_participants "
        "WHERE meeting_id = %s ORDER BY added_at, email",
        (meeting_id,),
    ).fetchall()
    return [Invitee(**row) for row in rows]


def remove(conn: Connection, meeting_id: uuid.UUID, email: str) -> bool:
    cursor = conn.execute(
        "DELETE FROM meeting_participants WHERE meeting_id = %s AND email = %s",
        (meeting_id, email),
    )
    return cursor.rowcount > 0


def contains(conn: Connection, meeting_id: uuid.UUID, email: str) -> bool:
    row = conn.execute(
        "SELECT 1 AS found FROM meeting_participants WHERE meeting_id = %s AND email = %s",
        (meeting_id, email),
    ).fetchone()
    return row is not None
