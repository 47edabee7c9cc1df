"""An unexpected error is answered with a 500 in the error shape and logged exactly
once, as one JSON record of the service's logger with its traceback, whether the
request came through API Gateway (Mangum) or the local server."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.support.apigw import invoke
from tests.support.logs import captured_service_log

pytestmark = pytest.mark.usefixtures("db")


class Boom(RuntimeError):
    pass


@pytest.fixture
def failing_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    from tokens import service

    def fail(*args: object, **kwargs: object) -> None:
        raise Boom("forced for the test")

    monkeypatch.setattr(service, "room_summary", fail)


@pytest.fixture
def every_record() -> Iterator[tuple[io.StringIO, list[logging.LogRecord]]]:
    """The service's JSON lines, and every record any logger emitted (root included)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(keep)
    others = [logging.getLogger(name) for name in ("mangum", "mangum.http", "uvicorn.error")]
    for other in others:
        other.addHandler(keep)
    try:
        with captured_service_log() as stream:
            yield stream, records
    finally:
        root.removeHandler(keep)
        for other in others:
            other.removeHandler(keep)


def errors_of(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    unique = {id(r): r for r in records if r.levelno >= logging.ERROR}
    return list(unique.values())


def assert_logged_once(stream: io.StringIO, records: list[logging.LogRecord]) -> None:
    assert len(errors_of(records)) == 1
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    failures = [line for line in lines if line["level"] == "ERROR"]
    assert len(failures) == 1
    assert failures[0]["message"] == "unhandled error"
    assert "Boom" in failures[0]["exception"]


@pytest.mark.usefixtures("failing_summary")
def test_a_500_through_api_gateway_is_logged_once_as_json(
    every_record: tuple[io.StringIO, list[logging.LogRecord]],
) -> None:
    from tokens.handler import handler

    response = invoke(handler, "GET", "/api/rooms/any-room")

    assert response.status == 500
    assert response.json() == {"error": {"code": "internal", "message": "Internal server error."}}
    assert_logged_once(*every_record)


@pytest.mark.usefixtures("failing_summary")
def test_a_500_on_the_local_server_is_logged_once_as_json(
    every_record: tuple[io.StringIO, list[logging.LogRecord]],
) -> None:
    from devserver.app import build_api_app

    with TestClient(build_api_app(), raise_server_exceptions=False) as client:
        response = client.get("/api/rooms/any-room")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert_logged_once(*every_record)
