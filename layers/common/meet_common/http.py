"""Builds the FastAPI apps: the same routers serve each Lambda and the local server.

Nothing here imports Lambda code. Per-function apps serve no docs of their own;
the local app (``devserver``) composes every router and serves ``/api/docs``.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meet_common.errors import (
    MalformedBody,
    MeetError,
    PayloadTooLarge,
    ValidationFailed,
    error_body,
    install_error_handlers,
)
from meet_common.observability import logger
from meet_common.schema import documented_errors, error_response
from meet_common.settings import get_settings

API_TITLE = "LiveKit Meet API"
API_VERSION = "1.0.0"


# A client's X-Request-Id is kept only when it is a short token of safe characters;
# anything else (log injection, a megabyte of header) gets an id of our own.
_SAFE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,64}")
# Sent with every response: no MIME sniffing, no referrer, no framing. API responses
# get a CSP that allows nothing (JSON is never a document), unless a route set one.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
API_CSP = b"default-src 'none'; frame-ancestors 'none'"
# Admin and participant answers carry passwords, host keys and tokens: no cache,
# shared or private, may keep them. Only the docs are cacheable.
_CACHEABLE_PREFIX = "/api/docs"


def request_id_of(scope: Scope) -> str:
    """API Gateway's request id when behind it (Mangum puts the event in the scope)."""
    event = scope.get("aws.event") or {}
    request_id = (event.get("requestContext") or {}).get("requestId")
    if request_id:
        return str(request_id)
    for name, value in scope.get("headers") or ():
        if name == b"x-request-id" and _SAFE_REQUEST_ID.fullmatch(value):
            return str(value.decode("ascii"))
    return str(uuid.uuid4())


def _with_policy_headers(path: str, headers: list[tuple[bytes, bytes]]) -> None:
    present = {name.lower() for name, _ in headers}
    headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
    if b"content-security-policy" not in present:
        headers.append((b"content-security-policy", API_CSP))
    if (
        b"cache-control" not in present
        and path.startswith("/api/")
        and not path.startswith(_CACHEABLE_PREFIX)
    ):
        headers.append((b"cache-control", b"no-store"))


class ApiMiddleware:
    """What every HTTP request passes through, in one layer (each ASGI layer costs a
    call per request and a wrapped ``send`` per message):

    - **request id and headers**: the id (``request_id_of``) is returned in
      ``X-Request-Id``, beside the security headers every response carries;
    - **body limit**: bodies over ``MAX_REQUEST_BODY_BYTES`` are refused with a 413 in
      the error shape. A declared ``Content-Length`` over the limit is refused before
      any of the body is read (the server holds the body to its ``Content-Length``).
      A body without one, or sent with ``Transfer-Encoding`` (which wins over any
      ``Content-Length`` beside it, RFC 9112 6.3), is counted as it streams: read up
      to the limit, then refused or handed on as it came;
    - **catch-all**: an unexpected error becomes one logged line and a 500 in the error
      shape, sent here rather than re-raised: the server then keeps the connection
      open (uvicorn closes a keep-alive connection after an exception) and logs
      nothing twice;
    - **one log line** per request with method, path (never the query), status,
      duration and request id.

    Any other scope (lifespan) passes through.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        path = str(scope.get("path", ""))
        started = time.perf_counter()
        status = 500
        answered = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                answered = True
                status = message["status"]
                headers = list(message.get("headers") or [])
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                _with_policy_headers(path, headers)
                message = {**message, "headers": headers}
            await send(message)

        try:
            try:
                within = await _within_body_limit(scope, receive, send_with_headers)
                if within is not None:
                    await self.app(scope, within, send_with_headers)
            except Exception:
                if answered:
                    raise  # too late for an answer of our own
                logger.exception("unhandled error")
                await _send_error(
                    send_with_headers, 500, error_body("internal", "Internal server error.")
                )
        finally:
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope.get("method"),
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )


async def _within_body_limit(scope: Scope, receive: Receive, send: Send) -> Receive | None:
    """``receive`` for the app, or None once a body over the limit got its 413."""
    limit = get_settings().max_request_body_bytes
    declared = _content_length(scope)
    if declared is not None:
        if declared > limit:
            await _too_large(send, limit)
            return None
        return receive
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if size > limit:
            await _too_large(send, limit)
            return None
        if not message.get("more_body", False):
            break

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay


def _content_length(scope: Scope) -> int | None:
    """The declared length the server framed the body by; None when it is chunked."""
    headers = scope.get("headers") or ()
    if any(name == b"transfer-encoding" for name, _ in headers):
        return None
    for name, value in headers:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    message = f"The request body is over the limit of {limit} bytes."
    # The rest of the body is not read: the connection cannot be reused.
    await _send_error(
        send, 413, error_body(PayloadTooLarge.code, message), [(b"connection", b"close")]
    )


async def _send_error(
    send: Send,
    status: int,
    error: dict[str, Any],
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """An error answer sent by a middleware, outside FastAPI's handlers."""
    body = json.dumps(error).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": headers + (extra_headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


def _document_errors(app: FastAPI) -> None:
    """Make the OpenAPI document say what the error handlers answer: an operation with
    parameters or a body may answer 422 ``validation_error`` (never FastAPI's default
    ``{"detail"}``), and one that takes a body also 400 ``malformed_body`` and 413
    ``payload_too_large``; the routes document the rest (``schema.error_responses``)."""
    build = app.openapi

    def add(responses: dict[str, Any], *errors: type[MeetError]) -> None:
        status = str(errors[0].status)
        documented = [] if status not in responses else documented_errors(responses[status])
        responses[status] = error_response([*documented, *errors])

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        for path_item in document.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict):
                    continue
                responses = operation.setdefault("responses", {})
                if "HTTPValidationError" in json.dumps(responses.get("422", {})):
                    del responses["422"]
                if operation.get("parameters") or "requestBody" in operation:
                    add(responses, ValidationFailed)
                if "requestBody" in operation:
                    add(responses, MalformedBody)
                    add(responses, PayloadTooLarge)
        schemas = document.get("components", {}).get("schemas", {})
        if "HTTPValidationError" not in json.dumps(document.get("paths", {})):
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
        if schemas and "ErrorResponse" not in schemas:
            schemas.update(_error_schemas())
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _error_schemas() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    from meet_common.schema import ErrorResponse

    _, top = models_json_schema(
        [(ErrorResponse, "serialization")], ref_template="#/components/schemas/{model}"
    )
    return dict(top.get("$defs", {}))


def create_app(routers: Iterable[APIRouter], *, title: str = API_TITLE, **kwargs: Any) -> FastAPI:
    options: dict[str, Any] = {"docs_url": None, "redoc_url": None, "openapi_url": None}
    options.update(kwargs)
    app = FastAPI(title=title, version=API_VERSION, **options)
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    _document_errors(app)
    app.add_middleware(ApiMiddleware)
    return app
