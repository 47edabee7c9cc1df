"""One lazily opened connection per process, reused, and replaced when broken."""

from __future__ import annotations

import psycopg
import pytest

from meet_common.db import Database
from meet_common.errors import DatabaseUnavailable


def backend_pid(db: Database) -> int:
    with db.transaction() as conn:
        row = conn.execute("SELECT pg_backend_pid() AS pid").fetchone()
    assert row is not None
    return int(row["pid"])


def test_the_connection_is_opened_lazily_and_reused(database_url: str) -> None:
    opened: list[str] = []

    def url() -> str:
        opened.append("x")
        return database_url

    db = Database(url)
    assert opened == []
    first = backend_pid(db)
    assert backend_pid(db) == first
    assert opened == ["x"]
    db.close()


def test_a_killed_connection_is_replaced_on_the_next_request(database_url: str) -> None:
    db = Database(lambda: database_url)
    victim = backend_pid(db)
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim,))

    with pytest.raises(DatabaseUnavailable):
        backend_pid(db)  # this request finds the connection dead: a 503, not a 500
    assert backend_pid(db) != victim  # the next one gets a fresh connection
    db.close()


def test_an_unreachable_database_is_unavailable_not_an_error(database_url: str) -> None:
    db = Database(lambda: "postgresql://nobody@127.0.0.1:1/none", connect_timeout=1)
    with pytest.raises(DatabaseUnavailable):
        backend_pid(db)
    assert db.ping() is False


def test_a_failed_statement_rolls_back_and_keeps_the_connection(database_url: str) -> None:
    db = Database(lambda: database_url)
    pid = backend_pid(db)
    with pytest.raises(psycopg.errors.DivisionByZero), db.transaction() as conn:
        conn.execute("SELECT 1/0")
    assert backend_pid(db) == pid
    db.close()
