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

from meet_common.db import Connection

FailureReason = Literal["password", "host_key", "allowlist"]
PRUNE_BATCH = 100


def lock_client(conn: Connection, meeting_id: uuid.UUID, client_ip: str) -> None:
    """Hold a transaction-scoped advisory lock on (meeting, client) until commit."""
    conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
        (f"join:{meeting_id}:{client_ip}",),
    )


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


def record_failure(
    conn: Connection,
    meeting_id: uuid.UUID,
    client_ip: str,
    reason: FailureReason,
    *,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT INTO failed_join_attempts (meeting_id, client_ip, reason, attempted_at) "
        "VALUES (%s, %s, %s, %s)",
        (meeting_id, client_ip, reason, now),
    )


def prune(conn: Connection, *, older_than: datetime, batch: int = PRUNE_BATCH) -> int:
    """Delete up to ``batch`` failures older than ``older_than``, oldest first.

    Rows another transaction is already deleting are skipped rather than waited for,
    so concurrent failures never queue behind one another's pruning.
    """
    cursor = conn.execute(
        "DELETE FROM failed_join_attempts WHERE id IN ("
        " SELECT id FROM failed_join_attempts WHERE attempted_at < %s"
        " ORDER BY attempted_at LIMIT %s FOR UPDATE SKIP LOCKED)",
        (older_than, batch),
    )
    return cursor.rowcount
