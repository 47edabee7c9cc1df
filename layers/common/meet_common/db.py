"""PostgreSQL access: lazily opened connections per process, reused and replaced
when broken.

A Lambda execution environment serves one request at a time, so one connection is
all it needs (RDS Proxy pools them in AWS): that is the default, ``pool_size=1``.
The local server runs requests on a thread pool and asks for a few connections
(``pool_size``): a request takes an idle connection or waits for one, so requests
run their SQL side by side instead of queueing behind one connection. A thread
that is already inside ``transaction()`` gets its own connection again (a nested
block is a savepoint, as before). Every piece of SQL runs inside
``transaction()``, which turns connection failures into ``DatabaseUnavailable``
(a 503) and drops the broken connection so the next request opens a fresh one.

Poolers in front of PostgreSQL (RDS Proxy, PgBouncer in transaction mode, the pooled
endpoints of Supabase and Neon) refuse startup options and may hand each transaction
to a different server connection. So nothing is set per session: the statement
timeout is a ``SET LOCAL`` sent with the ``BEGIN`` of every transaction (one round
trip), or, behind RDS Proxy (which pins a session on any SET), the role's own
setting (``DATABASE_TIMEOUT_FROM_ROLE``); statements are never prepared, and locks
are transaction-scoped.

A connection that sat idle may have been closed underneath (by the proxy's idle
timeout, a NAT, the provider, an administrator). TCP keepalives find such deaths
early, and a transaction whose first round trip fails on a reused connection is
started once more on a fresh one: nothing of the caller's has run yet, so the retry
cannot repeat any work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row
from psycopg.sql import SQL, Literal

from meet_common import secrets
from meet_common.errors import DatabaseUnavailable
from meet_common.observability import logger
from meet_common.settings import get_settings

Connection = psycopg.Connection[dict[str, Any]]

# libpq keepalives: probe a connection after 30 s idle, give up after 3 unanswered
# probes 10 s apart, so a dead peer is noticed in about a minute rather than hours.
KEEPALIVES = "keepalives=1 keepalives_idle=30 keepalives_interval=10 keepalives_count=3"


def begin_statement(statement_timeout_ms: int | None) -> bytes:
    """BEGIN and the transaction's statement timeout, as one simple-protocol query
    (no parameters, so both go in one round trip); BEGIN alone when the timeout comes
    from the role's settings (``None``)."""
    if statement_timeout_ms is None:
        return b"BEGIN"
    timeout = SQL("SET LOCAL statement_timeout = {}").format(Literal(int(statement_timeout_ms)))
    return b"BEGIN; " + timeout.as_bytes(None)


def _begin(conn: Connection, begin: bytes) -> None:
    # A cursor of its own, not the connection's cursor factory: like COMMIT (commit()),
    # this is the transaction's frame, not one of the service's statements.
    psycopg.Cursor(conn).execute(begin)


class Database:
    def __init__(
        self,
        url: Callable[[], str],
        *,
        connect_timeout: int = 5,
        statement_timeout_ms: int | None = 5_000,
        pool_size: int = 1,
        wait_timeout: float | None = None,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self._url = url
        self._connect_timeout = connect_timeout
        self._statement_timeout_ms = statement_timeout_ms
        self._begin = begin_statement(statement_timeout_ms)
        self.pool_size = pool_size
        # How long a request waits for a free connection before it is a 503.
        self._wait_timeout = float(connect_timeout) if wait_timeout is None else wait_timeout
        self._idle: list[Connection] = []
        self._slots = threading.BoundedSemaphore(pool_size)
        self._idle_lock = threading.Lock()
        # Bumped by close(): connections handed out before it are closed on return.
        self._generation = 0
        self._held = threading.local()

    def _connect(self) -> Connection:
        try:
            return psycopg.connect(
                make_conninfo(self._url(), **conninfo_to_dict(KEEPALIVES)),
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=self._connect_timeout,
                application_name="livekit-meet",
                # Server-side prepared statements would pin each client to one
                # backend behind RDS Proxy, and fail behind PgBouncer in transaction
                # mode; keep statements unprepared.
                prepare_threshold=None,
            )
        except psycopg.OperationalError as exc:
            logger.warning("database connect failed", extra={"error": type(exc).__name__})
            raise DatabaseUnavailable() from exc

    def _checkout(self) -> tuple[Connection, int, bool]:
        """An idle healthy connection (newest first) or a new one, and whether it was
        reused; the caller holds a slot."""
        with self._idle_lock:
            generation = self._generation
            while self._idle:
                conn = self._idle.pop()
                if not (conn.closed or conn.broken):
                    return conn, generation, True
                conn.close()
        return self._connect(), generation, False

    def _start(self, conn: Connection, reused: bool) -> Connection:
        """BEGIN on ``conn``, or, when a reused connection turns out to be dead, on a
        fresh one (once): nothing has run in the transaction yet."""
        try:
            _begin(conn, self._begin)
            return conn
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            conn.close()
            if not reused:
                raise DatabaseUnavailable() from exc
            logger.info("idle database connection was closed; reconnecting")
        fresh = self._connect()
        try:
            _begin(fresh, self._begin)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            fresh.close()
            raise DatabaseUnavailable() from exc
        return fresh

    def _checkin(self, conn: Connection, generation: int) -> None:
        with self._idle_lock:
            if generation == self._generation and not (conn.closed or conn.broken):
                self._idle.append(conn)
                return
        conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction, committed when the block ends."""
        held: Connection | None = getattr(self._held, "conn", None)
        if held is not None:  # nested in this thread: a savepoint on the same connection
            with self._in_transaction(held):
                yield held
            return
        if not self._slots.acquire(timeout=self._wait_timeout):
            raise DatabaseUnavailable("The database is busy; try again shortly.")
        try:
            conn, generation, reused = self._checkout()
            conn = self._start(conn, reused)
            self._held.conn = conn
            try:
                with self._outer_transaction(conn):
                    yield conn
            finally:
                self._held.conn = None
                self._checkin(conn, generation)
        finally:
            self._slots.release()

    @contextmanager
    def _outer_transaction(self, conn: Connection) -> Iterator[None]:
        """Commit when the block ends, roll back when it raises (BEGIN was sent by
        ``_start``; psycopg's own blocks inside it are savepoints)."""
        try:
            try:
                yield
            except BaseException:
                if not (conn.closed or conn.broken):
                    conn.rollback()
                raise
            conn.commit()
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if conn.broken or conn.closed:
                conn.close()
                raise DatabaseUnavailable() from exc
            raise

    @contextmanager
    def _in_transaction(self, conn: Connection) -> Iterator[None]:
        try:
            with conn.transaction():
                yield
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if conn.broken or conn.closed:
                conn.close()
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
        """Close the idle connections, and those in use as they come back; the next
        transaction opens a new one (SnapStart hooks use this)."""
        with self._idle_lock:
            self._generation += 1
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def _settings_url() -> str:
    url = secrets.database_url()  # DATABASE_URL, else DATABASE_SECRET_ARN's secret
    if url is None:
        raise DatabaseUnavailable("DATABASE_URL is not configured.")
    return url


_default: Database | None = None
_default_lock = threading.Lock()
_default_pool_size = 1


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
                    # RDS Proxy pins a client to one server connection for the rest
                    # of its session when it sees a SET, SET LOCAL included; there the
                    # app role carries the timeout (ALTER ROLE ... SET) instead.
                    statement_timeout_ms=None
                    if settings.database_timeout_from_role
                    else settings.database_statement_timeout_ms,
                    pool_size=_default_pool_size,
                )
    return _default


def set_default_pool_size(size: int) -> None:
    """How many connections the process-wide database may hold once it is created:
    1 in a Lambda (the default); the local server, which runs requests side by side
    on a thread pool, asks for more before its first request."""
    global _default_pool_size
    if size < 1:
        raise ValueError("pool size must be at least 1")
    with _default_lock:
        _default_pool_size = size


def set_database(database: Database | None) -> None:
    """Swap the process-wide database (tests and the local server)."""
    global _default
    with _default_lock:
        _default = database
