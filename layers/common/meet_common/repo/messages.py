"""SQL for chat history: the messages and message_counters tables.

Order. Every message gets ``seq``, its position in its meeting's history, from the
meeting's row in ``message_counters``: the insert transaction bumps that row
(``INSERT ... ON CONFLICT DO UPDATE``), which locks it until the transaction ends.
The next writer of the same meeting waits on the lock, so it takes the next number
only after the previous message is committed (or rolled back, which also rolls the
counter back). A meeting's messages therefore become visible in ``seq`` order, and
when a reader sees ``seq = n`` every message numbered below n is already visible.
Paging on ``seq > last seen`` then skips nothing and repeats nothing, however many
writers run at once. (A plain sequence would not do: its numbers are taken at
insert but become visible at commit, so a slow writer's lower number can appear
after a reader has paged past it.) Writers of different meetings never wait on each
other; writers of one meeting are serialised for the few milliseconds of an insert.

Retention. ``purge_expired`` deletes the messages of meetings that ended (or were
cancelled) more than the retention period ago. A meeting has a counter row exactly
when it has chat history, so the counters are also the list of meetings left to
purge: the pass never scans meetings that never chatted or were purged already.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from psycopg import sql

from meet_common.db import Connection

# Meetings whose chat one purge deletes at most; the lifecycle pass runs every minute.
PURGE_BATCH_MEETINGS = 200


@dataclass(frozen=True)
class MessageRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    room_name: str
    seq: int
    identity: str
    name: str
    text: str
    created_at: datetime


_COLUMNS = sql.SQL(", ").join(sql.Identifier(f.name) for f in fields(MessageRecord))


def _record(row: dict[str, Any] | None) -> MessageRecord | None:
    return MessageRecord(**row) if row is not None else None


def get(conn: Connection, message_id: uuid.UUID) -> MessageRecord | None:
    query = sql.SQL("SELECT {} FROM messages WHERE id = %s").format(_COLUMNS)
    return _record(conn.execute(query, (message_id,)).fetchone())


def next_seq(conn: Connection, meeting_id: uuid.UUID) -> int:
    """The next position in the meeting's history. Locks the meeting's counter until
    the transaction ends: call it right before ``insert``, in the same transaction."""
    row = conn.execute(
        "INSERT INTO message_counters AS c (meeting_id, last_seq) VALUES (%s, 1) "
        "ON CONFLICT (meeting_id) DO UPDATE SET last_seq = c.last_seq + 1 "
        "RETURNING last_seq",
        (meeting_id,),
    ).fetchone()
    assert row is not None
    return int(row["last_seq"])


def insert(conn: Connection, message: MessageRecord) -> MessageRecord | None:
    """Store a message; None when its id is taken (a retry, or a concurrent twin)."""
    values = {f.name: getattr(message, f.name) for f in fields(MessageRecord)}
    query = sql.SQL(
        "INSERT INTO messages ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING RETURNING {}"
    ).format(_COLUMNS, sql.SQL(", ").join(sql.Placeholder(n) for n in values), _COLUMNS)
    return _record(conn.execute(query, values).fetchone())


def list_after(
    conn: Connection, meeting_id: uuid.UUID, *, after_seq: int, limit: int
) -> list[MessageRecord]:
    """Up to ``limit`` messages of the meeting after position ``after_seq``, oldest first."""
    query = sql.SQL(
        "SELECT {} FROM messages WHERE meeting_id = %s AND seq > %s ORDER BY seq LIMIT %s"
    ).format(_COLUMNS)
    rows = conn.execute(query, (meeting_id, after_seq, limit)).fetchall()
    return [MessageRecord(**row) for row in rows]


def list_before(
    conn: Connection, meeting_id: uuid.UUID, *, before_seq: int | None, limit: int
) -> list[MessageRecord]:
    """The ``limit`` messages just before position ``before_seq`` (the newest ones when
    None), oldest first."""
    query = sql.SQL(
        "SELECT * FROM (SELECT {} FROM messages WHERE meeting_id = %s AND seq < %s "
        "ORDER BY seq DESC LIMIT %s) page ORDER BY seq"
    ).format(_COLUMNS)
    before = before_seq if before_seq is not None else 2**62
    rows = conn.execute(query, (meeting_id, before, limit)).fetchall()
    return [MessageRecord(**row) for row in rows]


def purge_expired(
    conn: Connection,
    now: datetime,
    retention_days: int,
    *,
    batch_meetings: int = PURGE_BATCH_MEETINGS,
) -> int:
    """Delete the chat of meetings ENDED or CANCELLED more than ``retention_days`` ago;
    returns how many messages went. Concurrent passes skip each other's meetings."""
    row = conn.execute(
        """
        WITH expired AS (
            SELECT c.meeting_id
              FROM message_counters c
              JOIN meetings m ON m.id = c.meeting_id
             WHERE m.status IN ('ENDED', 'CANCELLED')
               AND coalesce(m.ended_at, m.end_time) <= %(cutoff)s
             LIMIT %(batch)s
               FOR UPDATE OF c SKIP LOCKED
        ), purged AS (
            DELETE FROM messages WHERE meeting_id IN (SELECT meeting_id FROM expired)
            RETURNING 1
        ), counters AS (
            DELETE FROM message_counters WHERE meeting_id IN (SELECT meeting_id FROM expired)
        )
        SELECT count(*) AS purged FROM purged
        """,
        {"cutoff": now - timedelta(days=retention_days), "batch": batch_meetings},
    ).fetchone()
    assert row is not None
    return int(row["purged"])
