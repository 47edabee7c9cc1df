"""SQL for rate_counters, the fixed-window counters behind ``meet_common.rate_limits``."""

from __future__ import annotations

from datetime import datetime

from meet_common.db import Connection


def hit(conn: Connection, scope: str, key: str, window_start: datetime) -> int:
    """Count one request in the window; returns the window's count including it."""
    row = conn.execute(
        "INSERT INTO rate_counters AS c (scope, key, window_start, hits) VALUES (%s, %s, %s, 1) "
        "ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = c.hits + 1 RETURNING hits",
        (scope, key, window_start),
    ).fetchone()
    assert row is not None
    return int(row["hits"])


def hits(conn: Connection, scope: str, key: str, window_start: datetime) -> int:
    """The window's count so far, without counting this request."""
    row = conn.execute(
        "SELECT hits FROM rate_counters WHERE scope = %s AND key = %s AND window_start = %s",
        (scope, key, window_start),
    ).fetchone()
    return int(row["hits"]) if row else 0


def purge_before(conn: Connection, cutoff: datetime) -> int:
    """Forget windows that started before ``cutoff``; returns how many."""
    return conn.execute("DELETE FROM rate_counters WHERE window_start < %s", (cutoff,)).rowcount
