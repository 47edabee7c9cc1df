"""The lifecycle function through its real Lambda entry point: EventBridge's scheduled
events and ``/api/scheduler`` through API Gateway."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from lifecycle.handler import handler
from livekit_local.server import LiveKitServer
from meet_common.observability import metrics
from tests.support.apigw import LambdaContext, invoke
from tests.support.meeting_rows import insert_meetings, meeting_row

pytestmark = pytest.mark.usefixtures("db")

# What the rate(1 minute) rule delivers.
SCHEDULED_EVENT: dict[str, Any] = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2026-05-04T09:00:00Z",
    "region": "eu-west-1",
    "resources": ["arn:aws:events:eu-west-1:123456789012:rule/livekit-meet-lifecycle"],
    "detail": {},
}


def emf_blobs(output: str) -> list[dict[str, Any]]:
    blobs = []
    for line in output.splitlines():
        if line.startswith("{") and '"_aws"' in line:
            blobs.append(json.loads(line))
    return blobs


def test_a_scheduled_event_runs_one_pass_and_flushes_its_metrics(
    database_url: str, fake_livekit: LiveKitServer, capsys: pytest.CaptureFixture[str]
) -> None:
    [due] = insert_meetings(database_url, 1, max_participants=4)
    metrics.clear_metrics()  # other tests' passes were never flushed
    capsys.readouterr()

    result = handler(SCHEDULED_EVENT, LambdaContext())

    assert result["activated"] == 1
    assert result["roomsCreated"] == 1
    assert meeting_row(database_url, due)["status"] == "ACTIVE"
    [call] = fake_livekit.calls_to("CreateRoom")
    assert call.request.max_participants == 4
    [emitted] = emf_blobs(capsys.readouterr().out)
    assert emitted["Activated"] in (1.0, [1.0])
    assert emitted["RoomsCreated"] in (1.0, [1.0])
    assert "LifecyclePassDuration" in emitted


def test_a_scheduler_invocation_at_a_meetings_end_runs_one_pass(
    database_url: str, fake_livekit: LiveKitServer
) -> None:
    from datetime import UTC, datetime

    [expired] = insert_meetings(
        database_url, 1, status="ACTIVE", end_time=datetime.now(UTC) - timedelta(seconds=1)
    )
    # EventBridge Scheduler passes the schedule's Input as the event.
    event = {"meetingId": str(expired), "reason": "end"}

    result = handler(event, LambdaContext())

    assert (result["ended"], result["roomsDeleted"]) == (1, 1)
    assert meeting_row(database_url, expired)["status"] == "ENDED"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_scheduler_route_runs_a_pass_for_the_admin(
    method: str, admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    insert_meetings(database_url, 2)

    response = invoke(handler, method, "/api/scheduler", headers=admin_headers)

    assert response.status == 200, response.body
    body = response.json()
    assert (body["activated"], body["ended"], body["roomsDeleted"]) == (2, 0, 0)
    assert body["roomsCreated"] == 2
    second = invoke(handler, method, "/api/scheduler", headers=admin_headers).json()
    assert (second["activated"], second["ended"], second["roomsDeleted"]) == (0, 0, 0)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-the-admin-key"}])
def test_the_scheduler_route_needs_the_admin_key(
    headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    [due] = insert_meetings(database_url, 1)

    response = invoke(handler, "POST", "/api/scheduler", headers=headers)

    assert response.status == 401
    assert response.json()["error"]["code"] == "admin_key_invalid"
    assert meeting_row(database_url, due)["status"] == "SCHEDULED"
    assert fake_livekit.calls == []


def test_a_warm_function_serves_the_api_after_a_scheduled_pass(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    insert_meetings(database_url, 1)  # so the scheduled pass opens a LiveKit client
    handler(SCHEDULED_EVENT, LambdaContext())

    response = invoke(handler, "GET", "/api/scheduler", headers=admin_headers)

    assert response.status == 200, response.body


def test_a_pass_run_through_the_api_flushes_its_metrics(
    admin_headers: dict[str, str],
    database_url: str,
    fake_livekit: LiveKitServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    insert_meetings(database_url, 1)
    metrics.clear_metrics()
    capsys.readouterr()

    invoke(handler, "POST", "/api/scheduler", headers=admin_headers)

    [emitted] = emf_blobs(capsys.readouterr().out)
    assert emitted["Activated"] in (1.0, [1.0])
