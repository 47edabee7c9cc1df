"""Checks that a webhook comes from LiveKit: the JWT in ``Authorization`` is signed with
our API secret, is unexpired, and its ``sha256`` claim is the hash of the raw body.

The body must be the bytes API Gateway delivered (Mangum has already undone any
base64 encoding); parsing it as JSON first would change what is hashed.

The checks are those of livekit-api's ``WebhookReceiver.receive`` with its
``TokenVerifier`` (livekit/api/webhook.py, access_token.py), which LiveKit's own
receiver matches (protocol webhook/verifier.go ``Receive``): the token check
``livekit_jwt.decode_claims`` (TokenVerifier's, with PyJWT), then the claim against
the body's SHA-256. The SDK's
``TokenVerifier`` also turns each grant claim into a dataclass (and a ``roomConfig``
into a protobuf message), which costs as much as the check itself and which a
webhook token, carrying none of them, does not need: a token that does carry one is
handed to the SDK as before, so what such a claim could make it refuse, it still
refuses the same way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from google.protobuf import json_format

from meet_common.errors import WebhookEventInvalid, WebhookSignatureInvalid
from meet_common.livekit_jwt import decode_claims
from meet_common.secrets import livekit_credentials
from webhook.event import Event, from_message, parse

# The claims TokenVerifier.verify builds objects from (and may fail on); a token with
# any of them goes through the SDK itself.
GRANT_CLAIMS = frozenset(
    {
        "video",
        "sip",
        "inference",
        "observability",
        "agent",
        "agentEndpoint",
        "agentThread",
        "roomConfig",
    }
)

_NOT_SIGNED = "The webhook is not signed by LiveKit, or its signature has expired."


def _bare_token(authorization: str | None) -> str:
    # LiveKit sends the bare JWT; a "Bearer " prefix is accepted too.
    token = (authorization or "").strip()
    if token[:7].lower() == "bearer ":
        token = token[7:].strip()
    if not token:
        raise WebhookSignatureInvalid(_NOT_SIGNED)
    return token


def _through_sdk(text: str, token: str, api_key: str, api_secret: str) -> Event:
    from livekit import api

    receiver = api.WebhookReceiver(api.TokenVerifier(api_key, api_secret))
    return from_message(receiver.receive(text, token))


def _receive(text: str, body: bytes, token: str, api_key: str, api_secret: str) -> Event:
    """WebhookReceiver.receive (livekit/api/webhook.py), step for step."""
    claims = decode_claims(token, api_key, api_secret)
    if not GRANT_CLAIMS.isdisjoint(claims):
        return _through_sdk(text, token, api_key, api_secret)
    digest = claims.get("sha256", "")
    if not digest:
        raise ValueError("sha256 was not found in the token")
    # Not validating, as the SDK's: characters outside the alphabet are dropped.
    claimed = base64.b64decode(digest)
    # Constant time, as LiveKit's verifier compares (webhook/verifier.go).
    if not hmac.compare_digest(hashlib.sha256(body).digest(), claimed):
        raise ValueError("hash mismatch")
    return parse(text)


def verify(body: bytes, authorization: str | None) -> Event:
    """The event the body carries; ``WebhookSignatureInvalid`` unless LiveKit signed
    exactly this body, ``WebhookEventInvalid`` when what it signed is not an event."""
    token = _bare_token(authorization)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookSignatureInvalid(_NOT_SIGNED) from None
    credentials = livekit_credentials()
    try:
        return _receive(text, body, token, credentials.api_key, credentials.api_secret)
    except json_format.ParseError:
        # Signed by LiveKit, yet not an event: nothing to apply and nothing to retry.
        raise WebhookEventInvalid() from None
    except Exception:  # jwt errors of several kinds, and plain ValueError / TypeError
        raise WebhookSignatureInvalid(_NOT_SIGNED) from None


def event_id(event: Event, body: bytes) -> str:
    """LiveKit's event id; a body without one is known by its hash, so a redelivery of
    it is still recognised."""
    return event.id or "sha256:" + hashlib.sha256(body).hexdigest()
