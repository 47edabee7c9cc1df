"""Who may call what: every route in /api/openapi.json tried with every kind of caller.

The expected answer of each (route, caller) pair is written out below; a route added
to the API without a row here fails the test, so none is forgotten.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from devserver.app import build_api_app
from livekit_local.server import LiveKitServer
from meet_common.db import Database
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.reliability.conftest import LiveMeeting, assert_error_shape, livekit_token
from tests.support import livekit_webhooks as hooks
from tests.support.meeting_rows import insert_meeting

# The callers, in the order each route meets them: the ones that succeed come last,
# so a DELETE or a removal does not change what an earlier caller sees.
CALLERS = [
    "none",  # no Authorization header
    "wrong_admin_key",  # Bearer <not the admin key>
    "expired",  # the room's host token, expired
    "other_room",  # a host token for another meeting's room
    "webhook_signature",  # a LiveKit webhook JWT (sha256 claim, no room grant)
    "guest",  # the room's guest token
    "host",  # the room's host token (room_admin)
    "admin",  # the admin key
]


def admin_only(ok: int) -> dict[str, int]:
    """Admin routes: only the admin key; any LiveKit token is no admin key (401)."""
    return {
        "none": 401,
        "wrong_admin_key": 401,
        "expired": 401,
        "other_room": 401,
        "webhook_signature": 401,
        "guest": 401,
        "host": 401,
        "admin": ok,
    }


def anyone(ok: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, ok)


CHAT = {
    "none": 401,
    "wrong_admin_key": 401,  # not a LiveKit token at all
    "expired": 401,
    "other_room": 403,
    "webhook_signature": 401,  # grants no room
    "admin": 401,
}
MODERATION = {**CHAT, "guest": 403}

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/health"): anyone(200),
    ("GET", "/api/meetings"): admin_only(200),
    ("POST", "/api/meetings"): admin_only(201),
    ("POST", "/api/meetings/instant"): admin_only(201),
    ("GET", "/api/meetings/{meeting_id}"): admin_only(200),
    ("PATCH", "/api/meetings/{meeting_id}"): admin_only(200),
    ("DELETE", "/api/meetings/{meeting_id}"): admin_only(204),
    ("POST", "/api/meetings/{meeting_id}/end"): admin_only(200),
    ("GET", "/api/meetings/{meeting_id}/invite.ics"): admin_only(200),
    ("GET", "/api/meetings/{meeting_id}/participants"): admin_only(200),
    ("POST", "/api/meetings/{meeting_id}/participants"): admin_only(201),
    ("DELETE", "/api/meetings/{meeting_id}/participants"): admin_only(204),
    ("GET", "/api/meetings/{meeting_id}/attendance"): admin_only(200),
    ("GET", "/api/scheduler"): admin_only(200),
    ("POST", "/api/scheduler"): admin_only(200),
    ("GET", "/api/rooms/{room_name}"): anyone(200),
    ("POST", "/api/meetings/{meeting_id}/token"): anyone(200),  # the password decides
    ("GET", "/api/messages"): {**CHAT, "guest": 200, "host": 200},
    ("POST", "/api/messages"): {**CHAT, "guest": 201, "host": 201},
    ("POST", "/api/rooms/{room_name}/participants/{identity}/mute"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/participants/{identity}/remove"): {
        **MODERATION,
        "host": 204,
    },
    # A host's controls over the whole meeting: a host's or co-host's token only.
    ("POST", "/api/rooms/{room_name}/end"): {**MODERATION, "host": 204},
    ("POST", "/api/rooms/{room_name}/mute-all"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/lock"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/unlock"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/extend"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/participants/{identity}/cohost"): {
        **MODERATION,
        "host": 204,
    },
    ("POST", "/api/rooms/{room_name}/participants/{identity}/lower-hand"): {
        **MODERATION,
        "host": 204,
    },
    # Waiting room: hosts' routes like moderation (no such request: 404 for the host);
    # the guest's routes take only the request's secret, which nobody here has.
    ("GET", "/api/rooms/{room_name}/admissions"): {**MODERATION, "host": 200},
    ("POST", "/api/rooms/{room_name}/admissions/{admission_id}/admit"): {
        **MODERATION,
        "host": 404,
    },
    ("POST", "/api/rooms/{room_name}/admissions/{admission_id}/deny"): {
        **MODERATION,
        "host": 404,
    },
    ("GET", "/api/admissions/{admission_id}"): {**anyone(404), "none": 401},
    ("DELETE", "/api/admissions/{admission_id}"): {**anyone(204), "none": 401},
    # LiveKit's signature over the body is the only credential the webhook takes.
    ("POST", "/api/livekit/webhook"): {**anyone(401), "webhook_signature": 200},
}


def refusal_code(route: str, caller: str, status: int) -> str:
    """The error code of each refusal in the matrix: the pages branch on these."""
    if route == "/api/livekit/webhook":
        return "webhook_signature_invalid"
    if route.startswith("/api/admissions"):
        # Only the request's secret opens these; a wrong one finds no request.
        return "admission_secret_missing" if status == 401 else "admission_not_found"
    # Routes under a room (moderation, host controls, the waiting room) take the
    # caller's LiveKit token.
    if route.startswith(("/api/messages", "/api/rooms/{room_name}/")):
        if status == 404 and "/admissions" in route:
            return "admission_not_found"  # the host's decision on a request that is not there
        if status == 403:
            return "host_only" if caller == "guest" else "wrong_room"
        return "participant_token_invalid"
    return "admin_key_invalid"


@dataclass
class Request:
    path: str
    query: dict[str, str] | None = None
    body: Any = None
    raw: str | None = None
    content_type: str = "application/json"


def _well_formed(method: str, route: str, meeting: LiveMeeting, webhook_body: str) -> Request:
    """A request that is right in everything but, perhaps, its credentials."""
    path = route.format(
        meeting_id=meeting.id,
        room_name=meeting.room,
        identity="bob",
        admission_id="00000000-0000-4000-8000-000000000000",
    )
    start = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    if route == "/api/meetings" and method == "POST":
        return Request(path, body={"title": "Matrix", "startTime": start})
    if route.endswith("/participants") and method == "POST":
        return Request(path, body={"email": "carol@example.com"})
    if route.endswith("/participants") and method == "DELETE":
        return Request(path, query={"email": "ann@example.com"})
    if method == "PATCH":
        return Request(path, body={"title": "Renamed"})
    if route.endswith("/token"):
        return Request(path, body={"password": "pw-live-1234", "name": "Dana"})
    if route == "/api/messages":
        if method == "GET":
            return Request(path, query={"roomName": meeting.room})
        return Request(path, body={"roomName": meeting.room, "text": "hello"})
    if route.endswith("/mute"):
        return Request(path, body={})
    if route.endswith("/extend"):
        return Request(path, body={"minutes": 15})
    if route == "/api/livekit/webhook":
        return Request(path, raw=webhook_body, content_type="application/webhook+json")
    return Request(path)


def _credentials(meeting: LiveMeeting, other_room: str, webhook_body: str) -> dict[str, str]:
    return {
        "wrong_admin_key": "Bearer not-the-admin-key",
        "expired": livekit_token(
            meeting.room, identity="host-1", admin=True, ttl=timedelta(seconds=-60)
        ),
        "other_room": livekit_token(other_room, identity="host-2", admin=True),
        "webhook_signature": hooks.sign(webhook_body, LIVEKIT_KEY, LIVEKIT_SECRET),
        "guest": meeting.guest_token(),
        "host": meeting.host_token(),
        "admin": ADMIN_KEY,
    }


@functools.cache
def _api() -> FastAPI:
    return build_api_app()


@pytest.fixture
def client(db: Database, fake_livekit: LiveKitServer) -> Iterator[TestClient]:
    with TestClient(_api(), raise_server_exceptions=False) as test_client:
        yield test_client


def _documented_routes() -> set[tuple[str, str]]:
    document = _api().openapi()
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_the_matrix_covers_every_documented_route() -> None:
    assert set(MATRIX) == _documented_routes()
    for expected in MATRIX.values():
        assert set(expected) == set(CALLERS)


def _statuses_documented(method: str, route: str) -> set[int]:
    operation = _api().openapi()["paths"][route][method.lower()]
    return {int(status) for status in operation["responses"]}


@pytest.mark.parametrize(("method", "route"), list(MATRIX), ids=lambda v: str(v))
def test_each_caller_gets_the_documented_answer(
    method: str,
    route: str,
    client: TestClient,
    live_meeting: LiveMeeting,
    database_url: str,
    fake_livekit: LiveKitServer,
) -> None:
    other = insert_meeting(database_url, password="pw-other-1234")
    fake_livekit.add_participant(live_meeting.room, "bob", "Bob", track_sids=("TR_bob_mic",))
    client.post(
        f"/api/meetings/{live_meeting.id}/participants",
        json={"email": "ann@example.com"},
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
    )
    event = hooks.event("participant_joined", live_meeting.room, identity="bob", name="Bob")
    webhook_body = hooks.body_of(event)
    credentials = _credentials(live_meeting, str(other["room_name"]), webhook_body)
    documented = _statuses_documented(method, route)

    answers: dict[str, int] = {}
    codes: dict[str, str] = {}
    for caller in CALLERS:
        request = _well_formed(method, route, live_meeting, webhook_body)
        headers = {"Content-Type": request.content_type}
        if caller in credentials:
            token = credentials[caller]
            bare = route == "/api/livekit/webhook" or token.startswith("Bearer ")
            headers["Authorization"] = token if bare else f"Bearer {token}"
        content = request.raw if request.raw is not None else json.dumps(request.body)
        response = client.request(
            method,
            request.path,
            params=request.query,
            content=content if request.body is not None or request.raw is not None else None,
            headers=headers,
        )
        answers[caller] = response.status_code
        assert response.status_code in documented, (caller, response.status_code, documented)
        if response.status_code >= 400:
            assert_error_shape(response.json())
            codes[caller] = response.json()["error"]["code"]

    assert answers == MATRIX[(method, route)]
    assert codes == {
        caller: refusal_code(route, caller, status)
        for caller, status in answers.items()
        if status >= 400
    }
