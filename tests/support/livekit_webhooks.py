"""LiveKit webhooks as LiveKit sends them: a protobuf-JSON ``WebhookEvent`` body
(camelCase keys, int64 values as strings), ``Content-Type: application/webhook+json``
and ``Authorization: <bare JWT>`` whose ``sha256`` claim is base64(sha256(body)),
signed with the real SDK."""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from google.protobuf.json_format import MessageToJson
from livekit import api
from livekit.protocol.models import ParticipantInfo, Room
from livekit.protocol.webhook import WebhookEvent


def event(
    kind: str,
    room: str,
    *,
    identity: str | None = None,
    name: str = "",
    sid: str | None = None,
    joined_at: int = 0,
    created_at: int | None = None,
    event_id: str | None = None,
    attributes: dict[str, str] | None = None,
) -> WebhookEvent:
    """A WebhookEvent; ``identity`` makes it carry a participant."""
    message = WebhookEvent(
        event=kind,
        id=event_id if event_id is not None else f"EV_{uuid.uuid4().hex[:12]}",
        created_at=created_at if created_at is not None else int(time.time()),
        room=Room(sid=f"RM_{room}", name=room),
    )
    if identity is not None:
        message.participant.CopyFrom(
            ParticipantInfo(
                sid=sid or f"PA_{identity}",
                identity=identity,
                name=name,
                joined_at=joined_at,
                state=ParticipantInfo.State.ACTIVE,
                attributes=attributes or {},
            )
        )
    return message


def body_of(message: WebhookEvent) -> str:
    return MessageToJson(message)


def sign(body: str, key: str, secret: str, *, ttl: timedelta = timedelta(minutes=5)) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return api.AccessToken(key, secret).with_sha256(digest).with_ttl(ttl).to_jwt()


@dataclass
class Delivery:
    body: str
    headers: dict[str, str]


def delivery(message: WebhookEvent, key: str, secret: str) -> Delivery:
    body = body_of(message)
    return Delivery(
        body,
        {"Content-Type": "application/webhook+json", "Authorization": sign(body, key, secret)},
    )
