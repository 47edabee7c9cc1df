"""SQL for webhook_events: the ids of LiveKit webhook events already applied."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from meet_common.db import Connection


@dataclass(frozen=True)
class RoomOfEvent:
    """The meeting an event's room belongs to, locked, and whether the event id was
    new (False: a redelivery)."""

    meeting_id: uuid.UUID
    status: str
    ended_at: datetime | None
    recorded: bool


# The meeting is locked (FOR UPDATE) before the id is inserted: the INSERT's rows come
# from the locked row, as when the two were separate statements. A concurrent delivery
# of the same id waits on the meeting, then ON CONFLICT sees the committed id (it
# checks the index, not the statement's snapshot) and inserts nothing. No meeting:
# no row, and nothing recorded.
_LOCK_AND_RECORD = (
    "WITH meeting AS ("
    " SELECT id, status, ended_at FROM meetings WHERE room_name = %(room)s FOR UPDATE"
    "), recorded AS ("
    " INSERT INTO webhook_events (id, event, room_name, occurred_at)"
    " SELECT %(id)s, %(event)s, %(room)s, %(at)s FROM meeting"
    " ON CONFLICT (id) DO NOTHING RETURNING 1"
    ") SELECT id AS meeting_id, status, ended_at,"
    " EXISTS (SELECT FROM recorded) AS recorded FROM meeting"
)


def lock_room_and_record(
    conn: Connection, event_id: str, *, event: str, room_name: str, occurred_at: datetime
) -> RoomOfEvent | None:
    """Lock the meeting of ``room_name`` and remember the event id, in one statement
    (one round trip); None when no meeting has that room (nothing is recorded then).

    Run it in the transaction that applies the event.
    """
    row = conn.execute(
        _LOCK_AND_RECORD,
        {"room": room_name, "id": event_id, "event": event, "at": occurred_at},
    ).fetchone()
    return RoomOfEvent(**row) if row is not None else None


def purge_received_before(conn: Connection, cutoff: datetime) -> int:
    """Forget event ids received before ``cutoff``; returns how many."""
    cursor = conn.execute("DELETE FROM webhook_events WHERE received_at < %s", (cutoff,))
    return cursor.rowcount
