"""The waiting room through the real Lambda entry points (meetings, tokens,
participants), against PostgreSQL and the LiveKit stand-in: the option, the guest's
202 and polls, the hosts' list and decisions, expiry on the clock, and who may do what."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from livekit import api
from livekit.api.access_token import Claims
from psycopg.rows import dict_row

from livekit_local.server import LiveKitServer
from meet_common import deps
from meet_common.repo import identities
from meetings.handler import handler as meetings_handler
from participants.app import app as participants_app
from participants.handler import handler as participants_handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET, SECRETS
from tests.support.apigw import LambdaResponse, invoke
from tokens.app import app as tokens_app
from tokens.handler import handler as tokens_handler

pytestmark = pytest.mark.usefixtures("db")


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Iterator[Clock]:
    """The time the tokens and participants functions see."""
    clock = Clock()

    async def now() -> datetime:
        return clock.now

    for app in (tokens_app, participants_app):
        app.dependency_overrides[deps.utc_now] = now
    yield clock
    for app in (tokens_app, participants_app):
        app.dependency_overrides.pop(deps.utc_now, None)


def create_meeting(admin_headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    body = {"title": "Clinic", "startTime": start.isoformat(), "waitingRoom": True, **fields}
    response = invoke(meetings_handler, "POST", "/api/meetings", headers=admin_headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def join(meeting: dict[str, Any], **fields: Any) -> LambdaResponse:
    body = {"password": meeting["password"], "name": "Guest", **fields}
    response = invoke(tokens_handler, "POST", f"/api/meetings/{meeting['id']}/token", body=body)
    if response.status == 202:
        SECRETS.record(response.json()["requestSecret"])
    return response


def wait(meeting: dict[str, Any], **fields: Any) -> dict[str, Any]:
    response = join(meeting, **fields)
    assert response.status == 202, response.body
    return dict(response.json())


def poll(pending: dict[str, Any], secret: str | None = None) -> LambdaResponse:
    secret = pending["requestSecret"] if secret is None else secret
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return invoke(tokens_handler, "GET", f"/api/admissions/{pending['id']}", headers=headers)


def host_call(room: str, token: str | None, method: str = "GET", tail: str = "") -> LambdaResponse:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return invoke(
        participants_handler, method, f"/api/rooms/{room}/admissions{tail}", headers=headers
    )


def decide(room: str, token: str, admission_id: str, action: str) -> LambdaResponse:
    return host_call(room, token, "POST", f"/{admission_id}/{action}")


def code(response: LambdaResponse) -> str:
    return str(response.json()["error"]["code"])


def claims(token: str) -> Claims:
    verified = api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)
    assert verified.video is not None
    return verified


def grants(token: str) -> api.VideoGrants:
    video = claims(token).video
    assert video is not None
    return video


@pytest.fixture
def hosted(admin_headers: dict[str, str], fake_livekit: LiveKitServer) -> dict[str, Any]:
    """A waiting-room meeting with its host connected to the LiveKit room."""
    meeting = create_meeting(admin_headers)
    host = join(meeting, name="Hana Host", hostKey=meeting["hostKey"])
    assert host.status == 200, host.body
    fake_livekit.add_participant(meeting["roomName"], host.json()["identity"], "Hana Host")
    return {"meeting": meeting, "room": meeting["roomName"], "host": host.json()}


def waiting_packets(fake: LiveKitServer) -> list[Any]:
    return [c.request for c in fake.calls_to("SendData") if c.request.topic == "waiting-room"]


# --- the meeting option ------------------------------------------------------------------


def test_waiting_room_is_off_by_default_and_set_by_schedule_patch_and_instant(
    admin_headers: dict[str, str], database_url: str
) -> None:
    plain = create_meeting(admin_headers, waitingRoom=False)
    default = invoke(
        meetings_handler,
        "POST",
        "/api/meetings",
        headers=admin_headers,
        body={"title": "t", "startTime": plain["startTime"]},
    ).json()
    patched = invoke(
        meetings_handler,
        "PATCH",
        f"/api/meetings/{default['id']}",
        headers=admin_headers,
        body={"waitingRoom": True},
    )
    instant = invoke(
        meetings_handler,
        "POST",
        "/api/meetings/instant",
        headers=admin_headers,
        body={"waitingRoom": True},
    )
    bad = invoke(
        meetings_handler,
        "PATCH",
        f"/api/meetings/{default['id']}",
        headers=admin_headers,
        body={"waitingRoom": "yes"},
    )

    assert (plain["waitingRoom"], default["waitingRoom"]) == (False, False)
    assert patched.status == 200
    assert patched.json()["waitingRoom"] is True
    assert instant.status == 201
    assert instant.json()["waitingRoom"] is True
    assert bad.status == 422
    assert code(bad) == "validation_error"
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT waiting_room FROM meetings WHERE id = %s", (default["id"],)
        ).fetchone()
    assert row == (True,)


def test_without_a_waiting_room_a_guest_gets_a_token_at_once(
    admin_headers: dict[str, str],
) -> None:
    meeting = create_meeting(admin_headers, waitingRoom=False)

    assert join(meeting).status == 200


# --- the guest's side ----------------------------------------------------------------------


def test_a_guest_gets_202_with_a_request_and_no_token(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(admin_headers)

    response = join(meeting, name="Gus", email="gus@example.com")

    assert response.status == 202
    body = response.json()
    assert set(body) == {
        "id",
        "requestSecret",
        "status",
        "hostPresent",
        "pollAfterSeconds",
        "expiresAfterSeconds",
    }
    assert body["status"] == "waiting"
    assert body["hostPresent"] is False  # nobody in the room
    assert len(body["requestSecret"]) >= 40
    assert response.headers.get("cache-control") == "no-store"
    assert waiting_packets(fake_livekit) == []  # no host to tell
    with psycopg.connect(database_url) as conn:
        issued = conn.execute("SELECT count(*) FROM issued_identities").fetchone()
        stored = conn.execute(
            "SELECT name, email, status, secret_hash FROM admission_requests"
        ).fetchone()
    assert issued == (0,)
    assert stored is not None
    assert stored[:3] == ("Gus", "gus@example.com", "waiting")
    assert body["requestSecret"].encode() not in bytes(stored[3])  # only a hash is kept


def test_the_host_link_bypasses_the_waiting_room(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers)

    response = join(meeting, hostKey=meeting["hostKey"])

    assert response.status == 200
    assert grants(response.json()["token"]).room_admin is True


def test_wrong_password_on_a_waiting_room_is_still_refused(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers)

    response = join(meeting, password="wrong-password")

    assert response.status == 401


def test_a_private_waiting_room_checks_the_allowlist_first(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(
        admin_headers, isPublic=False, participants=[{"email": "ada@example.com"}]
    )

    assert join(meeting, email="eve@example.com").status == 403
    assert join(meeting, email="ada@example.com").status == 202


def test_hosts_in_the_room_are_told_and_only_they(
    hosted: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    fake_livekit.add_participant(hosted["room"], "someone-else", "Other guest")

    pending = wait(hosted["meeting"], name="Gus")

    assert pending["hostPresent"] is True
    [packet] = waiting_packets(fake_livekit)
    assert list(packet.destination_identities) == [hosted["host"]["identity"]]
    assert b"Gus" not in packet.data  # the host's page fetches the list itself
    assert json.loads(packet.data) == {"type": "admissions-changed"}


def test_polling_while_waiting_says_whether_a_host_is_there(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, clock: Clock
) -> None:
    meeting = create_meeting(admin_headers)
    pending = wait(meeting)

    before = poll(pending)
    host = join(meeting, name="Host", hostKey=meeting["hostKey"]).json()
    fake_livekit.add_participant(meeting["roomName"], host["identity"], "Host")
    after = poll(pending)

    assert before.status == 200
    assert before.json() == {
        "id": pending["id"],
        "status": "waiting",
        "hostPresent": False,
        "pollAfterSeconds": 2,
        "grant": None,
    }
    assert after.json()["hostPresent"] is True


def test_an_admitted_guest_gets_the_token_a_direct_join_would(
    hosted: dict[str, Any], clock: Clock, database_url: str
) -> None:
    pending = wait(hosted["meeting"], name="Gus", email="Gus@Example.com")

    decided = decide(hosted["room"], hosted["host"]["token"], pending["id"], "admit")
    first = poll(pending)
    clock.advance(5)
    again = poll(pending)

    assert decided.status == 200
    assert decided.json()["status"] == "admitted"
    assert first.status == 200
    assert first.json()["status"] == "admitted"
    grant = first.json()["grant"]
    token = claims(grant["token"])
    assert token.identity == grant["identity"] == decided.json()["identity"]
    assert token.identity.startswith("gus-")
    assert token.name == "Gus"
    video = grants(grant["token"])
    assert video.room == hosted["room"]
    assert video.room_join is True
    assert not video.room_admin
    assert grant["roomName"] == hosted["room"]
    # Every poll after the admission answers the same claims.
    assert claims(again.json()["grant"]["token"]).identity == token.identity
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT name, email, is_host FROM issued_identities WHERE identity = %s",
            (token.identity,),
        ).fetchone()
    assert row == ("Gus", "gus@example.com", False)


def test_a_denied_guest_is_told_so(hosted: dict[str, Any], clock: Clock) -> None:
    pending = wait(hosted["meeting"])

    decided = decide(hosted["room"], hosted["host"]["token"], pending["id"], "deny")
    response = poll(pending)

    assert decided.status == 200
    assert decided.json()["status"] == "denied"
    assert response.status == 403
    assert code(response) == "admission_denied"


def test_a_request_not_polled_for_30_seconds_expires(hosted: dict[str, Any], clock: Clock) -> None:
    kept = wait(hosted["meeting"], name="Keeps polling")
    left = wait(hosted["meeting"], name="Closed the tab")
    clock.advance(20)
    assert poll(kept).status == 200
    clock.advance(11)  # 31 s since "left" last polled, 11 s since "kept" did

    listed = host_call(hosted["room"], hosted["host"]["token"])
    admit_left = decide(hosted["room"], hosted["host"]["token"], left["id"], "admit")
    poll_left = poll(left)

    assert [a["name"] for a in listed.json()["admissions"]] == ["Keeps polling"]
    assert admit_left.status == 410
    assert code(admit_left) == "admission_expired"
    assert poll_left.status == 410
    assert code(poll_left) == "admission_expired"
    assert poll(kept).status == 200


def test_a_guest_who_leaves_is_withdrawn_and_hosts_are_told(
    hosted: dict[str, Any], fake_livekit: LiveKitServer, clock: Clock
) -> None:
    pending = wait(hosted["meeting"])
    headers = {"Authorization": f"Bearer {pending['requestSecret']}"}

    left = invoke(tokens_handler, "DELETE", f"/api/admissions/{pending['id']}", headers=headers)

    assert left.status == 204
    assert host_call(hosted["room"], hosted["host"]["token"]).json()["admissions"] == []
    assert len(waiting_packets(fake_livekit)) == 2  # the request, then its withdrawal
    assert code(poll(pending)) == "admission_expired"


def test_polling_after_the_meeting_ended_is_410_meeting_over(
    hosted: dict[str, Any], admin_headers: dict[str, str], clock: Clock
) -> None:
    pending = wait(hosted["meeting"])
    invoke(
        meetings_handler,
        "POST",
        f"/api/meetings/{hosted['meeting']['id']}/end",
        headers=admin_headers,
    )

    response = poll(pending)

    assert response.status == 410
    assert code(response) == "meeting_over"


# --- the hosts' side --------------------------------------------------------------------------


def test_the_host_lists_waiting_guests_with_name_and_email_oldest_first(
    hosted: dict[str, Any], clock: Clock
) -> None:
    first = wait(hosted["meeting"], name="Ada", email="ada@example.com")
    clock.advance(1)
    second = wait(hosted["meeting"], name="Bo")

    response = host_call(hosted["room"], hosted["host"]["token"])

    assert response.status == 200
    listed = response.json()["admissions"]
    assert [(a["id"], a["name"], a["email"]) for a in listed] == [
        (first["id"], "Ada", "ada@example.com"),
        (second["id"], "Bo", None),
    ]
    assert "requestSecret" not in json.dumps(listed)


def test_deciding_twice_keeps_the_first_outcome(hosted: dict[str, Any], clock: Clock) -> None:
    host = hosted["host"]["token"]
    pending = wait(hosted["meeting"])

    first = decide(hosted["room"], host, pending["id"], "admit")
    same = decide(hosted["room"], host, pending["id"], "admit")
    other = decide(hosted["room"], host, pending["id"], "deny")

    assert (first.status, same.status) == (200, 200)
    assert same.json() == first.json()
    assert other.status == 409
    assert code(other) == "admission_already_decided"
    assert poll(pending).json()["status"] == "admitted"


def test_a_decision_is_announced_to_the_hosts(
    hosted: dict[str, Any], fake_livekit: LiveKitServer, clock: Clock
) -> None:
    pending = wait(hosted["meeting"])

    decide(hosted["room"], hosted["host"]["token"], pending["id"], "admit")

    assert len(waiting_packets(fake_livekit)) == 2


def test_unknown_requests_are_404(hosted: dict[str, Any], admin_headers: dict[str, str]) -> None:
    host = hosted["host"]["token"]
    other_meeting = create_meeting(admin_headers)
    elsewhere = wait(other_meeting)

    for admission_id in ("00000000-0000-4000-8000-000000000000", "not-a-uuid", elsewhere["id"]):
        response = decide(hosted["room"], host, admission_id, "admit")
        assert response.status == 404, admission_id
        assert code(response) == "admission_not_found"


# --- who may do what ------------------------------------------------------------------------


def test_a_guest_cannot_list_admit_or_deny(
    hosted: dict[str, Any], fake_livekit: LiveKitServer, clock: Clock
) -> None:
    pending = wait(hosted["meeting"])
    admitted = wait(hosted["meeting"], name="Mallory")
    decide(hosted["room"], hosted["host"]["token"], admitted["id"], "admit")
    guest_token = poll(admitted).json()["grant"]["token"]

    for method, tail in (
        ("GET", ""),
        ("POST", f"/{pending['id']}/admit"),
        ("POST", f"/{pending['id']}/deny"),
    ):
        response = host_call(hosted["room"], guest_token, method, tail)
        assert response.status == 403, tail
        assert code(response) == "host_only"
    assert poll(pending).json()["status"] == "waiting"


def test_another_rooms_host_token_is_wrong_room(
    hosted: dict[str, Any], admin_headers: dict[str, str], clock: Clock
) -> None:
    other = create_meeting(admin_headers)
    other_host = join(other, hostKey=other["hostKey"]).json()["token"]
    pending = wait(hosted["meeting"])

    response = decide(hosted["room"], other_host, pending["id"], "admit")
    listed = host_call(hosted["room"], other_host)

    assert response.status == 403
    assert code(response) == "wrong_room"
    assert listed.status == 403
    assert code(listed) == "wrong_room"
    assert poll(pending).json()["status"] == "waiting"


def test_no_or_a_forged_token_is_401_for_the_host_routes(hosted: dict[str, Any]) -> None:
    forged = api.AccessToken(LIVEKIT_KEY, "not-the-secret-but-long-enough-to-sign").with_grants(
        api.VideoGrants(room_join=True, room=hosted["room"], room_admin=True)
    )
    for token in (None, forged.with_identity("x").to_jwt()):
        response = host_call(hosted["room"], token)
        assert response.status == 401


def test_the_status_needs_the_requests_own_secret(hosted: dict[str, Any], clock: Clock) -> None:
    pending = wait(hosted["meeting"])
    other = wait(hosted["meeting"])

    missing = poll(pending, secret="")
    wrong = poll(pending, secret=other["requestSecret"])
    host_token = poll(pending, secret=hosted["host"]["token"])

    assert missing.status == 401
    assert code(missing) == "admission_secret_missing"
    assert wrong.status == 404
    assert code(wrong) == "admission_not_found"
    assert host_token.status == 404
    assert poll(pending).status == 200


def test_request_secrets_never_reach_the_logs(
    hosted: dict[str, Any], service_log_capture: io.StringIO, clock: Clock
) -> None:
    pending = wait(hosted["meeting"])
    poll(pending)
    decide(hosted["room"], hosted["host"]["token"], pending["id"], "admit")
    granted = poll(pending).json()["grant"]["token"]

    logs = service_log_capture.getvalue()
    assert pending["requestSecret"] not in logs
    assert granted not in logs
    assert pending["id"] in logs  # the request is logged, by id


def test_a_cohost_alone_is_a_host_there_and_is_told(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, database_url: str
) -> None:
    # The host routes accept a co-host, so the waiting room counts and tells one too.
    meeting = create_meeting(admin_headers)
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as conn:
        identities.make_cohost(conn, uuid.UUID(meeting["id"]), "cora-1", datetime.now(UTC))
    fake_livekit.add_participant(meeting["roomName"], "cora-1", "Cora")

    pending = wait(meeting, name="Gus")

    assert pending["hostPresent"] is True
    [packet] = waiting_packets(fake_livekit)
    assert list(packet.destination_identities) == ["cora-1"]
