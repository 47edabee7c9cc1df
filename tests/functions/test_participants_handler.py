"""The participants function through its real Lambda entry point, against PostgreSQL and
the fake LiveKit server: allowlists, and host moderation authorised by LiveKit tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from livekit import api

from devserver.app import build_api_app
from livekit_local.server import LiveKitServer
from meetings.handler import handler as meetings_handler
from participants.handler import handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import LambdaResponse, invoke
from tokens.handler import handler as tokens_handler

pytestmark = pytest.mark.usefixtures("db")


def create_meeting(admin_headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    body = {"title": "Board", "startTime": start.isoformat(), "isPublic": False, **fields}
    response = invoke(meetings_handler, "POST", "/api/meetings", headers=admin_headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def allowlist_path(meeting: dict[str, Any] | str) -> str:
    meeting_id = meeting if isinstance(meeting, str) else meeting["id"]
    return f"/api/meetings/{meeting_id}/participants"


def allowlist(
    method: str, meeting: dict[str, Any] | str, headers: dict[str, str], **kwargs: Any
) -> LambdaResponse:
    """A call to a meeting's allowlist route."""
    return invoke(handler, method, allowlist_path(meeting), headers=headers, **kwargs)


def emails_in_db(database_url: str, meeting_id: str) -> list[tuple[str, str | None]]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT email, name FROM meeting_participants WHERE meeting_id = %s ORDER BY email",
            (meeting_id,),
        ).fetchall()
    return [(email, name) for email, name in rows]


def join(meeting: dict[str, Any], **fields: Any) -> LambdaResponse:
    body = {"password": meeting["password"], "name": "Guest", **fields}
    return invoke(tokens_handler, "POST", f"/api/meetings/{meeting['id']}/token", body=body)


def error_code(response: LambdaResponse) -> str:
    return str(response.json()["error"]["code"])


# --- the allowlist ------------------------------------------------------------------------


def test_list_shows_the_allowlist_with_when_each_was_added(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(
        admin_headers, participants=[{"email": "Ada@Example.com", "name": "Ada"}]
    )

    response = allowlist("GET", meeting, admin_headers)

    assert response.status == 200
    [entry] = response.json()["participants"]
    assert (entry["email"], entry["name"]) == ("ada@example.com", "Ada")
    assert datetime.fromisoformat(entry["addedAt"]).tzinfo is not None


def test_add_one_returns_201_with_the_whole_list_lower_cased(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = create_meeting(admin_headers, participants=[{"email": "ada@example.com"}])

    response = allowlist(
        "POST", meeting, admin_headers, body={"email": "Grace@Example.COM", "name": "Grace"}
    )

    assert response.status == 201
    listed = [(p["email"], p["name"]) for p in response.json()["participants"]]
    assert sorted(listed) == [("ada@example.com", None), ("grace@example.com", "Grace")]
    assert emails_in_db(database_url, meeting["id"]) == sorted(listed)


def test_add_many_never_adds_an_email_twice(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = create_meeting(admin_headers, participants=[{"email": "ada@example.com"}])
    body = {
        "participants": [
            {"email": "ADA@example.com", "name": "Ada again"},
            {"email": "linus@example.com"},
            {"email": "Linus@Example.com", "name": "Linus"},
        ],
        "colour": "ignored",
    }

    first = allowlist("POST", meeting, admin_headers, body=body)
    again = allowlist("POST", meeting, admin_headers, body=body)

    assert (first.status, again.status) == (201, 201)
    assert sorted(p["email"] for p in again.json()["participants"]) == [
        "ada@example.com",
        "linus@example.com",
    ]
    # An email already on the list keeps its entry.
    assert emails_in_db(database_url, meeting["id"]) == [
        ("ada@example.com", None),
        ("linus@example.com", "Linus"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email"},
        {"participants": [{"email": "ok@example.com"}, {"email": "bad@"}]},
        {"participants": []},
        {},
        {"email": "a@example.com", "participants": [{"email": "b@example.com"}]},
        {"email": 42},
        {"participants": "a@example.com"},
    ],
    ids=["invalid", "one-invalid-in-many", "empty", "neither", "both", "number", "not-a-list"],
)
def test_bad_additions_are_422_and_add_nothing(
    admin_headers: dict[str, str], database_url: str, body: dict[str, Any]
) -> None:
    meeting = create_meeting(admin_headers)

    response = allowlist("POST", meeting, admin_headers, body=body)

    assert response.status == 422
    assert error_code(response) == "validation_error"
    assert response.json()["error"]["details"]
    assert emails_in_db(database_url, meeting["id"]) == []


def test_remove_takes_the_email_off_case_insensitively(
    admin_headers: dict[str, str], database_url: str
) -> None:
    meeting = create_meeting(
        admin_headers, participants=[{"email": "ada@example.com"}, {"email": "bob@example.com"}]
    )

    response = allowlist("DELETE", meeting, admin_headers, query={"email": "ADA@example.com"})

    assert response.status == 204
    assert response.body == ""
    assert emails_in_db(database_url, meeting["id"]) == [("bob@example.com", None)]


def test_removing_an_email_not_on_the_list_is_404(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers)
    response = allowlist("DELETE", meeting, admin_headers, query={"email": "nobody@example.com"})
    assert response.status == 404
    assert error_code(response) == "not_on_allowlist"


def test_remove_without_an_email_is_422(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers)
    response = allowlist("DELETE", meeting, admin_headers)
    assert response.status == 422


def test_removing_an_email_stops_future_tokens_for_it(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers, participants=[{"email": "ada@example.com"}])
    assert join(meeting, email="ada@example.com").status == 200

    removed = allowlist("DELETE", meeting, admin_headers, query={"email": "ada@example.com"})

    assert removed.status == 204
    refused = join(meeting, email="ada@example.com")
    assert refused.status == 403
    assert error_code(refused) == "not_invited"


def test_adding_an_email_lets_it_join(admin_headers: dict[str, str]) -> None:
    meeting = create_meeting(admin_headers)
    assert join(meeting, email="new@example.com").status == 403
    added = allowlist("POST", meeting, admin_headers, body={"email": "New@Example.com"})
    assert added.status == 201
    assert join(meeting, email="new@example.com").status == 200


@pytest.mark.parametrize("meeting_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid"])
def test_unknown_meeting_is_404_for_every_allowlist_route(
    admin_headers: dict[str, str], meeting_id: str
) -> None:
    for method, kwargs in [
        ("GET", {}),
        ("POST", {"body": {"email": "a@example.com"}}),
        ("DELETE", {"query": {"email": "a@example.com"}}),
    ]:
        response = invoke(
            handler, method, allowlist_path(meeting_id), headers=admin_headers, **kwargs
        )
        assert response.status == 404, method
        assert error_code(response) == "meeting_not_found"


def test_the_allowlist_of_an_ended_meeting_can_no_longer_change(
    admin_headers: dict[str, str],
) -> None:
    meeting = create_meeting(admin_headers, participants=[{"email": "ada@example.com"}])
    ended = invoke(
        meetings_handler, "POST", f"/api/meetings/{meeting['id']}/end", headers=admin_headers
    )
    assert ended.status == 200

    added = allowlist("POST", meeting, admin_headers, body={"email": "b@example.com"})
    removed = allowlist("DELETE", meeting, admin_headers, query={"email": "ada@example.com"})
    listed = allowlist("GET", meeting, admin_headers)

    assert (added.status, removed.status, listed.status) == (409, 409, 200)
    assert added.json()["error"]["code"] == removed.json()["error"]["code"] == "meeting_finished"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdA=="}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_allowlist_routes_need_the_admin_key(
    admin_headers: dict[str, str], database_url: str, headers: dict[str, str]
) -> None:
    meeting = create_meeting(admin_headers)
    for method, kwargs in [
        ("GET", {}),
        ("POST", {"body": {"email": "a@example.com"}}),
        ("DELETE", {"query": {"email": "a@example.com"}}),
    ]:
        response = invoke(handler, method, allowlist_path(meeting), headers=headers, **kwargs)
        assert response.status == 401, method
        assert error_code(response) == "admin_key_invalid"
    assert emails_in_db(database_url, meeting["id"]) == []


# --- host moderation ------------------------------------------------------------------------


@pytest.fixture
def live_room(admin_headers: dict[str, str], fake_livekit: LiveKitServer) -> dict[str, Any]:
    """An active public meeting with a host and a guest who publishes two audio tracks
    and one video track."""
    meeting = create_meeting(admin_headers, isPublic=True)
    host = join(meeting, name="Host", hostKey=meeting["hostKey"]).json()
    guest = join(meeting, name="Guest").json()
    room = meeting["roomName"]
    fake_livekit.add_participant(room, host["identity"], "Host", ("TR_host_mic",))
    fake_livekit.add_participant(room, guest["identity"], "Guest", ("TR_mic", "TR_mic2"))
    fake_livekit.session(room, guest["identity"]).publish_track(
        api.TrackInfo(sid="TR_cam", type=api.TrackType.VIDEO)
    )
    return {"meeting": meeting, "room": room, "host": host, "guest": guest}


def moderate(
    room: str, identity: str, action: str, token: str | None, **kwargs: Any
) -> LambdaResponse:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return invoke(
        handler,
        "POST",
        f"/api/rooms/{room}/participants/{identity}/{action}",
        headers=headers,
        **kwargs,
    )


def tracks_of(fake: LiveKitServer, room: str, identity: str) -> dict[str, bool]:
    return {t.sid: t.muted for t in fake.participants[room][identity].tracks}


def test_host_mutes_every_audio_track_of_a_participant(
    live_room: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room, guest = live_room["room"], live_room["guest"]["identity"]

    response = moderate(room, guest, "mute", live_room["host"]["token"])

    assert response.status == 200, response.body
    assert response.json() == {"identity": guest, "mutedTrackSids": ["TR_mic", "TR_mic2"]}
    calls = fake_livekit.calls_to("MutePublishedTrack")
    assert [(c.request.identity, c.request.track_sid, c.request.muted) for c in calls] == [
        (guest, "TR_mic", True),
        (guest, "TR_mic2", True),
    ]
    assert tracks_of(fake_livekit, room, guest) == {
        "TR_mic": True,
        "TR_mic2": True,
        "TR_cam": False,
    }


def test_host_mutes_one_named_track(live_room: dict[str, Any], fake_livekit: LiveKitServer) -> None:
    room, guest = live_room["room"], live_room["guest"]["identity"]

    response = moderate(
        room, guest, "mute", live_room["host"]["token"], body={"trackSid": "TR_cam"}
    )

    assert response.status == 200
    assert response.json()["mutedTrackSids"] == ["TR_cam"]
    assert tracks_of(fake_livekit, room, guest) == {
        "TR_mic": False,
        "TR_mic2": False,
        "TR_cam": True,
    }


def test_host_removes_a_participant(live_room: dict[str, Any], fake_livekit: LiveKitServer) -> None:
    room, guest = live_room["room"], live_room["guest"]["identity"]

    response = moderate(room, guest, "remove", live_room["host"]["token"])

    assert response.status == 204
    assert [
        (c.request.room, c.request.identity) for c in fake_livekit.calls_to("RemoveParticipant")
    ] == [(room, guest)]
    assert guest not in fake_livekit.participants[room]


def test_a_guest_token_cannot_moderate(
    live_room: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room, host = live_room["room"], live_room["host"]["identity"]
    for action in ("mute", "remove", "lower-hand"):
        response = moderate(room, host, action, live_room["guest"]["token"])
        assert response.status == 403, action
        assert error_code(response) == "host_only"
    assert fake_livekit.calls_to("MutePublishedTrack") == []
    assert fake_livekit.calls_to("RemoveParticipant") == []
    assert fake_livekit.calls_to("UpdateParticipant") == []
    assert fake_livekit.calls_to("ListParticipants") == []


def test_a_host_token_for_another_room_cannot_moderate(
    live_room: dict[str, Any], admin_headers: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    other = create_meeting(admin_headers, isPublic=True)
    other_host = join(other, name="Other host", hostKey=other["hostKey"]).json()

    response = moderate(
        live_room["room"], live_room["guest"]["identity"], "remove", other_host["token"]
    )

    assert response.status == 403
    assert error_code(response) == "wrong_room"
    assert fake_livekit.calls_to("RemoveParticipant") == []


def forged_token(room: str, *, secret: str = LIVEKIT_SECRET, ttl: timedelta | None = None) -> str:
    token = (
        api.AccessToken(LIVEKIT_KEY, secret)
        .with_identity("mallory")
        .with_grants(api.VideoGrants(room_join=True, room=room, room_admin=True))
    )
    if ttl is not None:
        token = token.with_ttl(ttl)
    return token.to_jwt()


@pytest.mark.parametrize(
    "token",
    [None, "", "not-a-jwt", "forged", "expired"],
)
def test_no_or_invalid_token_is_401(
    live_room: dict[str, Any], fake_livekit: LiveKitServer, token: str | None
) -> None:
    room = live_room["room"]
    given = {
        "forged": forged_token(room, secret="some-other-secret-long-enough-xx"),
        "expired": forged_token(room, ttl=timedelta(minutes=-10)),
    }.get(token or "", token)

    response = moderate(room, live_room["guest"]["identity"], "mute", given)

    assert response.status == 401
    assert error_code(response) == "participant_token_invalid"
    assert fake_livekit.calls_to("MutePublishedTrack") == []


def test_an_unknown_participant_is_404_in_the_error_shape(live_room: dict[str, Any]) -> None:
    host_token = live_room["host"]["token"]
    room = live_room["room"]
    for action, kwargs in [
        ("mute", {}),
        ("mute", {"body": {"trackSid": "TR_mic"}}),
        ("remove", {}),
    ]:
        response = moderate(room, "nobody-000000000000", action, host_token, **kwargs)
        assert response.status == 404, (action, kwargs)
        assert error_code(response) == "participant_not_found"


def test_an_unknown_track_is_404(live_room: dict[str, Any]) -> None:
    response = moderate(
        live_room["room"],
        live_room["guest"]["identity"],
        "mute",
        live_room["host"]["token"],
        body={"trackSid": "TR_nope"},
    )
    assert response.status == 404
    assert error_code(response) == "track_not_found"


def test_a_room_service_failure_is_503_in_the_error_shape(
    live_room: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    fake_livekit.fail_next("RemoveParticipant", "internal")

    response = moderate(
        live_room["room"], live_room["guest"]["identity"], "remove", live_room["host"]["token"]
    )

    assert response.status == 503
    assert error_code(response) == "livekit_unavailable"
    assert live_room["host"]["token"] not in response.body


def test_mute_body_of_the_wrong_type_is_422(live_room: dict[str, Any]) -> None:
    response = moderate(
        live_room["room"],
        live_room["guest"]["identity"],
        "mute",
        live_room["host"]["token"],
        body={"trackSid": 5},
    )
    assert response.status == 422


# --- the contract -----------------------------------------------------------------------------


def test_openapi_documents_the_participant_token_and_moderation_routes() -> None:
    paths = build_api_app().openapi()["paths"]

    mute = paths["/api/rooms/{room_name}/participants/{identity}/mute"]["post"]
    remove = paths["/api/rooms/{room_name}/participants/{identity}/remove"]["post"]
    assert {"200", "401", "403", "404", "503"} <= set(mute["responses"])
    assert {"204", "401", "403", "404"} <= set(remove["responses"])
    allowlist = paths["/api/meetings/{meeting_id}/participants"]
    assert {"get", "post", "delete"} <= set(allowlist)
    token = paths["/api/meetings/{meeting_id}/token"]["post"]
    assert {"200", "401", "403", "404", "409", "410", "422", "429"} <= set(token["responses"])
    assert "/api/rooms/{room_name}" in paths


# --- raised hands -----------------------------------------------------------------------------


def test_host_lowers_a_raised_hand_and_keeps_other_attributes(
    live_room: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room, guest = live_room["room"], live_room["guest"]["identity"]
    fake_livekit.model.update_participant(
        room, guest, attributes={"hand": "2026-12-01T17:00:00.000Z", "other": "kept"}
    )

    response = moderate(room, guest, "lower-hand", live_room["host"]["token"])

    assert response.status == 204
    assert dict(fake_livekit.participants[room][guest].attributes) == {"other": "kept"}
    [call] = fake_livekit.calls_to("UpdateParticipant")
    assert (call.request.room, call.request.identity) == (room, guest)
    assert dict(call.request.attributes) == {"hand": ""}


def test_lowering_the_hand_of_someone_not_in_the_room_is_404(live_room: dict[str, Any]) -> None:
    response = moderate(
        live_room["room"], "nobody-000000000000", "lower-hand", live_room["host"]["token"]
    )
    assert response.status == 404
    assert error_code(response) == "participant_not_found"


def test_openapi_documents_lower_hand_and_its_refusals() -> None:
    path = "/api/rooms/{room_name}/participants/{identity}/lower-hand"
    route = build_api_app().openapi()["paths"][path]["post"]
    assert {"204", "401", "403", "404", "503"} <= set(route["responses"])
    assert "host_only" in route["description"]
    assert "participant_not_found" in route["description"]
