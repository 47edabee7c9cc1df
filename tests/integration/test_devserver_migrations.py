"""The migration runner skips its per-file work when one query shows every file
applied unchanged (every `make dev` start), and runs it (which applies, or refuses a
changed file) otherwise."""

from __future__ import annotations

import psycopg
import pytest

from meet_common.migrate import MigrationError, apply_migrations, migrations_current
from tests.support.database import throwaway_database


def test_current_only_when_every_file_is_applied_unchanged(postgres_url: str) -> None:
    with throwaway_database(postgres_url) as url:
        assert not migrations_current(url)  # no schema_migrations yet
        apply_migrations(url)
        assert migrations_current(url)
        with psycopg.connect(url, autocommit=True) as conn:
            newest = conn.execute(
                "DELETE FROM schema_migrations WHERE version = "
                "(SELECT max(version) FROM schema_migrations) RETURNING version, name, checksum"
            ).fetchone()
            assert newest is not None
            assert not migrations_current(url)  # one to apply
            conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                newest,
            )
            assert migrations_current(url)
            conn.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001'")
        assert not migrations_current(url)  # the runner says what is wrong
        with pytest.raises(MigrationError):
            apply_migrations(url)


def test_an_unreachable_database_is_left_to_the_runner() -> None:
    assert not migrations_current("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
