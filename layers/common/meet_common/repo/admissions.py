"""SQL for admission_requests: guests waiting for a host to let them into a meeting.

A request is *live* while its guest keeps polling: ``last_seen`` newer than the
cutoff the caller passes (now minus the expiry window). Decisions are one
conditional UPDATE each (``status = 'waiting'`` and live), so two hosts admitting,
or one admitting while another denies, leave exactly one outcome.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Literal

from psycopg import sql

from meet_common.db import Connection
from meet_common.db_async import AsyncConnection

Status = Literal["waiting", "admitted", "denied", "expired"]
Decision = Literal["admitted", "denied"]


@dataclass(frozen=True)
class AdmissionRecord:
    id: uuid.UUID
    meeting_id: uuid.UUID
    identity: str
    name: str
    email: str | None
    status: Status
    created_at: datetime
    last_seen: datetime
    decided_at: datetime | None
    decided_by: str | None


_COLUMNS = sql.SQL(", ").join(sql.Identifier(f.name) for f in fields(AdmissionRecord))


def _query(text: str) -> str:
    """``text`` with ``{}`` standing for every AdmissionRecord column."""
    return sql.SQL(text).format(_COLUMNS).as_string()  # type: ignore[arg-type]


def _record(row: dict[str, Any] | None) -> AdmissionRecord | None:
    return AdmissionRecord(**row) if row is not None else None


_CREATE = _query(
    "INSERT INTO admission_requests "
    "(id, meeting_id, secret_hash, identity, name, email, created_at, last_seen) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {}"
)


def create(
    conn: Connection,
    meeting_id: uuid.UUID,
    *,
    secret_hash: bytes,
    identity: str,
    name: str,
    email: str | None,
    at: datetime,
) -> AdmissionRecord:
    params = (uuid.uuid4(), meeting_id, secret_hash, identity, name, email, at, at)
    record = _record(conn.execute(_CREATE, params).fetchone())
    assert record is not None
    return record


async def acreate(
    conn: AsyncConnection,
    meeting_id: uuid.UUID,
    *,
    secret_hash: bytes,
    identity: str,
    name: str,
    email: str | None,
    at: datetime,
) -> AdmissionRecord:
    """``create`` on an async connection."""
    params = (uuid.uuid4(), meeting_id, secret_hash, identity, name, email, at, at)
    record = _record(await (await conn.execute(_CREATE, params)).fetchone())
    assert record is not None
    return record


def seen(
    conn: Connection, request_id: uuid.UUID, secret_hash: bytes, *, at: datetime, cutoff: datetime
) -> AdmissionRecord | None:
    """The request the secret belongs to, with ``last_seen`` moved to ``at`` when it is
    still live and not denied; None when no request has that id and secret."""
    row = conn.execute(
        _query(
            "UPDATE admission_requests SET last_seen = CASE "
            "WHEN last_seen >= %(cutoff)s AND status IN ('waiting', 'admitted') THEN %(at)s "
            "ELSE last_seen END "
            "WHERE id = %(id)s AND secret_hash = %(hash)s RETURNING {}"
        ),
        {"id": request_id, "hash": secret_hash, "at": at, "cutoff": cutoff},
    ).fetchone()
    return _record(row)


def withdraw(conn: Connection, request_id: uuid.UUID, secret_hash: bytes) -> AdmissionRecord | None:
    """The guest left before a decision: the request expires at once."""
    row = conn.execute(
        _query(
            "UPDATE admission_requests SET status = 'expired' "
            "WHERE id = %s AND secret_hash = %s AND status = 'waiting' "
            "RETURNING {}"
        ),
        (request_id, secret_hash),
    ).fetchone()
    return _record(row)


def waiting(conn: Connection, meeting_id: uuid.UUID, *, cutoff: datetime) -> list[AdmissionRecord]:
    """The meeting's live waiting requests, oldest first."""
    rows = conn.execute(
        _query(
            "SELECT {} FROM admission_requests "
            "WHERE meeting_id = %s AND status = 'waiting' AND last_seen >= %s "
            "ORDER BY created_at, id"
        ),
        (meeting_id, cutoff),
    ).fetchall()
    return [AdmissionRecord(**row) for row in rows]


def get(conn: Connection, meeting_id: uuid.UUID, request_id: uuid.UUID) -> AdmissionRecord | None:
    row = conn.execute(
        _query("SELECT {} FROM admission_requests WHERE id = %s AND meeting_id = %s"),
        (request_id, meeting_id),
    ).fetchone()
    return _record(row)


def decide(
    conn: Connection,
    meeting_id: uuid.UUID,
    request_id: uuid.UUID,
    decision: Decision,
    *,
    by: str,
    at: datetime,
    cutoff: datetime,
) -> AdmissionRecord | None:
    """Admit or deny a live waiting request; None when it is not one (any more).
    The row lock makes a concurrent second decision wait and then find it decided."""
    row = conn.execute(
        _query(
            "UPDATE admission_requests SET status = %s, decided_at = %s, decided_by = %s "
            "WHERE id = %s AND meeting_id = %s AND status = 'waiting' AND last_seen >= %s "
            "RETURNING {}"
        ),
        (decision, at, by, request_id, meeting_id, cutoff),
    ).fetchone()
    return _record(row)


def expire_stale(conn: Connection, *, cutoff: datetime, forget_before: datetime) -> int:
    """Mark waiting requests nobody polled since ``cutoff`` expired, and delete every
    request last seen before ``forget_before``, in one statement (the lifecycle pass
    keeps a fixed number of them); how many rows changed."""
    row = conn.execute(
        "WITH expired AS ("
        " UPDATE admission_requests SET status = 'expired'"
        " WHERE status = 'waiting' AND last_seen < %(cutoff)s AND last_seen >= %(forget)s"
        " RETURNING 1),"
        " forgotten AS (DELETE FROM admission_requests WHERE last_seen < %(forget)s RETURNING 1)"
        " SELECT (SELECT count(*) FROM expired) + (SELECT count(*) FROM forgotten) AS changed",
        {"cutoff": cutoff, "forget": forget_before},
    ).fetchone()
    return int(row["changed"]) if row is not None else 0
