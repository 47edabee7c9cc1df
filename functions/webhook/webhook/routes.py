"""HTTP routes of the webhook function: ``POST /api/livekit/webhook``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from meet_common.deps import Db, Now
from meet_common.errors import (
    DatabaseUnavailable,
    SecretUnavailable,
    WebhookEventInvalid,
    WebhookSignatureInvalid,
)
from meet_common.schema import error_responses
from webhook import service, signature
from webhook.models import WebhookReceipt

router = APIRouter(tags=["webhook"])


async def raw_body(request: Request) -> bytes:
    """The body exactly as delivered: the signature covers these bytes, not parsed JSON."""
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": "A LiveKit WebhookEvent in protobuf JSON (camelCase keys).",
        "content": {"application/webhook+json": {"schema": {"type": "object"}}},
    }
}


@router.post(
    "/api/livekit/webhook",
    response_model=WebhookReceipt,
    responses=error_responses(
        WebhookEventInvalid, WebhookSignatureInvalid, DatabaseUnavailable, SecretUnavailable
    ),
    summary="Receive a signed LiveKit webhook event",
    description=(
        "Verifies the JWT in `Authorization` (its `sha256` claim must match the raw body) "
        "and applies the event once per event id. Events for unknown rooms are accepted "
        "and ignored."
    ),
    openapi_extra=_BODY_DOC,
)
async def receive_livekit_webhook(
    body: RawBody,
    db: Db,
    now: Now,
    authorization: Annotated[
        str | None, Header(description="The JWT LiveKit signs each delivery with")
    ] = None,
) -> WebhookReceipt:
    # An async route: FastAPI would run a sync one, and then its answer's validation,
    # each on a worker thread, and in a Lambda (Mangum) anyio starts a new thread for
    # every invocation: those hops cost more than applying the event.
    event = signature.verify(body, authorization)  # CPU only, and brief
    event_id = signature.event_id(event, body)
    outcome = await db.run(service.apply_event, db, event, event_id=event_id, received_at=now)
    return WebhookReceipt(event=event.event, outcome=outcome)
