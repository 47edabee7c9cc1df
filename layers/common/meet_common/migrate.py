"""Versioned SQL migrations.

Files in ``migrations/`` are named ``NNNN_description.sql`` and applied in order,
each in its own transaction, and recorded in ``schema_migrations`` with a checksum.
Each of those transactions first takes a transaction-scoped advisory lock and
re-reads what is applied, so concurrent runners (two deploys, a deploy and
``make migrate``) take turns instead of racing, also through a transaction pooler
(PgBouncer, RDS Proxy), where a session lock could be taken on one server
connection and released on another. An applied file whose text has since changed is
an error: fix forward with a new file.

``ensure_app_role`` gives the functions a login role of their own that may read and
write the tables but not change the schema; the migrator runs it on the database
the stack creates.

Run: ``python -m meet_common.migrate`` (uses DATABASE_URL).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same for every runner.
ADVISORY_LOCK_KEY = 0x4C4B_4D45_4554  # "LKMEET"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    pass


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"migration file name not of the form NNNN_name.sql: {path.name}")
        found.append(Migration(match.group(1), path.name, path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a version number: {versions}")
    return found


def _lock(conn: psycopg.Connection[Any], statement_timeout_ms: int | None) -> None:
    """Inside a transaction: its timeout (the lock wait included), then the lock,
    held until the transaction ends."""
    if statement_timeout_ms is not None:
        conn.execute(
            sql.SQL("SET LOCAL statement_timeout = {}").format(sql.Literal(statement_timeout_ms))
        )
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK_KEY,))


def _applied_unchanged(conn: psycopg.Connection[Any], migrations: list[Migration]) -> bool:
    """Whether every migration is recorded as applied with its checksum (one query).
    False sends the caller to the runner, which applies what is missing or refuses a
    changed file."""
    row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        return False
    rows = conn.execute("SELECT version, checksum FROM schema_migrations").fetchall()
    applied: dict[str, str] = {version: checksum for version, checksum in rows}
    return all(applied.get(m.version) == m.checksum for m in migrations)


def migrations_current(conninfo: str, directory: Path = MIGRATIONS_DIR) -> bool:
    """Whether the database has every migration applied unchanged; False also when it
    cannot be asked (``apply_migrations`` then says what is wrong)."""
    try:
        with psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn:
            return _applied_unchanged(conn, discover(directory))
    except psycopg.Error:
        return False


def apply_migrations(
    conninfo: str, directory: Path = MIGRATIONS_DIR, *, statement_timeout_ms: int | None = None
) -> list[str]:
    """Apply every pending migration; returns the names applied (empty when up to date).

    ``statement_timeout_ms`` bounds every statement, waiting for the lock included."""
    migrations = discover(directory)
    applied_now: list[str] = []
    # No prepared statements: a transaction pooler may run each transaction elsewhere.
    with psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn:
        if _applied_unchanged(conn, migrations):
            # Nothing to do, seen in one query rather than a locked transaction per
            # file (every `make dev` start, every deploy that adds no migration).
            return applied_now
        with conn.transaction():
            _lock(conn, statement_timeout_ms)
            conn.execute(
                """CREATE TABLE IF NOT EXISTS schema_migrations (
                       version text PRIMARY KEY,
                       name text NOT NULL,
                       checksum text NOT NULL,
                       applied_at timestamptz NOT NULL DEFAULT now())"""
            )
        for migration in migrations:
            with conn.transaction():
                _lock(conn, statement_timeout_ms)
                # Read under the lock: another runner may have applied it meanwhile.
                row = conn.execute(
                    "SELECT checksum FROM schema_migrations WHERE version = %s",
                    (migration.version,),
                ).fetchone()
                if row is not None:
                    if row[0] != migration.checksum:
                        raise MigrationError(
                            f"{migration.name} changed after it was applied; add a new migration"
                        )
                    continue
                conn.execute(migration.sql.encode())
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, migration.checksum),
                )
            applied_now.append(migration.name)
    return applied_now


# The application role's session settings (applied at every server connection's
# start, so poolers keep them): the statement timeout the functions rely on behind
# RDS Proxy (DATABASE_TIMEOUT_FROM_ROLE; the settings' default, 5 s), and a backstop
# so that a function frozen or killed inside a transaction does not hold its locks.
APP_ROLE_SETTINGS = {"idle_in_transaction_session_timeout": "30s", "statement_timeout": "5s"}


def ensure_app_role(
    conninfo: str, role: str, password: str, *, statement_timeout_ms: int | None = None
) -> None:
    """Create (or update the password of) ``role``: it may log in, read and write the
    service's tables and use their sequences, and nothing else (no DDL, no
    ``schema_migrations``). Run as the owner of the tables, after the migrations."""
    ident = sql.Identifier(role)
    grants = [
        sql.SQL("GRANT CONNECT ON DATABASE {db} TO {role}"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {role}"),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM {role}"),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"),
        sql.SQL("REVOKE ALL ON schema_migrations FROM {role}"),
        # Tables that later migrations create (as this same owner) follow suit.
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}"
        ),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}"
        ),
    ]
    with (
        psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn,
        conn.transaction(),
    ):
        _lock(conn, statement_timeout_ms)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = sql.SQL("ALTER") if exists else sql.SQL("CREATE")
        # Utility statements take no parameters; Literal quotes the password.
        conn.execute(
            sql.SQL("{} ROLE {} LOGIN NOINHERIT PASSWORD {}").format(
                verb, ident, sql.Literal(password)
            )
        )
        for name, value in APP_ROLE_SETTINGS.items():
            conn.execute(
                sql.SQL("ALTER ROLE {} SET {} = {}").format(
                    ident, sql.Identifier(name), sql.Literal(value)
                )
            )
        database = sql.Identifier(conn.info.dbname)
        for grant in grants:
            conn.execute(grant.format(db=database, role=ident))


def main() -> int:
    from meet_common.settings import get_settings

    url = get_settings().database_url
    if url is None:
        print("DATABASE_URL is not set", file=sys.stderr)
        return 2
    applied = apply_migrations(url.get_secret_value())
    print("applied: " + ", ".join(applied) if applied else "database is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
