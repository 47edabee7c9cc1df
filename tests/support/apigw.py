"""API Gateway REST (proxy integration, payload v1) events, and a way to invoke a
function's real Lambda entry point with one."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

SOURCE_IP = "203.0.113.7"


@dataclass
class LambdaContext:
    function_name: str = "test-function"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:test-function"
    aws_request_id: str = ""
    log_group_name: str = "/aws/lambda/test-function"
    log_stream_name: str = "stream"

    def __post_init__(self) -> None:
        self.aws_request_id = self.aws_request_id or str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def rest_event(
    method: str,
    path: str,
    *,
    body: Any = None,
    raw_body: str | bytes | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    source_ip: str = SOURCE_IP,
    base64_body: bool = False,
    resource: str | None = None,
) -> dict[str, Any]:
    all_headers = {"Host": "abc123.execute-api.eu-west-1.amazonaws.com"}
    if body is not None:
        raw_body = json.dumps(body)
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    encoded: str | None
    if raw_body is None:
        encoded = None
    elif base64_body:
        data = raw_body.encode() if isinstance(raw_body, str) else raw_body
        encoded = base64.b64encode(data).decode()
    else:
        encoded = raw_body.decode() if isinstance(raw_body, bytes) else raw_body
    request_id = str(uuid.uuid4())
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "httpMethod": method,
            "path": f"/Prod{path}",
            "protocol": "HTTP/1.1",
            "requestId": request_id,
            "requestTime": "24/Nov/2026:06:00:00 +0000",
            "requestTimeEpoch": 1795500000000,
            "resourcePath": resource or path,
            "stage": "Prod",
            "identity": {"sourceIp": source_ip, "userAgent": "pytest"},
        },
        "body": encoded,
        "isBase64Encoded": base64_body,
    }


@dataclass
class LambdaResponse:
    status: int
    headers: dict[str, str]
    body: str
    request_id: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def invoke(handler: Any, method: str, path: str, **kwargs: Any) -> LambdaResponse:
    """Call ``handler(event, context)`` as API Gateway would and decode the answer."""
    query = kwargs.pop("query", None)
    if query:
        query = {k: str(v) for k, v in query.items() if v is not None}
    event = rest_event(method, path, query=query, **kwargs)
    result = handler(event, LambdaContext())
    headers = {k.lower(): v for k, v in (result.get("headers") or {}).items()}
    for key, values in (result.get("multiValueHeaders") or {}).items():
        headers.setdefault(key.lower(), values[-1])
    body = result.get("body") or ""
    if result.get("isBase64Encoded"):
        body = base64.b64decode(body).decode()
    return LambdaResponse(result["statusCode"], headers, body, event["requestContext"]["requestId"])


def path_with_query(path: str, query: dict[str, str]) -> str:
    return f"{path}?{urlencode(query)}" if query else path
