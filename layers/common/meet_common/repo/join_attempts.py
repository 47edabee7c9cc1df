"""SQL for failed_join_attempts, the memory of the token endpoint's failed-join limiter.

Each failure is its own row, so concurrent failures never overwrite one another's
count. ``lock_client`` serialises one client's attempts on one meeting for the rest
of the transaction, so the check ("fewer than the limit so far?") and the record of a
new failure cannot interleave: parallel guesses from one address get no extra tries.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Literal

from psycopg import sql

from meet_common.db import Connection
from meet_common.db_async import AsyncConnection

FailureReason = Literal["password", "host_key", "allowlist"]
PRUNE_BATCH = 100


_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"


def lock_client(conn: Connection, meeting_id: uuid.UUID, client_ip: str) -> None:
    """Hold a transaction-scoped advisory lock on (meeting, client) until commit."""
    conn.execute(_LOCK, (f"join:{meeting_id}:{client_ip}",))


def lock_statement(meeting_id: uuid.UUID, client_ip: str) -> sql.Composed:
    """``lock_client`` as a statement with its key composed in, to send with BEGIN
    (``AsyncDatabase.transaction(first=...)``)."""
    return sql.SQL(_LOCK.replace("%s", "{}")).format(sql.Literal(f"join:{meeting_id}:{client_ip}"))


def blocked_until(
    conn: Connection,
    meeting_id: uuid.UUID,
    client_ip: str,
    *,
    now: datetime,
    limit: int,
    window: timedelta,
) -> datetime | None:
    """When the client may try again, or None while it has fewer than ``limit``
    failures inside the window ending at ``now``.

    The client is let in again once its ``limit``-th newest failure leaves the
    window: from then on fewer than ``limit`` are counted.
    """
    row = conn.execute(
        "SELECT attempted_at FROM failed_join_attempts "
        "WHERE meeting_id = %s AND client_ip = %s AND attempted_at > %s "
        "ORDER BY attempted_at DESC OFFSET %s LIMIT 1",
        (meeting_id, client_ip, now - window, limit - 1),
    ).fetchone()
    if row is None:
        return None
    until: datetime = row["attempted_at"] + window
    return until


_RECORD_FAILURE = (
    "INSERT INTO failed_join_attempts (meeting_id, client_ip, reason, attempted_at) "
    "VALUES (%s, %s, %s, %s)"
)


def record_failure(
    conn: Connection,
    meeting_id: uuid.UUID,
    client_ip: str,
    reason: FailureReason,
    *,
    now: datetime,
) -> None:
    conn.execute(_RECORD_FAILURE, (meeting_id, client_ip, reason, now))


async def arecord_failure(
    conn: AsyncConnection,
    meeting_id: uuid.UUID,
    client_ip: str,
    reason: FailureReason,
    *,
    now: datetime,
) -> None:
    """``record_failure`` on an async connection."""
    await conn.execute(_RECORD_FAILURE, (meeting_id, client_ip, reason, now))


_PRUNE = (
    "DELETE FROM failed_join_attempts WHERE id IN ("
    " SELECT id FROM failed_join_attempts WHERE attempted_at < %s"
    " ORDER BY attempted_at LIMIT %s FOR UPDATE SKIP LOCKED)"
)


def prune(conn: Connection, *, older_than: datetime, batch: int = PRUNE_BATCH) -> int:
    """Delete up to ``batch`` failures older than ``older_than``, oldest first.

    Rows another transaction is already deleting are skipped rather than waited for,
    so concurrent failures never queue behind one another's pruning.
    """
    return conn.execute(_PRUNE, (older_than, batch)).rowcount


async def aprune(conn: AsyncConnection, *, older_than: datetime, batch: int = PRUNE_BATCH) -> int:
    """``prune`` on an async connection."""
    return (await conn.execute(_PRUNE, (older_than, batch))).rowcount
