"""One lazily opened connection per process, reused, and replaced when broken."""

from __future__ import annotations

import psycopg
import pytest

from meet_common import db as db_module
from meet_common.db import Database
from meet_common.errors import DatabaseUnavailable
from meet_common.settings import get_settings


def backend_pid(db: Database) -> int:
    """The server process that ran the transaction."""
    with db.transaction() as conn:
        row = conn.execute("SELECT pg_backend_pid() AS pid").fetchone()
    assert row is not None
    return int(row["pid"])


def client_connection(db: Database) -> int:
    """Which client connection served the transaction (through a pooler, the server
    process may change from one transaction to the next; this does not)."""
    with db.transaction() as conn:
        return conn.info.backend_pid


def test_the_connection_is_opened_lazily_and_reused(database_url: str) -> None:
    opened: list[str] = []

    def url() -> str:
        opened.append("x")
        return database_url

    db = Database(url)
    assert opened == []
    first = client_connection(db)
    assert client_connection(db) == first
    assert opened == ["x"]
    db.close()


def test_a_connection_closed_while_idle_costs_the_next_request_nothing(
    database_url: str, postgres_url: str
) -> None:
    db = Database(lambda: database_url)
    victim = backend_pid(db)
    # Straight to the server: through a pooler this could land on the victim itself.
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim,))

    # The dead connection fails on BEGIN, before any of the request's SQL ran, so the
    # transaction starts again on a fresh connection instead of answering 503.
    assert backend_pid(db) != victim
    db.close()


def test_a_connection_that_dies_inside_a_transaction_is_a_503_not_a_retry(
    database_url: str,
) -> None:
    db = Database(lambda: database_url)
    with pytest.raises(DatabaseUnavailable), db.transaction() as conn:
        conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    assert backend_pid(db) > 0  # and the next request gets a fresh one
    db.close()


def test_every_transaction_carries_the_statement_timeout_without_startup_options(
    database_url: str,
) -> None:
    db = Database(lambda: database_url, statement_timeout_ms=200)
    with db.transaction() as conn:
        assert conn.info.get_parameters().get("options") is None
        row = conn.execute("SHOW statement_timeout").fetchone()
    assert row == {"statement_timeout": "200ms"}
    with pytest.raises(psycopg.errors.QueryCanceled), db.transaction() as conn:
        conn.execute("SELECT pg_sleep(2)")
    # SET LOCAL ends with the transaction: nothing stays in the session, which a
    # pooler would hand to another client.
    with db.transaction() as conn:
        pass
    assert conn.execute("SHOW statement_timeout").fetchone() != {"statement_timeout": "200ms"}
    db.close()


def test_connections_ask_for_tcp_keepalives(database_url: str) -> None:
    db = Database(lambda: database_url)
    with db.transaction() as conn:
        params = conn.info.get_parameters()
    assert params.get("keepalives") == "1"
    assert params.get("keepalives_idle") == "30"
    db.close()


def test_an_unreachable_database_is_unavailable_not_an_error(database_url: str) -> None:
    db = Database(lambda: "postgresql://nobody@127.0.0.1:1/none", connect_timeout=1)
    with pytest.raises(DatabaseUnavailable):
        backend_pid(db)
    assert db.ping() is False


def test_a_failed_statement_rolls_back_and_keeps_the_connection(database_url: str) -> None:
    db = Database(lambda: database_url)
    pid = client_connection(db)
    with pytest.raises(psycopg.errors.DivisionByZero), db.transaction() as conn:
        conn.execute("SELECT 1/0")
    assert client_connection(db) == pid
    db.close()


def test_behind_rds_proxy_the_timeout_is_the_roles_and_nothing_is_set(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RDS Proxy pins a client to one server connection on any SET: with
    DATABASE_TIMEOUT_FROM_ROLE the process-wide database sends none, and the role's
    (here the server's) statement timeout applies."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "700")
    monkeypatch.setattr(db_module, "_default", None)
    shown = {}
    for from_role in ("false", "true"):
        monkeypatch.setenv("DATABASE_TIMEOUT_FROM_ROLE", from_role)
        get_settings.cache_clear()
        monkeypatch.setattr(db_module, "_default", None)
        with db_module.get_database().transaction() as conn:
            shown[from_role] = conn.execute("SHOW statement_timeout").fetchone()
        db_module.get_database().close()
    get_settings.cache_clear()
    assert shown["false"] == {"statement_timeout": "700ms"}
    assert shown["true"] != {"statement_timeout": "700ms"}
