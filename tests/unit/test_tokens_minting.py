"""The LiveKit token itself: claims, grants and lifetime, read back with the SDK."""

from __future__ import annotations

from datetime import UTC, datetime

import jwt
import pytest
from livekit import api
from pydantic import SecretStr

from meet_common.secrets import LiveKitCredentials
from meet_common.settings import Settings
from tokens.livekit_token import mint_join_token

KEY, SECRET = "unit-key", "unit-secret-that-is-long-enough-for-hs256"
CREDENTIALS = LiveKitCredentials(KEY, SECRET)


@pytest.fixture
def settings() -> Settings:
    return Settings(
        livekit_api_key=KEY, livekit_api_secret=SecretStr(SECRET), token_ttl_seconds=900
    )


def test_guest_token_grants_join_publish_subscribe_and_data_for_one_room(
    settings: Settings,
) -> None:
    minted = mint_join_token(
        settings,
        CREDENTIALS,
        room="team-sync-a1b2",
        identity="alex-0123456789ab",
        name="Alex",
        room_admin=False,
    )

    claims = api.TokenVerifier(KEY, SECRET).verify(minted.jwt)
    assert claims.identity == "alex-0123456789ab"
    assert claims.name == "Alex"
    assert claims.video is not None
    assert claims.video.room == "team-sync-a1b2"
    assert claims.video.room_join is True
    assert (claims.video.can_publish, claims.video.can_subscribe) == (True, True)
    assert claims.video.can_publish_data is True
    assert claims.video.can_update_own_metadata is True
    assert claims.video.room_admin is None
    assert not claims.video.room_create
    assert not claims.video.room_list


def test_host_token_adds_room_admin(settings: Settings) -> None:
    minted = mint_join_token(
        settings, CREDENTIALS, room="r", identity="h-1", name="Host", room_admin=True
    )
    video = api.TokenVerifier(KEY, SECRET).verify(minted.jwt).video
    assert video is not None
    assert video.room_admin is True


def test_lifetime_is_the_configured_ttl_and_expires_at_is_the_signed_expiry() -> None:
    settings = Settings(
        livekit_api_key=KEY, livekit_api_secret=SecretStr(SECRET), token_ttl_seconds=120
    )
    minted = mint_join_token(
        settings, CREDENTIALS, room="r", identity="a-1", name="A", room_admin=False
    )

    payload = jwt.decode(minted.jwt, SECRET, algorithms=["HS256"], issuer=KEY)
    assert payload["exp"] - payload["nbf"] == 120
    assert minted.expires_at == datetime.fromtimestamp(payload["exp"], UTC)
    assert minted.expires_at.tzinfo is not None


def test_a_token_signed_with_another_secret_does_not_verify(settings: Settings) -> None:
    minted = mint_join_token(
        settings, CREDENTIALS, room="r", identity="a-1", name="A", room_admin=False
    )
    with pytest.raises(jwt.InvalidSignatureError):
        api.TokenVerifier(KEY, "another-secret-that-is-long-enough").verify(minted.jwt)


def test_a_token_carries_the_room_configuration_and_no_private_data(
    settings: Settings,
) -> None:
    from meet_common.livekit_rooms import DEPARTURE_TIMEOUT_SECONDS, EMPTY_TIMEOUT_SECONDS

    limited = mint_join_token(
        settings,
        CREDENTIALS,
        room="r",
        identity="a-1",
        name="A",
        room_admin=False,
        max_participants=7,
    )
    unlimited = mint_join_token(
        settings, CREDENTIALS, room="r", identity="b-1", name="B", room_admin=False
    )

    claims = api.TokenVerifier(KEY, SECRET).verify(limited.jwt)
    assert claims.room_config is not None
    assert claims.room_config.max_participants == 7
    assert claims.room_config.empty_timeout == EMPTY_TIMEOUT_SECONDS
    assert claims.room_config.departure_timeout == DEPARTURE_TIMEOUT_SECONDS
    other = api.TokenVerifier(KEY, SECRET).verify(unlimited.jwt).room_config
    assert other is not None
    assert other.max_participants == 0  # the server's own limit
    # Everyone in the room sees attributes and metadata: the token has none.
    payload = jwt.decode(limited.jwt, SECRET, algorithms=["HS256"], issuer=KEY)
    assert "attributes" not in payload
    assert "metadata" not in payload
