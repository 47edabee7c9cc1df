"""SQL for webhook_events: the ids of LiveKit webhook events already applied."""

from __future__ import annotations

from datetime import datetime

from meet_common.db import Connection


def record(
    conn: Connection, event_id: str, *, event: str, room_name: str, occurred_at: datetime
) -> bool:
    """Remember an event id; False when it was already recorded (a redelivery).

    Run it in the transaction that applies the event: a concurrent delivery of the
    same id waits on the unique key until this one commits, then finds it taken.
    """
    row = conn.execute(
        "INSERT INTO webhook_events (id, event, room_name, occurred_at) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
        (event_id, event, room_name, occurred_at),
    ).fetchone()
    return row is not None


def purge_received_before(conn: Connection, cutoff: datetime) -> int:
    """Forget event ids received before ``cutoff``; returns how many."""
    cursor = conn.execute("DELETE FROM webhook_events WHERE received_at < %s", (cutoff,))
    return cursor.rowcount
