"""The token endpoint's one read: a meeting with what joining it depends on (the
client's recent failed attempts and, for a private meeting, the allowlist), in one
statement instead of one per table.

Run it after ``join_attempts.lock``, in a statement of its own (the two travel with
BEGIN in one round trip): under READ COMMITTED a statement sees what was committed
before it started, so every failure recorded by this client's previous attempt (which
held the lock until its commit) is counted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from psycopg import sql

from meet_common.db_async import Row, Statement
from meet_common.repo.meetings import MeetingRecord, meeting_columns


@dataclass(frozen=True)
class JoinFacts:
    meeting: MeetingRecord
    # The limit-th newest failure of this client inside the window, if it has that many.
    nth_failure_at: datetime | None
    # Whether ``email`` is on the meeting's allowlist (False when no email was given).
    invited: bool


_QUERY = (
    sql.SQL("SELECT {}, ").format(meeting_columns("m"))
    + sql.SQL(
        "(SELECT f.attempted_at FROM failed_join_attempts f"
        " WHERE f.meeting_id = m.id AND f.client_ip = %(client_ip)s"
        " AND f.attempted_at > %(since)s"
        " ORDER BY f.attempted_at DESC OFFSET %(offset)s LIMIT 1) AS nth_failure_at, "
        "(%(email)s::text IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM meeting_participants p"
        " WHERE p.meeting_id = m.id AND p.email = %(email)s::text)) AS invited "
        "FROM meetings m WHERE m.id = %(meeting_id)s"
    )
).as_string()


def read(
    meeting_id: uuid.UUID,
    *,
    client_ip: str,
    since: datetime,
    failure_limit: int,
    email: str | None,
) -> Statement:
    """The read, to send after the lock (``AsyncDatabase.transaction(lock, read)``);
    ``facts`` makes its rows a ``JoinFacts``. ``email`` is compared as given
    (normalise it first); ``failure_limit`` failures after ``since`` make
    ``nth_failure_at`` set."""
    return Statement(
        _QUERY,
        {
            "meeting_id": meeting_id,
            "client_ip": client_ip,
            "since": since,
            "offset": failure_limit - 1,
            "email": email,
        },
    )


def facts(rows: list[Row]) -> JoinFacts | None:
    """The read's answer; None when no meeting has that id."""
    if not rows:
        return None
    row = dict(rows[0])
    nth_failure_at = row.pop("nth_failure_at")
    invited = bool(row.pop("invited"))
    return JoinFacts(MeetingRecord(**row), nth_failure_at, invited)
