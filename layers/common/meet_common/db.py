"""PostgreSQL access: connections opened lazily per process, reused and replaced when
broken.

A Lambda execution environment serves one request at a time, so one plain connection
is all it needs (RDS Proxy pools them in AWS): that is the default, ``pool_size=1``,
opened on the first transaction, kept, and replaced once broken. The local server
runs requests side by side and asks for a few connections (``pool_size``): a
``psycopg_pool.ConnectionPool`` hands each request an idle connection or makes it
wait for one, so requests run their SQL side by side instead of queueing behind one
connection. A thread that is already inside ``transaction()`` gets its own connection
again (a nested block is a savepoint, as before). Every piece of SQL runs inside
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
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row
from psycopg.sql import SQL, Literal

from meet_common import secrets
from meet_common.errors import DatabaseUnavailable
from meet_common.observability import logger
from meet_common.settings import get_settings

if TYPE_CHECKING:
    # Only the local server pools connections: a Lambda never imports psycopg_pool.
    from psycopg_pool import ConnectionPool

    from meet_common.db_async import AsyncDatabase

Connection = psycopg.Connection[dict[str, Any]]
T = TypeVar("T")

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
        self._source: _Source = (
            _OneConnection(self._connect) if pool_size == 1 else _Pool(self._pool)
        )
        self._held = threading.local()
        self._aio: AsyncDatabase | None = None

    @property
    def aio(self) -> AsyncDatabase:
        """The same database for ``async`` routes (``meet_common.db_async``): same URL,
        timeouts and pool size, connections of its own."""
        if self._aio is None:
            from meet_common.db_async import AsyncDatabase

            self._aio = AsyncDatabase(
                self._conninfo,
                self._options,
                begin=self._begin,
                pool_size=self.pool_size,
                wait_timeout=self._wait_timeout,
            )
        return self._aio

    async def run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Sync database work from an ``async`` route: inline when this database has
        one connection (a Lambda serves one request at a time, and the work would
        queue for that connection anyway), so no thread is started per invocation;
        else on a worker thread, so other requests' SQL goes on meanwhile. ``work``
        must not run an event loop of its own (``livekit_rooms.run_sync``): inline,
        it runs on the route's."""
        if self.pool_size == 1:
            return work(*args, **kwargs)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(work, *args, **kwargs)

    def _conninfo(self) -> str:
        return make_conninfo(self._url(), **conninfo_to_dict(KEEPALIVES))

    def _options(self) -> dict[str, Any]:
        return {
            "autocommit": True,
            "row_factory": dict_row,
            "connect_timeout": self._connect_timeout,
            "application_name": "livekit-meet",
            # Server-side prepared statements would pin each client to one backend
            # behind RDS Proxy, and fail behind PgBouncer in transaction mode; keep
            # statements unprepared.
            "prepare_threshold": None,
        }

    def _connect(self) -> Connection:
        try:
            return psycopg.connect(self._conninfo(), **self._options())
        except psycopg.OperationalError as exc:
            logger.warning("database connect failed", extra={"error": type(exc).__name__})
            raise DatabaseUnavailable() from exc

    def _pool(self) -> ConnectionPool[Connection]:
        from psycopg_pool import ConnectionPool

        pool: ConnectionPool[Connection] = ConnectionPool(
            self._conninfo(),
            min_size=0,
            max_size=self.pool_size,
            open=False,
            timeout=self._wait_timeout,
            kwargs=self._options(),
            connection_class=psycopg.Connection[dict[str, Any]],
            name="livekit-meet",
        )
        pool.open(wait=False)
        return pool

    def _start(self, conn: Connection, reused: bool) -> Connection:
        """BEGIN on ``conn``, or, when a reused connection turns out to be dead, on a
        fresh one (once): nothing has run in the transaction yet."""
        try:
            _begin(conn, self._begin)
            return conn
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if not reused:
                self._source.give_back(conn, broken=True)
                raise DatabaseUnavailable() from exc
            logger.info("idle database connection was closed; reconnecting")
        fresh = self._source.replace(conn, self._wait_timeout)
        try:
            _begin(fresh, self._begin)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            self._source.give_back(fresh, broken=True)
            raise DatabaseUnavailable() from exc
        return fresh

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction, committed when the block ends."""
        held: Connection | None = getattr(self._held, "conn", None)
        if held is not None:  # nested in this thread: a savepoint on the same connection
            with self._in_transaction(held):
                yield held
            return
        source = self._source
        conn, reused = source.take(self._wait_timeout)
        conn = self._start(conn, reused)
        self._held.conn = conn
        try:
            with self._outer_transaction(conn):
                yield conn
        finally:
            self._held.conn = None
            source.give_back(conn)

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
        old, self._source = (
            self._source,
            _OneConnection(self._connect) if self.pool_size == 1 else _Pool(self._pool),
        )
        old.close()
        if self._aio is not None:
            self._aio.close()


BUSY = DatabaseUnavailable.BUSY


class _Source(Protocol):
    def take(self, timeout: float) -> tuple[Connection, bool]:
        """A connection for one transaction, and whether it served one before."""

    def replace(self, dead: Connection, timeout: float) -> Connection:
        """Drop ``dead`` (taken, found broken) and take a fresh one in its stead."""

    def give_back(self, conn: Connection, *, broken: bool = False) -> None: ...

    def close(self) -> None: ...


class _OneConnection:
    """One connection, opened on first use, lent to one transaction at a time."""

    def __init__(self, connect: Callable[[], Connection]) -> None:
        self._connect = connect
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._closed = False

    def take(self, timeout: float) -> tuple[Connection, bool]:
        if not self._lock.acquire(timeout=timeout):
            raise DatabaseUnavailable(BUSY)
        try:
            conn = self._conn
            if conn is not None and not (conn.closed or conn.broken):
                return conn, True
            self._conn = conn = self._connect()
            return conn, False
        except BaseException:
            self._lock.release()
            raise

    def replace(self, dead: Connection, timeout: float) -> Connection:
        dead.close()
        self._conn = None
        try:
            self._conn = conn = self._connect()
        except BaseException:
            self._lock.release()
            raise
        return conn

    def give_back(self, conn: Connection, *, broken: bool = False) -> None:
        if broken or self._closed or conn.closed or conn.broken:
            conn.close()
            self._conn = None
        self._lock.release()

    def close(self) -> None:
        # A connection in use is closed when it comes back (give_back sees _closed).
        self._closed = True
        if self._lock.acquire(blocking=False):
            try:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
            finally:
                self._lock.release()


class _Pool:
    """A ``psycopg_pool.ConnectionPool``, created and opened on first use."""

    def __init__(self, create: Callable[[], ConnectionPool[Connection]]) -> None:
        self._create = create
        self._pool: ConnectionPool[Connection] | None = None
        self._lock = threading.Lock()

    def _opened(self) -> ConnectionPool[Connection]:
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = self._create()
        return self._pool

    def take(self, timeout: float) -> tuple[Connection, bool]:
        from psycopg_pool import PoolTimeout

        pool = self._opened()
        try:
            conn = pool.getconn(timeout=timeout)
        except PoolTimeout as exc:
            raise DatabaseUnavailable(BUSY) from exc
        # Counted as reused: a fresh one whose BEGIN fails is retried once, harmlessly.
        return conn, True

    def replace(self, dead: Connection, timeout: float) -> Connection:
        self.give_back(dead, broken=True)
        return self.take(timeout)[0]

    def give_back(self, conn: Connection, *, broken: bool = False) -> None:
        pool = self._pool
        if broken or pool is None:
            conn.close()  # the pool drops a closed connection and may open another
        if pool is not None:
            pool.putconn(conn)
            if broken:
                pool.check()  # the idle ones may have died with it

    def close(self) -> None:
        if self._pool is not None:
            # In-use connections are closed when returned to a closed pool.
            self._pool.close()


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
