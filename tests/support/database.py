"""A throwaway PostgreSQL database for a test session.

With DATABASE_URL set, a fresh database is created on that server (and dropped at
the end); otherwise an embedded server (the ``pgserver`` package) is started in a
temporary folder. Either way the suite never touches data it did not create.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
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
        # A test database need not survive a crash: commits do not wait for the WAL
        # to reach the disk (on a busy machine that wait was most of a test's time).
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    params = conninfo_to_dict(server_url)
    params["dbname"] = name
    try:
        yield make_conninfo("", **params)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_tables(conn: psycopg.Connection[Any]) -> None:
    """Delete every row but the migration ledger's, in the connection's transaction.
    DELETE, not TRUNCATE: on a test's few rows it takes milliseconds, where TRUNCATE
    gives every table and index a new file (synced at commit) and took a large part of
    a second, once per database test."""
    conn.execute(_delete_everything(conn))


_DELETES: dict[str, str] = {}


def _delete_everything(conn: psycopg.Connection[Any]) -> str:
    """One round trip of DELETEs, children before the tables they reference; worked
    out once per database (a test session's schema does not change)."""
    dbname = conn.info.dbname
    if dbname not in _DELETES:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'schema_migrations'"
            )
        }
        # TopologicalSorter yields a node after what it depends on: here a table
        # after every table that references it.
        referencing: dict[str, set[str]] = {table: set() for table in tables}
        for child, parent in conn.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid <> confrelid"
        ):
            if parent in referencing and child in tables:
                referencing[parent].add(child)
        order = TopologicalSorter(referencing).static_order()
        _DELETES[dbname] = "".join(
            sql.SQL("DELETE FROM {};").format(sql.Identifier(table)).as_string(conn)
            for table in order
        )
    return _DELETES[dbname]


# --- PgBouncer in transaction pooling mode -------------------------------------------
# What RDS Proxy, Supabase's and Neon's pooled endpoints do to a client: no startup
# options, each transaction possibly on another server connection, nothing of a
# session kept between transactions. With MEET_TEST_PGBOUNCER=1 the suite's database
# is reached through one, so everything the service does must work that way.

PGBOUNCER = os.environ.get("MEET_TEST_PGBOUNCER_BIN", "/usr/sbin/pgbouncer")
# Roles are server-wide: each run's application role has a name of its own.
APP_ROLE = f"meet_app_{secrets.token_hex(3)}"


def pgbouncer_wanted() -> bool:
    return os.environ.get("MEET_TEST_PGBOUNCER", "") not in ("", "0")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgBouncer:
    """A PgBouncer of this session's own on a free loopback port, forwarding every
    database name to one server; ``url(direct)`` is ``direct`` through it."""

    def __init__(self, server_url: str, users: list[str]) -> None:
        if not Path(PGBOUNCER).exists():
            raise RuntimeError(f"{PGBOUNCER} not found: apt-get install pgbouncer")
        server = conninfo_to_dict(server_url)
        self.folder = Path(tempfile.mkdtemp(prefix="meet-pgbouncer-"))
        self.port = _free_port()
        host = str(server.get("host") or "127.0.0.1")
        target = f"host={host} port={server.get('port') or 5432}"
        if server.get("password"):
            target += f" password={server['password']}"
        (self.folder / "userlist.txt").write_text(
            "".join(f'"{user}" ""\n' for user in users), encoding="utf-8"
        )
        (self.folder / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = {target}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {self.folder / 'userlist.txt'}\n"
            "pool_mode = transaction\n"
            "max_client_conn = 500\n"
            "default_pool_size = 10\n"
            f"logfile = {self.folder / 'pgbouncer.log'}\n"
            f"pidfile = {self.folder / 'pgbouncer.pid'}\n",
            encoding="utf-8",
        )
        command = [PGBOUNCER]
        if os.geteuid() == 0:  # PgBouncer refuses to run as root
            command += ["-u", "postgres"]
            os.chmod(self.folder, 0o755)  # noqa: S103 - its own config, log and pid
            for path in self.folder.iterdir():
                os.chmod(path, 0o644)
            shutil.chown(self.folder, "postgres")
            if host.startswith("/"):  # a socket directory (the embedded server's)
                os.chmod(host, os.stat(host).st_mode | 0o011)  # noqa: S103 - reach the socket
        command.append(str(self.folder / "pgbouncer.ini"))
        # Its log goes to logfile (read on failure); nothing is piped, so it cannot block.
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited: {self.log()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        self.close()
        raise RuntimeError(f"pgbouncer did not listen within 10 s: {self.log()}")

    def url(self, direct: str) -> str:
        params = conninfo_to_dict(direct)
        params.update(host="127.0.0.1", port=str(self.port))
        params.pop("password", None)  # auth_type=trust; the server side has its own
        return make_conninfo("", **params)

    def log(self) -> str:
        path = self.folder / "pgbouncer.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def pgbouncer(server_url: str, users: list[str] | None = None) -> Iterator[PgBouncer]:
    user = str(conninfo_to_dict(server_url).get("user") or "postgres")
    bouncer = PgBouncer(server_url, sorted({user, *(users or [])}))
    try:
        yield bouncer
    finally:
        bouncer.close()
