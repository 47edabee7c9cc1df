"""Domain errors, and the one place they become HTTP responses.

Logic raises ``MeetError`` subclasses; ``install_error_handlers`` turns them, and
FastAPI's own validation and routing errors, into the documented shape
``{"error": {"code": ..., "message": ..., "details": [...]?}}`` (an error may add
fields of its own next to ``code``, as ``NotStarted`` does).

Every refusal is its own subclass with its own ``code``: pages branch on the code,
never on the message. The class's docstring is the code's meaning in the OpenAPI
document (``meet_common.schema.error_responses``) and in docs/api.md. The status
classes (``Unauthorized``, ``Forbidden``, ...) only carry the status and its headers.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from meet_common.observability import logger


class MeetError(Exception):
    """Internal server error."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal"
    message: str = "Internal server error."
    # JSON schemas of the fields this error adds next to code and message.
    fields_schema: ClassVar[dict[str, dict[str, Any]]] = {}

    def __init__(self, message: str | None = None, *, details: list[Any] | None = None) -> None:
        self.message = message or type(self).message
        super().__init__(self.message)
        self.details = details

    def headers(self) -> dict[str, str]:
        return {}

    def fields(self) -> dict[str, Any]:
        return {}

    @classmethod
    def meaning(cls) -> str:
        """The first paragraph of the docstring, on one line: the code's meaning in the docs."""
        first = inspect.cleandoc(cls.__doc__ or cls.message).split("\n\n")[0]
        return " ".join(first.split())


# The status classes. Raise a subclass with a code of its own, never these.


class BadRequest(MeetError):
    status, code = 400, "bad_request"


class Unauthorized(MeetError):
    status, code = 401, "unauthorized"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(MeetError):
    status, code = 403, "forbidden"


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

    def __init__(self, message: str | None = None, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class ServiceUnavailable(MeetError):
    status, code = 503, "service_unavailable"

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


STATUS_CLASSES: tuple[type[MeetError], ...] = (
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Gone,
    InvalidInput,
    TooManyRequests,
    ServiceUnavailable,
)


# 400


class MalformedBody(BadRequest):
    """The request body cannot be read as JSON text (not UTF-8, say)."""

    code = "malformed_body"
    message = "The request body cannot be read."


class WebhookEventInvalid(BadRequest):
    """A correctly signed webhook body that is not a LiveKit event."""

    code = "webhook_event_invalid"
    message = "The webhook body is not a LiveKit event."


# 401


class WrongPassword(Unauthorized):
    """The meeting password is not correct."""

    code = "wrong_password"
    message = "The meeting password is not correct."


class WrongHostKey(Unauthorized):
    """The host key given with the token request is not the meeting's."""

    code = "wrong_host_key"
    message = "The host key is not correct."


class AdminKeyInvalid(Unauthorized):
    """The admin API key is missing or wrong."""

    code = "admin_key_invalid"
    message = "A valid admin API key is required."


class ParticipantTokenInvalid(Unauthorized):
    """No LiveKit token, or one that is forged, expired or grants no room join."""

    code = "participant_token_invalid"
    message = "A LiveKit token for this room is required."


class WebhookSignatureInvalid(Unauthorized):
    """The webhook's signature is missing, forged, expired or not for this body."""

    code = "webhook_signature_invalid"
    message = "The webhook is not signed by LiveKit."


class AdmissionSecretMissing(Unauthorized):
    """A waiting-room route was called without the admission request's secret."""

    code = "admission_secret_missing"
    message = "The admission request's secret is required."


# 403


class NotInvited(Forbidden):
    """The meeting is private and the email is not on its allowlist."""

    code = "not_invited"
    message = "That email address is not invited to this meeting."


class WrongRoom(Forbidden):
    """The LiveKit token is for another room."""

    code = "wrong_room"
    message = "The token is for another room."


class ParticipantRemoved(Forbidden):
    """A host removed this identity from the meeting (or its invitation was withdrawn).

    Its token still verifies (LiveKit revokes nothing), but the service's API refuses
    it for the rest of the meeting."""

    code = "removed_from_meeting"
    message = "You were removed from this meeting."


class HostOnly(Forbidden):
    """The route is for hosts, and the token is a guest's."""

    code = "host_only"
    message = "Only a host may do this."


class MeetingLocked(Forbidden):
    """A host locked the meeting against new joins; a host key still joins."""

    code = "meeting_locked"
    message = "A host has locked this meeting: nobody new may join."


class AdmissionDenied(Forbidden):
    """A host denied the guest's admission request."""

    code = "admission_denied"
    message = "A host did not let you in."


# 404


class RouteNotFound(NotFound):
    """No route (or page) at this path."""

    code = "not_found"
    message = "Not Found"


class MeetingNotFound(NotFound):
    """No meeting has that id (or the id is not a UUID)."""

    code = "meeting_not_found"
    message = "No meeting has that id."


class RoomNotFound(NotFound):
    """No meeting uses that room name."""

    code = "room_not_found"
    message = "No meeting uses that room."


class ParticipantNotFound(NotFound):
    """That participant is not in the room."""

    code = "participant_not_found"
    message = "That participant is not in the room."


class TrackNotFound(NotFound):
    """The participant has no track with that sid."""

    code = "track_not_found"
    message = "That participant has no such track."


class NotOnAllowlist(NotFound):
    """That email is not on the meeting's allowlist."""

    code = "not_on_allowlist"
    message = "That email is not on this meeting's allowlist."


class ParticipantNotInRoom(NotFound):
    """The participant to make a co-host is not in the room."""

    code = "participant_not_in_room"
    message = "That participant is not in the room."


class AdmissionNotFound(NotFound):
    """No admission request has that id and secret (or that id in this room); which, is
    not said."""

    code = "admission_not_found"
    message = "No admission request has that id."


# 405, 413, 415: answered by the framework and the body limit; classes for their codes.


class MethodNotAllowed(MeetError):
    """The path does not take this method."""

    status, code, message = 405, "method_not_allowed", "Method Not Allowed"


class PayloadTooLarge(MeetError):
    """The request body is over `MAX_REQUEST_BODY_BYTES`."""

    status, code, message = 413, "payload_too_large", "The request body is too large."


class UnsupportedMediaType(MeetError):
    """The request body's media type is not one the route reads."""

    status, code, message = 415, "unsupported_media_type", "Unsupported Media Type"


# 409


class NotStarted(Conflict):
    """The meeting is SCHEDULED and its join window has not opened yet; the error
    carries `startTime` and `joinOpensAt` (ISO 8601) next to its code.

    They are fields of the error rather than ``details``, which name invalid input."""

    code = "not_started"
    fields_schema: ClassVar[dict[str, dict[str, Any]]] = {
        "startTime": {"type": "string", "format": "date-time"},
        "joinOpensAt": {"type": "string", "format": "date-time"},
    }

    def __init__(self, start_time: str, join_opens_at: str) -> None:
        super().__init__(
            f"The meeting has not started: it starts at {start_time}; "
            f"joining opens at {join_opens_at}."
        )
        self.start_time, self.join_opens_at = start_time, join_opens_at

    def fields(self) -> dict[str, Any]:
        return {"startTime": self.start_time, "joinOpensAt": self.join_opens_at}


class MeetingFinished(Conflict):
    """The meeting is ENDED or CANCELLED and can no longer change."""

    code = "meeting_finished"
    message = "The meeting is over and can no longer change."


class MessageIdConflict(Conflict):
    """A different message was already sent with this id."""

    code = "message_id_conflict"
    message = "A different message was already sent with this id."


class AdmissionAlreadyDecided(Conflict):
    """Another host decided the admission request the other way first."""

    code = "admission_already_decided"
    message = "Another host already decided this request."


class RoomNameUnavailable(Conflict):
    """No free room name was found for the meeting; trying again will do."""

    code = "room_name_unavailable"
    message = "Could not find a free room name; try again."


# 410


class MeetingOver(Gone):
    """The meeting is ENDED, CANCELLED or past its end time."""

    code = "meeting_over"
    message = "The meeting has ended."


class AdmissionExpired(Gone):
    """The guest stopped polling, or left: hosts no longer see the request."""

    code = "admission_expired"
    message = "The admission request has expired."


# 422


class ValidationFailed(InvalidInput):
    """The request does not match its schema; `details` name the fields."""

    code = "validation_error"
    message = "The request is not valid."


class EmailRequired(InvalidInput):
    """The meeting is private: the token request needs the invited email."""

    code = "email_required"
    message = "This meeting is private: give the email address you were invited with."


class InvalidCursor(InvalidInput):
    """The cursor, or the message id paged from, is not one this listing returned."""

    code = "invalid_cursor"
    message = "cursor is not valid; pass nextCursor from a previous page"


class InvalidTimeRange(InvalidInput):
    """The times are out of reach, in the past, or the end is not after the start."""

    code = "invalid_time_range"


class InvalidMessageText(InvalidInput):
    """The chat text is empty, too long or holds characters that are not allowed."""

    code = "invalid_message_text"


class InvalidPaging(InvalidInput):
    """Paging parameters that cannot be combined (`after` with `before` or `latest`)."""

    code = "invalid_paging"
    message = "Give after, or before/latest, not both."


class InvalidExtension(InvalidInput):
    """An extension of the meeting's end by anything but 15 or 30 minutes."""

    code = "invalid_extension"
    message = "A meeting can be extended by 15 or 30 minutes."


# 429 (all with Retry-After)


class TooManyAttempts(TooManyRequests):
    """Too many failed joins from this client on this meeting; the right password waits too."""

    code = "too_many_attempts"
    message = "Too many failed attempts to join this meeting; try again later."


class TooManyLookups(TooManyRequests):
    """Too many lookups of room names that do not exist from this client."""

    code = "too_many_lookups"
    message = "Too many lookups of rooms that do not exist; try again later."


class ChatRateLimited(TooManyRequests):
    """Chat messages sent too fast, by this participant or in this meeting."""

    code = "chat_rate_limited"
    message = "You are sending messages too fast; wait a moment."


class TooManyAdminFailures(TooManyRequests):
    """Too many wrong admin keys from this client; the right key waits too."""

    code = "too_many_admin_failures"
    message = "Too many wrong admin keys from this address; try again later."


# 503 (all with Retry-After)


class DatabaseUnavailable(ServiceUnavailable):
    """The database could not be reached, dropped the connection mid-request, or is
    too busy (no connection free in time, or a statement ran past its timeout)."""

    code = "database_unavailable"
    message = "The database is unavailable; try again shortly."
    BUSY = "The database is busy; try again shortly."


class LiveKitUnavailable(ServiceUnavailable):
    """LiveKit's room service failed."""

    code = "livekit_unavailable"
    message = "LiveKit's room service failed; try again shortly."


class AdminKeyNotConfigured(ServiceUnavailable):
    """No admin API key is configured, so no admin request can be let in."""

    code = "admin_key_not_configured"
    message = "The admin API key is not configured."


class SecretUnavailable(ServiceUnavailable):
    """A configured secret could not be read, or does not have the expected shape."""

    code = "secret_unavailable"

    def __init__(self, what: str) -> None:
        super().__init__(f"The {what} is unavailable; try again shortly.")


def error_classes() -> list[type[MeetError]]:
    """Every error with a code of its own: the codes the API can answer."""
    found: list[type[MeetError]] = []
    pending: list[type[MeetError]] = [MeetError]
    while pending:
        cls = pending.pop()
        if cls not in STATUS_CLASSES:
            found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: (cls.status, cls.code))


# What the framework's own HTTP errors (unknown path, wrong method, unreadable body)
# answer with.
_FRAMEWORK_ERRORS: dict[int, type[MeetError]] = {
    cls.status: cls
    for cls in (
        MalformedBody,
        RouteNotFound,
        MethodNotAllowed,
        PayloadTooLarge,
        UnsupportedMediaType,
    )
}


def error_body(
    code: str,
    message: str,
    details: list[Any] | None = None,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, **(fields or {})}
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
            error_body(exc.code, exc.message, exc.details, exc.fields()),
            status_code=exc.status,
            headers=exc.headers(),
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            error_body(ValidationFailed.code, ValidationFailed.message, _validation_details(exc)),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        known = _FRAMEWORK_ERRORS.get(exc.status_code)
        code = known.code if known is not None else "error"
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
            error_body(ValidationFailed.code, "A value in the request cannot be stored."),
            status_code=422,
        )

    @app.exception_handler(psycopg.errors.QueryCanceled)
    async def _too_slow(request: Request, exc: psycopg.errors.QueryCanceled) -> JSONResponse:
        # A statement ran past the statement timeout (most often waiting for a lock):
        # the database is busy, not broken; the transaction was rolled back.
        logger.warning("statement timed out", extra={"error": type(exc).__name__})
        return await _meet_error(request, DatabaseUnavailable(DatabaseUnavailable.BUSY))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return JSONResponse(error_body("internal", "Internal server error."), status_code=500)
