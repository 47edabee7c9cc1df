"""Mints the LiveKit access token a participant joins one room with."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from livekit import api

from meet_common.secrets import LiveKitCredentials
from meet_common.settings import Settings


@dataclass(frozen=True)
class JoinToken:
    jwt: str
    expires_at: datetime


def mint_join_token(
    settings: Settings,
    credentials: LiveKitCredentials,
    *,
    room: str,
    identity: str,
    name: str,
    room_admin: bool,
    email: str | None = None,
) -> JoinToken:
    grants = api.VideoGrants(
        room_join=True,
        room=room,
        can_publish=True,
        can_subscribe=True,
        can_publish_data=True,
        # Absent (not false) for guests: the claim appears only on host tokens.
        room_admin=True if room_admin else None,
    )
    builder = (
        api.AccessToken(credentials.api_key, credentials.api_secret)
        .with_identity(identity)
        .with_name(name)
        .with_grants(grants)
        .with_ttl(timedelta(seconds=settings.token_ttl_seconds))
    )
    if email:
        # LiveKit echoes attributes in its webhooks: attendance learns who joined.
        builder = builder.with_attributes({"email": email})
    token = builder.to_jwt()
    # The SDK stamps nbf/exp from its own clock; report the expiry it actually signed.
    return JoinToken(token, datetime.fromtimestamp(int(_payload_of(token)["exp"]), UTC))


def _payload_of(token: str) -> dict[str, Any]:
    """The claims of a JWT minted just above. Nothing to verify (it is ours), so the
    payload segment is decoded directly: PyJWT's decode checks the token character by
    character in Python, which cost more than signing it."""
    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return claims
