"""PostgreSQL access: one lazily opened connection per process, reused and replaced
when broken.

A Lambda execution environment serves one request at a time, so one connection is
all it needs (RDS Proxy pools them in AWS). The local server runs requests on a
thread pool; a lock hands the connection to one request at a time there. Every
piece of SQL runs inside ``transaction()``, which turns connection failures into
``DatabaseUnavailable`` (a 503) and drops the broken connection so the next
request opens a fresh one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from meet_common import secrets
from meet_common.errors import DatabaseUnavailable
from meet_common.observability import logger
from meet_common.settings import get_settings

Connection = psycopg.Connection[dict[str, Any]]


class Database:
    def __init__(
        self,
        url: Callable[[], str],
        *,
        connect_timeout: int = 5,
        statement_timeout_ms: int = 5_000,
    ) -> None:
        self._url = url
        self._connect_timeout = connect_timeout
        self._statement_timeout_ms = statement_timeout_ms
        self._conn: Connection | None = None
        self._lock = threading.RLock()

    def _connect(self) -> Connection:
        try:
            return psycopg.connect(
                self._url(),
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=self._connect_timeout,
                options=f"-c statement_timeout={self._statement_timeout_ms}",
                application_name="livekit-meet",
                # Server-side prepared statements would pin each client to one
                # backend behind RDS Proxy (or PgBouncer); keep statements unprepared.
                prepare_threshold=None,
            )
        except psycopg.OperationalError as exc:
            logger.warning("database connect failed", extra={"error": type(exc).__name__})
            raise DatabaseUnavailable() from exc

    def _connection(self) -> Connection:
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            conn = self._conn = self._connect()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction, committed when the block ends."""
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    yield conn
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                if conn.broken or conn.closed:
                    self.close()
                    raise DatabaseUnavailable() from exc
                raise

    def ping(self) -> bool:
        try:
            with self.transaction() as conn:
                conn.execute("SELECT 1")
            return True
        except DatabaseUnavailable:
            return False

    def close(self) -> None:
        """Close the connection; the next transaction opens a new one (SnapStart hooks use this)."""
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None


def _settings_url() -> str:
    url = secrets.database_url()  # DATABASE_URL, else DATABASE_SECRET_ARN's secret
    if url is None:
        raise DatabaseUnavailable("DATABASE_URL is not configured.")
    return url


_default: Database | None = None
_default_lock = threading.Lock()


def get_database() -> Database:
    """The process-wide database, created on first use (not at import)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                settings = get_settings()
                _default = Database(
                    _settings_url,
                    connect_timeout=settings.database_connect_timeout_seconds,
                    statement_timeout_ms=settings.database_statement_timeout_ms,
                )
    return _default


def set_database(database: Database | None) -> None:
    """Swap the process-wide database (tests and the local server)."""
    global _default
    with _default_lock:
        _default = database
