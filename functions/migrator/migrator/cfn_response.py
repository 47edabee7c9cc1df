"""Answers a CloudFormation custom resource request (the cfn-response protocol).

CloudFormation waits for a JSON document PUT to the pre-signed ``ResponseURL`` in
the request; until then the stack hangs, so every request gets exactly one answer.
The URL is pre-signed for an empty Content-Type, so the PUT must send exactly that.
"""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any, Literal
from urllib.parse import urlsplit

from meet_common.observability import logger

Status = Literal["SUCCESS", "FAILED"]
MAX_REASON = 1000  # the whole response must stay under 4 KiB
ATTEMPTS = 3


def response_body(
    event: dict[str, Any],
    context: Any,
    status: Status,
    physical_id: str,
    *,
    data: dict[str, str] | None = None,
    reason: str | None = None,
) -> bytes:
    default_reason = f"See CloudWatch Logs: {context.log_group_name} {context.log_stream_name}"
    return json.dumps(
        {
            "Status": status,
            "Reason": (reason or default_reason)[:MAX_REASON],
            "PhysicalResourceId": physical_id,
            "StackId": event["StackId"],
            "RequestId": event["RequestId"],
            "LogicalResourceId": event["LogicalResourceId"],
            "NoEcho": False,
            "Data": data or {},
        }
    ).encode()


def send(event: dict[str, Any], body: bytes) -> None:
    """PUT a ``response_body`` to the event's pre-signed ResponseURL, with retries."""
    url = event["ResponseURL"]
    if urlsplit(url).scheme not in {"https", "http"}:
        raise ValueError("ResponseURL must be an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=body,
        method="PUT",
        headers={"Content-Type": "", "Content-Length": str(len(body))},
    )
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                logger.info("answered CloudFormation", extra={"http": answer.status})
                return
        except OSError as exc:  # URLError and HTTPError are OSErrors
            logger.warning(
                "could not answer CloudFormation",
                extra={"attempt": attempt, "error": type(exc).__name__},
            )
            if attempt == ATTEMPTS:
                raise
            time.sleep(2**attempt)
