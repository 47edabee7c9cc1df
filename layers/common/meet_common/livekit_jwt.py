"""Checking a LiveKit-signed JWT as livekit-api's ``TokenVerifier.verify`` does
(livekit/api/access_token.py; livekit-server's check is the same, protocol
auth/verifier.go ``Verify``): HS256 only, signed with our secret, issued by our API
key, ``exp`` required, a minute's leeway either side.

PyJWT directly rather than the SDK class: ``livekit.api`` pulls in aiohttp, protobuf
and every service client, a cost on the cold start of functions that need none of it
(participant routes, the webhook). What the SDK does after this check (building grant
objects) is each caller's to repeat as far as it matters to it.
"""

from __future__ import annotations

from typing import Any

import jwt

# livekit-api access_token.py DEFAULT_LEEWAY, and protocol auth/verifier.go's
# tokenLeeway: a minute either side for clocks that disagree.
LEEWAY_SECONDS = 60.0


def decode_claims(token: str, api_key: str, api_secret: str) -> dict[str, Any]:
    """The claims of a valid token; raises (PyJWT's errors, or ValueError without
    credentials) for anything else."""
    if not api_key or not api_secret:
        raise ValueError("api_key and api_secret must be set")
    claims: dict[str, Any] = jwt.decode(
        token,
        key=api_secret,
        issuer=api_key,
        algorithms=["HS256"],
        leeway=LEEWAY_SECONDS,
        options={"verify_signature": True, "require": ["exp"]},
    )
    return claims
