"""The migrations custom resource against a real PostgreSQL, answering a local stand-in
for CloudFormation's pre-signed response URL the way CloudFormation expects."""

from __future__ import annotations

import contextlib
import importlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from meet_common.migrate import discover
from tests.support.apigw import LambdaContext
from tests.support.database import PgBouncer, throwaway_database


class CloudFormation:
    """Receives the PUT a custom resource sends to its ResponseURL."""

    def __init__(self) -> None:
        self.answers: list[dict[str, Any]] = []
        answers = self.answers

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self) -> None:
                length = int(self.headers["Content-Length"])
                answers.append(
                    {
                        "content_type": self.headers.get("Content-Type"),
                        "path": self.path,
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/presigned?X-Amz-Signature=abc"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cloudformation() -> Iterator[CloudFormation]:
    server = CloudFormation()
    yield server
    server.close()


@pytest.fixture
def empty_database(
    postgres_url: str,
    pooler: PgBouncer | None,
    monkeypatch: pytest.MonkeyPatch,
    fresh_settings: None,
) -> Iterator[str]:
    """A database no migration has touched, configured as the function's DATABASE_URL
    (through PgBouncer when the run uses one)."""
    with throwaway_database(postgres_url) as direct:
        url = pooler.url(direct) if pooler else direct
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)
        yield url


def request(cloudformation: CloudFormation, request_type: str, **extra: Any) -> dict[str, Any]:
    return {
        "RequestType": request_type,
        "ResponseURL": cloudformation.url,
        "StackId": "arn:aws:cloudformation:eu-west-1:123456789012:stack/livekit-meet/abc",
        "RequestId": f"req-{request_type}",
        "LogicalResourceId": "Migrations",
        "ResourceType": "Custom::Migrations",
        "ResourceProperties": {"ServiceToken": "arn:aws:lambda:...", "LayerVersion": "arn:v1"},
        **extra,
    }


class ShortContext(LambdaContext):
    """A Lambda context with ``seconds`` of retrying left after the answer margin."""

    def __init__(self, seconds: float) -> None:
        super().__init__(function_name="livekit-meet-migrator")
        self.remaining = int(seconds * 1000) + 20_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining


def invoke(event: dict[str, Any], context: LambdaContext | None = None) -> None:
    # By name: the migrator is imported from its CodeUri (see conftest), not the install.
    handler = importlib.import_module("migrator.handler").handler
    context = context or LambdaContext(function_name="livekit-meet-migrator")
    assert handler(event, context) is None


def _unix(path: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    return sock


class LateDatabase:
    """A port that refuses connections until ``after`` seconds have passed, then
    forwards each connection to ``target`` (a database still starting, a proxy whose
    targets are not yet available)."""

    def __init__(self, target: tuple[str, int], after: float) -> None:
        host, port = target
        # A socket directory (the embedded server's) or a TCP address.
        self.connect: Any = (
            (lambda: _unix(f"{host}/.s.PGSQL.{port}"))
            if host.startswith("/")
            else (lambda: socket.create_connection(target))
        )
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        self.port = int(self.listener.getsockname()[1])
        self.timer = threading.Timer(after, self._open)
        self.timer.start()

    def _open(self) -> None:
        self.listener.listen(8)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = self.connect()
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.timer.cancel()
        self.listener.close()


def tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def test_create_applies_every_migration_and_reports_success(
    cloudformation: CloudFormation, empty_database: str
) -> None:
    invoke(request(cloudformation, "Create"))

    (answer,) = cloudformation.answers
    assert answer["content_type"] == ""  # what the pre-signed URL was signed for
    assert answer["path"] == "/presigned?X-Amz-Signature=abc"
    body = answer["body"]
    assert body["Status"] == "SUCCESS"
    assert body["PhysicalResourceId"] == "database-migrations"
    assert (body["RequestId"], body["LogicalResourceId"]) == ("req-Create", "Migrations")
    assert body["StackId"].endswith("stack/livekit-meet/abc")
    expected = [m.name for m in discover()]
    assert body["Data"] == {"Applied": ", ".join(expected), "Count": str(len(expected))}
    assert {"schema_migrations", "meetings"} <= tables(empty_database)


def test_update_is_idempotent_and_keeps_the_physical_id(
    cloudformation: CloudFormation, empty_database: str
) -> None:
    invoke(request(cloudformation, "Create"))
    invoke(request(cloudformation, "Update", PhysicalResourceId="database-migrations"))

    update = cloudformation.answers[-1]["body"]
    assert update["Status"] == "SUCCESS"
    assert update["PhysicalResourceId"] == "database-migrations"  # never a replacement
    assert update["Data"] == {"Applied": "none", "Count": "0"}


def test_delete_leaves_the_data_alone(cloudformation: CloudFormation, empty_database: str) -> None:
    invoke(request(cloudformation, "Create"))
    before = tables(empty_database)

    invoke(request(cloudformation, "Delete", PhysicalResourceId="database-migrations"))

    assert cloudformation.answers[-1]["body"]["Status"] == "SUCCESS"
    assert tables(empty_database) == before


def test_an_unreachable_database_is_retried_then_reported_with_its_last_error(
    cloudformation: CloudFormation, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://meet:hunter2-secret@127.0.0.1:1/meet")

    started = time.monotonic()
    invoke(request(cloudformation, "Create"), ShortContext(seconds=3))
    took = time.monotonic() - started

    (answer,) = cloudformation.answers
    reason = answer["body"]["Reason"]
    assert answer["body"]["Status"] == "FAILED"
    tries = re.search(r"failed (\d+) times; last error: OperationalError", reason)
    assert tries is not None, reason
    assert int(tries.group(1)) >= 2  # 0 s, then 1 s later (backoff doubles from 1 s)
    assert 'server at "127.0.0.1", port 1 failed' in reason  # libpq's words, for the events
    assert "hunter2-secret" not in json.dumps(answer)
    assert took < 3 + 1.5  # gave up within its budget, leaving time to answer


def test_a_database_that_comes_up_during_the_deploy_is_migrated(
    cloudformation: CloudFormation,
    empty_database: str,
    monkeypatch: pytest.MonkeyPatch,
    fresh_settings: None,
) -> None:
    params = conninfo_to_dict(empty_database)
    late = LateDatabase((str(params["host"]), int(params.get("port") or 5432)), after=1.5)
    try:
        params.update(host="127.0.0.1", port=str(late.port))
        monkeypatch.setenv("DATABASE_URL", make_conninfo("", **params))
        invoke(request(cloudformation, "Create"), ShortContext(seconds=20))
    finally:
        late.close()

    body = cloudformation.answers[-1]["body"]
    assert body["Status"] == "SUCCESS", body["Reason"]
    assert body["Data"]["Count"] == str(len(discover()))
    assert "meetings" in tables(empty_database)


def test_no_database_configured_fails_the_deploy_instead_of_hanging(
    cloudformation: CloudFormation, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)

    invoke(request(cloudformation, "Update", PhysicalResourceId="database-migrations"))

    body = cloudformation.answers[-1]["body"]
    assert body["Status"] == "FAILED"
    assert "no database configured" in body["Reason"]
