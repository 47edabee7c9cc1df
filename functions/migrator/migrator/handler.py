"""Lambda entry point of the migrator: the ``Custom::Migrations`` resource.

Create and Update apply every pending migration (``meet_common.migrate``) to the
database the functions use; Delete leaves the database alone, since the data
outlives the stack. The template makes the API wait for this resource, so no
request meets an old schema. Any failure is reported to CloudFormation, which
then rolls the deploy back, rather than left to time out.

On the database the stack creates, the migrator connects to the cluster as its
master user (whose password RDS manages in Secrets Manager), applies the
migrations, gives the functions' own role (``ensure_app_role``) the password of the
application secret, and then connects once as that role through RDS Proxy: the
deploy goes on only when the path the functions take works.

CloudFormation creates this resource as soon as the proxy's target group exists,
when the proxy often has no available target yet (and a new cluster may still be
starting), so connection failures are retried with backoff until the function must
answer; the last error is what CloudFormation shows.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import make_conninfo

from meet_common.errors import ServiceUnavailable
from meet_common.migrate import apply_migrations, ensure_app_role
from meet_common.observability import logger
from meet_common.secrets import database_url, read_secret
from meet_common.settings import get_settings

from . import cfn_response

PHYSICAL_ID = "database-migrations"  # constant, so an Update never means a replacement
# Leave time to answer CloudFormation before Lambda's own timeout.
ANSWER_MARGIN_MS = 20_000
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 15.0
# Failures worth another try: the database or proxy not reachable or not ready yet
# (psycopg's OperationalError), a secret not readable yet.
RETRYABLE: tuple[type[Exception], ...] = (psycopg.OperationalError, ServiceUnavailable)
# The cluster's certificate comes from the RDS CA, which is not shipped (docs/deploy.md):
# this one connection, inside the VPC, is encrypted but not verified.
ADMIN_SSLMODE = "require"

T = TypeVar("T")


class Deadline:
    def __init__(self, remaining_ms: int) -> None:
        self.at = time.monotonic() + max(remaining_ms - ANSWER_MARGIN_MS, 1_000) / 1000

    def left_ms(self) -> int:
        return max(int((self.at - time.monotonic()) * 1000), 0)


def with_retries(what: str, attempt: Callable[[], T], deadline: Deadline) -> T:
    """``attempt()`` until it succeeds, a non-retryable error, or the deadline; then
    the last error, saying how many tries it took."""
    backoff = FIRST_BACKOFF_SECONDS
    tries = 0
    while True:
        tries += 1
        try:
            return attempt()
        except RETRYABLE as exc:
            if deadline.left_ms() < backoff * 1000:
                raise RuntimeError(
                    f"{what} failed {tries} times; last error: {type(exc).__name__}: {exc}"
                ) from exc
            logger.warning(
                "database not ready; retrying",
                extra={"step": what, "attempt": tries, "error": type(exc).__name__},
            )
            time.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)


def _conninfo(url: str, deadline: Deadline) -> tuple[str, int]:
    try:
        conninfo = make_conninfo(url, connect_timeout=10)
    except psycopg.ProgrammingError:
        # Its message may quote the string, password and all: it must not reach the stack events.
        raise RuntimeError("the database connection string is not valid") from None
    # Statements, the advisory lock wait included, give up before the function must answer.
    return conninfo, max(deadline.left_ms(), 1_000)


def admin_url() -> str | None:
    """The master user's connection to the cluster the stack created (None for your own
    database): the RDS-managed secret holds only username and password."""
    settings = get_settings()
    if not settings.migration_admin_secret_arn or not settings.migration_admin_host:
        return None
    try:
        data = json.loads(read_secret(settings.migration_admin_secret_arn, "master secret"))
        user, password = data["username"], data["password"]
    except (ValueError, KeyError, TypeError):
        raise RuntimeError("the master secret lacks username or password") from None
    return make_conninfo(
        "",
        user=user,
        password=password,
        host=settings.migration_admin_host,
        port=5432,
        dbname=settings.database_name,
        sslmode=ADMIN_SSLMODE,
    )


def app_credentials() -> tuple[str, str]:
    settings = get_settings()
    if not settings.database_secret_arn:
        raise RuntimeError("no application database secret (DATABASE_SECRET_ARN)")
    try:
        data = json.loads(read_secret(settings.database_secret_arn, "database secret"))
        return str(data["username"]), str(data["password"])
    except (ValueError, KeyError, TypeError):
        raise RuntimeError("the application secret lacks username or password") from None


def run_migrations(remaining_ms: int) -> list[str]:
    deadline = Deadline(remaining_ms)
    admin = with_retries("reading the master secret", admin_url, deadline)

    def app_url() -> str:
        url = database_url()
        if url is None:
            raise RuntimeError("no database configured (DATABASE_URL or DATABASE_SECRET_ARN)")
        return url

    if admin is None:  # your own database: the functions' connection string does it all

        def migrate_own() -> list[str]:
            conninfo, budget = _conninfo(app_url(), deadline)
            return apply_migrations(conninfo, statement_timeout_ms=budget)

        return with_retries("applying the migrations", migrate_own, deadline)

    def migrate_created() -> list[str]:
        conninfo, budget = _conninfo(admin, deadline)
        applied = apply_migrations(conninfo, statement_timeout_ms=budget)
        user, password = app_credentials()
        ensure_app_role(conninfo, user, password, statement_timeout_ms=budget)
        return applied

    applied = with_retries("applying the migrations on the cluster", migrate_created, deadline)

    # A table the role may read (schema_migrations it may not).
    def proxy_ready() -> None:
        conninfo, _ = _conninfo(app_url(), deadline)
        with psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn:
            conn.execute("SELECT 1 FROM meetings LIMIT 0")

    with_retries("connecting as the application role through RDS Proxy", proxy_ready, deadline)
    return applied


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> None:
    request_type = event.get("RequestType")
    physical_id = event.get("PhysicalResourceId") or PHYSICAL_ID
    try:
        if request_type in ("Create", "Update"):
            applied = run_migrations(context.get_remaining_time_in_millis())
            logger.info("migrations applied", extra={"applied": applied})
            data = {"Applied": ", ".join(applied) or "none", "Count": str(len(applied))}
        elif request_type == "Delete":
            data = {}
        else:
            raise ValueError(f"unknown RequestType {request_type!r}")
    except Exception as exc:
        logger.exception("migrations failed")
        reason = f"{type(exc).__name__}: {exc}"
        failed = cfn_response.response_body(event, context, "FAILED", physical_id, reason=reason)
        cfn_response.send(event, failed)
        return
    done = cfn_response.response_body(event, context, "SUCCESS", physical_id, data=data)
    cfn_response.send(event, done)
