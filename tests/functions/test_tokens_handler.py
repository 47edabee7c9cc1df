"""The tokens function through its real Lambda entry point, against PostgreSQL and the
fake LiveKit server: room summaries, join tokens, the join rules and the limiter."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import psycopg
import pytest
from livekit import api
from livekit.api.access_token import Claims

from livekit_local.server import LiveKitServer
from meet_common import db as db_module
from meet_common.db import Database
from meet_common.errors import TooManyRequests, Unauthorized
from meet_common.livekit_rooms import RoomService, run_sync
from meet_common.settings import get_settings
from meetings.handler import handler as meetings_handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import SOURCE_IP, LambdaResponse, invoke
from tests.support.logs import captured_service_log
from tests.support.meetings_api import ask_token, create_meeting, instant_meeting, soon
from tokens import service
from tokens.handler import handler
from tokens.models import TokenRequest

pytestmark = pytest.mark.usefixtures("db")

OTHER_IP = "198.51.100.23"


# --- helpers ---------------------------------------------------------------------------


def verify(token: str) -> Claims:
    return api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)


def stored(database_url: str, meeting_id: str) -> dict[str, Any]:
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        found = conn.execute("SELECT * FROM meetings WHERE id = %s", (meeting_id,)).fetchone()
    assert found is not None
    return found


def failures(database_url: str, meeting_id: str, client_ip: str = SOURCE_IP) -> list[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT reason FROM failed_join_attempts WHERE meeting_id = %s AND client_ip = %s "
            "ORDER BY id",
            (meeting_id, client_ip),
        ).fetchall()
    return [reason for (reason,) in rows]


def insert_failures(
    database_url: str, meeting_id: str, count: int, *, age: timedelta, client_ip: str = SOURCE_IP
) -> None:
    """Failures made ``age`` ago: how the tests move the limiter's clock."""
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "INSERT INTO failed_join_attempts (meeting_id, client_ip, reason, attempted_at) "
            "SELECT %s, %s, 'password', now() - %s FROM generate_series(1, %s)",
            (meeting_id, client_ip, age, count),
        )


def error_of(response: LambdaResponse) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    return dict(body["error"])


# --- GET /api/rooms/{roomName} ------------------------------------------------------------


def test_room_summary_is_what_the_join_page_needs_and_nothing_secret(
    admin_headers: dict[str, str],
) -> None:
    meeting = create_meeting(admin_headers, isPublic=False, password="room-pass-1")

    response = invoke(handler, "GET", f"/api/rooms/{meeting['roomName']}")

    assert response.status == 200
    assert response.json() == {
        "id": meeting["id"],
        "title": "Team sync",
        "status": "SCHEDULED",
        "isPublic": False,
        "startTime": meeting["startTime"],
        "endTime": meeting["endTime"],
        "joinOpensAt": (datetime.fromisoformat(meeting["startTime"]) - timedelta(minutes=10))
        .isoformat()
        .replace("+00:00", "Z"),
        "endedBy": None,
    }
    assert meeting["password"] not in response.body
    assert meeting["hostKey"] not in response.body


@pytest.mark.parametrize(
    ("method", "suffix", "status"),
    [("POST", "/end", "ENDED"), ("DELETE", "", "CANCELLED")],
    ids=["ended", "cancelled"],
)
def test_room_summary_says_the_organiser_ended_or_cancelled_the_meeting(
    admin_headers: dict[str, str], method: str, suffix: str, status: str
) -> None:
    meeting = instant_meeting(admin_headers)
    before = invoke(handler, "GET", f"/api/rooms/{meeting['roomName']}").json()
    assert (before["status"], before["endedBy"]) == ("ACTIVE", None)
    finished = invoke(
        meetings_handler, method, f"/api/meetings/{meeting['id']}{suffix}", headers=admin_headers
    )
    assert finished.status in (200, 204)

    after = invoke(handler, "GET", f"/api/rooms/{meeting['roomName']}").json()

    assert (after["status"], after["endedBy"]) == (status, "organiser")


def test_room_summary_of_an_unknown_room_is_404() -> None:
    response = invoke(handler, "GET", "/api/rooms/no-such-room-0000")
    assert response.status == 404
    assert error_of(response)["code"] == "room_not_found"


# --- the token ----------------------------------------------------------------------------


def test_token_is_a_livekit_jwt_for_exactly_that_room(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    meeting = instant_meeting(admin_headers, title="Design review")

    response = ask_token(meeting, name="  Alex Doe  ")

    assert response.status == 200, response.body
    body = response.json()
    assert response.headers["cache-control"] == "no-store"
    assert body["roomName"] == meeting["roomName"]
    assert body["livekitUrl"] == fake_livekit.url
    assert body["meeting"] == {
        "id": meeting["id"],
        "title": "Design review",
        "status": "ACTIVE",
        "isPublic": True,
        "endTime": meeting["endTime"],
        "locked": False,
    }
    claims = verify(body["token"])
    assert claims.video is not None
    assert claims.video.room == meeting["roomName"]
    assert claims.video.room_join is True
    assert claims.video.can_publish is True
    assert claims.video.can_subscribe is True
    assert claims.video.can_publish_data is True
    assert not claims.video.room_admin
    assert body["isHost"] is False
    assert claims.identity == body["identity"]
    assert body["identity"].startswith("alex-doe-")
    assert claims.name == "Alex Doe"  # trimmed


def test_token_lifetime_is_token_ttl_seconds_and_expires_at_matches(
    admin_headers: dict[str, str],
) -> None:
    meeting = instant_meeting(admin_headers)
    body = ask_token(meeting).json()

    payload = jwt.decode(
        body["token"], LIVEKIT_SECRET, algorithms=["HS256"], issuer=LIVEKIT_KEY
    )  # signature checked
    assert payload["exp"] - payload["nbf"] == 900
    assert datetime.fromisoformat(body["expiresAt"]) == datetime.fromtimestamp(payload["exp"], UTC)
    assert abs(payload["nbf"] - datetime.now(UTC).timestamp()) < 30


def test_two_guests_with_the_same_name_get_different_identities(
    admin_headers: dict[str, str],
) -> None:
    meeting = instant_meeting(admin_headers)
    first, second = ask_token(meeting).json(), ask_token(meeting).json()
    assert first["identity"] != second["identity"]
    assert verify(first["token"]).name == verify(second["token"]).name == "Alex"


def test_a_valid_host_key_adds_room_admin(admin_headers: dict[str, str]) -> None:
    meeting = instant_meeting(admin_headers)

    response = ask_token(meeting, name="Host", hostKey=meeting["hostKey"])

    assert response.status == 200
    claims = verify(response.json()["token"])
    assert claims.video is not None
    assert claims.video.room_admin is True
    assert response.json()["isHost"] is True
    assert claims.video.room == meeting["roomName"]


def test_an_empty_host_key_is_a_plain_guest(admin_headers: dict[str, str]) -> None:
    meeting = instant_meeting(admin_headers)
    response = ask_token(meeting, hostKey="")
    assert response.status == 200
    video = verify(response.json()["token"]).video
    assert video is not None
    assert not video.room_admin
    assert response.json()["isHost"] is False


def test_wrong_host_key_is_401_and_counts_as_a_failure(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)

    response = ask_token(meeting, hostKey=meeting["hostKey"] + "x")

    assert response.status == 401
    assert error_of(response)["code"] == "wrong_host_key"
    assert failures(database_url, meeting["id"]) == ["host_key"]


def test_wrong_password_is_401_and_counts_as_a_failure(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)

    response = ask_token(meeting, password=meeting["password"] + "x")

    assert response.status == 401
    assert error_of(response)["code"] == "wrong_password"
    assert meeting["password"] not in response.body
    assert failures(database_url, meeting["id"]) == ["password"]


# A named id for the random one: every process of a parallel run must collect the same tests.
@pytest.mark.parametrize(
    "meeting_id",
    [pytest.param(str(uuid.uuid4()), id="unknown-uuid"), "not-a-uuid", "1; DROP TABLE x"],
)
def test_unknown_or_malformed_meeting_id_is_404(meeting_id: str) -> None:
    response = ask_token(meeting_id, password="whatever")
    assert response.status == 404
    assert error_of(response)["code"] == "meeting_not_found"


# --- private meetings ---------------------------------------------------------------------


def private_meeting(admin_headers: dict[str, str]) -> dict[str, Any]:
    return create_meeting(
        admin_headers,
        isPublic=False,
        participants=[{"email": "ada@example.com", "name": "Ada"}],
    )


def test_private_meeting_admits_an_invited_email_case_insensitively(
    admin_headers: dict[str, str],
) -> None:
    meeting = private_meeting(admin_headers)
    response = ask_token(meeting, name="Ada", email="ADA@Example.com")
    assert response.status == 200, response.body


def test_private_meeting_refuses_an_email_not_on_the_allowlist(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = private_meeting(admin_headers)

    response = ask_token(meeting, email="eve@example.com")

    assert response.status == 403
    assert error_of(response)["code"] == "not_invited"
    assert failures(database_url, meeting["id"]) == ["allowlist"]


def test_private_meeting_needs_an_email(admin_headers: dict[str, str], database_url: str) -> None:
    meeting = private_meeting(admin_headers)

    response = ask_token(meeting)

    assert response.status == 422
    error = error_of(response)
    assert error["code"] == "email_required"
    assert any("email" in d["loc"] for d in error["details"])
    assert failures(database_url, meeting["id"]) == []


def test_private_meeting_checks_the_password_before_the_allowlist(
    admin_headers: dict[str, str],
) -> None:
    meeting = private_meeting(admin_headers)
    response = ask_token(meeting, password="wrong-pass", email="ada@example.com")
    assert response.status == 401


def test_a_valid_host_key_stands_in_for_the_allowlist(admin_headers: dict[str, str]) -> None:
    meeting = private_meeting(admin_headers)
    response = ask_token(meeting, name="Organiser", hostKey=meeting["hostKey"])
    assert response.status == 200, response.body
    video = verify(response.json()["token"]).video
    assert video is not None
    assert video.room_admin is True


# --- meeting state and the join window ------------------------------------------------------


def test_too_early_is_409_with_the_start_time(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    start = soon(60)
    meeting = create_meeting(admin_headers, startTime=start.isoformat())

    response = ask_token(meeting)

    assert response.status == 409
    error = error_of(response)
    assert error["code"] == "not_started"
    assert start.isoformat() in error["message"]
    # The times are fields of the error, next to its code, for the page to count down.
    assert error["startTime"] == start.isoformat()
    assert error["joinOpensAt"] == (start - timedelta(minutes=10)).isoformat()
    assert "details" not in error
    assert stored(database_url, meeting["id"])["status"] == "SCHEDULED"
    assert fake_livekit.calls_to("CreateRoom") == []


def test_joining_inside_the_early_window_activates_the_meeting_and_creates_its_room(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(admin_headers, startTime=soon(8).isoformat(), maxParticipants=12)

    response = ask_token(meeting)

    assert response.status == 200, response.body
    assert response.json()["meeting"]["status"] == "ACTIVE"
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"
    created = fake_livekit.calls_to("CreateRoom")
    assert [(c.request.name, c.request.max_participants) for c in created] == [
        (meeting["roomName"], 12)
    ]
    # A second join finds it active: no second activation, no second room.
    assert ask_token(meeting).status == 200
    assert len(fake_livekit.calls_to("CreateRoom")) == 1


def test_a_started_meeting_the_schedule_has_not_reached_is_activated(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = create_meeting(admin_headers, startTime=soon(-2).isoformat())
    assert stored(database_url, meeting["id"])["status"] == "SCHEDULED"

    assert ask_token(meeting).status == 200
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"


def test_a_room_service_failure_does_not_block_the_join(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(admin_headers)
    fake_livekit.fail_next("CreateRoom", "unavailable")

    response = ask_token(meeting)

    assert response.status == 200, response.body
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"
    assert len(fake_livekit.calls_to("CreateRoom")) == 1


@pytest.mark.parametrize(
    ("method", "suffix"), [("POST", "/end"), ("DELETE", "")], ids=["ended", "cancelled"]
)
def test_ended_or_cancelled_meeting_gets_no_token_even_with_the_password(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, method: str, suffix: str
) -> None:
    meeting = instant_meeting(admin_headers)
    finished = invoke(
        meetings_handler, method, f"/api/meetings/{meeting['id']}{suffix}", headers=admin_headers
    )
    assert finished.status in (200, 204)
    created_before = len(fake_livekit.calls_to("CreateRoom"))

    response = ask_token(meeting, hostKey=meeting["hostKey"])

    assert response.status == 410
    assert error_of(response)["code"] == "meeting_over"
    assert "token" not in response.json()
    assert len(fake_livekit.calls_to("CreateRoom")) == created_before


def test_an_active_meeting_past_its_end_time_gets_no_token(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE meetings SET start_time = now() - interval '2 hours', "
            "end_time = now() - interval '1 minute' WHERE id = %s",
            (meeting["id"],),
        )
    assert ask_token(meeting).status == 410


# --- input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Alex"}, "password"),
        ({"password": "x"}, "name"),
        ({"password": "x", "name": "   "}, "name"),
        ({"password": "x", "name": "a" * 101}, "name"),
        ({"password": "x", "name": "bad\u0000name"}, "name"),
        ({"password": "x", "name": 5}, "name"),
        ({"password": 1234, "name": "Alex"}, "password"),
        ({"password": "x", "name": "Alex", "email": "not-an-email"}, "email"),
        ({"password": "x", "name": "Alex", "hostKey": ["a"]}, "hostKey"),
    ],
)
def test_bad_token_input_is_a_422_in_the_error_shape(
    admin_headers: dict[str, str], database_url: str, body: dict[str, Any], field: str
) -> None:
    meeting = instant_meeting(admin_headers)
    response = invoke(handler, "POST", f"/api/meetings/{meeting['id']}/token", body=body)

    assert response.status == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert any(field in d["loc"] for d in error["details"])
    assert failures(database_url, meeting["id"]) == []


def test_unknown_fields_are_ignored(admin_headers: dict[str, str]) -> None:
    meeting = instant_meeting(admin_headers)
    response = ask_token(meeting, roomAdmin=True, identity="admin", room="other-room")
    assert response.status == 200
    claims = verify(response.json()["token"])
    assert claims.video is not None
    assert claims.video.room == meeting["roomName"]
    assert not claims.video.room_admin
    assert claims.identity != "admin"


# --- the failed-attempt limiter --------------------------------------------------------------


def test_the_eleventh_failure_is_429_even_with_the_right_password(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    for _ in range(10):
        assert ask_token(meeting, password="wrong-guess").status == 401

    blocked = ask_token(meeting)

    assert blocked.status == 429
    assert error_of(blocked)["code"] == "too_many_attempts"
    assert 590 <= int(blocked.headers["retry-after"]) <= 600
    assert "token" not in blocked.json()
    assert len(failures(database_url, meeting["id"])) == 10  # blocked tries are not evaluated


def test_not_invited_and_wrong_host_key_count_towards_the_limit(
    admin_headers: dict[str, str],
) -> None:
    meeting = private_meeting(admin_headers)
    for _ in range(5):
        assert ask_token(meeting, email="eve@example.com").status == 403
    for _ in range(5):
        assert ask_token(meeting, hostKey="not-the-key").status == 401
    assert ask_token(meeting, email="ada@example.com").status == 429


def test_retry_after_counts_down_to_when_the_oldest_counted_failure_leaves_the_window(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    insert_failures(database_url, meeting["id"], 10, age=timedelta(seconds=570))

    blocked = ask_token(meeting)

    assert blocked.status == 429
    assert 29 <= int(blocked.headers["retry-after"]) <= 31


def test_the_limiter_recovers_once_failures_leave_the_window(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    insert_failures(database_url, meeting["id"], 10, age=timedelta(minutes=10, seconds=5))
    insert_failures(database_url, meeting["id"], 9, age=timedelta(minutes=3))

    assert ask_token(meeting).status == 200  # 9 counted: one more try allowed
    assert ask_token(meeting, password="wrong").status == 401  # the 10th counted failure
    assert ask_token(meeting).status == 429


def test_a_success_does_not_reset_another_clients_count(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    for _ in range(10):
        assert ask_token(meeting, password="wrong", source_ip=SOURCE_IP).status == 401

    assert ask_token(meeting, source_ip=OTHER_IP).status == 200  # others are not locked out

    assert ask_token(meeting, source_ip=SOURCE_IP).status == 429
    assert len(failures(database_url, meeting["id"], SOURCE_IP)) == 10


def test_the_limit_is_per_meeting(admin_headers: dict[str, str]) -> None:
    first, second = instant_meeting(admin_headers), instant_meeting(admin_headers)
    for _ in range(10):
        ask_token(first, password="wrong")
    assert ask_token(first).status == 429
    assert ask_token(second).status == 200


def test_failures_past_the_window_are_pruned(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting, other = instant_meeting(admin_headers), instant_meeting(admin_headers)
    insert_failures(database_url, other["id"], 5, age=timedelta(hours=2), client_ip=OTHER_IP)
    insert_failures(database_url, meeting["id"], 3, age=timedelta(hours=1))

    assert ask_token(meeting, password="wrong").status == 401

    with psycopg.connect(database_url) as conn:
        ages = conn.execute("SELECT now() - attempted_at FROM failed_join_attempts").fetchall()
    assert len(ages) == 1
    assert ages[0][0] < timedelta(minutes=1)


# --- the limiter behind CloudFront ------------------------------------------------------------
# Deployed, API Gateway's sourceIp is a CloudFront edge shared by many guests; CloudFront
# tells the origin each viewer's own address and port in CloudFront-Viewer-Address,
# believed only when configured.

EDGE_IP = "130.176.1.17"
VIEWER_A, VIEWER_B = "203.0.113.50", "2001:db8::b"


@pytest.fixture
def viewer_header_trusted(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TRUST_VIEWER_IP_HEADER", "true")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def ask_token_via_edge(
    meeting: dict[str, Any],
    viewer_ip: str,
    *,
    header: str = "cloudfront-viewer-address",
    port: int = 46532,
    **fields: Any,
) -> LambdaResponse:
    body: dict[str, Any] = {"name": "Alex", "password": meeting["password"], **fields}
    return invoke(
        handler,
        "POST",
        f"/api/meetings/{meeting['id']}/token",
        body=body,
        headers={header: f"{viewer_ip}:{port}"},
        source_ip=EDGE_IP,
    )


@pytest.mark.usefixtures("viewer_header_trusted")
def test_viewers_behind_one_edge_get_their_own_counts_when_the_header_is_trusted(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    for _ in range(10):
        assert ask_token_via_edge(meeting, VIEWER_A, password="wrong").status == 401

    assert ask_token_via_edge(meeting, VIEWER_B).status == 200  # same edge, not locked out
    assert ask_token_via_edge(meeting, VIEWER_A).status == 429

    assert len(failures(database_url, meeting["id"], VIEWER_A)) == 10
    assert failures(database_url, meeting["id"], EDGE_IP) == []


@pytest.mark.usefixtures("viewer_header_trusted")
def test_the_viewer_header_is_read_whatever_its_spelling(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    spelled = "CloudFront-Viewer-Address"
    response = ask_token_via_edge(meeting, VIEWER_B, header=spelled, password="no")
    assert response.status == 401
    # An IPv6 viewer is counted by its /64.
    assert failures(database_url, meeting["id"], "2001:db8::/64") == ["password"]


@pytest.mark.usefixtures("viewer_header_trusted")
def test_a_viewer_header_that_is_not_an_address_counts_against_the_source_ip(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    assert ask_token_via_edge(meeting, "' OR 1=1 --", password="wrong").status == 401
    assert failures(database_url, meeting["id"], EDGE_IP) == ["password"]


def test_the_viewer_header_is_ignored_unless_trusted(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    for _ in range(10):
        assert ask_token_via_edge(meeting, VIEWER_A, password="wrong").status == 401

    assert ask_token_via_edge(meeting, VIEWER_B).status == 429  # one count: the edge's
    assert len(failures(database_url, meeting["id"], EDGE_IP)) == 10


# --- concurrency ------------------------------------------------------------------------------


def run_in_threads(count: int, work: Any) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released together; results in order."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        # A Lambda runs its handler on a thread with an event loop; give each one its own.
        asyncio.set_event_loop(asyncio.new_event_loop())
        start.wait()
        try:
            results[index] = work(index)
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_fifty_simultaneous_joins_all_get_distinct_identities(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(admin_headers, startTime=soon(5).isoformat())

    # All from one address, as guests behind one office NAT would be.
    responses = run_in_threads(50, lambda i: ask_token(meeting, name="Alex"))

    assert [r.status for r in responses] == [200] * 50
    identities = {r.json()["identity"] for r in responses}
    assert len(identities) == 50
    assert {verify(r.json()["token"]).identity for r in responses} == identities
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"
    assert len(fake_livekit.calls_to("CreateRoom")) == 1  # activated exactly once


def issue_on_own_connections(
    database_url: str, meeting_id: str, requests: list[tuple[TokenRequest, str]]
) -> list[str]:
    """Call the service from one thread per request, each with its own database
    connection (as separate Lambda instances have): only PostgreSQL keeps order."""
    settings = get_settings()
    now = datetime.now(UTC)
    databases = [Database(lambda: database_url) for _ in requests]

    def attempt(index: int) -> str:
        body, client_ip = requests[index]
        try:
            issued = service.issue_token(
                databases[index],
                uuid.UUID(meeting_id),
                body,
                client_ip=client_ip,
                now=now,
                rooms=RoomService(settings),
                settings=settings,
            )
        except Unauthorized:
            return "401"
        except TooManyRequests:
            return "429"
        assert isinstance(issued, service.IssuedToken)
        return issued.identity

    try:
        return run_in_threads(len(requests), attempt)
    finally:
        for database in databases:
            database.close()


def test_simultaneous_first_joins_activate_the_meeting_once(
    admin_headers: dict[str, str], database_url: str, fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(admin_headers, startTime=soon(5).isoformat())
    join = TokenRequest(password=meeting["password"], name="Alex")

    identities = issue_on_own_connections(
        database_url, meeting["id"], [(join, f"192.0.2.{i + 1}") for i in range(12)]
    )

    assert len(set(identities)) == 12
    assert all(i.startswith("alex-") for i in identities)
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"
    assert len(fake_livekit.calls_to("CreateRoom")) == 1


def test_parallel_guesses_from_one_client_get_no_extra_tries(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = instant_meeting(admin_headers)
    guess = TokenRequest(password="wrong-guess", name="Mallory")

    results = issue_on_own_connections(database_url, meeting["id"], [(guess, SOURCE_IP)] * 16)

    assert sorted(results) == ["401"] * 10 + ["429"] * 6
    assert len(failures(database_url, meeting["id"])) == 10


# --- secrets stay out of the logs --------------------------------------------------------------


def test_passwords_host_keys_and_tokens_are_never_logged(
    admin_headers: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    meeting = private_meeting(admin_headers)
    capsys.readouterr()
    caplog.clear()

    granted = ask_token(meeting, name="Host", hostKey=meeting["hostKey"])
    ask_token(meeting, password="guessed-Pa55word", email="ada@example.com")
    ask_token(meeting, hostKey="guessed-h0st-key")
    ask_token(meeting, email="eve@example.com")

    captured = capsys.readouterr()
    logged = captured.out + captured.err + caplog.text
    assert "join refused" in logged  # the refusals are logged...
    for secret in [
        meeting["password"],
        meeting["hostKey"],
        "guessed-Pa55word",
        "guessed-h0st-key",
        granted.json()["token"],
    ]:
        assert secret not in logged  # ...without what was tried


# --- what a token carries, and what the service keeps ------------------------------------


def test_a_token_carries_the_meetings_room_configuration_and_no_private_data(
    admin_headers: dict[str, str], database_url: str
) -> None:
    from meet_common.livekit_rooms import DEPARTURE_TIMEOUT_SECONDS, EMPTY_TIMEOUT_SECONDS

    meeting = create_meeting(
        admin_headers,
        isPublic=False,
        maxParticipants=6,
        participants=[{"email": "ada@example.com", "name": "Ada"}],
    )

    response = ask_token(meeting, name="Ada", email="ADA@example.com")

    assert response.status == 200, response.body
    token = response.json()["token"]
    claims = verify(token)
    # A join auto-creates a closed room from this (LiveKit's server defaults otherwise).
    assert claims.room_config is not None
    assert (
        claims.room_config.max_participants,
        claims.room_config.empty_timeout,
        claims.room_config.departure_timeout,
    ) == (6, EMPTY_TIMEOUT_SECONDS, DEPARTURE_TIMEOUT_SECONDS)
    # Attributes and metadata are shown to everyone in the room: the email is not there.
    payload = jwt.decode(token, options={"verify_signature": False})
    assert "ada@example.com" not in str(payload).lower()
    assert "attributes" not in payload
    assert "metadata" not in payload
    # The service keeps who the identity was issued to.
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        issued = conn.execute(
            "SELECT identity, name, email, is_host FROM issued_identities WHERE meeting_id = %s",
            (meeting["id"],),
        ).fetchall()
    assert issued == [
        {
            "identity": response.json()["identity"],
            "name": "Ada",
            "email": "ada@example.com",
            "is_host": False,
        }
    ]


def test_a_refused_join_records_no_identity(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = create_meeting(admin_headers)

    assert ask_token(meeting, password="wrong").status == 401

    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM issued_identities").fetchone()
    assert row == (0,)


def test_rooms_the_service_creates_get_the_same_configuration(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    from meet_common.livekit_rooms import DEPARTURE_TIMEOUT_SECONDS, EMPTY_TIMEOUT_SECONDS

    instant_meeting(admin_headers, maxParticipants=4)

    [created] = fake_livekit.calls_to("CreateRoom")
    assert (
        created.request.max_participants,
        created.request.empty_timeout,
        created.request.departure_timeout,
    ) == (4, EMPTY_TIMEOUT_SECONDS, DEPARTURE_TIMEOUT_SECONDS)


# --- a busy database ---------------------------------------------------------------------


@pytest.fixture
def impatient_database(database_url: str) -> Iterator[Database]:
    """The service's database with a statement timeout of 300 ms."""
    previous = db_module.get_database()
    database = Database(lambda: database_url, statement_timeout_ms=300)
    db_module.set_database(database)
    yield database
    db_module.set_database(previous)
    database.close()


def backend_pid(database: Database) -> int:
    async def pid() -> int:
        async with database.aio.transaction() as tx:
            return tx.conn.info.backend_pid

    return run_sync(pid())


def test_a_join_that_waits_past_the_statement_timeout_is_503_and_keeps_its_connection(
    admin_headers: dict[str, str], database_url: str, impatient_database: Database
) -> None:
    meeting = instant_meeting(admin_headers)
    connection_before = backend_pid(impatient_database)
    key = f"join:{meeting['id']}:{SOURCE_IP}"
    with psycopg.connect(database_url) as holder:  # another join of this client, stuck
        holder.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
        with captured_service_log() as log:
            response = ask_token(meeting)

    assert response.status == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert response.headers["retry-after"] == "5"
    # A lock wait, not a dead connection: nothing reconnected, nothing recorded.
    assert "reconnecting" not in log.getvalue()
    assert backend_pid(impatient_database) == connection_before
    assert failures(database_url, meeting["id"]) == []
    assert ask_token(meeting).status == 200  # the lock gone, the same client joins


def test_a_statement_that_waits_past_the_timeout_in_a_sync_route_is_503(
    admin_headers: dict[str, str], database_url: str, impatient_database: Database
) -> None:
    meeting = instant_meeting(admin_headers)
    with psycopg.connect(database_url) as holder:  # someone else is changing the meeting
        holder.execute("SELECT 1 FROM meetings WHERE id = %s FOR UPDATE", (meeting["id"],))
        response = invoke(
            meetings_handler, "POST", f"/api/meetings/{meeting['id']}/end", headers=admin_headers
        )

    assert response.status == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert stored(database_url, meeting["id"])["status"] == "ACTIVE"
