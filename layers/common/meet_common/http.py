"""Builds the FastAPI apps: the same routers serve each Lambda and the local server.

Nothing here imports Lambda code. Per-function apps serve no docs of their own;
the local app (``devserver``) composes every router and serves ``/api/docs``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meet_common.errors import install_error_handlers
from meet_common.observability import logger

API_TITLE = "LiveKit Meet API"
API_VERSION = "1.0.0"


def request_id_of(scope: Scope) -> str:
    """API Gateway's request id when behind it (Mangum puts the event in the scope)."""
    event = scope.get("aws.event") or {}
    request_id = (event.get("requestContext") or {}).get("requestId")
    if request_id:
        return str(request_id)
    for name, value in scope.get("headers") or ():
        if name == b"x-request-id" and value:
            return str(value.decode("latin-1"))[:128]
    return str(uuid.uuid4())


class RequestLogMiddleware:
    """One log line per request with method, path (never the query), status, duration
    and request id; the id is also returned in ``X-Request-Id``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )


def create_app(routers: Iterable[APIRouter], *, title: str = API_TITLE, **kwargs: Any) -> FastAPI:
    options: dict[str, Any] = {"docs_url": None, "redoc_url": None, "openapi_url": None}
    options.update(kwargs)
    app = FastAPI(title=title, version=API_VERSION, **options)
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    app.add_middleware(RequestLogMiddleware)
    return app
