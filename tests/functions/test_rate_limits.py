"""Rate limits through the real Lambda entry points: chat posts, lookups of rooms that
do not exist, and wrong admin keys. Each limit is set small for the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from livekit import api

from meet_common import rate_limits
from meet_common.db import Database
from meet_common.errors import ChatRateLimited, TooManyRequests
from meet_common.settings import get_settings
from meetings.handler import handler as meetings_handler
from messages.handler import handler as messages_handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import invoke
from tests.support.meeting_rows import insert_meeting
from tokens.handler import handler as tokens_handler

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in {
        "CHAT_PARTICIPANT_LIMIT": "3",
        "CHAT_MEETING_LIMIT": "5",
        "ROOM_LOOKUP_MISS_LIMIT": "4",
        "ADMIN_FAILURE_LIMIT": "3",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def token(room: str, identity: str) -> str:
    return (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity(identity)
        .with_name(identity)
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .to_jwt()
    )


def post(room: str, identity: str, text: str = "hello") -> tuple[int, dict[str, str]]:
    response = invoke(
        messages_handler,
        "POST",
        "/api/messages",
        headers={"Authorization": f"Bearer {token(room, identity)}"},
        body={"roomName": room, "text": text},
    )
    return response.status, response.headers


def refusal_code(room: str, identity: str) -> str:
    response = invoke(
        messages_handler,
        "POST",
        "/api/messages",
        headers={"Authorization": f"Bearer {token(room, identity)}"},
        body={"roomName": room, "text": "again"},
    )
    assert response.status == 429
    return str(response.json()["error"]["code"])


def stored_messages(database_url: str, room: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM messages m JOIN meetings t ON t.id = m.meeting_id "
            "WHERE t.room_name = %s",
            (room,),
        ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.usefixtures("limits")
def test_a_participant_posting_too_fast_gets_429_with_retry_after(database_url: str) -> None:
    room = insert_meeting(database_url)["room_name"]

    statuses = [post(room, "flooder-1")[0] for _ in range(4)]
    status, headers = post(room, "flooder-1")

    assert statuses == [201, 201, 201, 429]
    assert status == 429
    assert 1 <= int(headers["retry-after"]) <= 60
    assert refusal_code(room, "flooder-1") == "chat_rate_limited"
    assert stored_messages(database_url, room) == 3
    # Someone else in the meeting still gets through.
    assert post(room, "quiet-2")[0] == 201


@pytest.mark.usefixtures("limits")
def test_a_meeting_takes_only_so_many_messages_a_minute(database_url: str) -> None:
    room = insert_meeting(database_url)["room_name"]
    statuses = [post(room, f"guest-{n}")[0] for n in range(7)]
    assert statuses == [201] * 5 + [429] * 2
    assert refusal_code(room, "guest-8") == "chat_rate_limited"
    assert stored_messages(database_url, room) == 5


@pytest.mark.usefixtures("limits")
def test_lookups_of_missing_rooms_lock_the_client_out_of_every_lookup(
    database_url: str,
) -> None:
    real = insert_meeting(database_url)["room_name"]

    def lookup(room: str, ip: str = "198.51.100.9") -> int:
        return invoke(tokens_handler, "GET", f"/api/rooms/{room}", source_ip=ip).status

    assert lookup(real) == 200
    assert [lookup(f"guess-{n:08d}") for n in range(5)] == [404] * 4 + [429]
    assert lookup(real) == 429  # a hit no longer answers either
    refused = invoke(tokens_handler, "GET", f"/api/rooms/{real}", source_ip="198.51.100.9")
    assert refused.json()["error"]["code"] == "too_many_lookups"
    assert lookup(real, ip="198.51.100.10") == 200  # another client is not affected


@pytest.mark.usefixtures("limits")
def test_wrong_admin_keys_lock_the_client_out_even_with_the_right_key(
    admin_headers: dict[str, str],
) -> None:
    def meetings(headers: dict[str, str], ip: str = "192.0.2.50") -> int:
        return invoke(
            meetings_handler, "GET", "/api/meetings", headers=headers, source_ip=ip
        ).status

    wrong = {"Authorization": "Bearer not-the-key"}
    assert meetings(admin_headers) == 200
    assert [meetings(wrong) for _ in range(4)] == [401, 401, 401, 429]
    response = invoke(
        meetings_handler, "GET", "/api/meetings", headers=admin_headers, source_ip="192.0.2.50"
    )
    assert response.status == 429
    assert response.json()["error"]["code"] == "too_many_admin_failures"
    assert int(response.headers["retry-after"]) <= 600
    assert meetings(admin_headers, ip="192.0.2.51") == 200


def test_a_limit_lets_the_client_in_again_when_its_window_ends(db: Database) -> None:
    limit = rate_limits.Limit("test:window", 2, 60, ChatRateLimited, "slow down")
    start = datetime(2030, 1, 1, 10, 0, 30, tzinfo=UTC)
    with db.transaction() as conn:
        limit.take(conn, "k", start)
        limit.take(conn, "k", start + timedelta(seconds=10))
    with db.transaction() as conn, pytest.raises(TooManyRequests) as refused:
        limit.take(conn, "k", start + timedelta(seconds=20))
    assert refused.value.retry_after_seconds == 10  # the window ends at 10:01:00
    with db.transaction() as conn:
        limit.take(conn, "k", start + timedelta(seconds=30))  # the next window
        assert rate_limits.purge(conn, start + timedelta(hours=2)) == 2
