"""Hostile input in every text field: a clear 4xx in the error shape, or a correct round
trip; never a 500 and never a half-written row. Bodies over the limit are a 413."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import jwt
import pytest
from fastapi.testclient import TestClient

from devserver.app import build_api_app
from livekit_local.server import LiveKitServer
from meet_common.db import Database
from meet_common.settings import get_settings
from meetings.handler import handler as meetings_handler
from tests.conftest import ADMIN_KEY, LIVEKIT_KEY, LIVEKIT_SECRET
from tests.reliability.conftest import LiveMeeting, assert_error_shape
from tests.support import livekit_webhooks as hooks
from tests.support.apigw import invoke
from tests.support.meeting_rows import count_rows

PAYLOADS = {
    "sql": "Robert'); DROP TABLE meetings;--",
    "sql_wildcards": "%_\\' OR '1'='1",
    "mixed_scripts": "Zoë Ωμέγα Москва 東京 مرحبا שלום हिन्दी",
    "emoji": "🎉 👩‍👩‍👧‍👦 🏳️‍🌈",
    "rtl_override": "abc\u202edcba",
    "control": "bell\x07esc\x1b[31m",
    "nul": "nul\x00byte",
    "lone_surrogate": "\ud800",
    "megabyte": "x" * 1_000_000,
}
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def json_body(value: Any) -> bytes:
    # ensure_ascii keeps lone surrogates as \\ud800 escapes, as a hostile client sends them
    return json.dumps(value).encode()


def in_url(value: str) -> str:
    # API Gateway takes URLs up to 10 kB (and HTTP servers little more): a long value
    # in a URL is 8 kB, not a megabyte.
    return quote(value[:8_000], safe="", errors="surrogatepass")


@dataclass
class Outcome:
    status: int
    body: Any
    stored: Any = None  # what the service kept, read back through the API
    expected: Any = None  # what a correct round trip keeps


Sender = Callable[[TestClient, LiveMeeting, str], Outcome]


def _post(client: TestClient, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.post(
        path, content=json_body(body), headers={**headers, "Content-Type": "application/json"}
    )


def _answer(response: Any) -> tuple[int, Any]:
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, None


def _meeting_field(field: str) -> Sender:
    def send(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
        start = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        response = _post(
            client, "/api/meetings", {"title": "Fine", "startTime": start, field: value}, ADMIN
        )
        status, body = _answer(response)
        if status != 201:
            return Outcome(status, body)
        read = client.get(f"/api/meetings/{body['id']}", headers=ADMIN).json()
        return Outcome(status, body, stored=read[field], expected=value)

    return send


def _instant_title(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
    status, body = _answer(_post(client, "/api/meetings/instant", {"title": value}, ADMIN))
    if status != 201:
        return Outcome(status, body)
    read = client.get(f"/api/meetings/{body['id']}", headers=ADMIN).json()
    return Outcome(status, body, stored=read["title"], expected=value)


def _patch_field(field: str) -> Sender:
    def send(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
        response = client.patch(
            f"/api/meetings/{meeting.id}",
            content=json_body({field: value}),
            headers={**ADMIN, "Content-Type": "application/json"},
        )
        status, body = _answer(response)
        if status != 200:
            return Outcome(status, body)
        read = client.get(f"/api/meetings/{meeting.id}", headers=ADMIN).json()
        return Outcome(status, body, stored=read[field], expected=value)

    return send


def _invitee(field: str) -> Sender:
    def send(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
        invitee = {"email": f"ann-{uuid.uuid4().hex[:8]}@example.com", "name": "Ann"}
        invitee[field] = value
        path = f"/api/meetings/{meeting.id}/participants"
        status, body = _answer(_post(client, path, invitee, ADMIN))
        if status != 201:
            return Outcome(status, body)
        listed = client.get(path, headers=ADMIN).json()["participants"]
        email = invitee["email"].lower()
        stored = next(entry[field] for entry in listed if entry["email"] == email)
        return Outcome(
            status,
            body,
            stored=stored,
            expected=invitee[field].lower() if field == "email" else value,
        )

    return send


def _token_field(field: str) -> Sender:
    def send(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
        request = {"password": "pw-live-1234", "name": "Guest", field: value}
        path = f"/api/meetings/{meeting.id}/token"
        status, body = _answer(_post(client, path, request, {}))
        if status != 200 or field != "name":
            return Outcome(status, body)
        claims = jwt.decode(body["token"], options={"verify_signature": False})
        return Outcome(status, body, stored=claims["name"], expected=value.strip())

    return send


def _message_text(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
    auth = {"Authorization": f"Bearer {meeting.guest_token()}"}
    request = {"roomName": meeting.room, "text": value}
    status, body = _answer(_post(client, "/api/messages", request, auth))
    if status != 201:
        return Outcome(status, body)
    page = client.get("/api/messages", params={"roomName": meeting.room}, headers=auth).json()
    return Outcome(status, body, stored=page["messages"][-1]["text"], expected=value.strip())


def _message_room(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
    auth = {"Authorization": f"Bearer {meeting.guest_token()}"}
    return Outcome(
        *_answer(_post(client, "/api/messages", {"roomName": value, "text": "hi"}, auth))
    )


def _mute_track(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
    auth = {"Authorization": f"Bearer {meeting.host_token()}"}
    path = f"/api/rooms/{meeting.room}/participants/someone/mute"
    return Outcome(*_answer(_post(client, path, {"trackSid": value}, auth)))


def _url(template: str, auth: Callable[[LiveMeeting], dict[str, str]]) -> Sender:
    def send(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
        url = template.format(id=meeting.id, room=meeting.room, value=in_url(value))
        method = "DELETE" if url.startswith("DELETE ") else "GET"
        url = url.removeprefix("DELETE ")
        return Outcome(*_answer(client.request(method, url, headers=auth(meeting))))

    return send


def _admin(_: LiveMeeting) -> dict[str, str]:
    return ADMIN


def _guest(meeting: LiveMeeting) -> dict[str, str]:
    return {"Authorization": f"Bearer {meeting.guest_token()}"}


def _host(meeting: LiveMeeting) -> dict[str, str]:
    return {"Authorization": f"Bearer {meeting.host_token()}"}


def _webhook_name(client: TestClient, meeting: LiveMeeting, value: str) -> Outcome:
    try:
        event = hooks.event("participant_joined", meeting.room, identity="guest-x", name=value)
        delivery = hooks.delivery(event, LIVEKIT_KEY, LIVEKIT_SECRET)
    except (UnicodeEncodeError, ValueError):  # protobuf cannot carry a lone surrogate
        return Outcome(400, {"error": {"code": "skipped", "message": "unsendable"}})
    response = client.post("/api/livekit/webhook", content=delivery.body, headers=delivery.headers)
    status, body = _answer(response)
    if status != 200:
        return Outcome(status, body)
    read = client.get(f"/api/meetings/{meeting.id}/attendance", headers=ADMIN).json()
    # LiveKit signed it: the event is applied (a 4xx would lose it), minus any NUL,
    # which PostgreSQL text cannot hold.
    kept = value.replace("\x00", "")
    return Outcome(status, body, stored=read["attendance"][0]["name"], expected=kept)


FIELDS: dict[str, Sender] = {
    "meeting title": _meeting_field("title"),
    "meeting description": _meeting_field("description"),
    "meeting password": _meeting_field("password"),
    "instant meeting title": _instant_title,
    "patched title": _patch_field("title"),
    "patched description": _patch_field("description"),
    "patched password": _patch_field("password"),
    "invitee email": _invitee("email"),
    "invitee name": _invitee("name"),
    "token name": _token_field("name"),
    "token password": _token_field("password"),
    "token email": _token_field("email"),
    "token host key": _token_field("hostKey"),
    "message text": _message_text,
    "message room": _message_room,
    "mute track sid": _mute_track,
    "webhook participant name": _webhook_name,
    "meetings roomName query": _url("/api/meetings?roomName={value}", _admin),
    "meetings cursor query": _url("/api/meetings?cursor={value}", _admin),
    "meeting id path": _url("/api/meetings/{value}", _admin),
    "room name path": _url("/api/rooms/{value}", _admin),
    "allowlist email query": _url("DELETE /api/meetings/{id}/participants?email={value}", _admin),
    "messages roomName query": _url("/api/messages?roomName={value}", _guest),
    "messages after query": _url("/api/messages?roomName={room}&after={value}", _guest),
    "moderated identity path": _url("/api/rooms/{room}/participants/{value}/remove", _host),
}


@pytest.fixture
def client(db: Database, fake_livekit: LiveKitServer) -> Iterator[TestClient]:
    with TestClient(build_api_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("field", list(FIELDS))
def test_hostile_text_is_refused_clearly_or_kept_exactly(
    field: str, client: TestClient, live_meeting: LiveMeeting, database_url: str
) -> None:
    send = FIELDS[field]
    problems = []
    for name, value in PAYLOADS.items():
        meetings_before = count_rows(database_url, "meetings")
        outcome = send(client, live_meeting, value)
        if outcome.status >= 500:
            problems.append(f"{name}: {outcome.status} {str(outcome.body)[:200]}")
        elif outcome.status >= 400:
            assert_error_shape(outcome.body)
            if count_rows(database_url, "meetings") != meetings_before:
                problems.append(f"{name}: refused with {outcome.status} but a meeting was written")
        elif outcome.stored != outcome.expected:
            problems.append(f"{name}: {outcome.status} but kept {str(outcome.stored)[:80]!r}")
        if name in {"nul", "lone_surrogate"} and outcome.expected == PAYLOADS[name]:
            problems.append(f"{name}: PostgreSQL text cannot hold it, yet it was accepted")
    assert not problems, "\n".join(problems)


def _big_meeting(size: int) -> bytes:
    start = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    body = json_body({"title": "Big", "startTime": start, "description": ""})
    return body[:-1] + b" " * (size - len(body)) + body[-1:]


def test_a_body_over_the_limit_is_refused_with_413_before_anything_is_written(
    client: TestClient, database_url: str
) -> None:
    limit = get_settings().max_request_body_bytes
    headers = {**ADMIN, "Content-Type": "application/json"}

    at_limit = client.post("/api/meetings", content=_big_meeting(limit), headers=headers)
    over = client.post("/api/meetings", content=_big_meeting(limit + 1), headers=headers)

    assert at_limit.status_code == 201
    assert over.status_code == 413
    assert_error_shape(over.json())
    assert over.json()["error"]["code"] == "payload_too_large"
    assert count_rows(database_url, "meetings") == 1


def test_a_streamed_body_without_content_length_is_counted_and_refused(
    client: TestClient, database_url: str
) -> None:
    limit = get_settings().max_request_body_bytes
    body = _big_meeting(limit + 10)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 65_536):
            yield body[start : start + 65_536]

    def small() -> Iterator[bytes]:
        yield _big_meeting(2_000)

    headers = {**ADMIN, "Content-Type": "application/json"}
    refused = client.post("/api/meetings", content=chunks(), headers=headers)
    accepted = client.post("/api/meetings", content=small(), headers=headers)

    assert refused.status_code == 413
    assert_error_shape(refused.json())
    assert accepted.status_code == 201
    assert count_rows(database_url, "meetings") == 1


def test_the_lambda_entry_point_refuses_an_oversized_body_too(
    db: Database, database_url: str
) -> None:
    limit = get_settings().max_request_body_bytes
    response = invoke(
        meetings_handler,
        "POST",
        "/api/meetings",
        headers={**ADMIN, "Content-Type": "application/json"},
        raw_body=_big_meeting(limit + 1).decode(),
    )
    assert response.status == 413
    assert_error_shape(response.json())
    assert count_rows(database_url, "meetings") == 0


def test_the_limit_is_documented_on_every_operation_with_a_body() -> None:
    document = build_api_app().openapi()
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    ]
    assert len(operations) >= 8
    for path, method, operation in operations:
        assert {"400", "413"} <= set(operation["responses"]), (method, path)
