"""SQL for failed_join_attempts, the memory of the token endpoint's failed-join limiter.

Each failure is its own row, so concurrent failures never overwrite one another's
count. ``lock`` serialises one client's attempts on one meeting for the rest of the
transaction, so the check ("fewer than the limit so far?") and the record of a new
failure cannot interleave: parallel guesses from one address get no extra tries.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from meet_common.db_async import AsyncConnection, Statement

FailureReason = Literal["password", "host_key", "allowlist"]
PRUNE_BATCH = 100


def lock(meeting_id: uuid.UUID, client_ip: str) -> Statement:
    """A transaction-scoped advisory lock on (meeting, client), held until commit, to
    send with BEGIN (``AsyncDatabase.transaction(lock, ...)``)."""
    return Statement(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"join:{meeting_id}:{client_ip}",)
    )


async def record_failure(
    conn: AsyncConnection,
    meeting_id: uuid.UUID,
    client_ip: str,
    reason: FailureReason,
    *,
    now: datetime,
) -> None:
    await conn.execute(
        "INSERT INTO failed_join_attempts (meeting_id, client_ip, reason, attempted_at) "
        "VALUES (%s, %s, %s, %s)",
        (meeting_id, client_ip, reason, now),
    )


async def prune(conn: AsyncConnection, *, older_than: datetime, batch: int = PRUNE_BATCH) -> int:
    """Delete up to ``batch`` failures older than ``older_than``, oldest first.

    Rows another transaction is already deleting are skipped rather than waited for,
    so concurrent failures never queue behind one another's pruning.
    """
    cursor = await conn.execute(
        "DELETE FROM failed_join_attempts WHERE id IN ("
        " SELECT id FROM failed_join_attempts WHERE attempted_at < %s"
        " ORDER BY attempted_at LIMIT %s FOR UPDATE SKIP LOCKED)",
        (older_than, batch),
    )
    return cursor.rowcount
