"""The join token's signature is PyJWT's, byte for byte, without importing PyJWT."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from tokens.livekit_token import join_claims, sign_hs256

SECRET = "unit-secret-that-is-long-enough-for-hs256"


@pytest.mark.parametrize("name", ["", "Alex", 'Zoë 🎉 "quoted" <b> \\ / \u2028'])
@pytest.mark.parametrize("room_admin", [False, True])
@pytest.mark.parametrize("max_participants", [None, 7])
def test_the_token_is_what_pyjwt_writes(
    name: str, room_admin: bool, max_participants: int | None
) -> None:
    claims = join_claims(
        api_key="unit-key",
        room="team-sync-a1b2",
        identity="alex-0123456789ab",
        name=name,
        room_admin=room_admin,
        max_participants=max_participants,
        issued_at=1_700_000_000,
        ttl_seconds=900,
    )
    assert sign_hs256(claims, SECRET) == jwt.encode(claims, SECRET, algorithm="HS256")


def test_a_non_ascii_secret_is_encoded_as_pyjwt_encodes_it() -> None:
    claims: dict[str, Any] = {"sub": "x", "exp": 1}
    secret = "sécret-that-is-long-enough-for-hs256-🎉"
    assert sign_hs256(claims, secret) == jwt.encode(claims, secret, algorithm="HS256")
