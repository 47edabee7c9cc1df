"""Mints the LiveKit access token a participant joins one room with."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from livekit import api
from livekit.protocol.room import RoomConfiguration

from meet_common.livekit_rooms import room_configuration
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
    max_participants: int | None = None,
) -> JoinToken:
    """A join token for one room. It carries no private data (LiveKit shows a token's
    attributes and metadata to everyone in the room: the service keeps the email), and
    it carries the room configuration: a join auto-creates a closed room from the
    token's ``roomConfig`` (livekit-server pkg/service/roomallocator.go), and without
    one the room would get the server's defaults instead of the meeting's limits."""
    grants = api.VideoGrants(
        room_join=True,
        room=room,
        can_publish=True,
        can_subscribe=True,
        can_publish_data=True,
        # A page raises its hand by setting its own `hand` attribute (livekit-client
        # setAttributes): LiveKit refuses that without this grant.
        can_update_own_metadata=True,
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
    config: RoomConfiguration = room_configuration(max_participants)
    token = builder.with_room_config(config).to_jwt()
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
