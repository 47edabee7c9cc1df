"""Participants authenticate with the LiveKit token they joined with.

Chat and host moderation take ``Authorization: Bearer <LiveKit JWT>``. The token is
checked with the SDK's ``TokenVerifier`` (signature, issuer = our API key, expiry)
and must be for the room the request names: no, forged or expired token → 401; a
token for another room → 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from livekit import api

from meet_common.auth import bearer_token
from meet_common.errors import Forbidden, Unauthorized
from meet_common.secrets import livekit_credentials


@dataclass(frozen=True)
class Participant:
    identity: str
    name: str
    room: str
    is_admin: bool


def verify_participant_token(token: str | None, room_name: str) -> Participant:
    if not token:
        raise Unauthorized("A LiveKit token for this room is required.")
    credentials = livekit_credentials()
    verifier = api.TokenVerifier(credentials.api_key, credentials.api_secret)
    try:
        claims = verifier.verify(token)
    except Exception:  # the SDK raises several jwt errors and plain Exception
        raise Unauthorized("The token is invalid or has expired.") from None
    video = claims.video
    if video is None or not video.room_join or not claims.identity:
        raise Unauthorized("The token does not grant joining a room.")
    if video.room != room_name:
        raise Forbidden("The token is for another room.")
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
