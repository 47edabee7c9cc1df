"""One real request per Lambda function, as API Gateway (or EventBridge) would send
it, against the rows ``seed`` puts in the benchmark's database. The cold-start and
warm-latency benchmarks both use these.

``seed`` inserts MEETINGS meetings (the meeting list pages through them), a public
ACTIVE meeting to join, and allowlist entries. ``event(name)`` builds a fresh event:
webhook deliveries get a new event id each time (the function applies each id once).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from livekit import api

from bench.support import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support import livekit_webhooks as lk
from tests.support.apigw import rest_event
from tests.support.meeting_rows import insert_meeting

MEETINGS = 1_000
# Each function's Lambda entry point, in the order the tables print them.
FUNCTIONS = ("meetings", "tokens", "participants", "messages", "webhook", "lifecycle")


@dataclass(frozen=True)
class Seeded:
    meeting: dict[str, Any]
    guest_token: str


def seed(database_url: str) -> Seeded:
    now = datetime.now(UTC)
    rows = [
        (
            uuid.uuid4(),
            f"Bench {i}",
            f"bench-{i:05d}-{uuid.uuid4().hex[:6]}",
            "SCHEDULED",
            now + timedelta(days=1, minutes=i),
            now + timedelta(days=1, minutes=i + 30),
        )
        for i in range(MEETINGS)
    ]
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO meetings (id, title, room_name, status, start_time, end_time, "
            "password, host_key) VALUES (%s, %s, %s, %s, %s, %s, 'pw', 'hk')",
            rows,
        )
    meeting = insert_meeting(database_url, title="Bench join", is_public=True)
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO meeting_participants (meeting_id, email) VALUES (%s, %s)",
            [(meeting["id"], f"guest{i}@example.com") for i in range(50)],
        )
    guest = (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity("bench-guest")
        .with_name("Bench Guest")
        .with_grants(api.VideoGrants(room_join=True, room=meeting["room_name"]))
        .with_ttl(timedelta(hours=1))
        .to_jwt()
    )
    return Seeded(meeting, guest)


def _webhook(seeded: Seeded) -> dict[str, Any]:
    kind = "participant_joined"
    message = lk.event(
        kind,
        seeded.meeting["room_name"],
        identity=f"bench-{uuid.uuid4().hex[:8]}",
        name="Bench",
        joined_at=int(datetime.now(UTC).timestamp()),
    )
    delivery = lk.delivery(message, LIVEKIT_KEY, LIVEKIT_SECRET)
    return rest_event(
        "POST", "/api/livekit/webhook", raw_body=delivery.body, headers=delivery.headers
    )


def events(seeded: Seeded) -> dict[str, Callable[[], dict[str, Any]]]:
    """For each function, a maker of the event its benchmark request sends."""
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    meeting = seeded.meeting
    return {
        "meetings": lambda: rest_event(
            "GET", "/api/meetings", headers=admin, query={"limit": "100"}
        ),
        "tokens": lambda: rest_event(
            "POST",
            f"/api/meetings/{meeting['id']}/token",
            body={"password": meeting["password"], "name": "Bench Guest"},
        ),
        "participants": lambda: rest_event(
            "GET", f"/api/meetings/{meeting['id']}/participants", headers=admin
        ),
        "messages": lambda: rest_event(
            "POST",
            "/api/messages",
            headers={"Authorization": f"Bearer {seeded.guest_token}"},
            body={"roomName": meeting["room_name"], "text": "Hello from the benchmark"},
        ),
        "webhook": lambda: _webhook(seeded),
        # EventBridge's rate(1 minute) rule: a pass with nothing due.
        "lifecycle": lambda: {
            "source": "aws.events",
            "detail-type": "Scheduled Event",
            "detail": {},
        },
    }


def succeeded(function: str, response: dict[str, Any]) -> bool:
    if function == "lifecycle":
        return "statusCode" not in response
    return 200 <= int(response["statusCode"]) < 300
