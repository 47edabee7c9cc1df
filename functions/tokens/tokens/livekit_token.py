"""Mints the LiveKit access token a participant joins one room with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
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
    claims = jwt.decode(token, options={"verify_signature": False})
    return JoinToken(token, datetime.fromtimestamp(int(claims["exp"]), UTC))
