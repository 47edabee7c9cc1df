"""Meetings scheduled and join tokens asked for through the functions' real Lambda
entry points, as the pages do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from meetings.handler import handler as meetings_handler
from tests.support.apigw import SOURCE_IP, LambdaResponse, invoke
from tokens.handler import handler


def soon(minutes: float) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=minutes)


def create_meeting(admin_headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    """Schedule a meeting through the meetings function; by default it started 5 minutes ago."""
    body = {"title": "Team sync", "startTime": soon(-5).isoformat(), **fields}
    response = invoke(meetings_handler, "POST", "/api/meetings", headers=admin_headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def instant_meeting(admin_headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    response = invoke(
        meetings_handler, "POST", "/api/meetings/instant", headers=admin_headers, body=fields
    )
    assert response.status == 201, response.body
    return dict(response.json())


def ask_token(
    meeting: dict[str, Any] | str, *, source_ip: str = SOURCE_IP, **fields: Any
) -> LambdaResponse:
    meeting_id = meeting if isinstance(meeting, str) else meeting["id"]
    body: dict[str, Any] = {"name": "Alex", **fields}
    if "password" not in fields and isinstance(meeting, dict):
        body["password"] = meeting["password"]
    return invoke(
        handler, "POST", f"/api/meetings/{meeting_id}/token", body=body, source_ip=source_ip
    )
