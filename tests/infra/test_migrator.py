"""The migrations custom resource against a real PostgreSQL, answering a local stand-in
for CloudFormation's pre-signed response URL the way CloudFormation expects."""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psycopg
import pytest

from meet_common.migrate import discover
from tests.support.apigw import LambdaContext
from tests.support.database import throwaway_database


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
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> Iterator[str]:
    """A database no migration has touched, configured as the function's DATABASE_URL."""
    with throwaway_database(postgres_url) as url:
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


def invoke(event: dict[str, Any]) -> None:
    # By name: the migrator is imported from its CodeUri (see conftest), not the install.
    handler = importlib.import_module("migrator.handler").handler
    assert handler(event, LambdaContext(function_name="livekit-meet-migrator")) is None


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


def test_an_unreachable_database_is_reported_as_failed_without_its_password(
    cloudformation: CloudFormation, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://meet:hunter2-secret@127.0.0.1:1/meet")

    invoke(request(cloudformation, "Create"))

    (answer,) = cloudformation.answers
    assert answer["body"]["Status"] == "FAILED"
    assert "OperationalError" in answer["body"]["Reason"]
    assert "hunter2-secret" not in json.dumps(answer)


def test_no_database_configured_fails_the_deploy_instead_of_hanging(
    cloudformation: CloudFormation, monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)

    invoke(request(cloudformation, "Update", PhysicalResourceId="database-migrations"))

    body = cloudformation.answers[-1]["body"]
    assert body["Status"] == "FAILED"
    assert "no database configured" in body["Reason"]
