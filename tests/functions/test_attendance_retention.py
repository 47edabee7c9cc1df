"""Attendance is paged, and forgotten with the chat once a meeting is long over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from lifecycle.service import run_pass
from meet_common.db import Database
from meet_common.livekit_rooms import RoomService
from meet_common.settings import get_settings
from participants.handler import handler
from tests.support.apigw import invoke
from tests.support.meeting_rows import count_rows, insert_attendance, insert_meeting

pytestmark = pytest.mark.usefixtures("db")

NOW = datetime.now(UTC).replace(microsecond=0)


def attendance_page(headers: dict[str, str], meeting_id: object, **query: object) -> dict[str, Any]:
    response = invoke(
        handler, "GET", f"/api/meetings/{meeting_id}/attendance", headers=headers, query=query
    )
    assert response.status == 200, response.body
    return dict(response.json())


def test_attendance_pages_earliest_first_without_gaps_or_repeats(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url)
    joined = NOW - timedelta(minutes=30)
    # Two people join in the same second: the page boundary falls between them.
    for n, offset in enumerate([0, 60, 60, 120, 180]):
        insert_attendance(
            database_url, meeting["id"], f"guest-{n}", joined_at=joined + timedelta(seconds=offset)
        )

    seen, cursor, pages = [], None, 0
    while True:
        body = attendance_page(admin_headers, meeting["id"], limit=2, cursor=cursor)
        seen += [entry["identity"] for entry in body["attendance"]]
        pages += 1
        cursor = body["nextCursor"]
        if cursor is None:
            break
    assert seen == [f"guest-{n}" for n in range(5)]
    assert pages == 3


def test_a_forged_attendance_cursor_is_a_422(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url)
    response = invoke(
        handler,
        "GET",
        f"/api/meetings/{meeting['id']}/attendance",
        headers=admin_headers,
        query={"cursor": "WzEsMiwzXQ"},  # [1,2,3]
    )
    assert response.status == 422
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.usefixtures("fake_livekit")
def test_the_pass_forgets_attendance_and_identities_with_the_chat(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def finished(days_ago: int) -> object:
        ended = NOW - timedelta(days=days_ago)
        meeting = insert_meeting(
            database_url,
            status="ENDED",
            start_time=ended - timedelta(hours=1),
            end_time=ended,
            ended_at=ended,
        )
        insert_attendance(
            database_url,
            meeting["id"],
            f"old-{days_ago}",
            joined_at=ended - timedelta(hours=1),
            left_at=ended,
        )
        with psycopg.connect(database_url) as conn:
            conn.execute(
                "INSERT INTO issued_identities (meeting_id, identity, name, email, issued_at) "
                "VALUES (%s, %s, 'Old', 'old@example.com', %s)",
                (meeting["id"], f"old-{days_ago}", ended - timedelta(hours=1)),
            )
        return meeting["id"]

    expired, kept = finished(9), finished(6)
    live = insert_meeting(database_url)
    insert_attendance(database_url, live["id"], "here-now", joined_at=NOW - timedelta(minutes=5))
    monkeypatch.setenv("CHAT_RETENTION_DAYS", "7")
    get_settings.cache_clear()
    try:
        first = run_pass(db, RoomService(), now=NOW)
        second = run_pass(db, RoomService(), now=NOW)
    finally:
        monkeypatch.delenv("CHAT_RETENTION_DAYS")
        get_settings.cache_clear()

    assert (first.attendance_purged, second.attendance_purged) == (1, 0)
    assert count_rows(database_url, "attendance", f"meeting_id = '{expired}'") == 0
    assert count_rows(database_url, "issued_identities", f"meeting_id = '{expired}'") == 0
    assert count_rows(database_url, "attendance", f"meeting_id = '{kept}'") == 1
    assert count_rows(database_url, "issued_identities", f"meeting_id = '{kept}'") == 1
    assert count_rows(database_url, "attendance", f"meeting_id = '{live['id']}'") == 1
