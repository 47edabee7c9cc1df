"""Checks that a webhook comes from LiveKit: the JWT in ``Authorization`` is signed with
our API secret, is unexpired, and its ``sha256`` claim is the hash of the raw body.

The body must be the bytes API Gateway delivered (Mangum has already undone any
base64 encoding); parsing it as JSON first would change what is hashed.
"""

from __future__ import annotations

import hashlib

from google.protobuf import json_format
from livekit import api
from livekit.protocol.webhook import WebhookEvent

from meet_common.errors import WebhookEventInvalid, WebhookSignatureInvalid
from meet_common.secrets import livekit_credentials

_NOT_SIGNED = "The webhook is not signed by LiveKit, or its signature has expired."


def _bare_token(authorization: str | None) -> str:
    # LiveKit sends the bare JWT; a "Bearer " prefix is accepted too.
    token = (authorization or "").strip()
    if token[:7].lower() == "bearer ":
        token = token[7:].strip()
    if not token:
        raise WebhookSignatureInvalid(_NOT_SIGNED)
    return token


def verify(body: bytes, authorization: str | None) -> WebhookEvent:
    """The event the body carries; ``WebhookSignatureInvalid`` unless LiveKit signed
    exactly this body."""
    token = _bare_token(authorization)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookSignatureInvalid(_NOT_SIGNED) from None
    credentials = livekit_credentials()
    receiver = api.WebhookReceiver(api.TokenVerifier(credentials.api_key, credentials.api_secret))
    try:
        return receiver.receive(text, token)
    except json_format.ParseError:
        # Signed by LiveKit, yet not an event: nothing to apply and nothing to retry.
        raise WebhookEventInvalid() from None
    except Exception:  # the SDK raises jwt errors of several kinds, and plain Exception
        raise WebhookSignatureInvalid(_NOT_SIGNED) from None


def event_id(event: WebhookEvent, body: bytes) -> str:
    """LiveKit's event id; a body without one is known by its hash, so a redelivery of
    it is still recognised."""
    return event.id or "sha256:" + hashlib.sha256(body).hexdigest()
