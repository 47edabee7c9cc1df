"""The functions' own database role (``ensure_app_role``, which the migrator runs on
the database the stack creates): the service works as it, and it cannot change the
schema or read the migration ledger. Through PgBouncer too, when the run uses one."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from livekit_local import LiveKitServer
from meet_common import db as db_module
from meet_common.db import Database
from meet_common.migrate import apply_migrations, ensure_app_role
from meetings.handler import handler as meetings_handler
from tests.conftest import ADMIN_KEY
from tests.support.apigw import invoke
from tests.support.database import APP_ROLE, PgBouncer, throwaway_database
from tests.support.meeting_rows import count_rows

ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture
def app_role_url(
    postgres_url: str, pooler: PgBouncer | None, service_env: dict[str, str]
) -> Iterator[str]:
    """A migrated database of its own, and a connection string as the app role."""
    with throwaway_database(postgres_url) as owner_url:
        apply_migrations(owner_url)
        ensure_app_role(owner_url, APP_ROLE, "app-role-password-1")
        ensure_app_role(owner_url, APP_ROLE, "app-role-password-2")  # again: an update
        params = conninfo_to_dict(owner_url)
        params.update(user=APP_ROLE, password="app-role-password-2")
        url = make_conninfo("", **params)
        yield pooler.url(url) if pooler else url
        with psycopg.connect(owner_url, autocommit=True) as owner:
            owner.execute(f'DROP OWNED BY "{APP_ROLE}"')
    with psycopg.connect(postgres_url, autocommit=True) as server:
        server.execute(f'DROP ROLE IF EXISTS "{APP_ROLE}"')


def test_the_service_runs_as_the_app_role(app_role_url: str, fake_livekit: LiveKitServer) -> None:
    previous = db_module.get_database()
    # As behind RDS Proxy: no SET at all, the role carries the statement timeout.
    db_module.set_database(Database(lambda: app_role_url, statement_timeout_ms=None))
    try:
        created = invoke(
            meetings_handler,
            "POST",
            "/api/meetings/instant",
            headers=ADMIN,
            body={"title": "as the app role"},
        )
        listed = invoke(meetings_handler, "GET", "/api/meetings", headers=ADMIN)
    finally:
        db_module.get_database().close()
        db_module.set_database(previous)

    assert created.status == 201, created.body
    assert listed.status == 200
    assert count_rows(app_role_url, "meetings") == 1
    with psycopg.connect(app_role_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT current_user, current_setting('statement_timeout'), "
            "current_setting('idle_in_transaction_session_timeout')"
        ).fetchone()
    # The role's own settings: the functions' statement timeout without any SET, and a
    # backstop for a function frozen mid-transaction.
    assert row == (APP_ROLE, "5s", "30s")


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE intruder (id int)",
        "DROP TABLE meetings",
        "ALTER TABLE meetings ADD COLUMN intruder int",
        "SELECT * FROM schema_migrations",
        "CREATE ROLE intruder",
    ],
)
def test_the_app_role_cannot_change_the_schema(app_role_url: str, statement: str) -> None:
    with (
        psycopg.connect(app_role_url, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(statement)
