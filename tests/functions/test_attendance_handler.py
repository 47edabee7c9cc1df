"""GET /api/meetings/{id}/attendance through the participants function's Lambda entry
point, with attendance written by signed webhooks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from participants.handler import handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support import livekit_webhooks as lk
from tests.support.apigw import invoke
from tests.support.meeting_rows import insert_meeting
from tokens.handler import handler as tokens_handler
from webhook.handler import handler as webhook_handler

pytestmark = pytest.mark.usefixtures("db")


def deliver(message: Any) -> None:
    sent = lk.delivery(message, LIVEKIT_KEY, LIVEKIT_SECRET)
    response = invoke(
        webhook_handler, "POST", "/api/livekit/webhook", raw_body=sent.body, headers=sent.headers
    )
    assert response.status == 200, response.body


def test_attendance_lists_who_joined_when_and_for_how_long(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url)
    room = meeting["room_name"]
    issued = invoke(
        tokens_handler,
        "POST",
        f"/api/meetings/{meeting['id']}/token",
        body={"password": meeting["password"], "name": "Ada", "email": "Ada@Example.com"},
    )
    assert issued.status == 200, issued.body
    ada_identity = issued.json()["identity"]
    t0 = int((datetime.now(UTC) - timedelta(minutes=30)).timestamp())
    deliver(
        lk.event(
            "participant_joined",
            room,
            identity=ada_identity,
            name="Ada",
            created_at=t0,
            # Whatever a participant's attributes say, the email is the service's record.
            attributes={"email": "someone-else@example.com"},
        )
    )
    deliver(lk.event("participant_joined", room, identity="bob-2", name="Bob", created_at=t0 + 60))
    deliver(lk.event("participant_left", room, identity=ada_identity, created_at=t0 + 600))

    response = invoke(
        handler, "GET", f"/api/meetings/{meeting['id']}/attendance", headers=admin_headers
    )

    assert response.status == 200, response.body
    ada, bob = response.json()["attendance"]
    assert ada == {
        "identity": ada_identity,
        "name": "Ada",
        "email": "ada@example.com",
        "joinedAt": datetime.fromtimestamp(t0, UTC).isoformat().replace("+00:00", "Z"),
        "leftAt": datetime.fromtimestamp(t0 + 600, UTC).isoformat().replace("+00:00", "Z"),
        "durationSeconds": 600,
    }
    assert (bob["identity"], bob["name"], bob["email"], bob["leftAt"]) == (
        "bob-2",
        "Bob",
        None,
        None,
    )
    # Still in: the time so far.
    assert 29 * 60 - 60 <= bob["durationSeconds"] <= 31 * 60


def test_a_meeting_nobody_joined_has_empty_attendance(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = insert_meeting(database_url)

    response = invoke(
        handler, "GET", f"/api/meetings/{meeting['id']}/attendance", headers=admin_headers
    )

    assert response.status == 200
    assert response.json() == {"attendance": [], "nextCursor": None}


# A named id for the random one: every process of a parallel run must collect the same tests.
@pytest.mark.parametrize(
    "meeting_id", [pytest.param(str(uuid.uuid4()), id="unknown-uuid"), "not-a-uuid"]
)
def test_attendance_of_an_unknown_meeting_is_a_404(
    meeting_id: str, admin_headers: dict[str, str]
) -> None:
    response = invoke(
        handler, "GET", f"/api/meetings/{meeting_id}/attendance", headers=admin_headers
    )

    assert response.status == 404
    assert response.json()["error"]["code"] == "meeting_not_found"


def test_attendance_needs_the_admin_key(database_url: str) -> None:
    meeting = insert_meeting(database_url)

    response = invoke(handler, "GET", f"/api/meetings/{meeting['id']}/attendance")

    assert response.status == 401
    assert response.json()["error"]["code"] == "admin_key_invalid"
