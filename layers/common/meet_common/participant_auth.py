"""Participants authenticate with the LiveKit token they joined with.

Chat and host moderation take ``Authorization: Bearer <LiveKit JWT>``. The token is
checked with the SDK's ``TokenVerifier`` (signature, issuer = our API key, expiry)
and must be for the room the request names: no, forged or expired token → 401
``participant_token_invalid``; a token for another room → 403 ``wrong_room``.
LiveKit refreshes a connected client's token about every 5 minutes (livekit-server
pkg/service/roommanager.go ``refreshToken``): the same identity, name, grants and
room configuration, signed with the same key, valid for at least 10 more minutes.
Such a token is accepted like the one the service issued, so a page that swaps in
the refreshed token keeps working past the first one's expiry.

A token whose identity a host removed from the meeting is refused (403
``removed_from_meeting``) by ``ensure_not_barred``, which routes call inside their
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from livekit import api

from meet_common.auth import bearer_token
from meet_common.db import Connection
from meet_common.errors import (
    DatabaseUnavailable,
    ParticipantRemoved,
    ParticipantTokenInvalid,
    SecretUnavailable,
    WrongRoom,
)
from meet_common.repo import identities
from meet_common.secrets import livekit_credentials

# What a participant route may answer before its own work (the removal check reads
# the database).
PARTICIPANT_ERRORS = (
    ParticipantTokenInvalid,
    WrongRoom,
    ParticipantRemoved,
    DatabaseUnavailable,
    SecretUnavailable,
)


@dataclass(frozen=True)
class Participant:
    identity: str
    name: str
    room: str
    is_admin: bool


def verify_participant_token(token: str | None, room_name: str) -> Participant:
    if not token:
        raise ParticipantTokenInvalid()
    credentials = livekit_credentials()
    verifier = api.TokenVerifier(credentials.api_key, credentials.api_secret)
    try:
        claims = verifier.verify(token)
    except Exception:  # the SDK raises several jwt errors and plain Exception
        raise ParticipantTokenInvalid("The token is invalid or has expired.") from None
    video = claims.video
    if video is None or not video.room_join or not claims.identity:
        raise ParticipantTokenInvalid("The token does not grant joining a room.")
    if video.room != room_name:
        raise WrongRoom()
    return Participant(
        identity=claims.identity,
        name=claims.name or claims.identity,
        room=video.room,
        is_admin=bool(video.room_admin),
    )


# A scheme of its own, so OpenAPI tells participant routes apart from admin ones.
_participant_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="LiveKitToken",
    description="The participant's LiveKit access token for the room the request names",
)


def participant_credentials(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_participant_bearer)],
) -> str | None:
    """FastAPI dependency: the raw bearer token, checked later against the named room."""
    return bearer_token(credentials)


def ensure_not_barred(conn: Connection, participant: Participant) -> None:
    """403 ``removed_from_meeting`` when a host removed this identity from the meeting."""
    if identities.is_barred(conn, participant.room, participant.identity):
        raise ParticipantRemoved()
