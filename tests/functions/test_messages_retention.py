"""Chat retention against real PostgreSQL: a meeting's messages are deleted
CHAT_RETENTION_DAYS after it ended or was cancelled, and not before."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from lifecycle.service import run_pass
from meet_common.db import Database
from meet_common.livekit_rooms import RoomService
from meet_common.repo import meetings as meetings_repo
from meet_common.repo import messages as repo
from meet_common.settings import get_settings

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def meeting_with_chat(
    db: Database, status: str, *, ended_days_ago: float | None, messages: int
) -> uuid.UUID:
    ended_at = NOW - timedelta(days=ended_days_ago) if ended_days_ago is not None else None
    start = (ended_at or NOW) - timedelta(hours=1)
    meeting_id, room = uuid.uuid4(), f"keep-{secrets.token_hex(3)}"
    with db.transaction() as conn:
        meetings_repo.insert(
            conn,
            {
                "id": meeting_id,
                "title": "Retention",
                "room_name": room,
                "status": status,
                "start_time": start,
                "end_time": start + timedelta(hours=2),
                "ended_at": ended_at,
                "password": "pw-123456",
                "host_key": "hk-123456",
            },
        )
        for i in range(messages):
            repo.insert(
                conn,
                repo.MessageRecord(
                    id=uuid.uuid4(),
                    meeting_id=meeting_id,
                    room_name=room,
                    seq=repo.next_seq(conn, meeting_id),
                    identity="ada",
                    name="Ada",
                    text=f"m{i}",
                    created_at=start,
                ),
            )
    return meeting_id


def counts(database_url: str) -> dict[uuid.UUID, int]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT meeting_id, count(*) FROM messages GROUP BY 1").fetchall()
    return dict(rows)


def counters(database_url: str) -> set[uuid.UUID]:
    with psycopg.connect(database_url) as conn:
        return {row[0] for row in conn.execute("SELECT meeting_id FROM message_counters")}


def test_purge_deletes_only_chat_of_meetings_finished_longer_ago_than_retention(
    db: Database, database_url: str
) -> None:
    old_ended = meeting_with_chat(db, "ENDED", ended_days_ago=31, messages=3)
    old_cancelled = meeting_with_chat(db, "CANCELLED", ended_days_ago=45, messages=2)
    recent = meeting_with_chat(db, "ENDED", ended_days_ago=29, messages=4)
    active = meeting_with_chat(db, "ACTIVE", ended_days_ago=None, messages=5)
    before = counts(database_url)
    assert before == {old_ended: 3, old_cancelled: 2, recent: 4, active: 5}

    with db.transaction() as conn:
        purged = repo.purge_expired(conn, NOW, 30)

    assert purged == 5
    assert counts(database_url) == {recent: 4, active: 5}
    assert counters(database_url) == {recent, active}
    with psycopg.connect(database_url) as conn:  # the meetings themselves stay
        assert conn.execute("SELECT count(*) FROM meetings").fetchone() == (4,)


def test_purge_is_idempotent_and_respects_the_retention_given(
    db: Database, database_url: str
) -> None:
    ten_days = meeting_with_chat(db, "ENDED", ended_days_ago=10, messages=2)
    with db.transaction() as conn:
        assert repo.purge_expired(conn, NOW, 30) == 0
        assert repo.purge_expired(conn, NOW, 7) == 2
        assert repo.purge_expired(conn, NOW, 7) == 0
    assert ten_days not in counts(database_url)


def test_an_ended_meeting_without_ended_at_expires_from_its_end_time(
    db: Database, database_url: str
) -> None:
    meeting_id = meeting_with_chat(db, "ENDED", ended_days_ago=None, messages=1)
    with db.transaction() as conn:
        conn.execute(
            "UPDATE meetings SET start_time = %s, end_time = %s WHERE id = %s",
            (NOW - timedelta(days=40), NOW - timedelta(days=40) + timedelta(hours=1), meeting_id),
        )
        assert repo.purge_expired(conn, NOW, 30) == 1


def test_purge_works_in_batches_of_meetings(db: Database, database_url: str) -> None:
    for _ in range(3):
        meeting_with_chat(db, "ENDED", ended_days_ago=60, messages=2)
    with db.transaction() as conn:
        assert repo.purge_expired(conn, NOW, 30, batch_meetings=2) == 4
        assert repo.purge_expired(conn, NOW, 30, batch_meetings=2) == 2
        assert repo.purge_expired(conn, NOW, 30, batch_meetings=2) == 0


def test_deleting_a_meeting_deletes_its_chat(db: Database, database_url: str) -> None:
    meeting_id = meeting_with_chat(db, "ENDED", ended_days_ago=1, messages=3)
    with db.transaction() as conn:
        conn.execute("DELETE FROM meetings WHERE id = %s", (meeting_id,))
    assert counts(database_url) == {}
    assert counters(database_url) == set()


@pytest.mark.usefixtures("fake_livekit")
def test_the_lifecycle_pass_purges_expired_chat_and_counts_it(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expired = meeting_with_chat(db, "ENDED", ended_days_ago=9, messages=3)
    kept = meeting_with_chat(db, "ENDED", ended_days_ago=6, messages=2)
    monkeypatch.setenv("CHAT_RETENTION_DAYS", "7")
    get_settings.cache_clear()
    try:
        first = run_pass(db, RoomService(), now=NOW)
        second = run_pass(db, RoomService(), now=NOW)
    finally:
        monkeypatch.delenv("CHAT_RETENTION_DAYS")
        get_settings.cache_clear()

    assert (first.messages_purged, second.messages_purged) == (3, 0)
    assert counts(database_url) == {kept: 2}
    assert expired not in counters(database_url)
