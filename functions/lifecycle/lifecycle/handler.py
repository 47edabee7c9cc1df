"""Lambda entry point of the lifecycle function.

EventBridge (the rate(1 minute) rule and the one-shot Scheduler schedules) and API
Gateway (``/api/scheduler``) both invoke this function; an API Gateway event has
an ``httpMethod`` and goes to the HTTP app.
"""

from __future__ import annotations

from typing import Any

from lifecycle.app import app
from meet_common.lambda_http import http_handler
from meet_common.settings import get_settings

get_settings()  # validate configuration at cold start
_http = http_handler(app)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "httpMethod" in event:
        return _http(event, context)
    # The scheduled pass arrives with issue 4; until then a tick does nothing.
    return {"activated": 0, "ended": 0, "roomsDeleted": 0}
