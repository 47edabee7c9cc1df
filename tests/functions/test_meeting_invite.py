"""GET /api/meetings/{id}/invite.ics through the meetings function's Lambda entry
point: the file is parsed back with the icalendar package and its fields checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from meetings.app import app
from meetings.handler import handler
from tests.support.apigw import LambdaResponse, invoke

pytestmark = pytest.mark.usefixtures("db")


def call(method: str, path: str, headers: dict[str, str], **kwargs: Any) -> LambdaResponse:
    return invoke(handler, method, path, headers=headers, **kwargs)


def schedule(headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    body = {"title": "Design review", "startTime": start.isoformat(), **fields}
    response = call("POST", "/api/meetings", headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def download(headers: dict[str, str], meeting_id: str) -> tuple[LambdaResponse, Any, Any]:
    response = call("GET", f"/api/meetings/{meeting_id}/invite.ics", headers)
    assert response.status == 200, response.body
    calendar = Calendar.from_ical(response.body)
    (event,) = calendar.walk("VEVENT")
    return response, calendar, event


def test_the_invitation_is_one_event_with_the_meetings_times_link_and_password(
    admin_headers: dict[str, str],
) -> None:
    meeting = schedule(
        admin_headers, durationMinutes=45, description="Bring the mockups", password="pw-1234"
    )
    response, calendar, event = download(admin_headers, meeting["id"])

    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{meeting["roomName"]}.ics"'
    )
    assert response.headers["cache-control"] == "no-store"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(event["uid"]) == f"{meeting['id']}@meet.example.test"
    assert event.decoded("sequence") == 0
    start = datetime.fromisoformat(meeting["startTime"])
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") == start + timedelta(minutes=45)
    assert str(event["summary"]) == "Design review"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]) == meeting["joinUrl"]
    description = str(event["description"])
    assert description.startswith("Bring the mockups\n")
    assert f"Join: {meeting['joinUrl']}" in description
    assert "Password: pw-1234" in description


def test_the_host_key_is_never_in_the_file(admin_headers: dict[str, str]) -> None:
    meeting = schedule(admin_headers)
    response, _, _ = download(admin_headers, meeting["id"])
    assert meeting["hostKey"] not in response.body
    assert "host=" not in response.body


def test_the_uid_is_stable_and_sequence_rises_on_every_change(
    admin_headers: dict[str, str],
) -> None:
    meeting = schedule(admin_headers)
    _, _, first = download(admin_headers, meeting["id"])
    _, _, again = download(admin_headers, meeting["id"])
    assert again.to_ical() == first.to_ical()  # the same revision is the same event

    patched = call("PATCH", f"/api/meetings/{meeting['id']}", admin_headers, body={"title": "New"})
    assert patched.status == 200, patched.body
    _, _, renamed = download(admin_headers, meeting["id"])
    assert str(renamed["uid"]) == str(first["uid"])
    assert renamed.decoded("sequence") == 1
    assert str(renamed["summary"]) == "New"

    later = datetime.fromisoformat(meeting["endTime"]) + timedelta(hours=1)
    moved = call(
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        admin_headers,
        body={"endTime": later.isoformat()},
    )
    assert moved.status == 200, moved.body
    _, _, rescheduled = download(admin_headers, meeting["id"])
    assert rescheduled.decoded("sequence") == 2
    assert rescheduled.decoded("dtend") == later


def test_a_cancelled_meeting_is_sent_as_a_cancellation(admin_headers: dict[str, str]) -> None:
    meeting = schedule(admin_headers)
    assert call("DELETE", f"/api/meetings/{meeting['id']}", admin_headers).status == 204

    _, calendar, event = download(admin_headers, meeting["id"])
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("sequence") == 1
    assert str(event["uid"]) == f"{meeting['id']}@meet.example.test"


def test_invitation_errors_use_the_error_shape(admin_headers: dict[str, str]) -> None:
    meeting = schedule(admin_headers)
    unauthorised = call("GET", f"/api/meetings/{meeting['id']}/invite.ics", {})
    assert unauthorised.status == 401
    assert unauthorised.json()["error"]["code"] == "admin_key_invalid"
    for unknown in ("00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        missing = call("GET", f"/api/meetings/{unknown}/invite.ics", admin_headers)
        assert missing.status == 404
        assert missing.json()["error"]["code"] == "meeting_not_found"


def test_the_invitation_is_in_the_openapi_document() -> None:
    spec = app.openapi()
    operation = spec["paths"]["/api/meetings/{meeting_id}/invite.ics"]["get"]
    assert "text/calendar" in operation["responses"]["200"]["content"]
    for status in ("401", "404", "503"):
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema["allOf"][0]["$ref"].endswith("/ErrorResponse")
