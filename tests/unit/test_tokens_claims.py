"""The join token signed directly carries exactly what livekit-api's AccessToken
would write for the same inputs: same header, same claims, same verification."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from livekit import api
from pydantic import SecretStr

from meet_common.livekit_rooms import room_configuration
from meet_common.secrets import LiveKitCredentials
from meet_common.settings import Settings
from tokens.livekit_token import mint_join_token

KEY, SECRET = "unit-key", "unit-secret-that-is-long-enough-for-hs256"
TTL = 900


def sdk_token(
    *, room: str, identity: str, name: str, room_admin: bool, max_participants: int | None
) -> str:
    """What the service minted before, through the SDK's builder."""
    grants = api.VideoGrants(
        room_join=True,
        room=room,
        can_publish=True,
        can_subscribe=True,
        can_publish_data=True,
        can_update_own_metadata=True,
        room_admin=True if room_admin else None,
    )
    return (
        api.AccessToken(KEY, SECRET)
        .with_identity(identity)
        .with_name(name)
        .with_grants(grants)
        .with_ttl(timedelta(seconds=TTL))
        .with_room_config(room_configuration(max_participants))
        .to_jwt()
    )


@pytest.mark.parametrize("room_admin", [False, True])
@pytest.mark.parametrize("max_participants", [None, 0, 7])
@pytest.mark.parametrize("name", ["Alex", 'Zoë 🎉 "quoted" <b>'])
def test_claims_equal_the_sdks_for_the_same_inputs(
    room_admin: bool, max_participants: int | None, name: str
) -> None:
    settings = Settings(
        livekit_api_key=KEY, livekit_api_secret=SecretStr(SECRET), token_ttl_seconds=TTL
    )
    room, identity = "team-sync-a1b2", "alex-0123456789ab"
    ours = mint_join_token(
        settings,
        LiveKitCredentials(KEY, SECRET),
        room=room,
        identity=identity,
        name=name,
        room_admin=room_admin,
        max_participants=max_participants,
    ).jwt
    theirs = sdk_token(
        room=room,
        identity=identity,
        name=name,
        room_admin=room_admin,
        max_participants=max_participants,
    )

    assert jwt.get_unverified_header(ours) == jwt.get_unverified_header(theirs)
    our_claims = jwt.decode(ours, SECRET, algorithms=["HS256"], issuer=KEY)
    their_claims = jwt.decode(theirs, SECRET, algorithms=["HS256"], issuer=KEY)
    # Signed within the same second or two: the times may differ by that much only.
    for claim in ("nbf", "exp"):
        assert abs(our_claims.pop(claim) - their_claims.pop(claim)) <= 1
    assert our_claims == their_claims
    assert list(our_claims) == list(their_claims)  # the same order, so the same size
    # And the SDK reads ours back to the same grants and room configuration.
    verifier = api.TokenVerifier(KEY, SECRET)
    assert verifier.verify(ours) == verifier.verify(theirs)
