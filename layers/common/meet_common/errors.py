"""Domain errors, and the one place they become HTTP responses.

Logic raises ``MeetError`` subclasses; ``install_error_handlers`` turns them, and
FastAPI's own validation and routing errors, into the documented shape
``{"error": {"code": ..., "message": ..., "details": [...]?}}``.
"""

from __future__ import annotations

from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from meet_common.observability import logger


class MeetError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message: str, *, details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def headers(self) -> dict[str, str]:
        return {}


class BadRequest(MeetError):
    status, code = 400, "bad_request"


class Unauthorized(MeetError):
    status, code = 401, "unauthorized"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(MeetError):
    status, code = 403, "forbidden"


class ParticipantRemoved(Forbidden):
    """A host removed this identity from the meeting: its token still verifies (LiveKit
    revokes nothing), but the service's API refuses it for the rest of the meeting."""

    code = "removed_from_meeting"


class NotFound(MeetError):
    status, code = 404, "not_found"


class Conflict(MeetError):
    status, code = 409, "conflict"


class Gone(MeetError):
    status, code = 410, "gone"


class InvalidInput(MeetError):
    status, code = 422, "validation_error"


class TooManyRequests(MeetError):
    status, code = 429, "too_many_requests"

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class ServiceUnavailable(MeetError):
    status, code = 503, "service_unavailable"

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


class DatabaseUnavailable(ServiceUnavailable):
    """The database could not be reached or dropped the connection mid-request."""

    def __init__(self, message: str = "The database is unavailable; try again shortly.") -> None:
        super().__init__(message)


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    503: "service_unavailable",
}


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Keep location, message and type; drop the offending input, which may be a secret.
    return [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MeetError)
    async def _meet_error(_: Request, exc: MeetError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.details),
            status_code=exc.status,
            headers=exc.headers(),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            error_body("validation_error", "The request is not valid.", _validation_details(exc)),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(
            error_body(code, message), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(psycopg.DataError)
    async def _unstorable(_: Request, exc: psycopg.DataError) -> JSONResponse:
        # PostgreSQL refuses a value the validation let through (a NUL character in
        # a query or path parameter, say); the transaction was rolled back.
        logger.info("value refused by the database", extra={"error": type(exc).__name__})
        return JSONResponse(
            error_body("validation_error", "A value in the request cannot be stored."),
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return JSONResponse(error_body("internal", "Internal server error."), status_code=500)


# --- the waiting room ------------------------------------------------------------------
# Refusals the waiting room raises. The first four are the general codes for refusals
# of their kind (a guest's token on a host route, a token for another room, ...).


class HostOnly(Forbidden):
    code = "host_only"


class WrongRoom(Forbidden):
    code = "wrong_room"


class RoomNotFound(NotFound):
    code = "room_not_found"


class MeetingOver(Gone):
    code = "meeting_over"


class AdmissionSecretMissing(Unauthorized):
    code = "admission_secret_missing"


class AdmissionNotFound(NotFound):
    """No request has that id and secret (or that id in this room): which, is not said."""

    code = "admission_not_found"


class AdmissionExpired(Gone):
    """The guest stopped polling, or left: hosts no longer see the request."""

    code = "admission_expired"


class AdmissionDenied(Forbidden):
    code = "admission_denied"


class AdmissionAlreadyDecided(Conflict):
    """Another host decided the other way first."""

    code = "admission_already_decided"
