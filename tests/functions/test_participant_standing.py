"""Whose LiveKit token the service's own API still accepts: a removed participant's
token is refused for the rest of the meeting, a withdrawn invitation takes its
holder out of the room, moderation finds the participant before acting, and a
token LiveKit refreshed during the call is accepted like the one the service issued.

Through the real Lambda entry points, against PostgreSQL and the fake LiveKit server.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from google.protobuf.json_format import MessageToDict
from livekit import api

from livekit_local.server import LiveKitServer
from meet_common.livekit_rooms import room_configuration
from meetings.handler import handler as meetings_handler
from messages.handler import handler as messages_handler
from participants.handler import handler as participants_handler
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET
from tests.support.apigw import LambdaResponse, invoke
from tokens.handler import handler as tokens_handler

pytestmark = pytest.mark.usefixtures("db")


def create_meeting(admin_headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    body = {"title": "Board", "startTime": start.isoformat(), **fields}
    response = invoke(meetings_handler, "POST", "/api/meetings", headers=admin_headers, body=body)
    assert response.status == 201, response.body
    return dict(response.json())


def join(meeting: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"password": meeting["password"], "name": "Guest", **fields}
    response = invoke(tokens_handler, "POST", f"/api/meetings/{meeting['id']}/token", body=body)
    assert response.status == 200, response.body
    return dict(response.json())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post_chat(room: str, token: str, text: str = "hello") -> LambdaResponse:
    return invoke(
        messages_handler,
        "POST",
        "/api/messages",
        headers=bearer(token),
        body={"roomName": room, "text": text},
    )


def read_chat(room: str, token: str) -> LambdaResponse:
    return invoke(
        messages_handler,
        "GET",
        "/api/messages",
        headers=bearer(token),
        query={"roomName": room},
    )


def moderate(room: str, identity: str, action: str, token: str, **kwargs: Any) -> LambdaResponse:
    return invoke(
        participants_handler,
        "POST",
        f"/api/rooms/{room}/participants/{identity}/{action}",
        headers=bearer(token),
        **kwargs,
    )


def code(response: LambdaResponse) -> str:
    return str(response.json()["error"]["code"])


@pytest.fixture
def call(admin_headers: dict[str, str], fake_livekit: LiveKitServer) -> dict[str, Any]:
    """A running public meeting with two hosts and a guest in its LiveKit room."""
    meeting = create_meeting(admin_headers, isPublic=True)
    host = join(meeting, name="Host", hostKey=meeting["hostKey"])
    cohost = join(meeting, name="Cohost", hostKey=meeting["hostKey"])
    guest = join(meeting, name="Guest")
    room = meeting["roomName"]
    for person in (host, cohost, guest):
        fake_livekit.add_participant(room, person["identity"], "x", ("TR_" + person["identity"],))
    return {"meeting": meeting, "room": room, "host": host, "cohost": cohost, "guest": guest}


# --- removal bars the identity ----------------------------------------------------------


def test_a_removed_guests_token_no_longer_reads_or_posts_chat(call: dict[str, Any]) -> None:
    room, guest = call["room"], call["guest"]
    assert post_chat(room, guest["token"]).status == 201

    removed = moderate(room, guest["identity"], "remove", call["host"]["token"])

    assert removed.status == 204, removed.body
    for response in (
        post_chat(room, guest["token"], "still here?"),
        read_chat(room, guest["token"]),
    ):
        assert response.status == 403, response.body
        assert code(response) == "removed_from_meeting"
    # Everyone else carries on.
    assert post_chat(room, call["cohost"]["token"]).status == 201
    texts = [m["text"] for m in read_chat(room, call["host"]["token"]).json()["messages"]]
    assert texts == ["hello", "hello"]


def test_a_removed_hosts_token_can_no_longer_moderate(
    call: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room, cohost = call["room"], call["cohost"]
    assert moderate(room, cohost["identity"], "remove", call["host"]["token"]).status == 204

    for action in ("mute", "remove"):
        response = moderate(room, call["guest"]["identity"], action, cohost["token"])
        assert response.status == 403, action
        assert code(response) == "removed_from_meeting"
    assert fake_livekit.calls_to("MutePublishedTrack") == []
    assert [c.request.identity for c in fake_livekit.calls_to("RemoveParticipant")] == [
        cohost["identity"]
    ]


def test_removing_someone_not_in_the_room_is_404_and_bars_nobody(
    call: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room, guest = call["room"], call["guest"]
    fake_livekit.session(room, guest["identity"]).leave()  # they left meanwhile

    response = moderate(room, guest["identity"], "remove", call["host"]["token"])

    assert response.status == 404
    assert post_chat(room, guest["token"]).status == 201


# --- moderation finds the participant first ---------------------------------------------


def test_muting_someone_not_in_the_room_is_a_prompt_404_without_a_mute_call(
    call: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    # livekit-server's MutePublishedTrack does not check the participant exists: for
    # someone who left it answers `unavailable` only after about 15 s.
    room = call["room"]
    started = time.monotonic()

    response = moderate(
        room, "gone-000000000000", "mute", call["host"]["token"], body={"trackSid": "TR_x"}
    )

    assert response.status == 404
    assert time.monotonic() - started < 2
    assert [c.request.identity for c in fake_livekit.calls_to("GetParticipant")] == [
        "gone-000000000000"
    ]
    assert fake_livekit.calls_to("MutePublishedTrack") == []


def test_muting_a_track_the_participant_does_not_publish_is_404_without_a_mute_call(
    call: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    # For a known participant and an unknown track sid LiveKit answers 200, no track.
    response = moderate(
        call["room"],
        call["guest"]["identity"],
        "mute",
        call["host"]["token"],
        body={"trackSid": "TR_not_theirs"},
    )

    assert response.status == 404
    assert fake_livekit.calls_to("MutePublishedTrack") == []


# --- withdrawing an invitation ------------------------------------------------------------


def test_withdrawing_an_invitation_removes_its_holder_from_the_room(
    admin_headers: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    meeting = create_meeting(
        admin_headers,
        isPublic=False,
        participants=[{"email": "ada@example.com"}, {"email": "bob@example.com"}],
    )
    room = meeting["roomName"]
    ada_laptop = join(meeting, name="Ada", email="ada@example.com")
    ada_phone = join(meeting, name="Ada", email="Ada@Example.com")
    bob = join(meeting, name="Bob", email="bob@example.com")
    for person in (ada_laptop, bob):  # Ada's phone token was never used
        fake_livekit.add_participant(room, person["identity"], "x")

    response = invoke(
        participants_handler,
        "DELETE",
        f"/api/meetings/{meeting['id']}/participants",
        headers=admin_headers,
        query={"email": "ADA@example.com"},
    )

    assert response.status == 204, response.body
    removed = sorted(c.request.identity for c in fake_livekit.calls_to("RemoveParticipant"))
    assert removed == sorted([ada_laptop["identity"], ada_phone["identity"]])
    assert list(fake_livekit.participants[room]) == [bob["identity"]]
    for token in (ada_laptop["token"], ada_phone["token"]):
        assert code(post_chat(room, token)) == "removed_from_meeting"
    assert post_chat(room, bob["token"]).status == 201


# --- LiveKit's refreshed tokens ---------------------------------------------------------


def livekit_refreshed_token(original: str, *, valid_for: timedelta) -> str:
    """The token livekit-server sends a connected client (pkg/service/roommanager.go
    refreshToken, signed with protocol auth/accesstoken.go): the original's name,
    identity, kind, metadata, attributes, video grant and room configuration, with
    the server's own iat/nbf/exp, signed HS256 with the same key and secret."""
    claims = api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(original)
    assert claims.video is not None
    now = int(time.time())
    payload: dict[str, Any] = {
        "iss": LIVEKIT_KEY,
        "sub": claims.identity,
        "iat": now,
        "nbf": now,
        "exp": now + int(valid_for.total_seconds()),
        "identity": claims.identity,
        "name": claims.name,
        "kind": "standard",
        # Go's VideoGrant JSON: every flag the original set, booleans included.
        "video": {
            "roomJoin": True,
            "room": claims.video.room,
            "canPublish": True,
            "canSubscribe": True,
            "canPublishData": True,
            **({"roomAdmin": True} if claims.video.room_admin else {}),
        },
        # protojson of the RoomConfiguration.
        "roomConfig": MessageToDict(room_configuration(None)),
    }
    return jwt.encode(payload, LIVEKIT_SECRET, algorithm="HS256")


def test_a_token_livekit_refreshed_works_after_the_original_expired(
    call: dict[str, Any],
) -> None:
    room, guest = call["room"], call["guest"]
    # The page's first token, as if its 15 minutes had run out.
    expired = (
        api.AccessToken(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_identity(guest["identity"])
        .with_name("Guest")
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .with_ttl(timedelta(minutes=-5))
        .to_jwt()
    )
    assert read_chat(room, expired).status == 401
    refreshed = livekit_refreshed_token(guest["token"], valid_for=timedelta(minutes=10))

    sent = post_chat(room, refreshed, "after the refresh")

    assert sent.status == 201, sent.body
    assert (sent.json()["identity"], sent.json()["name"]) == (guest["identity"], "Guest")
    assert read_chat(room, refreshed).status == 200
    host_refreshed = livekit_refreshed_token(call["host"]["token"], valid_for=timedelta(minutes=10))
    muted = moderate(room, guest["identity"], "mute", host_refreshed)
    assert muted.status == 200, muted.body


def test_a_refreshed_token_of_a_removed_participant_is_refused_too(call: dict[str, Any]) -> None:
    room, guest = call["room"], call["guest"]
    refreshed = livekit_refreshed_token(guest["token"], valid_for=timedelta(minutes=10))
    assert moderate(room, guest["identity"], "remove", call["host"]["token"]).status == 204

    assert code(post_chat(room, refreshed)) == "removed_from_meeting"


def test_a_removed_participant_who_rejoins_with_their_token_is_removed_again_by_the_pass(
    call: dict[str, Any], fake_livekit: LiveKitServer, db: Any, database_url: str
) -> None:
    from lifecycle.service import run_pass
    from meet_common.livekit_rooms import RoomService
    from tests.support.meeting_rows import attendance_rows, insert_attendance

    room, guest, meeting = call["room"], call["guest"], call["meeting"]
    assert moderate(room, guest["identity"], "remove", call["host"]["token"]).status == 204
    # LiveKit revokes no token: the guest connects again, and LiveKit reports it.
    fake_livekit.add_participant(room, guest["identity"], "Guest")
    earlier = datetime.now(UTC) - timedelta(seconds=30)
    insert_attendance(
        database_url, meeting["id"], guest["identity"], joined_at=earlier, updated_at=earlier
    )
    fake_livekit.calls.clear()

    counts = run_pass(db, RoomService(), now=datetime.now(UTC))

    assert counts.barred_removed == 1
    assert [c.request.identity for c in fake_livekit.calls_to("RemoveParticipant")] == [
        guest["identity"]
    ]
    assert guest["identity"] not in fake_livekit.participants[room]
    [row] = [
        r
        for r in attendance_rows(database_url, meeting["id"])
        if r["identity"] == guest["identity"]
    ]
    assert row["left_at"] is not None
