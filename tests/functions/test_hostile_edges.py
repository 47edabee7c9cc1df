"""Inputs that once reached a 500, and a meeting moved out of its join window: each
answered in the error shape or applied, through the real Lambda entry points."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from meet_common import db as db_module
from meetings.handler import handler as meetings_handler
from messages.handler import handler as messages_handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support import livekit_webhooks as lk
from tests.support.apigw import LambdaResponse, invoke
from tests.support.meeting_rows import attendance_rows, insert_meeting, meeting_row
from tests.support.meetings_api import instant_meeting
from tests.support.messages_api import add_meeting, mint
from tokens.handler import handler as tokens_handler
from webhook.handler import handler as webhook_handler

pytestmark = pytest.mark.usefixtures("db")

NOT_JSON = "{not json"
JSON = {"Content-Type": "application/json"}


def _new_meeting(admin_headers: dict[str, str]) -> LambdaResponse:
    return invoke(
        meetings_handler,
        "POST",
        "/api/meetings",
        headers={**admin_headers, **JSON},
        raw_body=NOT_JSON,
    )


def _token(admin_headers: dict[str, str]) -> LambdaResponse:
    meeting = instant_meeting(admin_headers)
    path = f"/api/meetings/{meeting['id']}/token"
    return invoke(tokens_handler, "POST", path, headers=JSON, raw_body=NOT_JSON)


def _message(admin_headers: dict[str, str]) -> LambdaResponse:
    room = add_meeting(db_module.get_database())
    headers = {"Authorization": f"Bearer {mint(room)}", **JSON}
    return invoke(messages_handler, "POST", "/api/messages", headers=headers, raw_body=NOT_JSON)


@pytest.mark.parametrize(
    "send", [_new_meeting, _token, _message], ids=["meeting", "token", "message"]
)
def test_malformed_json_is_a_422_not_a_500(
    admin_headers: dict[str, str], send: Callable[[dict[str, str]], LambdaResponse]
) -> None:
    response = send(admin_headers)
    assert response.status == 422, response.body
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    "times",
    [
        {"startTime": "9999-12-31T23:30:00+00:00", "durationMinutes": 60},
        {"startTime": "9999-12-31T23:30:00+00:00"},
        {"startTime": "2030-01-01T10:00:00+00:00", "endTime": "9999-12-31T23:59:59+00:00"},
        {"startTime": "0001-01-01T00:00:00+00:00", "endTime": "2030-01-01T10:00:00+00:00"},
    ],
)
def test_times_at_the_calendars_ends_are_a_422(
    admin_headers: dict[str, str], times: dict[str, object]
) -> None:
    response = invoke(
        meetings_handler,
        "POST",
        "/api/meetings",
        headers=admin_headers,
        body={"title": "Far away", **times},
    )
    assert response.status == 422, response.body
    assert response.json()["error"]["code"] == "invalid_time_range"


def test_patch_to_the_year_9999_is_a_422_and_changes_nothing(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url, status="SCHEDULED")
    response = invoke(
        meetings_handler,
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        headers=admin_headers,
        body={"startTime": "9999-12-31T22:00:00+00:00", "endTime": "9999-12-31T23:00:00+00:00"},
    )
    assert response.status == 422, response.body
    assert meeting_row(database_url, meeting["id"])["start_time"] == meeting["start_time"]


def test_an_active_meeting_moved_beyond_its_join_window_is_scheduled_again(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url, status="ACTIVE")
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    response = invoke(
        meetings_handler,
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        headers=admin_headers,
        body={"startTime": later.isoformat(), "endTime": (later + timedelta(hours=1)).isoformat()},
    )
    assert response.status == 200, response.body
    assert response.json()["status"] == "SCHEDULED"
    assert meeting_row(database_url, meeting["id"])["status"] == "SCHEDULED"
    join = invoke(
        tokens_handler,
        "POST",
        f"/api/meetings/{meeting['id']}/token",
        body={"password": meeting["password"], "name": "Early bird"},
    )
    assert join.status == 409, join.body


def test_an_active_meeting_moved_within_its_join_window_stays_active(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url, status="ACTIVE")
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
    response = invoke(
        meetings_handler,
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        headers=admin_headers,
        body={"startTime": soon.isoformat()},
    )
    assert response.status == 200, response.body
    assert response.json()["status"] == "ACTIVE"


@pytest.mark.parametrize(
    "parts", [[1, 2], ["2030-01-01T00:00:00+00:00", 7], {"a": 1}, [None, None]]
)
def test_a_forged_cursor_is_a_422(admin_headers: dict[str, str], parts: object) -> None:
    cursor = base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")
    response = invoke(
        meetings_handler, "GET", "/api/meetings", headers=admin_headers, query={"cursor": cursor}
    )
    assert response.status == 422, response.body
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("created_at", [2**62, 2**63 - 1, 253_402_300_800])
def test_a_signed_webhook_from_beyond_the_calendar_is_applied_at_receipt(
    database_url: str, created_at: int
) -> None:
    meeting = insert_meeting(database_url)
    before = datetime.now(UTC)
    message = lk.event(
        "participant_joined",
        meeting["room_name"],
        identity="far-future-1",
        created_at=created_at,
        joined_at=created_at,
    )
    sent = lk.delivery(message, LIVEKIT_KEY, LIVEKIT_SECRET)
    response = invoke(
        webhook_handler,
        "POST",
        "/api/livekit/webhook",
        raw_body=sent.body,
        headers=sent.headers,
    )
    assert response.status == 200, response.body
    assert response.json()["outcome"] == "applied"
    assert meeting_row(database_url, meeting["id"])["participant_count"] == 1
    (seen,) = attendance_rows(database_url, meeting["id"])
    assert before <= seen["joined_at"] <= datetime.now(UTC)
