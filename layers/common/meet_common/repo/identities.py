"""SQL for issued_identities: which identity each join token went to, and who is barred.

Tokens carry no private data (LiveKit shows attributes and metadata to the whole
room), so the email a guest joined with lives here, keyed by the identity the token
was issued to.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from meet_common.db import Connection
from meet_common.db_async import Row, Statement

_RECORD_ISSUED = (
    "INSERT INTO issued_identities (meeting_id, identity, name, email, is_host, issued_at) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (meeting_id, identity) DO NOTHING"
)


def record_issued(
    conn: Connection,
    meeting_id: uuid.UUID,
    *,
    identity: str,
    name: str,
    email: str | None,
    is_host: bool,
    at: datetime,
) -> None:
    conn.execute(_RECORD_ISSUED, (meeting_id, identity, name, email, is_host, at))


def is_barred(conn: Connection, room_name: str, identity: str) -> bool:
    """Whether a host removed ``identity`` from the meeting that uses ``room_name``."""
    row = conn.execute(
        "SELECT 1 AS barred FROM issued_identities i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE m.room_name = %s AND i.identity = %s AND i.barred_at IS NOT NULL",
        (room_name, identity),
    ).fetchone()
    return row is not None


def is_cohost(conn: Connection, room_name: str, identity: str) -> bool:
    """Whether a host made ``identity`` a co-host of the meeting that uses ``room_name``."""
    row = conn.execute(
        "SELECT 1 AS cohost FROM issued_identities i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE m.room_name = %s AND i.identity = %s AND i.cohost_at IS NOT NULL",
        (room_name, identity),
    ).fetchone()
    return row is not None


def make_cohost(conn: Connection, meeting_id: uuid.UUID, identity: str, at: datetime) -> None:
    """Record ``identity`` as a co-host (the first promotion's time is kept). An identity
    this service never issued is recorded too, like a bar."""
    conn.execute(
        "INSERT INTO issued_identities (meeting_id, identity, name, issued_at, cohost_at) "
        "VALUES (%(meeting)s, %(identity)s, %(identity)s, %(at)s, %(at)s) "
        "ON CONFLICT (meeting_id, identity) DO UPDATE SET "
        "cohost_at = COALESCE(issued_identities.cohost_at, EXCLUDED.cohost_at)",
        {"meeting": meeting_id, "identity": identity, "at": at},
    )


_COHOSTS = (
    "SELECT identity FROM issued_identities "
    "WHERE meeting_id = %s AND cohost_at IS NOT NULL ORDER BY cohost_at, identity"
)


def cohosts_of(conn: Connection, meeting_id: uuid.UUID) -> list[str]:
    """The identities a host made co-hosts of the meeting, in the order they were made."""
    return [row["identity"] for row in conn.execute(_COHOSTS, (meeting_id,)).fetchall()]


_RECORD_ISSUED_WITH_COHOSTS = f"WITH issued AS ({_RECORD_ISSUED}) {_COHOSTS}"


def record_issued_with_cohosts(
    meeting_id: uuid.UUID,
    *,
    identity: str,
    name: str,
    email: str | None,
    is_host: bool,
    at: datetime,
) -> Statement:
    """``record_issued`` and ``cohosts_of`` in one statement, for an async transaction
    to end with (``Transaction.commit_with``); ``identities_of`` reads its rows. The
    read does not see the row the insert adds (one snapshot), which is never a
    co-host anyway."""
    return Statement(
        _RECORD_ISSUED_WITH_COHOSTS, (meeting_id, identity, name, email, is_host, at, meeting_id)
    )


def identities_of(rows: list[Row]) -> list[str]:
    return [row["identity"] for row in rows]


def hosts_of(conn: Connection, meeting_id: uuid.UUID) -> set[str]:
    """The identities of the meeting's hosts (issued with the host key) and co-hosts."""
    rows = conn.execute(
        "SELECT identity FROM issued_identities "
        "WHERE meeting_id = %s AND (is_host OR cohost_at IS NOT NULL)",
        (meeting_id,),
    ).fetchall()
    return {row["identity"] for row in rows}


def bar(conn: Connection, meeting_id: uuid.UUID, identities: Sequence[str], at: datetime) -> None:
    """Bar identities for the rest of the meeting (the first bar's time is kept). An
    identity this service never issued (a token minted elsewhere) is recorded too."""
    if not identities:
        return
    conn.execute(
        "INSERT INTO issued_identities (meeting_id, identity, name, issued_at, barred_at) "
        "SELECT %(meeting)s, i, i, %(at)s, %(at)s FROM unnest(%(ids)s::text[]) AS i "
        "ON CONFLICT (meeting_id, identity) DO UPDATE SET "
        "barred_at = COALESCE(issued_identities.barred_at, EXCLUDED.barred_at)",
        {"meeting": meeting_id, "ids": list(identities), "at": at},
    )


def issued_to(conn: Connection, meeting_id: uuid.UUID, email: str) -> list[str]:
    """The identities issued to ``email`` (lower case) for the meeting, oldest first."""
    rows = conn.execute(
        "SELECT identity FROM issued_identities WHERE meeting_id = %s AND email = %s "
        "ORDER BY issued_at, identity",
        (meeting_id, email),
    ).fetchall()
    return [row["identity"] for row in rows]


def barred_in(conn: Connection, meeting_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
    """The barred identities of each of the meetings that has any."""
    if not meeting_ids:
        return {}
    rows = conn.execute(
        "SELECT meeting_id, identity FROM issued_identities "
        "WHERE meeting_id = ANY(%s) AND barred_at IS NOT NULL",
        (list(meeting_ids),),
    ).fetchall()
    barred: dict[uuid.UUID, set[str]] = {}
    for row in rows:
        barred.setdefault(row["meeting_id"], set()).add(row["identity"])
    return barred


def hosts_among(conn: Connection, meeting_id: uuid.UUID, present: Sequence[str]) -> list[str]:
    """Which of the ``present`` identities host the meeting: issued a host token or made
    co-host, and not barred since (LiveKit's ParticipantInfo does not say who has
    room_admin). The same hosts the host routes accept."""
    if not present:
        return []
    rows = conn.execute(
        "SELECT identity FROM issued_identities WHERE meeting_id = %s "
        "AND identity = ANY(%s) AND (is_host OR cohost_at IS NOT NULL) AND barred_at IS NULL "
        "ORDER BY identity",
        (meeting_id, list(present)),
    ).fetchall()
    return [row["identity"] for row in rows]
