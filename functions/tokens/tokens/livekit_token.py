"""Mints the LiveKit access token a participant joins one room with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from livekit import api

from meet_common.settings import Settings


@dataclass(frozen=True)
class JoinToken:
    jwt: str
    expires_at: datetime


def mint_join_token(
    settings: Settings, *, room: str, identity: str, name: str, room_admin: bool
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
    token = (
        api.AccessToken(settings.livekit_api_key, settings.livekit_api_secret.get_secret_value())
        .with_identity(identity)
        .with_name(name)
        .with_grants(grants)
        .with_ttl(timedelta(seconds=settings.token_ttl_seconds))
        .to_jwt()
    )
    # The SDK stamps nbf/exp from its own clock; report the expiry it actually signed.
    claims = jwt.decode(token, options={"verify_signature": False})
    return JoinToken(token, datetime.fromtimestamp(int(claims["exp"]), UTC))
