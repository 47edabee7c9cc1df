"""The RoomService over Twirp, driven with the real server SDK (``api.LiveKitAPI``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
from livekit import api
from livekit.protocol import models

from livekit_local import LiveKitServer, ManualClock, TwirpError
from livekit_local.driver import recording
from tests.support.livekit_model import KEY, SECRET, run

T = TypeVar("T")


def call(lk: LiveKitServer, use: Callable[[api.LiveKitAPI], Awaitable[T]]) -> T:
    async def using() -> T:
        async with api.LiveKitAPI(lk.url, KEY, SECRET) as client:
            return await use(client)

    return run(using())


def failure(lk: LiveKitServer, use: Callable[[api.LiveKitAPI], Awaitable[Any]]) -> api.TwirpError:
    with pytest.raises(api.TwirpError) as caught:
        call(lk, use)
    return caught.value


def test_create_room_starts_it_once_and_returns_a_live_room_unchanged(lk: LiveKitServer) -> None:
    first = call(
        lk,
        lambda c: c.room.create_room(
            api.CreateRoomRequest(name="r1", empty_timeout=60, max_participants=3)
        ),
    )
    again = call(
        lk,
        lambda c: c.room.create_room(
            api.CreateRoomRequest(name="r1", empty_timeout=999, max_participants=9)
        ),
    )

    assert (first.empty_timeout, first.departure_timeout, first.max_participants) == (60, 20, 3)
    assert first.sid.startswith("RM_")
    assert again == first
    assert [e.event for e in lk.model.events(room="r1")] == ["room_started"]


def test_list_rooms_filters_by_name(lk: LiveKitServer) -> None:
    for name in ("a", "b", "c"):
        lk.model.create_room(api.CreateRoomRequest(name=name))

    listed = call(lk, lambda c: c.room.list_rooms(api.ListRoomsRequest(names=["a", "c", "zz"])))
    everything = call(lk, lambda c: c.room.list_rooms(api.ListRoomsRequest()))

    assert sorted(r.name for r in listed.rooms) == ["a", "c"]
    assert sorted(r.name for r in everything.rooms) == ["a", "b", "c"]


def test_delete_room_disconnects_everyone_then_finishes_the_room(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada"))
    bob = lk.connect(lk.token("r1", "bob"))

    call(lk, lambda c: c.room.delete_room(api.DeleteRoomRequest(room="r1")))

    assert [leave.reason for leave in recording(ada).leaves + recording(bob).leaves] == [
        models.DisconnectReason.ROOM_DELETED
    ] * 2
    assert "r1" not in lk.rooms
    kinds = [e.event for e in lk.model.events(room="r1")]
    assert kinds[-3:] == ["participant_left", "participant_left", "room_finished"]


def test_deleting_an_unknown_room_is_not_found(lk: LiveKitServer) -> None:
    error = failure(lk, lambda c: c.room.delete_room(api.DeleteRoomRequest(room="nope")))
    assert (error.code, error.status, error.message) == (
        "not_found",
        404,
        "requested room does not exist",
    )


def test_participants_of_a_room_that_is_not_live_are_an_empty_list(lk: LiveKitServer) -> None:
    listed = call(lk, lambda c: c.room.list_participants(api.ListParticipantsRequest(room="nope")))
    assert list(listed.participants) == []


def test_get_participant_finds_the_live_one_and_not_others(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada", "Ada"))

    found = call(
        lk, lambda c: c.room.get_participant(api.RoomParticipantIdentity(room="r1", identity="ada"))
    )
    error = failure(
        lk, lambda c: c.room.get_participant(api.RoomParticipantIdentity(room="r1", identity="x"))
    )

    assert (found.sid, found.name, found.state) == (ada.sid, "Ada", models.ParticipantInfo.ACTIVE)
    assert (error.code, error.status) == ("not_found", 404)


def test_remove_participant_sends_a_leave_and_revokes_nothing(lk: LiveKitServer) -> None:
    token = lk.token("r1", "ada")
    ada = lk.connect(token)

    call(
        lk,
        lambda c: c.room.remove_participant(api.RoomParticipantIdentity(room="r1", identity="ada")),
    )

    assert [leave.reason for leave in recording(ada).leaves] == [
        models.DisconnectReason.PARTICIPANT_REMOVED
    ]
    assert "ada" not in lk.participants["r1"]
    assert lk.model.events(room="r1")[-1].event == "participant_left"
    again = lk.connect(token)  # the same token joins again
    assert again.sid != ada.sid
    assert "ada" in lk.participants["r1"]


def test_removing_someone_not_in_the_room_is_not_found(lk: LiveKitServer) -> None:
    lk.connect(lk.token("r1", "ada"))
    error = failure(
        lk,
        lambda c: c.room.remove_participant(api.RoomParticipantIdentity(room="r1", identity="x")),
    )
    assert (error.code, error.status, error.message) == (
        "not_found",
        404,
        "participant does not exist",
    )


def _mute(identity: str, track_sid: str, muted: bool = True) -> Callable[[api.LiveKitAPI], Any]:
    return lambda c: c.room.mute_published_track(
        api.MuteRoomTrackRequest(room="r1", identity=identity, track_sid=track_sid, muted=muted)
    )


def test_mute_published_track_mutes_it_and_tells_the_client(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada"))
    mic = ada.publish_track(models.TrackInfo(type=models.TrackType.AUDIO, name="mic"))

    answer = call(lk, _mute("ada", mic.sid))

    assert (answer.track.sid, answer.track.muted) == (mic.sid, True)
    assert recording(ada).mutes == [(mic.sid, True)]
    assert [t.muted for t in lk.participants["r1"]["ada"].tracks] == [True]


def test_mute_of_an_unknown_track_answers_200_without_a_track(lk: LiveKitServer) -> None:
    lk.connect(lk.token("r1", "ada"))

    answer = call(lk, _mute("ada", "TR_nope"))

    assert not answer.HasField("track")


def test_remote_unmute_is_refused_as_the_default_config_does(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada"))
    mic = ada.publish_track(models.TrackInfo(type=models.TrackType.AUDIO))

    error = failure(lk, _mute("ada", mic.sid, muted=False))

    assert (error.code, error.status, error.message) == (
        "failed_precondition",
        412,
        "remote unmute not enabled",
    )


def test_mute_of_an_unknown_participant_is_unavailable_only_after_15_seconds(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    lk.connect(lk.token("r1", "ada"))

    async def scenario() -> api.TwirpError:
        async with api.LiveKitAPI(lk.url, KEY, SECRET) as client:
            timers = clock.pending()
            pending = asyncio.ensure_future(_mute("gone", "TR_x")(client))
            for _ in range(500):  # until the server waits on the clock
                if clock.pending() > timers:
                    break
                await asyncio.sleep(0.01)
            clock.advance(14.5)
            await asyncio.sleep(0.3)
            assert not pending.done(), "answered before the psrpc timeout"
            clock.advance(0.6)
            with pytest.raises(api.TwirpError) as caught:
                await asyncio.wait_for(pending, 5)
            return caught.value

    error = run(scenario())

    assert (error.code, error.status) == ("unavailable", 503)


def test_update_participant_changes_metadata_and_sends_a_fresh_token(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada", "Ada"))
    bob = lk.connect(lk.token("r1", "bob"))
    tokens_before = len(recording(ada).tokens)

    info = call(
        lk,
        lambda c: c.room.update_participant(
            api.UpdateParticipantRequest(
                room="r1", identity="ada", metadata='{"hand":1}', attributes={"role": "host"}
            )
        ),
    )

    assert (info.name, info.metadata, dict(info.attributes)) == (
        "Ada",
        '{"hand":1}',
        {"role": "host"},
    )
    assert recording(bob).updates[-1].metadata == '{"hand":1}'
    fresh = recording(ada).tokens[tokens_before:]
    assert len(fresh) == 1
    claims = api.TokenVerifier(KEY, SECRET).verify(fresh[0])
    assert (claims.metadata, claims.attributes) == ('{"hand":1}', {"role": "host"})


def test_send_data_reaches_the_destination_identities_with_its_topic(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada"))
    bob = lk.connect(lk.token("r1", "bob"))

    call(
        lk,
        lambda c: c.room.send_data(
            api.SendDataRequest(
                room="r1",
                data=b"hi",
                kind=models.DataPacket.RELIABLE,
                destination_identities=["bob"],
                topic="chat",
            )
        ),
    )

    assert recording(ada).data == []
    (packet,) = recording(bob).data
    assert (packet.user.payload, packet.user.topic) == (b"hi", "chat")


def _raw(lk: LiveKitServer, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(lk.http_url + path, timeout=5, **kwargs)


def _admin_token(room: str) -> str:
    return (
        api.AccessToken(KEY, SECRET)
        .with_grants(api.VideoGrants(room_admin=True, room=room, room_create=True))
        .to_jwt()
    )


def test_missing_or_insufficient_grants_are_unauthenticated(lk: LiveKitServer) -> None:
    lk.connect(lk.token("r1", "ada"))
    body = api.ListParticipantsRequest(room="r1").SerializeToString()
    protobuf = {"Content-Type": "application/protobuf"}
    path = "/twirp/livekit.RoomService/ListParticipants"

    anonymous = _raw(lk, path, content=body, headers=protobuf)
    other_room = _raw(
        lk,
        path,
        content=body,
        headers=protobuf | {"Authorization": f"Bearer {_admin_token('r2')}"},
    )

    for response in (anonymous, other_room):
        assert response.status_code == 401
        assert response.json() == {"code": "unauthenticated", "msg": "permissions denied"}
    assert lk.calls_to("ListParticipants") == []


def test_a_token_that_does_not_verify_is_refused_before_twirp(lk: LiveKitServer) -> None:
    forged = (
        api.AccessToken(KEY, "another-secret-that-is-long-enough-xx")
        .with_grants(api.VideoGrants(room_list=True))
        .to_jwt()
    )
    path = "/twirp/livekit.RoomService/ListRooms"
    protobuf = {"Content-Type": "application/protobuf"}

    bad_scheme = _raw(lk, path, headers=protobuf | {"Authorization": "Token x"})
    bad_signature = _raw(lk, path, headers=protobuf | {"Authorization": f"Bearer {forged}"})

    assert bad_scheme.status_code == bad_signature.status_code == 401
    assert bad_scheme.text.startswith("invalid authorization header")
    assert bad_signature.text.startswith("invalid authorization token")


def test_json_bodies_work_and_unknown_routes_are_404(lk: LiveKitServer) -> None:
    headers = {"Authorization": f"Bearer {_admin_token('r1')}"}

    created = _raw(
        lk, "/twirp/livekit.RoomService/CreateRoom", json={"name": "r1"}, headers=headers
    )
    no_method = _raw(lk, "/twirp/livekit.RoomService/Nope", json={}, headers=headers)
    no_path = httpx.get(lk.http_url + "/nowhere", timeout=5)

    assert created.status_code == 200
    assert json.loads(created.text)["name"] == "r1"
    assert (no_method.status_code, no_method.json()["code"]) == (404, "bad_route")
    assert (no_path.status_code, no_path.text) == (404, "404 page not found\n")
    assert [r.path for r in lk.http_requests] == ["/nowhere"]


def test_the_server_also_runs_on_a_loop_it_is_given() -> None:
    """The mode for an asyncio host: ``await serve()`` / ``await shutdown()``."""

    async def scenario() -> list[str]:
        server = LiveKitServer(KEY, SECRET)
        url = await server.serve()
        try:
            async with api.LiveKitAPI(url, KEY, SECRET) as client:
                await client.room.create_room(api.CreateRoomRequest(name="on-loop"))
                listed = await client.room.list_rooms(api.ListRoomsRequest())
            return [r.name for r in listed.rooms]
        finally:
            await server.shutdown()

    assert run(scenario()) == ["on-loop"]


def test_injected_failures_latency_and_concurrency_are_recorded(lk: LiveKitServer) -> None:
    lk.fail_next("CreateRoom", "unavailable")
    lk.latency_seconds = 0.2

    async def burst() -> list[Any]:
        async with api.LiveKitAPI(lk.url, KEY, SECRET) as client:
            return await asyncio.gather(
                *(
                    client.room.create_room(api.CreateRoomRequest(name=f"room-{n}"))
                    for n in range(3)
                ),
                return_exceptions=True,
            )

    outcomes = run(burst())

    failures = [o for o in outcomes if isinstance(o, api.TwirpError)]
    assert [(f.code, f.status) for f in failures] == [("unavailable", 503)]
    assert len(lk.rooms) == 2
    assert lk.peak_in_flight == 3
    assert {c.identity for c in lk.calls_to("CreateRoom")} == {""}
    assert all(c.token for c in lk.calls_to("CreateRoom"))


def test_revoking_publish_unpublishes_the_tracks_and_refreshes_the_token(lk: LiveKitServer) -> None:
    ada = lk.connect(lk.token("r1", "ada"))
    ada.publish_track(
        models.TrackInfo(type=models.TrackType.AUDIO, source=models.TrackSource.MICROPHONE)
    )
    tokens_before = len(recording(ada).tokens)

    info = call(
        lk,
        lambda c: c.room.update_participant(
            api.UpdateParticipantRequest(
                room="r1",
                identity="ada",
                permission=models.ParticipantPermission(can_subscribe=True, can_publish=False),
            )
        ),
    )

    assert (info.permission.can_publish, list(info.tracks)) == (False, [])
    assert lk.model.events(room="r1")[-1].event == "track_unpublished"
    (fresh,) = recording(ada).tokens[tokens_before:]
    video = api.TokenVerifier(KEY, SECRET).verify(fresh).video
    assert video is not None
    assert (video.can_publish, video.room_join, video.room) == (False, True, "r1")
    with pytest.raises(TwirpError):
        ada.publish_track(models.TrackInfo(type=models.TrackType.AUDIO))


def test_a_grant_for_some_sources_publishes_only_those(lk: LiveKitServer) -> None:
    mic_only = (
        api.AccessToken(KEY, SECRET)
        .with_identity("ada")
        .with_grants(api.VideoGrants(room_join=True, room="r1", can_publish_sources=["microphone"]))
        .to_jwt()
    )
    ada = lk.connect(mic_only)

    ada.publish_track(
        models.TrackInfo(type=models.TrackType.AUDIO, source=models.TrackSource.MICROPHONE)
    )
    with pytest.raises(TwirpError) as refused:
        ada.add_track(
            models.TrackInfo(type=models.TrackType.VIDEO, source=models.TrackSource.CAMERA)
        )

    assert refused.value.code == "permission_denied"
    assert [t.source for t in lk.participants["r1"]["ada"].tracks] == [
        models.TrackSource.MICROPHONE
    ]
