"""Request logs carry API Gateway's request id, and nothing secret is logged."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from meetings.handler import handler
from tests.conftest import ADMIN_KEY, LIVEKIT_SECRET
from tests.support.apigw import invoke
from tests.support.logs import captured_service_log

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The service's log output, formatted exactly as in Lambda (JSON lines)."""
    with captured_service_log() as stream:
        yield stream


def test_request_log_has_the_api_gateway_request_id(
    log_lines: io.StringIO, admin_headers: dict[str, str]
) -> None:
    response = invoke(handler, "GET", "/api/meetings", headers=admin_headers)

    records = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    request_logs = [r for r in records if r["message"] == "request"]
    assert len(request_logs) == 1
    entry = request_logs[0]
    assert entry["request_id"] == response.request_id
    assert entry["correlation_id"] == response.request_id
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/api/meetings", 200)


def test_secrets_never_reach_the_logs(
    log_lines: io.StringIO, admin_headers: dict[str, str]
) -> None:
    password = "pw-that-must-not-leak"
    start = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    created = invoke(
        handler,
        "POST",
        "/api/meetings",
        headers=admin_headers,
        body={"title": "Secret", "startTime": start, "password": password},
    ).json()
    invoke(
        handler,
        "GET",
        "/api/meetings",
        headers={"Authorization": "Bearer wrong-key"},
        query={"roomName": created["roomName"]},
    )
    invoke(
        handler,
        "POST",
        "/api/meetings",
        headers=admin_headers,
        body={"title": "x", "startTime": "naive", "password": password},
    )

    output = log_lines.getvalue()
    assert output  # the requests were logged...
    for secret in [ADMIN_KEY, password, created["hostKey"], LIVEKIT_SECRET, "wrong-key"]:
        assert secret not in output  # ...without any secret
