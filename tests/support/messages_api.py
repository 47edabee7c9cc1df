"""The messages function called through its real Lambda entry point, with LiveKit
tokens minted here as the tokens function would mint them."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from livekit import api

from meet_common.db import Database
from meet_common.repo import meetings as meetings_repo
from messages.handler import handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import LambdaResponse, invoke


def add_meeting(db: Database, *, status: str = "ACTIVE", ended_at: datetime | None = None) -> str:
    """A meeting row with a fresh room name; returns the room name."""
    now = datetime.now(UTC)
    room = f"chat-{secrets.token_hex(3)}"
    with db.transaction() as conn:
        meetings_repo.insert(
            conn,
            {
                "id": uuid.uuid4(),
                "title": "Chat test",
                "room_name": room,
                "status": status,
                "start_time": now - timedelta(minutes=30),
                "end_time": now + timedelta(minutes=30),
                "ended_at": ended_at,
                "password": "pw-123456",
                "host_key": "hk-" + secrets.token_hex(8),
            },
        )
    return room


def mint(
    room: str,
    identity: str = "ada-1",
    name: str = "Ada",
    *,
    ttl: timedelta = timedelta(minutes=15),
    secret: str = LIVEKIT_SECRET,
) -> str:
    return (
        api.AccessToken(LIVEKIT_KEY, secret)
        .with_identity(identity)
        .with_name(name)
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .with_ttl(ttl)
        .to_jwt()
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post(token: str | None, body: Any = None, **kwargs: Any) -> LambdaResponse:
    headers = {**(bearer(token) if token else {}), **kwargs.pop("headers", {})}
    return invoke(handler, "POST", "/api/messages", headers=headers, body=body, **kwargs)


def get(token: str | None, room: str, **query: Any) -> LambdaResponse:
    headers = bearer(token) if token else {}
    return invoke(
        handler, "GET", "/api/messages", headers=headers, query={"roomName": room, **query}
    )


def send(token: str, room: str, text: str, **fields: Any) -> dict[str, Any]:
    response = post(token, {"roomName": room, "text": text, **fields})
    assert response.status == 201, response.body
    return dict(response.json())


def stored_rows(database_url: str, room: str) -> list[dict[str, Any]]:
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(
            "SELECT * FROM messages WHERE room_name = %s ORDER BY seq", (room,)
        ).fetchall()


def texts(response: LambdaResponse) -> list[str]:
    assert response.status == 200, response.body
    return [m["text"] for m in response.json()["messages"]]
