"""Lambda entry point of the lifecycle function.

API Gateway (``/api/scheduler``) sends an event with an ``httpMethod``: it goes to the
HTTP app. Anything else is EventBridge: the rate(1 minute) rule's scheduled event or
a one-shot Scheduler invocation at a meeting's start or end. It runs one pass and
returns the counts. A pass's metrics are flushed before the invocation returns,
whichever way it came.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lifecycle.app import app
from lifecycle.service import run_pass
from meet_common.db import get_database
from meet_common.lambda_http import http_handler
from meet_common.livekit_rooms import RoomService
from meet_common.observability import logger, metrics
from meet_common.settings import get_settings

get_settings()  # validate configuration at cold start
_http = http_handler(app)


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
def _scheduled(event: dict[str, Any], context: Any) -> dict[str, int]:
    logger.append_keys(trigger=event.get("detail-type") or event.get("source") or "invoke")
    return run_pass(get_database(), RoomService(), now=datetime.now(UTC)).counts()


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "httpMethod" not in event:
        counts: dict[str, int] = _scheduled(event, context)
        return dict(counts)
    response = _http(event, context)
    if metrics.metric_set:  # a pass ran (/api/scheduler); a refused request adds none
        metrics.flush_metrics()
    return response
