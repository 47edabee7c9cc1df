"""Mints the LiveKit access token a participant joins one room with."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from meet_common.livekit_rooms import DEPARTURE_TIMEOUT_SECONDS, EMPTY_TIMEOUT_SECONDS
from meet_common.secrets import LiveKitCredentials
from meet_common.settings import Settings

# The JOSE header PyJWT writes for HS256 (api_jws.py encode: its keys sorted, compact).
_HEADER = b'{"alg":"HS256","typ":"JWT"}'

# The grants of every join token, in the order livekit-api's VideoGrants lists them.
_GUEST_GRANTS = {
    "roomJoin": True,
    "canPublish": True,
    "canSubscribe": True,
    "canPublishData": True,
    # A page raises its hand by setting its own `hand` attribute (livekit-client
    # setAttributes): LiveKit refuses that without this grant.
    "canUpdateOwnMetadata": True,
}


@dataclass(frozen=True)
class JoinToken:
    jwt: str
    expires_at: datetime


def join_claims(
    *,
    api_key: str,
    room: str,
    identity: str,
    name: str,
    room_admin: bool,
    max_participants: int | None,
    issued_at: int,
    ttl_seconds: int,
) -> dict[str, Any]:
    """The claims livekit-api's ``AccessToken`` writes for a join token (a test holds
    them equal): it leaves out empty and zero values, so ``roomAdmin`` appears only on
    host tokens and ``maxParticipants`` only when the meeting has a limit."""
    video: dict[str, Any] = {"roomAdmin": True} if room_admin else {}
    video["roomJoin"] = True
    video["room"] = room
    video.update(_GUEST_GRANTS)
    config: dict[str, int] = {
        "emptyTimeout": EMPTY_TIMEOUT_SECONDS,
        "departureTimeout": DEPARTURE_TIMEOUT_SECONDS,
    }
    if max_participants:
        config["maxParticipants"] = max_participants
    claims: dict[str, Any] = {"name": name} if name else {}
    claims.update(
        video=video,
        roomConfig=config,
        sub=identity,
        iss=api_key,
        nbf=issued_at,
        exp=issued_at + ttl_seconds,
    )
    return claims


def mint_join_token(
    settings: Settings,
    credentials: LiveKitCredentials,
    *,
    room: str,
    identity: str,
    name: str,
    room_admin: bool,
    max_participants: int | None = None,
) -> JoinToken:
    """A join token for one room. It carries no private data (LiveKit shows a token's
    attributes and metadata to everyone in the room: the service keeps the email), and
    it carries the room configuration: a join auto-creates a closed room from the
    token's ``roomConfig`` (livekit-server pkg/service/roomallocator.go), and without
    one the room would get the server's defaults instead of the meeting's limits.

    Signed directly: building it through ``AccessToken`` (dataclasses, protobuf to
    dict) cost over ten times the signature."""
    if not identity or not room:
        raise ValueError("identity and room must be set when joining a room")
    issued_at = int(time.time())
    claims = join_claims(
        api_key=credentials.api_key,
        room=room,
        identity=identity,
        name=name,
        room_admin=room_admin,
        max_participants=max_participants,
        issued_at=issued_at,
        ttl_seconds=settings.token_ttl_seconds,
    )
    token = sign_hs256(claims, credentials.api_secret)
    return JoinToken(token, datetime.fromtimestamp(claims["exp"], UTC))


def _b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign_hs256(claims: dict[str, Any], secret: str) -> str:
    """The HS256 JWT of ``claims``, byte for byte what ``jwt.encode(claims, secret,
    algorithm="HS256")`` writes (PyJWT api_jwt.py and api_jws.py ``encode``; a test
    holds them equal). With the standard library alone: importing PyJWT loads
    ``cryptography`` wherever it is installed (jwt/algorithms.py, for the RSA and EC
    algorithms), a cost on a join's cold start that an HMAC does not need."""
    payload = json.dumps(claims, separators=(",", ":")).encode()
    signing_input = _b64url(_HEADER) + b"." + _b64url(payload)
    signature = hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + _b64url(signature)).decode()
