"""A throwaway PostgreSQL database for a test session.

With DATABASE_URL set, a fresh database is created on that server (and dropped at
the end); otherwise an embedded server (the ``pgserver`` package) is started in a
temporary folder. Either way the suite never touches data it did not create.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo


@contextmanager
def postgres_server() -> Iterator[str]:
    """A connection string to a server where this session may create databases."""
    given = os.environ.get("DATABASE_URL")
    if given:
        yield given
        return
    import pgserver

    folder = tempfile.mkdtemp(prefix="meet-pg-")
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def throwaway_database(server_url: str) -> Iterator[str]:
    name = f"meet_test_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = conninfo_to_dict(server_url)
    params["dbname"] = name
    try:
        yield make_conninfo("", **params)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def truncate_all(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'schema_migrations'"
            )
        ]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
