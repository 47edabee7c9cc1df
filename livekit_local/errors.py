"""Errors the local LiveKit answers with, as the real server does.

RoomService errors are Twirp errors: a code and a message, sent as JSON
``{"code", "msg"}`` with the HTTP status Twirp gives the code
(github.com/twitchtv/twirp errors.go ``ServerHTTPStatusFromErrorCode``).
livekit-server raises psrpc errors (pkg/service/errors.go), which Twirp maps
to the same code names.

Errors of the ``/rtc`` signalling endpoint are plain HTTP statuses with the
error text as body (pkg/service/utils.go ``HandleError``).
"""

from __future__ import annotations

TWIRP_STATUS = {
    "canceled": 408,
    "invalid_argument": 400,
    "malformed": 400,
    "deadline_exceeded": 408,
    "not_found": 404,
    "bad_route": 404,
    "already_exists": 409,
    "permission_denied": 403,
    "unauthenticated": 401,
    "resource_exhausted": 429,
    "failed_precondition": 412,
    "aborted": 409,
    "out_of_range": 400,
    "unimplemented": 501,
    "internal": 500,
    "unavailable": 503,
    "dataloss": 500,
    "unknown": 500,
}


class TwirpError(Exception):
    """A RoomService failure with its Twirp code (``not_found``, ``unavailable``, ...)."""

    def __init__(self, code: str, msg: str) -> None:
        super().__init__(f"{code}: {msg}")
        self.code, self.msg = code, msg

    @property
    def status(self) -> int:
        return TWIRP_STATUS.get(self.code, 500)


# livekit-server pkg/service/errors.go, with the psrpc codes they carry.
def room_not_found() -> TwirpError:
    return TwirpError("not_found", "requested room does not exist")


def participant_not_found() -> TwirpError:
    return TwirpError("not_found", "participant does not exist")


def remote_unmute_not_enabled() -> TwirpError:
    return TwirpError("failed_precondition", "remote unmute not enabled")


def no_response() -> TwirpError:
    # psrpc ErrNoResponse: a request to a topic nobody serves (a participant or
    # room that is not live on any node) times out after the client's retries.
    return TwirpError("unavailable", "no response from servers")


class RtcError(Exception):
    """A refused ``/rtc`` connection: the HTTP status and body the server sends
    before (instead of) upgrading to a WebSocket."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class JoinRefused(Exception):
    """The room refused the participant after the session started
    (pkg/rtc/room.go ``Join``: room closed, max participants). The real server
    answers the WebSocket with a ``LeaveRequest`` whose reason is ``reason``."""

    def __init__(self, message: str, reason: int) -> None:
        super().__init__(message)
        self.message, self.reason = message, reason
