"""``Database.aio``: the async routes' side of the database keeps the sync side's rules
(one lazy connection in a Lambda, a pool locally, a dead idle connection replaced
before any work, a death inside a transaction a 503, the statement timeout with every
BEGIN) and takes turns on its one connection whatever loop or thread asks."""

from __future__ import annotations

import asyncio
import threading

import psycopg
import pytest
from psycopg import sql

from meet_common.db import Database
from meet_common.db_async import Statement
from meet_common.errors import DatabaseUnavailable
from meet_common.livekit_rooms import run_sync


async def client_connection(db: Database) -> int:
    """Which client connection served the transaction (stable through a pooler)."""
    async with db.aio.transaction() as tx:
        conn = tx.conn
        return conn.info.backend_pid


async def server_backend(db: Database) -> int:
    async with db.aio.transaction() as tx:
        conn = tx.conn
        row = await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone()
    assert row is not None
    return int(row["pid"])


def empty_table(database_url: str, name: str, columns: str) -> None:
    """A table of this test's own, created if need be and emptied."""
    with psycopg.connect(database_url, autocommit=True) as setup:
        setup.execute(
            sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
                sql.Identifier(name), sql.SQL(columns)
            )
        )
        setup.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(name)))


def test_one_connection_is_opened_lazily_and_kept_across_loops(database_url: str) -> None:
    opened: list[str] = []

    def url() -> str:
        opened.append("x")
        return database_url

    db = Database(url)
    assert opened == []
    first = run_sync(client_connection(db))
    # Another loop (Mangum keeps one; run_sync makes one per call): the same connection.
    assert run_sync(client_connection(db)) == first
    assert opened == ["x"]
    db.close()


def test_a_connection_closed_while_idle_costs_the_next_transaction_nothing(
    database_url: str, postgres_url: str
) -> None:
    db = Database(lambda: database_url)
    victim = run_sync(server_backend(db))
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim,))
    assert run_sync(server_backend(db)) != victim
    db.close()


def test_a_connection_that_dies_inside_a_transaction_is_unavailable_then_replaced(
    database_url: str,
) -> None:
    db = Database(lambda: database_url)

    async def die() -> None:
        async with db.aio.transaction() as tx:
            conn = tx.conn
            await conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    with pytest.raises(DatabaseUnavailable):
        run_sync(die())
    assert run_sync(server_backend(db)) > 0
    db.close()


def test_every_transaction_carries_the_statement_timeout(database_url: str) -> None:
    db = Database(lambda: database_url, statement_timeout_ms=250)

    async def timeout() -> str:
        async with db.aio.transaction() as tx:
            conn = tx.conn
            row = await (await conn.execute("SHOW statement_timeout")).fetchone()
        assert row is not None
        return str(row["statement_timeout"])

    assert run_sync(timeout()) == "250ms"
    db.close()


def test_the_first_statements_run_inside_the_transaction_and_end_with_it(
    database_url: str,
) -> None:
    db = Database(lambda: database_url)
    lock = Statement("SELECT pg_advisory_xact_lock(%s)", (424242,))
    held = Statement(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' "
        "AND objid = %(key)s AND pid = pg_backend_pid()",
        {"key": 424242},
    )

    async def held_locks() -> tuple[list[dict[str, object]], int]:
        async with db.aio.transaction(lock, held) as tx:
            opened = tx.opened
        async with db.aio.transaction() as tx:
            # This database's locks only: another run of the suite (the PgBouncer lane,
            # another checkout's) may hold the same key in its own database on this server.
            after = await (
                await tx.conn.execute(
                    "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' "
                    "AND objid = 424242 AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                )
            ).fetchone()
        assert after is not None
        return opened, int(after["n"])

    # The rows are the last statement's, which ran after the lock was granted.
    assert run_sync(held_locks()) == ([{"n": 1}], 0)
    db.close()


def test_a_statement_sent_with_begin_sees_what_was_committed_while_it_waited_for_a_lock(
    database_url: str,
) -> None:
    """Statements sent together still take a snapshot each: the read after a lock sees
    the row that the lock's holder committed as it let go (the join limiter relies on
    it to count a client's previous failure)."""
    empty_table(database_url, "aio_seen", "n int")
    db = Database(lambda: database_url, pool_size=2)
    lock = Statement("SELECT pg_advisory_xact_lock(%s)", (515151,))
    count = Statement("SELECT count(*) AS n FROM aio_seen")

    async def race() -> int:
        holding = asyncio.Event()

        async def holder() -> None:
            async with db.aio.transaction(lock) as tx:
                holding.set()
                await asyncio.sleep(0.2)
                await tx.conn.execute("INSERT INTO aio_seen VALUES (1)")

        task = asyncio.create_task(holder())
        await holding.wait()
        async with db.aio.transaction(lock, count) as tx:
            seen = int(tx.opened[0]["n"])
        await task
        return seen

    assert run_sync(race()) == 1
    db.close()


def test_the_last_statement_commits_with_it_and_values_are_quoted(database_url: str) -> None:
    empty_table(database_url, "aio_names", "name text, at timestamptz")
    db = Database(lambda: database_url)
    awkward = "O'Hara \\ ; DROP TABLE aio_names; -- ü"
    insert = Statement(
        "INSERT INTO aio_names VALUES (%s, %s) RETURNING name", (awkward, "2026-12-01T10:00Z")
    )

    async def commit() -> tuple[list[dict[str, object]], str]:
        async with db.aio.transaction() as tx:
            rows = await tx.commit_with(insert)
            status = tx.conn.info.transaction_status.name
        return rows, status

    assert run_sync(commit()) == ([{"name": awkward}], "IDLE")
    with psycopg.connect(database_url) as check:
        assert check.execute("SELECT name FROM aio_names").fetchall() == [(awkward,)]
    db.close()


def test_a_last_statement_that_fails_leaves_nothing_behind(database_url: str) -> None:
    empty_table(database_url, "aio_strict", "n int CHECK (n > 0)")
    db = Database(lambda: database_url)

    async def fail() -> None:
        async with db.aio.transaction() as tx:
            await tx.conn.execute("INSERT INTO aio_strict VALUES (1)")
            await tx.commit_with(Statement("INSERT INTO aio_strict VALUES (%s)", (-1,)))

    with pytest.raises(psycopg.errors.CheckViolation):
        run_sync(fail())
    with psycopg.connect(database_url) as check:
        assert check.execute("SELECT count(*) FROM aio_strict").fetchone() == (0,)
    # The connection is usable again.
    assert run_sync(server_backend(db)) > 0
    db.close()


def test_a_value_that_cannot_be_quoted_gives_the_connection_back(database_url: str) -> None:
    db = Database(lambda: database_url)

    async def unquotable() -> None:
        async with db.aio.transaction(Statement("SELECT %s", (object(),))):
            pass

    with pytest.raises(psycopg.ProgrammingError):
        run_sync(unquotable())
    assert run_sync(server_backend(db)) > 0  # not left holding the one connection
    db.close()


def test_an_unreachable_database_is_unavailable() -> None:
    db = Database(lambda: "postgresql://nobody@127.0.0.1:1/none", connect_timeout=1)
    with pytest.raises(DatabaseUnavailable):
        run_sync(client_connection(db))


def test_threads_with_loops_of_their_own_take_turns_on_the_one_connection(
    database_url: str,
) -> None:
    """libpq must never see two of them at once (that crashed the process)."""
    db = Database(lambda: database_url)
    inside = 0
    most_inside = 0
    guard = threading.Lock()
    pids: set[int] = set()

    async def one() -> None:
        nonlocal inside, most_inside
        async with db.aio.transaction() as tx:
            conn = tx.conn
            with guard:
                inside += 1
                most_inside = max(most_inside, inside)
            await conn.execute("SELECT pg_sleep(0.005)")
            pids.add(conn.info.backend_pid)
            with guard:
                inside -= 1

    def work() -> None:
        for _ in range(5):
            run_sync(one())

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most_inside == 1
    assert len(pids) == 1
    db.close()


def test_waiting_for_the_busy_connection_ends_in_unavailable_not_a_hang(
    database_url: str,
) -> None:
    db = Database(lambda: database_url, wait_timeout=0.2)

    async def both() -> None:
        async with db.aio.transaction():
            with pytest.raises(DatabaseUnavailable):
                async with db.aio.transaction():
                    pass

    run_sync(both())
    db.close()


def test_a_pool_runs_transactions_side_by_side(database_url: str) -> None:
    db = Database(lambda: database_url, pool_size=2)

    async def two() -> set[int]:
        both_inside = asyncio.Barrier(2)

        async def one() -> int:
            async with db.aio.transaction() as tx:
                conn = tx.conn
                await asyncio.wait_for(both_inside.wait(), 5)
                return conn.info.backend_pid

        return set(await asyncio.gather(one(), one()))

    assert len(run_sync(two())) == 2
    db.close()
