"""A host's controls over the whole meeting through the participants function's real
Lambda entry point, against PostgreSQL and the LiveKit model: ending it for everyone,
muting everyone, locking, co-hosts and extending, and who may do each."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from livekit import api

from livekit_local.server import LiveKitServer
from meet_common.repo.meetings import MeetingRecord
from meet_common.schedules import get_schedules
from meetings.handler import handler as meetings_handler
from participants.app import app
from participants.handler import handler
from tests.functions.test_participants_handler import create_meeting, error_code, join
from tests.support.apigw import LambdaResponse, invoke
from tokens.handler import handler as tokens_handler

pytestmark = pytest.mark.usefixtures("db")


class RecordedSchedules:
    def __init__(self) -> None:
        self.synced: list[MeetingRecord] = []
        self.removed: list[MeetingRecord] = []

    def sync(self, meeting: MeetingRecord) -> None:
        self.synced.append(meeting)

    def remove(self, meeting: MeetingRecord) -> None:
        self.removed.append(meeting)


@pytest.fixture
def schedules() -> Any:
    recorded = RecordedSchedules()
    app.dependency_overrides[get_schedules] = lambda: recorded
    yield recorded
    app.dependency_overrides.pop(get_schedules, None)


@pytest.fixture
def live_room(admin_headers: dict[str, str], fake_livekit: LiveKitServer) -> dict[str, Any]:
    """An active meeting with a host and two guests in the room, each with a microphone."""
    meeting = create_meeting(admin_headers, isPublic=True)
    host = join(meeting, name="Host", hostKey=meeting["hostKey"]).json()
    guest = join(meeting, name="Guest").json()
    other = join(meeting, name="Other").json()
    room = meeting["roomName"]
    fake_livekit.add_participant(room, host["identity"], "Host", ("TR_host_mic",))
    fake_livekit.add_participant(room, guest["identity"], "Guest", ("TR_guest_mic",))
    fake_livekit.add_participant(room, other["identity"], "Other", ("TR_other_mic",))
    fake_livekit.session(room, guest["identity"]).publish_track(
        api.TrackInfo(sid="TR_guest_cam", type=api.TrackType.VIDEO)
    )
    return {"meeting": meeting, "room": room, "host": host, "guest": guest, "other": other}


def call(room: str, path: str, token: str | None, **kwargs: Any) -> LambdaResponse:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return invoke(handler, "POST", f"/api/rooms/{room}/{path}", headers=headers, **kwargs)


def meeting_row(database_url: str, meeting_id: str) -> dict[str, Any]:
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        row = conn.execute(
            "SELECT status, end_time, locked_at, ended_at, room_deleted_at, ended_by "
            "FROM meetings WHERE id = %s",
            (meeting_id,),
        ).fetchone()
    assert row is not None
    return row


def room_summary(room: str) -> dict[str, Any]:
    """What a page the room's deletion disconnected reads (the tokens function's route)."""
    response = invoke(tokens_handler, "GET", f"/api/rooms/{room}")
    assert response.status == 200, response.body
    return dict(response.json())


def cohosts(database_url: str, meeting_id: str) -> list[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT identity FROM issued_identities "
            "WHERE meeting_id = %s AND cohost_at IS NOT NULL",
            (meeting_id,),
        ).fetchall()
    return [identity for (identity,) in rows]


def packets(fake: LiveKitServer) -> list[dict[str, Any]]:
    sent = fake.calls_to("SendData")
    assert all(c.request.topic == "meeting" for c in sent)
    assert all(c.request.kind == api.DataPacket.Kind.RELIABLE for c in sent)
    return [json.loads(c.request.data) for c in sent]


def mics(fake: LiveKitServer, room: str) -> dict[str, bool]:
    return {
        t.sid: t.muted
        for person in fake.participants[room].values()
        for t in person.tracks
        if t.type == api.TrackType.AUDIO
    }


# --- end for everyone -----------------------------------------------------------------------


def test_host_ends_the_meeting_for_everyone(
    live_room: dict[str, Any],
    fake_livekit: LiveKitServer,
    database_url: str,
    admin_headers: dict[str, str],
    schedules: RecordedSchedules,
) -> None:
    room, meeting = live_room["room"], live_room["meeting"]

    response = call(room, "end", live_room["host"]["token"])

    assert response.status == 204, response.body
    row = meeting_row(database_url, meeting["id"])
    assert row["status"] == "ENDED"
    assert row["ended_by"] == "host"
    assert row["ended_at"] is not None
    assert row["room_deleted_at"] is not None
    assert room not in fake_livekit.rooms
    assert [c.request.room for c in fake_livekit.calls_to("DeleteRoom")] == [room]
    assert packets(fake_livekit) == [{"type": "ended", "by": "host"}]
    assert [str(r.id) for r in schedules.removed] == [meeting["id"]]
    # Nobody joins an ended meeting.
    assert join(meeting, name="Late").status == 410
    # Pages that LiveKit's leave reached before the packet read who ended it here.
    assert room_summary(room)["endedBy"] == "host"
    # Ending it again is done, not an error, and the host stays who ended it.
    assert call(room, "end", live_room["host"]["token"]).status == 204
    admin_end = invoke(
        meetings_handler, "POST", f"/api/meetings/{meeting['id']}/end", headers=admin_headers
    )
    assert (admin_end.status, admin_end.json()["endedBy"]) == (200, "host")
    assert meeting_row(database_url, meeting["id"])["ended_by"] == "host"
    assert room_summary(room)["endedBy"] == "host"


def test_a_host_ending_a_meeting_the_organiser_ended_keeps_the_organisers_end(
    live_room: dict[str, Any],
    fake_livekit: LiveKitServer,
    database_url: str,
    admin_headers: dict[str, str],
    schedules: RecordedSchedules,
) -> None:
    room, meeting = live_room["room"], live_room["meeting"]
    ended = invoke(
        meetings_handler, "POST", f"/api/meetings/{meeting['id']}/end", headers=admin_headers
    )
    assert ended.status == 200, ended.body

    # A host page that had not yet heard presses End for everyone.
    assert call(room, "end", live_room["host"]["token"]).status == 204

    assert meeting_row(database_url, meeting["id"])["ended_by"] == "organiser"
    assert room_summary(room)["endedBy"] == "organiser"
    assert packets(fake_livekit) == []  # nobody is told a host ended it


# --- mute everyone ---------------------------------------------------------------------------


def test_mute_all_mutes_every_guest_microphone_and_spares_the_hosts(
    live_room: dict[str, Any], fake_livekit: LiveKitServer
) -> None:
    room = live_room["room"]

    response = call(room, "mute-all", live_room["host"]["token"])

    assert response.status == 200, response.body
    assert sorted(response.json()["mutedIdentities"]) == sorted(
        [live_room["guest"]["identity"], live_room["other"]["identity"]]
    )
    assert mics(fake_livekit, room) == {
        "TR_host_mic": False,
        "TR_guest_mic": True,
        "TR_other_mic": True,
    }
    # Cameras are left alone.
    guest = fake_livekit.participants[room][live_room["guest"]["identity"]]
    assert {t.sid: t.muted for t in guest.tracks}["TR_guest_cam"] is False


# --- lock ------------------------------------------------------------------------------------


def test_a_locked_meeting_refuses_new_guests_but_not_the_host_until_unlocked(
    live_room: dict[str, Any], fake_livekit: LiveKitServer, database_url: str
) -> None:
    room, meeting, host = live_room["room"], live_room["meeting"], live_room["host"]

    locked = call(room, "lock", host["token"])

    assert locked.status == 200, locked.body
    assert locked.json()["locked"] is True
    assert meeting_row(database_url, meeting["id"])["locked_at"] is not None
    refused = join(meeting, name="Latecomer")
    assert refused.status == 403
    assert error_code(refused) == "meeting_locked"
    again = join(meeting, name="Host again", hostKey=meeting["hostKey"])
    assert again.status == 200
    assert again.json()["meeting"]["locked"] is True

    unlocked = call(room, "unlock", host["token"])

    assert unlocked.status == 200
    assert unlocked.json()["locked"] is False
    assert meeting_row(database_url, meeting["id"])["locked_at"] is None
    welcome = join(meeting, name="Latecomer")
    assert welcome.status == 200
    assert welcome.json()["meeting"]["locked"] is False
    assert packets(fake_livekit) == [
        {"type": "locked", "locked": True},
        {"type": "locked", "locked": False},
    ]


def test_a_locked_refusal_does_not_count_as_a_failed_attempt(
    live_room: dict[str, Any], database_url: str
) -> None:
    call(live_room["room"], "lock", live_room["host"]["token"])
    for _ in range(3):
        assert error_code(join(live_room["meeting"], name="Knocking")) == "meeting_locked"
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM failed_join_attempts").fetchone()
    assert row == (0,)


# --- co-host ---------------------------------------------------------------------------------


def test_a_cohost_is_recorded_shown_to_the_room_and_may_use_the_host_routes(
    live_room: dict[str, Any], fake_livekit: LiveKitServer, database_url: str
) -> None:
    room, meeting = live_room["room"], live_room["meeting"]
    guest, other = live_room["guest"], live_room["other"]
    assert call(room, "mute-all", guest["token"]).status == 403

    promoted = call(room, f"participants/{guest['identity']}/cohost", live_room["host"]["token"])

    assert promoted.status == 204, promoted.body
    assert cohosts(database_url, meeting["id"]) == [guest["identity"]]
    # Pages learn it from the service's packet, not from an attribute anyone could set.
    assert packets(fake_livekit) == [{"type": "cohosts", "identities": [guest["identity"]]}]
    assert dict(fake_livekit.participants[room][guest["identity"]].attributes) == {}
    # The co-host's own token (no room_admin) now passes the host routes ...
    muted = invoke(
        handler,
        "POST",
        f"/api/rooms/{room}/participants/{other['identity']}/mute",
        headers={"Authorization": f"Bearer {guest['token']}"},
    )
    assert muted.status == 200, muted.body
    assert mics(fake_livekit, room)["TR_other_mic"] is True
    assert call(room, "lock", guest["token"]).status == 200
    # ... and mute-all spares the co-host as well as the host.
    call(room, "unlock", guest["token"])
    fake_livekit.session(room, other["identity"]).set_track_muted("TR_other_mic", False)
    everyone = call(room, "mute-all", live_room["host"]["token"])
    assert everyone.json()["mutedIdentities"] == [other["identity"]]
    assert mics(fake_livekit, room)["TR_guest_mic"] is False


def test_each_promotion_announces_every_cohost_and_a_late_joiner_reads_them(
    live_room: dict[str, Any], fake_livekit: LiveKitServer, database_url: str
) -> None:
    room, meeting, host = live_room["room"], live_room["meeting"], live_room["host"]
    guest, other = live_room["guest"]["identity"], live_room["other"]["identity"]
    assert join(meeting, name="Early").json()["cohosts"] == []

    assert call(room, f"participants/{guest}/cohost", host["token"]).status == 204
    assert call(room, f"participants/{other}/cohost", host["token"]).status == 204
    assert call(room, f"participants/{guest}/cohost", host["token"]).status == 204

    assert sorted(cohosts(database_url, meeting["id"])) == sorted([guest, other])
    assert packets(fake_livekit) == [
        {"type": "cohosts", "identities": [guest]},
        {"type": "cohosts", "identities": [guest, other]},
        {"type": "cohosts", "identities": [guest, other]},
    ]
    late = join(meeting, name="Late")
    assert late.status == 200
    assert late.json()["cohosts"] == [guest, other]


def test_a_cohost_of_another_meeting_is_not_listed(
    live_room: dict[str, Any], admin_headers: dict[str, str]
) -> None:
    guest = live_room["guest"]["identity"]
    call(live_room["room"], f"participants/{guest}/cohost", live_room["host"]["token"])

    elsewhere = join(create_meeting(admin_headers, isPublic=True), name="Elsewhere")

    assert elsewhere.json()["cohosts"] == []


def test_making_someone_not_in_the_room_a_cohost_is_a_404(
    live_room: dict[str, Any], fake_livekit: LiveKitServer, database_url: str
) -> None:
    response = call(
        live_room["room"], "participants/nobody-here/cohost", live_room["host"]["token"]
    )

    assert response.status == 404
    assert error_code(response) == "participant_not_in_room"
    assert cohosts(database_url, live_room["meeting"]["id"]) == []
    assert packets(fake_livekit) == []


# --- extend ----------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [15, 30])
def test_extending_moves_the_end_its_schedule_and_tells_the_room(
    live_room: dict[str, Any],
    fake_livekit: LiveKitServer,
    database_url: str,
    schedules: RecordedSchedules,
    minutes: int,
) -> None:
    room, meeting = live_room["room"], live_room["meeting"]
    before = meeting_row(database_url, meeting["id"])["end_time"]

    response = call(room, "extend", live_room["host"]["token"], body={"minutes": minutes})

    assert response.status == 200, response.body
    after = meeting_row(database_url, meeting["id"])["end_time"]
    assert after - before == timedelta(minutes=minutes)
    assert datetime.fromisoformat(response.json()["endTime"]) == after
    assert [r.end_time for r in schedules.synced] == [after]
    [packet] = packets(fake_livekit)
    assert packet["type"] == "endTime"
    assert datetime.fromisoformat(packet["endTime"]) == after
    # A guest joining now learns the new end from the token response.
    joined = join(meeting, name="Late")
    assert datetime.fromisoformat(joined.json()["meeting"]["endTime"]) == after


@pytest.mark.parametrize("body", [{"minutes": 10}, {"minutes": 0}, {"minutes": -15}])
def test_only_15_or_30_minute_extensions(
    live_room: dict[str, Any], database_url: str, body: dict[str, Any]
) -> None:
    before = meeting_row(database_url, live_room["meeting"]["id"])["end_time"]

    response = call(live_room["room"], "extend", live_room["host"]["token"], body=body)

    assert response.status == 422
    assert error_code(response) == "invalid_extension"
    assert meeting_row(database_url, live_room["meeting"]["id"])["end_time"] == before


def test_a_meeting_past_its_end_cannot_be_extended(
    live_room: dict[str, Any], database_url: str
) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE meetings SET end_time = %s WHERE id = %s",
            (datetime.now(UTC) - timedelta(seconds=1), live_room["meeting"]["id"]),
        )

    response = call(live_room["room"], "extend", live_room["host"]["token"], body={"minutes": 15})

    assert response.status == 410
    assert error_code(response) == "meeting_over"


def test_an_ended_meeting_can_no_longer_be_locked_or_extended(
    live_room: dict[str, Any],
) -> None:
    room, token = live_room["room"], live_room["host"]["token"]
    assert call(room, "end", token).status == 204

    for path, body in (("lock", None), ("extend", {"minutes": 15}), ("mute-all", None)):
        response = call(room, path, token, body=body)
        assert response.status == 409, path
        assert error_code(response) == "meeting_finished"


# --- the access matrix ---------------------------------------------------------------------

ACTIONS = [
    ("end", None),
    ("mute-all", None),
    ("lock", None),
    ("unlock", None),
    ("extend", {"minutes": 15}),
]


@pytest.mark.parametrize(("path", "body"), ACTIONS)
def test_a_guest_cannot_use_the_host_controls(
    live_room: dict[str, Any],
    fake_livekit: LiveKitServer,
    database_url: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    before = meeting_row(database_url, live_room["meeting"]["id"])

    response = call(live_room["room"], path, live_room["guest"]["token"], body=body)

    assert response.status == 403
    assert error_code(response) == "host_only"
    assert meeting_row(database_url, live_room["meeting"]["id"]) == before
    assert fake_livekit.calls_to("SendData") == []
    assert fake_livekit.calls_to("MutePublishedTrack") == []


def test_a_guest_cannot_make_a_cohost(live_room: dict[str, Any], database_url: str) -> None:
    guest = live_room["guest"]
    response = call(live_room["room"], f"participants/{guest['identity']}/cohost", guest["token"])

    assert response.status == 403
    assert error_code(response) == "host_only"
    assert cohosts(database_url, live_room["meeting"]["id"]) == []


@pytest.mark.parametrize(("path", "body"), [*ACTIONS, ("participants/anyone/cohost", None)])
def test_another_rooms_host_token_is_refused(
    live_room: dict[str, Any],
    admin_headers: dict[str, str],
    database_url: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    other = create_meeting(admin_headers, isPublic=True)
    other_host = join(other, name="Other host", hostKey=other["hostKey"]).json()
    before = meeting_row(database_url, live_room["meeting"]["id"])

    response = call(live_room["room"], path, other_host["token"], body=body)

    assert response.status == 403
    assert error_code(response) == "wrong_room"
    assert meeting_row(database_url, live_room["meeting"]["id"]) == before


@pytest.mark.parametrize(("path", "body"), ACTIONS)
def test_no_token_is_a_401(live_room: dict[str, Any], path: str, body: Any) -> None:
    assert call(live_room["room"], path, None, body=body).status == 401
