"""The meetings function through its real Lambda entry point, against PostgreSQL and the
fake LiveKit server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from livekit_local.server import LiveKitServer
from meetings.handler import handler
from tests.conftest import PUBLIC_BASE_URL
from tests.support.apigw import LambdaResponse, invoke

pytestmark = pytest.mark.usefixtures("db")


def iso(moment: datetime) -> str:
    return moment.isoformat()


def soon(minutes: int = 60) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=minutes)


def call(method: str, path: str, headers: dict[str, str], **kwargs: Any) -> LambdaResponse:
    return invoke(handler, method, path, headers=headers, **kwargs)


def schedule(headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"title": "Team sync", "startTime": iso(soon()), **fields}
    response = call("POST", "/api/meetings", headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def row(database_url: str, meeting_id: str) -> dict[str, Any]:
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        found = conn.execute("SELECT * FROM meetings WHERE id = %s", (meeting_id,)).fetchone()
    assert found is not None
    return found


def test_scheduled_meeting_is_stored_with_generated_room_password_and_links(
    admin_headers: dict[str, str], database_url: str
) -> None:
    start = soon(30)
    meeting = schedule(admin_headers, startTime=iso(start), durationMinutes=45)

    assert meeting["status"] == "SCHEDULED"
    assert meeting["roomName"].startswith("team-sync-")
    assert len(meeting["password"]) >= 8
    assert meeting["joinUrl"] == (
        f"{PUBLIC_BASE_URL}/join/{meeting['roomName']}?password={meeting['password']}"
    )
    host_query = parse_qs(urlsplit(meeting["hostJoinUrl"]).query)
    assert host_query == {"password": [meeting["password"]], "host": [meeting["hostKey"]]}
    stored = row(database_url, meeting["id"])
    assert stored["room_name"] == meeting["roomName"]
    assert stored["end_time"] - stored["start_time"] == timedelta(minutes=45)
    assert stored["is_public"] is True


def test_schedule_keeps_the_given_password_and_lowercased_allowlist(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = schedule(
        admin_headers,
        isPublic=False,
        password="s3cret-pass",
        participants=[{"email": "Ada@Example.COM", "name": "Ada"}, {"email": "ada@example.com"}],
    )
    assert meeting["password"] == "s3cret-pass"
    with psycopg.connect(database_url) as conn:
        emails = conn.execute(
            "SELECT email FROM meeting_participants WHERE meeting_id = %s", (meeting["id"],)
        ).fetchall()
    assert emails == [("ada@example.com",)]


def test_room_names_are_unique_and_url_safe(admin_headers: dict[str, str]) -> None:
    names = {
        schedule(admin_headers, title="Ünïcode / Sync ✨ & more")["roomName"] for _ in range(5)
    }
    assert len(names) == 5
    for name in names:
        assert name.startswith("unicode-sync-more-")
        assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in name)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"startTime": "2030-01-01T10:00:00"}, "startTime"),  # naive time
        ({"title": 123}, "title"),
        ({"isPublic": "yes"}, "isPublic"),
        ({"durationMinutes": "sixty"}, "durationMinutes"),
        ({"participants": [{"email": "not-an-email"}]}, "participants"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_schedule_input_is_a_422_in_the_error_shape(
    admin_headers: dict[str, str], database_url: str, body: dict[str, Any], field: str
) -> None:
    payload = {"title": "Bad", "startTime": iso(soon()), **body}
    response = call("POST", "/api/meetings", admin_headers, body=payload)

    assert response.status == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert any(field in d["loc"] for d in error["details"])
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM meetings").fetchone() == (0,)


def test_end_before_start_and_end_in_the_past_are_rejected(admin_headers: dict[str, str]) -> None:
    start = soon()
    before = call(
        "POST",
        "/api/meetings",
        admin_headers,
        body={"title": "x", "startTime": iso(start), "endTime": iso(start - timedelta(minutes=1))},
    )
    past = call(
        "POST",
        "/api/meetings",
        admin_headers,
        body={"title": "x", "startTime": iso(soon(-120)), "durationMinutes": 30},
    )
    assert (before.status, past.status) == (422, 422)
    # endTime before startTime is the body's own schema; a slot in the past is a rule.
    assert before.json()["error"]["code"] == "validation_error"
    assert past.json()["error"]["code"] == "invalid_time_range"


def test_unknown_fields_are_ignored(admin_headers: dict[str, str]) -> None:
    meeting = schedule(admin_headers, colour="purple", status="ENDED")
    assert meeting["status"] == "SCHEDULED"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdA=="}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_admin_routes_need_the_admin_key(headers: dict[str, str]) -> None:
    for method, path in [
        ("GET", "/api/meetings"),
        ("POST", "/api/meetings"),
        ("POST", "/api/meetings/instant"),
        ("GET", f"/api/meetings/{uuid.uuid4()}"),
        ("PATCH", f"/api/meetings/{uuid.uuid4()}"),
        ("DELETE", f"/api/meetings/{uuid.uuid4()}"),
        ("POST", f"/api/meetings/{uuid.uuid4()}/end"),
    ]:
        response = call(method, path, headers, body={})
        assert response.status == 401, (method, path)
        assert response.json()["error"]["code"] == "admin_key_invalid"


def test_get_unknown_and_non_uuid_ids_are_404(admin_headers: dict[str, str]) -> None:
    for meeting_id in [str(uuid.uuid4()), "not-a-uuid", "1; DROP TABLE meetings"]:
        response = call("GET", f"/api/meetings/{meeting_id}", admin_headers)
        assert response.status == 404
        assert response.json()["error"]["code"] == "meeting_not_found"


def test_list_is_newest_start_first_filtered_and_paged(admin_headers: dict[str, str]) -> None:
    created = [
        schedule(admin_headers, title=f"M{i}", startTime=iso(soon(60 + i))) for i in range(5)
    ]
    ended = created[0]
    assert call("POST", f"/api/meetings/{ended['id']}/end", admin_headers).status == 200

    seen: list[str] = []
    cursor = None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = call("GET", "/api/meetings", admin_headers, query=query).json()
        seen += [m["title"] for m in page["meetings"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert seen == ["M4", "M3", "M2", "M1", "M0"]

    only_ended = call("GET", "/api/meetings", admin_headers, query={"status": "ENDED"}).json()
    assert [m["id"] for m in only_ended["meetings"]] == [ended["id"]]
    by_room = call(
        "GET", "/api/meetings", admin_headers, query={"roomName": created[2]["roomName"]}
    ).json()
    assert [m["title"] for m in by_room["meetings"]] == ["M2"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"limit": "0"}, "validation_error"),
        ({"limit": "101"}, "validation_error"),
        ({"limit": "x"}, "validation_error"),
        ({"status": "DONE"}, "validation_error"),
        ({"cursor": "garbage"}, "invalid_cursor"),
    ],
)
def test_bad_list_parameters_are_422(
    admin_headers: dict[str, str], query: dict[str, str], code: str
) -> None:
    response = call("GET", "/api/meetings", admin_headers, query=query)
    assert response.status == 422
    assert response.json()["error"]["code"] == code


def test_instant_meeting_is_active_now_and_its_room_is_created(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    response = call("POST", "/api/meetings/instant", admin_headers, body={"maxParticipants": 8})
    assert response.status == 201
    meeting = response.json()
    assert meeting["status"] == "ACTIVE"
    assert meeting["isInstant"] is True
    start = datetime.fromisoformat(meeting["startTime"])
    end = datetime.fromisoformat(meeting["endTime"])
    assert abs((start - datetime.now(UTC)).total_seconds()) < 30
    assert end - start == timedelta(minutes=60)
    created = fake_livekit.calls_to("CreateRoom")
    assert [(c.request.name, c.request.max_participants) for c in created] == [
        (meeting["roomName"], 8)
    ]


def test_instant_meeting_needs_no_body(admin_headers: dict[str, str]) -> None:
    response = call("POST", "/api/meetings/instant", admin_headers)
    assert response.status == 201
    assert response.json()["title"] == "Instant meeting"


def test_patch_changes_only_given_fields(admin_headers: dict[str, str], database_url: str) -> None:
    meeting = schedule(admin_headers, description="first")
    new_end = datetime.fromisoformat(meeting["endTime"]) + timedelta(minutes=30)
    response = call(
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        admin_headers,
        body={"title": "Renamed", "endTime": iso(new_end), "maxParticipants": 4},
    )
    assert response.status == 200
    stored = row(database_url, meeting["id"])
    assert (stored["title"], stored["end_time"], stored["max_participants"]) == (
        "Renamed",
        new_end,
        4,
    )
    assert stored["description"] == "first"
    assert stored["password"] == meeting["password"]


def test_patch_rejects_null_title_and_inverted_times(admin_headers: dict[str, str]) -> None:
    meeting = schedule(admin_headers)
    start = datetime.fromisoformat(meeting["startTime"])
    null_title = call(
        "PATCH", f"/api/meetings/{meeting['id']}", admin_headers, body={"title": None}
    )
    inverted = call(
        "PATCH",
        f"/api/meetings/{meeting['id']}",
        admin_headers,
        body={"endTime": iso(start - timedelta(minutes=5))},
    )
    assert (null_title.status, inverted.status) == (422, 422)
    assert null_title.json()["error"]["code"] == "validation_error"
    assert inverted.json()["error"]["code"] == "invalid_time_range"


def test_end_deletes_the_livekit_room_and_then_patch_is_a_409(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, database_url: str
) -> None:
    meeting = call("POST", "/api/meetings/instant", admin_headers).json()
    assert meeting["roomName"] in fake_livekit.rooms
    assert meeting["endedBy"] is None

    ended = call("POST", f"/api/meetings/{meeting['id']}/end", admin_headers)
    assert ended.status == 200
    assert ended.json()["status"] == "ENDED"
    assert ended.json()["endedBy"] == "organiser"
    assert meeting["roomName"] not in fake_livekit.rooms
    assert [c.request.room for c in fake_livekit.calls_to("DeleteRoom")] == [meeting["roomName"]]
    stored = row(database_url, meeting["id"])
    assert stored["ended_at"] is not None
    assert stored["room_deleted_at"] is not None
    assert stored["ended_by"] == "organiser"

    patch = call("PATCH", f"/api/meetings/{meeting['id']}", admin_headers, body={"title": "late"})
    assert patch.status == 409
    assert patch.json()["error"]["code"] == "meeting_finished"
    assert call("POST", f"/api/meetings/{meeting['id']}/end", admin_headers).status == 200
    cancel = call("DELETE", f"/api/meetings/{meeting['id']}", admin_headers)
    assert cancel.status == 409
    assert cancel.json()["error"]["code"] == "meeting_finished"


def test_cancel_of_a_meeting_without_a_room_is_fine(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, database_url: str
) -> None:
    meeting = schedule(admin_headers)
    response = call("DELETE", f"/api/meetings/{meeting['id']}", admin_headers)

    assert response.status == 204
    assert response.body == ""
    stored = row(database_url, meeting["id"])
    assert stored["status"] == "CANCELLED"
    assert stored["ended_by"] == "organiser"
    assert stored["room_deleted_at"] is not None  # LiveKit said not_found: nothing left to do
    assert len(fake_livekit.calls_to("DeleteRoom")) == 1
    assert call("DELETE", f"/api/meetings/{meeting['id']}", admin_headers).status == 204
    assert call("POST", f"/api/meetings/{meeting['id']}/end", admin_headers).status == 409


def test_a_failed_room_delete_leaves_the_room_for_the_lifecycle_pass(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer, database_url: str
) -> None:
    meeting = call("POST", "/api/meetings/instant", admin_headers).json()
    fake_livekit.fail_next("DeleteRoom", "internal")

    response = call("POST", f"/api/meetings/{meeting['id']}/end", admin_headers)

    assert response.status == 200
    stored = row(database_url, meeting["id"])
    assert stored["status"] == "ENDED"
    assert stored["room_deleted_at"] is None


def test_responses_carry_the_api_gateway_request_id(admin_headers: dict[str, str]) -> None:
    response = call("GET", "/api/meetings", admin_headers)
    assert response.headers["x-request-id"] == response.request_id


def test_health_reports_the_database(admin_headers: dict[str, str]) -> None:
    response = call("GET", "/api/health", {})
    assert (response.status, response.json()) == (200, {"status": "ok", "database": "ok"})
