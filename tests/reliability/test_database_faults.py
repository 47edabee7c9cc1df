"""A database that goes away: every route that needs it answers 503 in the error shape
quickly (no hang, no traceback), a webhook is refused with a 5xx so LiveKit retries
and nothing is half written, and once PostgreSQL is back the same process serves again.

The test runs its own PostgreSQL (not the session's) and stops and starts it.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pgserver
import psycopg
import pytest
from fastapi.testclient import TestClient
from pgserver._commands import pg_ctl

from devserver.app import build_api_app
from livekit_local.server import LiveKitServer
from meet_common import db as db_module
from meet_common.db import Database
from meet_common.migrate import apply_migrations
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.reliability.conftest import LiveMeeting, assert_error_shape
from tests.support import livekit_webhooks as hooks
from tests.support.logs import captured_service_log
from tests.support.meeting_rows import count_rows, insert_meeting, meeting_row

pytestmark = pytest.mark.slow

ANSWER_WITHIN_SECONDS = 5.0
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


class Postgres:
    """A PostgreSQL of this test's own that it may stop and start."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="meet-faults-pg-")
        self.server = pgserver.get_server(self.folder, cleanup_mode="stop")
        self.url: str = self.server.get_uri()

    def stop(self) -> None:
        pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self.server.system_user
        )

    def start(self) -> None:
        self.server.ensure_postgres_running()

    def close(self) -> None:
        self.server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    server = Postgres()
    apply_migrations(server.url)
    yield server
    server.close()


@pytest.fixture
def own_database(service_env: dict[str, str], postgres: Postgres) -> Iterator[Database]:
    """The service's database, pointed at the PostgreSQL this test stops."""
    previous = db_module.get_database()
    database = Database(lambda: postgres.url)
    db_module.set_database(database)
    yield database
    database.close()
    db_module.set_database(previous)


@pytest.fixture
def service_log() -> Iterator[io.StringIO]:
    with captured_service_log() as stream:
        yield stream


@dataclass
class Call:
    method: str
    path: str
    body: Any = None
    headers: dict[str, str] | None = None
    raw: str | None = None
    query: dict[str, str] | None = None


def _calls(meeting: LiveMeeting, webhook: hooks.Delivery) -> dict[str, Call]:
    start = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    guest = {"Authorization": f"Bearer {meeting.guest_token()}"}
    mid = meeting.id
    return {
        "list": Call("GET", "/api/meetings", headers=ADMIN),
        "schedule": Call("POST", "/api/meetings", {"title": "T", "startTime": start}, ADMIN),
        "instant": Call("POST", "/api/meetings/instant", {}, ADMIN),
        "get": Call("GET", f"/api/meetings/{mid}", headers=ADMIN),
        "patch": Call("PATCH", f"/api/meetings/{mid}", {"title": "New"}, ADMIN),
        "cancel": Call("DELETE", f"/api/meetings/{mid}", headers=ADMIN),
        "end": Call("POST", f"/api/meetings/{mid}/end", headers=ADMIN),
        "allowlist": Call("GET", f"/api/meetings/{mid}/participants", headers=ADMIN),
        "invite": Call("POST", f"/api/meetings/{mid}/participants", {"email": "a@b.co"}, ADMIN),
        "uninvite": Call(
            "DELETE", f"/api/meetings/{mid}/participants", None, ADMIN, query={"email": "a@b.co"}
        ),
        "attendance": Call("GET", f"/api/meetings/{mid}/attendance", headers=ADMIN),
        "scheduler get": Call("GET", "/api/scheduler", headers=ADMIN),
        "scheduler post": Call("POST", "/api/scheduler", headers=ADMIN),
        "room": Call("GET", f"/api/rooms/{meeting.room}"),
        "token": Call(
            "POST", f"/api/meetings/{mid}/token", {"password": "pw-live-1234", "name": "Eve"}
        ),
        "read chat": Call("GET", "/api/messages", None, guest, query={"roomName": meeting.room}),
        "post chat": Call("POST", "/api/messages", {"roomName": meeting.room, "text": "hi"}, guest),
        "webhook": Call("POST", "/api/livekit/webhook", headers=webhook.headers, raw=webhook.body),
    }


def _send(client: TestClient, call: Call) -> tuple[Any, float]:
    headers = dict(call.headers or {})
    content = call.raw
    if call.body is not None:
        content = json.dumps(call.body)
        headers["Content-Type"] = "application/json"
    started = time.perf_counter()
    response = client.request(
        call.method, call.path, content=content, headers=headers, params=call.query
    )
    return response, time.perf_counter() - started


def test_an_outage_is_503_quickly_and_the_same_process_recovers(
    own_database: Database,
    postgres: Postgres,
    fake_livekit: LiveKitServer,
    service_log: io.StringIO,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting = LiveMeeting(insert_meeting(postgres.url, password="pw-live-1234"))
    joined = hooks.event("participant_joined", meeting.room, identity="eve-1", name="Eve")
    webhook = hooks.delivery(joined, LIVEKIT_KEY, LIVEKIT_SECRET)
    client = TestClient(build_api_app(), raise_server_exceptions=False)
    assert client.get("/api/meetings", headers=ADMIN).status_code == 200  # a live connection

    postgres.stop()
    try:
        slowest = 0.0
        for name, call in _calls(meeting, webhook).items():
            response, took = _send(client, call)
            slowest = max(slowest, took)
            assert response.status_code == 503, (name, response.status_code, response.text)
            assert took < ANSWER_WITHIN_SECONDS, (name, took)
            assert_error_shape(response.json())
            assert response.json()["error"]["code"] == "database_unavailable"
            assert response.headers["Retry-After"].isdigit()
        health, _ = _send(client, Call("GET", "/api/health"))
        assert health.status_code == 503
        assert health.json() == {"status": "degraded", "database": "unavailable"}
        # Nothing reached LiveKit on the strength of a meeting nobody could read.
        assert fake_livekit.calls_to("DeleteRoom") == []
        assert fake_livekit.calls_to("CreateRoom") == []
    finally:
        postgres.start()

    back_at = time.perf_counter()
    while client.get("/api/meetings", headers=ADMIN).status_code != 200:
        assert time.perf_counter() - back_at < 10, "the process did not recover"
        time.sleep(0.02)
    recovery = time.perf_counter() - back_at

    # LiveKit retries the refused webhook: applied now, exactly once.
    retried = client.post("/api/livekit/webhook", content=webhook.body, headers=webhook.headers)
    again = client.post("/api/livekit/webhook", content=webhook.body, headers=webhook.headers)
    assert retried.json()["outcome"] == "applied"
    assert again.json()["outcome"] == "duplicate"
    assert count_rows(postgres.url, "attendance") == 1
    assert count_rows(postgres.url, "webhook_events") == 1
    row = meeting_row(postgres.url, meeting.row["id"])
    assert (row["participant_count"], row["status"], row["title"]) == (1, "ACTIVE", "Standup")
    assert count_rows(postgres.url, "meetings") == 1  # no schedule or instant half made
    assert client.get("/api/health").json() == {"status": "ok", "database": "ok"}

    logged = service_log.getvalue()
    assert "Traceback" not in logged
    assert '"level":"ERROR"' not in logged
    with capsys.disabled():
        print(
            f"\ndatabase outage: slowest 503 {slowest * 1000:.0f} ms; "
            f"serving again {recovery * 1000:.0f} ms after PostgreSQL was back"
        )


def test_a_connection_killed_mid_use_is_replaced_without_a_restart(
    own_database: Database, postgres: Postgres, fake_livekit: LiveKitServer
) -> None:
    client = TestClient(build_api_app(), raise_server_exceptions=False)
    assert client.get("/api/meetings", headers=ADMIN).status_code == 200
    with psycopg.connect(postgres.url, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'livekit-meet'"
        ).fetchall()
    assert killed

    first = client.get("/api/meetings", headers=ADMIN)
    second = client.get("/api/meetings", headers=ADMIN)

    # The request that met the dead connection may be a 503; the next one is served.
    assert first.status_code in {200, 503}
    assert second.status_code == 200


def test_a_database_that_never_answers_is_a_503_within_the_connect_timeout(
    service_env: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    """A host that takes the connection and then says nothing (a network black hole):
    the request is answered 503 once the connect timeout runs out, not left hanging."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        previous = db_module.get_database()
        database = Database(lambda: f"postgresql://meet@127.0.0.1:{port}/meet", connect_timeout=1)
        db_module.set_database(database)
        try:
            client = TestClient(build_api_app(), raise_server_exceptions=False)
            started = time.perf_counter()
            response = client.get("/api/meetings", headers=ADMIN)
            took = time.perf_counter() - started
        finally:
            db_module.set_database(previous)

    assert response.status_code == 503
    assert_error_shape(response.json())
    assert took < 1 + 1.5  # the timeout, and a little
