"""A Database with ``pool_size`` > 1 (the local server's) runs transactions side by
side on separate connections; the default (a Lambda's) keeps one connection."""

from __future__ import annotations

import threading

import pytest

from meet_common import db as db_module
from meet_common.db import Database
from meet_common.errors import DatabaseUnavailable


def backend_pid(db: Database) -> int:
    """Which client connection served the transaction: the pid the server (or, through
    PgBouncer, the pooler) announced for it, which a pooler does not change per
    transaction the way pg_backend_pid() can."""
    with db.transaction() as conn:
        return conn.info.backend_pid


def pids_of_two_overlapping_transactions(db: Database) -> tuple[set[int], bool]:
    """Two threads each open a transaction and wait (up to 2 s) for the other to be
    inside one too; returns their backend pids and whether they ever overlapped."""
    both_inside = threading.Barrier(2, timeout=2)
    pids: set[int] = set()
    overlapped = True

    def work() -> None:
        nonlocal overlapped
        with db.transaction() as conn:
            pids.add(conn.info.backend_pid)
            try:
                both_inside.wait()
            except threading.BrokenBarrierError:
                overlapped = False

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return pids, overlapped


def test_a_pool_runs_transactions_side_by_side_on_their_own_connections(
    database_url: str,
) -> None:
    db = Database(lambda: database_url, pool_size=2)
    pids, overlapped = pids_of_two_overlapping_transactions(db)
    assert overlapped
    assert len(pids) == 2
    # Both connections stay open for the next requests.
    assert {backend_pid(db) for _ in range(3)} <= pids
    db.close()


def test_one_connection_hands_itself_to_one_transaction_at_a_time(database_url: str) -> None:
    db = Database(lambda: database_url)  # pool_size=1, as in a Lambda
    pids, overlapped = pids_of_two_overlapping_transactions(db)
    assert not overlapped
    assert len(pids) == 1
    db.close()


def test_a_nested_transaction_reuses_the_threads_connection(database_url: str) -> None:
    db = Database(lambda: database_url, pool_size=1)
    with db.transaction() as outer:
        outer.execute("CREATE TEMP TABLE seen (n int)")
        with db.transaction() as inner:  # would wait forever on a second connection
            assert inner is outer
            inner.execute("INSERT INTO seen VALUES (1)")
        row = outer.execute("SELECT count(*) AS n FROM seen").fetchone()
        assert row is not None
        assert row["n"] == 1
    db.close()


def test_close_drops_idle_connections_and_those_in_use_on_return(database_url: str) -> None:
    db = Database(lambda: database_url, pool_size=2)
    before = backend_pid(db)
    with db.transaction() as conn:
        db.close()  # SnapStart's before-snapshot hook may run while one is out
        conn.execute("SELECT 1")
    assert conn.closed
    assert backend_pid(db) != before
    db.close()


def test_the_process_wide_pool_size_is_taken_when_the_database_is_created(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_module, "_default", None)
    monkeypatch.setattr(db_module, "_default_pool_size", 1)
    db_module.set_default_pool_size(4)
    assert db_module.get_database().pool_size == 4
    with pytest.raises(ValueError, match="at least 1"):
        db_module.set_default_pool_size(0)


def test_waiting_for_a_busy_pool_ends_in_unavailable_not_a_hang(database_url: str) -> None:
    db = Database(lambda: database_url, pool_size=1, wait_timeout=0.2)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with db.transaction():
            holding.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        with pytest.raises(DatabaseUnavailable, match="busy"), db.transaction():
            pass
    finally:
        release.set()
        holder.join()
    with db.transaction() as conn:  # free again once the holder is done
        assert conn.execute("SELECT 1 AS one").fetchone() == {"one": 1}
    db.close()
