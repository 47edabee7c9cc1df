"""PostgreSQL from ``async`` routes: the same rules as ``meet_common.db``, on psycopg's
``AsyncConnection``, so a hot route's round trips wait on the event loop instead of
on a worker thread.

A sync route costs a hop to a worker thread and back, and every thread that runs
Python contends for the interpreter lock with the loop; the token route spent more
CPU on that than on its SQL. An ``async`` route that awaits its statements does
neither, and the local server still overlaps requests while PostgreSQL works.

Each ``Database`` has one of these (``Database.aio``), built from its own settings:
the same URL, keepalives, statement timeout (sent with every BEGIN), wait timeout,
no prepared statements, and the same answers to failures: a connection that cannot
be opened, or that breaks inside a transaction, is ``DatabaseUnavailable`` (503); a
reused connection found dead at BEGIN is replaced once, before any of the caller's
work has run.

Connections, by ``pool_size``:

- 1 (a Lambda): one connection, opened on first use and kept. It is not tied to an
  event loop (psycopg waits on whichever loop is running), so a process that runs
  one loop after another (Mangum keeps one; ``run_sync`` makes one per call) keeps
  the same connection. Transactions take turns on it.
- more (the local server): a ``psycopg_pool.AsyncConnectionPool``, which belongs to
  the loop it was opened on; a different running loop gets a pool of its own.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import psycopg
from psycopg import pq
from psycopg.abc import Params, Query

from meet_common.errors import DatabaseUnavailable
from meet_common.observability import logger

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool

AsyncConnection = psycopg.AsyncConnection[dict[str, Any]]
Row = dict[str, Any]
_BROKEN = (psycopg.OperationalError, psycopg.InterfaceError)
BUSY = DatabaseUnavailable.BUSY


@dataclass(frozen=True)
class Statement:
    """A statement to send in the same round trip as BEGIN or COMMIT: its values are
    composed into the text by psycopg (``ClientCursor.mogrify``, the connection's own
    quoting), since a round trip of several statements is a simple query, which
    carries no parameters."""

    query: Query
    params: Params | None = None


class Transaction:
    """An open transaction: its connection, and the rows of the last statement that
    was sent with its BEGIN."""

    def __init__(self, conn: AsyncConnection, opened: list[Row]) -> None:
        self.conn = conn
        self.opened = opened

    async def commit_with(self, statement: Statement) -> list[Row]:
        """Run the transaction's last statement and COMMIT in one round trip; its rows.

        Nothing may run in the block after it. A failure of the statement leaves the
        transaction to be rolled back as any other error does; once it succeeded the
        block's own commit finds nothing left to do (psycopg sends no COMMIT on an
        idle connection)."""
        return await _run(self.conn, _composed(self.conn, [statement]) + b"; COMMIT")


def _composed(conn: AsyncConnection, statements: Sequence[Statement]) -> bytes:
    cursor = psycopg.AsyncClientCursor(conn)
    encoding = conn.info.encoding
    return b"; ".join(
        cursor.mogrify(statement.query, statement.params).encode(encoding)
        for statement in statements
    )


async def _run(conn: AsyncConnection, text: bytes) -> list[Row]:
    """Send several statements as one simple query; the rows of the last that has any.

    Under READ COMMITTED each statement of the string takes its own snapshot when it
    starts, as separate round trips would (postgres.c ``exec_simple_query`` takes a
    transaction snapshot per statement), so a read after a lock sees everything
    committed before the lock was granted."""
    # A cursor of its own, as in meet_common.db: the transaction's frame.
    cursor = psycopg.AsyncCursor(conn)
    await cursor.execute(text)
    rows: list[Row] = []
    while True:
        # The result's status, not ``description``, which builds the columns each time.
        result = cursor.pgresult
        if result is not None and result.status == pq.ExecStatus.TUPLES_OK:
            rows = await cursor.fetchall()
        if not cursor.nextset():
            return rows


class AsyncDatabase:
    def __init__(
        self,
        conninfo: Callable[[], str],
        options: Callable[[], dict[str, Any]],
        *,
        begin: bytes,
        pool_size: int,
        wait_timeout: float,
    ) -> None:
        self._conninfo = conninfo
        self._options = options
        self._begin = begin
        self._pool_size = pool_size
        self._wait_timeout = wait_timeout
        self._source: _Source = self._new_source()

    def _new_source(self) -> _Source:
        if self._pool_size == 1:
            return _OneConnection(self._connect, self._wait_timeout)
        return _Pools(self._pool, self._wait_timeout, self._pool_size)

    async def _connect(self) -> AsyncConnection:
        try:
            return await psycopg.AsyncConnection.connect(self._conninfo(), **self._options())
        except psycopg.OperationalError as exc:
            logger.warning("database connect failed", extra={"error": type(exc).__name__})
            raise DatabaseUnavailable() from exc

    async def _pool(self) -> AsyncConnectionPool[AsyncConnection]:
        from psycopg_pool import AsyncConnectionPool

        pool: AsyncConnectionPool[AsyncConnection] = AsyncConnectionPool(
            self._conninfo(),
            min_size=0,
            max_size=self._pool_size,
            open=False,
            timeout=self._wait_timeout,
            kwargs=self._options(),
            connection_class=psycopg.AsyncConnection[dict[str, Any]],
            name="livekit-meet-async",
        )
        await pool.open(wait=False)
        return pool

    @asynccontextmanager
    async def transaction(self, *first: Statement) -> AsyncIterator[Transaction]:
        """One transaction, committed when the block ends and rolled back when it
        raises. Not reentrant: a block holds its connection.

        ``first`` travel with BEGIN, in the same round trip, and the rows of the last
        of them are the transaction's ``opened``: a transaction that opens with a lock
        and a read takes both without a round trip of their own."""
        source = self._source
        conn, reused = await source.take()
        try:
            begin = self._begin + (b"; " + _composed(conn, first) if first else b"")
        except BaseException:
            await source.give_back(conn)  # a value psycopg cannot quote: nothing was sent
            raise
        conn, opened = await self._start(source, conn, reused, begin)
        try:
            try:
                yield Transaction(conn, opened)
            except BaseException:
                if not (conn.closed or conn.broken):
                    await conn.rollback()
                raise
            await conn.commit()
        except _BROKEN as exc:
            if conn.broken or conn.closed:
                await source.give_back(conn, broken=True)
                raise DatabaseUnavailable() from exc
            await source.give_back(conn)
            raise
        except BaseException:
            await source.give_back(conn)
            raise
        await source.give_back(conn)

    async def _start(
        self, source: _Source, conn: AsyncConnection, reused: bool, begin: bytes
    ) -> tuple[AsyncConnection, list[Row]]:
        """BEGIN on ``conn``, or, when a reused connection turns out to be dead, on a
        fresh one (once): nothing has run in the transaction yet. The connection and
        the opening rows; a failure gives the connection back before it is raised."""
        try:
            return conn, await _run(conn, begin)
        except _BROKEN as exc:
            if not (conn.broken or conn.closed):
                # A statement sent with BEGIN failed, not the connection (a lock waited
                # past the statement timeout: the error handlers make that a 503).
                # Nothing to reconnect for.
                await _give_back_rolled_back(source, conn)
                raise
            if not reused:
                await source.give_back(conn, broken=True)
                raise DatabaseUnavailable() from exc
            logger.info("idle database connection was closed; reconnecting")
        except BaseException:
            await source.give_back(conn, broken=True)
            raise
        fresh = await source.replace(conn)
        try:
            # The text quoted for the dead connection serves: same settings, same encoding.
            return fresh, await _run(fresh, begin)
        except BaseException as exc:
            await source.give_back(fresh, broken=True)
            if isinstance(exc, _BROKEN):
                raise DatabaseUnavailable() from exc
            raise

    def close(self) -> None:
        """Drop the connections (from sync code: SnapStart hooks, tests); the next
        transaction opens new ones."""
        old, self._source = self._source, self._new_source()
        old.close()


async def _give_back_rolled_back(source: _Source, conn: AsyncConnection) -> None:
    try:
        await conn.rollback()
    except _BROKEN:
        await source.give_back(conn, broken=True)
        return
    await source.give_back(conn)


class _Source(Protocol):
    async def take(self) -> tuple[AsyncConnection, bool]:
        """A connection for one transaction, and whether it served one before."""

    async def replace(self, dead: AsyncConnection) -> AsyncConnection:
        """Drop ``dead`` (taken, found broken) and take a fresh one in its stead."""

    async def give_back(self, conn: AsyncConnection, *, broken: bool = False) -> None: ...

    def close(self) -> None: ...


def _drop(conn: AsyncConnection) -> None:
    """Close a connection without awaiting: libpq's socket goes at once."""
    if not conn.closed:
        conn.pgconn.finish()


class _OneConnection:
    """One connection, opened on first use, lent to one transaction at a time.

    The turns are kept by a thread lock, not an asyncio one: the connection may serve
    loops on several threads (tests call a handler from many at once, as many Lambda
    environments would), and libpq must never see two of them at once. Taking a free
    lock costs nothing; waiting for a held one happens on a worker thread, so the
    loop goes on with its other requests meanwhile.
    """

    def __init__(self, connect: Callable[[], Awaitable[AsyncConnection]], wait: float) -> None:
        self._connect = connect
        self._wait = wait
        self._conn: AsyncConnection | None = None
        self._closed = False
        self._lock = threading.Lock()

    async def take(self) -> tuple[AsyncConnection, bool]:
        if not self._lock.acquire(blocking=False) and not await asyncio.to_thread(
            self._lock.acquire, timeout=self._wait
        ):
            raise DatabaseUnavailable(BUSY)
        try:
            conn = self._conn
            if conn is not None and not (conn.closed or conn.broken):
                return conn, True
            self._conn = conn = await self._connect()
            return conn, False
        except BaseException:
            self._lock.release()
            raise

    async def replace(self, dead: AsyncConnection) -> AsyncConnection:
        _drop(dead)
        self._conn = None
        try:
            self._conn = conn = await self._connect()
        except BaseException:
            self._lock.release()
            raise
        return conn

    async def give_back(self, conn: AsyncConnection, *, broken: bool = False) -> None:
        if broken or self._closed or conn.closed or conn.broken:
            _drop(conn)
            if self._conn is conn:
                self._conn = None
        self._lock.release()

    def close(self) -> None:
        # A connection in use is closed when it comes back (give_back sees _closed).
        self._closed = True
        if self._lock.acquire(blocking=False):
            try:
                if self._conn is not None:
                    _drop(self._conn)
                    self._conn = None
            finally:
                self._lock.release()


class _Pools:
    """An ``AsyncConnectionPool`` per running loop, opened on first use there.

    Requests queue for one of the pool's ``pool_size`` places without a time limit
    (as sync routes queue for a worker thread), and only then wait, at most the wait
    timeout, for the pool to hand over a connection. A burst of joins then waits its
    turn however long the queue, while a database that cannot be reached still
    answers each request in the queue within the timeout.
    """

    def __init__(
        self,
        create: Callable[[], Awaitable[AsyncConnectionPool[AsyncConnection]]],
        wait: float,
        size: int,
    ) -> None:
        self._create = create
        self._wait = wait
        self._size = size
        self._pool: AsyncConnectionPool[AsyncConnection] | None = None
        self._places: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def _opened(self) -> tuple[AsyncConnectionPool[AsyncConnection], asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if self._pool is None or self._places is None or self._loop is not loop:
            self._loop, self._places = loop, asyncio.Semaphore(self._size)
            self._pool = await self._create()
        return self._pool, self._places

    async def take(self) -> tuple[AsyncConnection, bool]:
        from psycopg_pool import PoolTimeout

        pool, places = await self._opened()
        await places.acquire()
        try:
            conn = await pool.getconn(timeout=self._wait)
        except BaseException as exc:
            places.release()
            if isinstance(exc, PoolTimeout):
                raise DatabaseUnavailable(BUSY) from exc
            raise
        # Counted as reused: a fresh one whose BEGIN fails is retried once, harmlessly.
        return conn, True

    async def replace(self, dead: AsyncConnection) -> AsyncConnection:
        await self.give_back(dead, broken=True)
        return (await self.take())[0]

    async def give_back(self, conn: AsyncConnection, *, broken: bool = False) -> None:
        pool, places = self._pool, self._places
        if broken or pool is None:
            _drop(conn)  # the pool drops a closed connection and may open another
        if pool is not None:
            await pool.putconn(conn)
        if places is not None:
            places.release()

    def close(self) -> None:
        pool, loop = self._pool, self._loop
        if pool is not None and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: loop.create_task(pool.close()))
