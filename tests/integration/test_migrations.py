"""The migration runner against a real PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from meet_common.migrate import MigrationError, apply_migrations, discover
from tests.support.database import PgBouncer, throwaway_database


@pytest.fixture
def empty_database(postgres_url: str, pooler: PgBouncer | None) -> Iterator[str]:
    """A database of its own, through PgBouncer when the run uses one (the runners'
    advisory lock must hold in transaction pooling mode too)."""
    with throwaway_database(postgres_url) as url:
        yield pooler.url(url) if pooler else url


def write(folder: Path, name: str, sql: str) -> None:
    (folder / name).write_text(sql)


def test_the_shipped_migrations_apply_once_and_are_recorded(empty_database: str) -> None:
    applied = apply_migrations(empty_database)
    assert applied == [m.name for m in discover()]
    assert apply_migrations(empty_database) == []
    with psycopg.connect(empty_database) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == [m.version for m in discover()]


def test_a_failing_migration_leaves_nothing_half_applied(
    empty_database: str, tmp_path: Path
) -> None:
    write(tmp_path, "0001_ok.sql", "CREATE TABLE a (id int);")
    write(tmp_path, "0002_bad.sql", "CREATE TABLE b (id int); SELECT no_such_function();")
    with pytest.raises(psycopg.errors.UndefinedFunction):
        apply_migrations(empty_database, tmp_path)
    with psycopg.connect(empty_database) as conn:
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        }
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert "a" in tables
    assert "b" not in tables
    assert versions == ["0001"]


def test_an_applied_migration_that_changed_is_refused(empty_database: str, tmp_path: Path) -> None:
    write(tmp_path, "0001_a.sql", "CREATE TABLE a (id int);")
    apply_migrations(empty_database, tmp_path)
    write(tmp_path, "0001_a.sql", "CREATE TABLE a (id bigint);")
    with pytest.raises(MigrationError, match="changed"):
        apply_migrations(empty_database, tmp_path)


def test_badly_named_files_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "1_a.sql", "SELECT 1;")
    with pytest.raises(MigrationError, match="NNNN"):
        discover(tmp_path)


def test_concurrent_runners_take_turns(empty_database: str, tmp_path: Path) -> None:
    # Without the advisory lock both runners would try to create the table and one
    # would fail with a duplicate-table or duplicate-key error.
    write(tmp_path, "0001_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE slow (id int);")
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(apply_migrations(empty_database, tmp_path))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [[], [], ["0001_slow.sql"]]


def test_0005_closes_the_duplicate_open_rows_a_lost_leave_left(
    empty_database: str, tmp_path: Path
) -> None:
    import shutil

    from meet_common.migrate import MIGRATIONS_DIR

    for migration in discover()[:4]:
        shutil.copy(MIGRATIONS_DIR / migration.name, tmp_path / migration.name)
    apply_migrations(empty_database, tmp_path)
    with psycopg.connect(empty_database) as conn:
        conn.execute(
            "INSERT INTO meetings (id, title, room_name, status, start_time, end_time, "
            "password, host_key) VALUES ('00000000-0000-0000-0000-000000000001', 't', 'r', "
            "'ACTIVE', '2026-01-01T10:00Z', '2026-01-01T11:00Z', 'p', 'h')"
        )
        # A reconnect whose first leave was lost: two open rows for one identity.
        conn.execute(
            "INSERT INTO attendance (meeting_id, identity, participant_sid, joined_at) VALUES "
            "('00000000-0000-0000-0000-000000000001', 'ada', 'PA_1', '2026-01-01T10:01Z'), "
            "('00000000-0000-0000-0000-000000000001', 'ada', 'PA_2', '2026-01-01T10:05Z'), "
            "('00000000-0000-0000-0000-000000000001', 'bob', 'PA_3', '2026-01-01T10:02Z')"
        )

    assert "0005_identities.sql" in apply_migrations(empty_database)

    with psycopg.connect(empty_database) as conn:
        rows = conn.execute(
            "SELECT participant_sid, left_at FROM attendance ORDER BY participant_sid"
        ).fetchall()
    reconnected = datetime(2026, 1, 1, 10, 5, tzinfo=UTC)
    assert rows == [("PA_1", reconnected), ("PA_2", None), ("PA_3", None)]


def test_0011_takes_only_the_known_reasons_and_only_on_a_finished_meeting(
    empty_database: str,
) -> None:
    apply_migrations(empty_database)
    insert = (
        "INSERT INTO meetings (id, title, room_name, status, start_time, end_time, password, "
        "host_key, ended_by) VALUES (gen_random_uuid(), 't', %s, %s, '2026-01-01T10:00Z', "
        "'2026-01-01T11:00Z', 'p', 'h', %s)"
    )
    with psycopg.connect(empty_database, autocommit=True) as conn:
        for n, (status, reason) in enumerate(
            [
                ("ENDED", "host"),
                ("ENDED", "schedule"),
                ("ENDED", "empty"),
                ("CANCELLED", "organiser"),
                ("ACTIVE", None),
                ("ENDED", None),
            ]
        ):
            conn.execute(insert, (f"ok-{n}", status, reason))
        for n, (status, reason) in enumerate(
            [("ENDED", "somebody"), ("ENDED", "HOST"), ("ACTIVE", "host"), ("SCHEDULED", "empty")]
        ):
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute(insert, (f"bad-{n}", status, reason))
