"""Lambda entry point of the migrator: the ``Custom::Migrations`` resource.

Create and Update apply every pending migration (``meet_common.migrate``) to the
database the functions use; Delete leaves the database alone, since the data
outlives the stack. The template makes the API wait for this resource, so no
request meets an old schema. Any failure is reported to CloudFormation, which
then rolls the deploy back, rather than left to time out.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from meet_common.migrate import apply_migrations
from meet_common.observability import logger
from meet_common.secrets import database_url

from . import cfn_response

PHYSICAL_ID = "database-migrations"  # constant, so an Update never means a replacement
# Leave time to answer CloudFormation before Lambda's own timeout.
ANSWER_MARGIN_MS = 20_000


def run_migrations(remaining_ms: int) -> list[str]:
    url = database_url()
    if url is None:
        raise RuntimeError("no database configured (DATABASE_URL or DATABASE_SECRET_ARN)")
    # Statements, the advisory lock wait included, give up before the function must answer.
    budget_ms = max(remaining_ms - ANSWER_MARGIN_MS, 1_000)
    try:
        conninfo = make_conninfo(
            url, connect_timeout=10, options=f"-c statement_timeout={budget_ms}"
        )
    except psycopg.ProgrammingError:
        # Its message may quote the string, password and all: it must not reach the stack events.
        raise RuntimeError("the database connection string is not valid") from None
    return apply_migrations(conninfo)


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
        cfn_response.send(
            event, context, "FAILED", physical_id, reason=f"{type(exc).__name__}: {exc}"
        )
        return
    cfn_response.send(event, context, "SUCCESS", physical_id, data=data)
