"""Participants authenticate with the LiveKit token they joined with.

Chat and host moderation take ``Authorization: Bearer <LiveKit JWT>``. The token is
checked as livekit-api's ``TokenVerifier`` checks it (signature, issuer = our API key,
expiry) and must be for the room the request names: no, forged or expired token → 401
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

import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from meet_common.auth import bearer_token
from meet_common.db import Connection
from meet_common.errors import (
    DatabaseUnavailable,
    ParticipantRemoved,
    ParticipantTokenInvalid,
    SecretUnavailable,
    WrongRoom,
)
from meet_common.livekit_jwt import decode_claims
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


# The grant objects livekit-api's TokenVerifier.verify builds from a token's claims:
# each must be a JSON object when present (its ``.items()`` fails otherwise, and the
# token is refused), ``video``, ``sip``, ``inference`` and ``observability`` even when
# present as null.
_GRANT_OBJECTS = ("video", "sip", "inference", "observability")
_OPTIONAL_GRANT_OBJECTS = ("agent", "agentEndpoint", "agentThread")


def _camel_to_snake(name: str) -> str:
    """livekit-api access_token.py ``camel_to_snake``: how it maps a grant's key."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _decode(token: str, api_key: str, api_secret: str) -> dict[str, Any]:
    """The claims of a valid token, checked as livekit-api's ``TokenVerifier`` checks
    it (``livekit_jwt.decode_claims``), its grants then held to the shapes the SDK
    builds objects from. Raises for anything else."""
    claims = decode_claims(token, api_key, api_secret)
    # The SDK then builds its grant objects; a signed token whose grants are not
    # objects fails there, so it fails here too. (It also parses roomConfig into its
    # protobuf message, which refuses a field of the wrong type; only a token signed
    # with our secret could carry one, and only this service and LiveKit hold it.)
    for key in _GRANT_OBJECTS:
        if not isinstance(claims.get(key, {}), dict):
            raise ValueError(f"{key} is not an object")
    for key in _OPTIONAL_GRANT_OBJECTS:
        if claims.get(key) is not None and not isinstance(claims[key], dict):
            raise ValueError(f"{key} is not an object")
    if claims.get("roomConfig") and not isinstance(claims["roomConfig"], dict):
        raise ValueError("roomConfig is not an object")
    return claims


def verify_participant_token(token: str | None, room_name: str) -> Participant:
    if not token:
        raise ParticipantTokenInvalid()
    credentials = livekit_credentials()
    try:
        claims = _decode(token, credentials.api_key, credentials.api_secret)
    except Exception:  # PyJWT raises several errors, the grant checks ValueError
        raise ParticipantTokenInvalid("The token is invalid or has expired.") from None
    # The SDK's VideoGrants: its keys in snake case, the last of two spellings winning.
    video = {_camel_to_snake(key): value for key, value in claims.get("video", {}).items()}
    identity = claims.get("sub", "")
    if not video.get("room_join") or not identity:
        raise ParticipantTokenInvalid("The token does not grant joining a room.")
    room = video.get("room", "")
    if room != room_name:
        raise WrongRoom()
    return Participant(
        identity=identity,
        name=claims.get("name", "") or identity,
        room=room,
        is_admin=bool(video.get("room_admin")),
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
