"""Who is asking: the client address the failed-join limiter counts against.

Behind API Gateway the address is the request context's ``sourceIp`` (Mangum
hands the event over as ``scope["aws.event"]``); it cannot be set by the client,
unlike ``X-Forwarded-For``, which is therefore ignored. Under uvicorn locally the
socket peer stands in.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

UNKNOWN = "unknown"


def client_address(request: Request) -> str:
    event: dict[str, Any] = request.scope.get("aws.event") or {}
    identity = (event.get("requestContext") or {}).get("identity") or {}
    source_ip = identity.get("sourceIp")
    if isinstance(source_ip, str) and source_ip:
        return source_ip
    if request.client is not None and request.client.host:
        return request.client.host
    return UNKNOWN
