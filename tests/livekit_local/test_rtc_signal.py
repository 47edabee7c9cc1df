"""The `/rtc` endpoints and the media server without a browser: HTTP statuses, the signal
protocol, and media/data through aiortc clients (tests/support/lk_client.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import aiohttp
import av
import pytest
from livekit.protocol import models, rtc

from tests.support.lk_client import ColourTrack, PyClient, ToneTrack
from tests.support.rtc_server import API_KEY, RtcServer, token


@pytest.fixture(scope="module")
def server() -> Iterator[RtcServer]:
    srv = RtcServer().start()
    yield srv
    srv.stop()


async def get(url: str, **kwargs: Any) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http, http.get(url, **kwargs) as resp:
        return resp.status, await resp.text()


async def ws_status(url: str) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_validate_answers_as_livekit_server(server: RtcServer) -> None:
    base = server.http_url
    good = token("ada", "validate-room")
    forged = token("ada", "validate-room").rsplit(".", 1)[0] + ".bad-signature"

    async def run() -> dict[str, tuple[int, str]]:
        return {
            "good": await get(f"{base}/rtc/validate?access_token={good}"),
            "none": await get(f"{base}/rtc/validate"),
            "forged": await get(f"{base}/rtc/validate?access_token={forged}"),
            "header": await get(
                f"{base}/rtc/validate", headers={"Authorization": f"Bearer {good}"}
            ),
            "no-join": await get(
                f"{base}/rtc/validate?access_token={token('ada', 'validate-room', room_join=False)}"
            ),
            "plain-get": await get(f"{base}/rtc?access_token={good}"),
            "v1-validate": await get(f"{base}/rtc/v1/validate?access_token={good}"),
        }

    answers = server.call(run())
    assert answers["good"] == (200, "success")
    assert answers["header"] == (200, "success")
    assert answers["none"][0] == 401
    assert answers["forged"][0] == 401
    assert answers["no-join"][0] == 401
    # not a WebSocket upgrade: a bare 404, as rtcservice.go serve answers
    assert answers["plain-get"][0] == 404
    # no v1 path: livekit-client reads this 404 as "fall back to /rtc" (ServiceNotFound),
    # which it does only when the body does not say the room is missing
    status, body = answers["v1-validate"]
    assert status == 404
    assert "requested room does not exist" not in body
    # a bad token is refused before the upgrade
    assert server.call(ws_status(f"{server.ws_url}/rtc?access_token={forged}")) == 401
    assert server.call(ws_status(f"{server.ws_url}/rtc/v1?access_token={good}")) == 404


def test_join_response_and_ping(server: RtcServer) -> None:
    async def run() -> tuple[PyClient, PyClient, PyClient]:
        first = PyClient(server.ws_url, token("ada", "join-room"))
        await first.connect()
        second = PyClient(server.ws_url, token("bea", "join-room"))
        await second.connect()
        viewer = PyClient(server.ws_url, token("cy", "join-room", can_subscribe=False))
        await viewer.connect()
        await second.send(rtc.SignalRequest(ping=1234))
        await second.send(rtc.SignalRequest(ping_req=rtc.Ping(timestamp=5678, rtt=3)))
        await second.wait_for(lambda: second.of("pong") and second.of("pong_resp"))
        # the server offers the subscriber PC, with its data channels, right after the join
        await second.wait_for(lambda: second.of("offer") and second.of("refresh_token"))
        for client in (first, second, viewer):
            await client.close()
        return first, second, viewer

    _, second, viewer = server.call(run())
    join = second.join
    assert join is not None
    assert join.room.name == "join-room"
    assert join.participant.identity == "bea"
    assert join.participant.sid.startswith("PA_")
    assert [p.identity for p in join.other_participants] == ["ada"]
    assert (join.ping_interval, join.ping_timeout) == (5, 15)
    assert join.server_info.protocol == 16
    assert join.subscriber_primary is True
    assert join.client_configuration.resume_connection == models.ClientConfigSetting.DISABLED
    assert viewer.join is not None
    assert viewer.join.subscriber_primary is False
    assert second.of("pong") == [1234]
    assert second.first("pong_resp").last_ping_timestamp == 5678
    offer = second.first("offer")
    assert "m=application" in offer.sdp
    assert second.of("refresh_token")[0].count(".") == 2


def test_leave_requests_carry_the_reason(server: RtcServer) -> None:
    async def run() -> tuple[PyClient, PyClient, PyClient]:
        old = PyClient(server.ws_url, token("ada", "leave-room"))
        await old.connect()
        new = PyClient(server.ws_url, token("ada", "leave-room"))
        await new.connect()
        await old.wait_for(lambda: old.first("leave") is not None and old.closed.is_set())
        other = PyClient(server.ws_url, token("bea", "leave-room"))
        await other.connect()
        return old, new, other

    old, new, other = server.call(run())
    assert old.first("leave").reason == models.DisconnectReason.DUPLICATE_IDENTITY

    server.room_service(lambda lk: lk.room.delete_room(_delete("leave-room")))

    async def after() -> None:
        for client in (new, other):
            await client.wait_for(lambda c=client: c.first("leave") is not None)
            await client.close()
        await old.close()

    server.call(after())
    assert new.first("leave").reason == models.DisconnectReason.ROOM_DELETED
    assert other.first("leave").action == rtc.LeaveRequest.DISCONNECT


def _delete(room: str) -> Any:
    from livekit import api

    return api.DeleteRoomRequest(room=room)


def test_client_leave_and_dropped_signalling(
    server: RtcServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # how long a connected participant outlives its dropped signalling (the model's rule)
    monkeypatch.setattr(server.lk.config, "ice_failed_timeout", 0.5)

    async def run() -> tuple[list[str], list[str], list[str]]:
        watcher = PyClient(server.ws_url, token("wat", "bye-room"))
        await watcher.connect()
        leaver = PyClient(server.ws_url, token("lea", "bye-room"))
        await leaver.connect()
        dropper = PyClient(server.ws_url, token("dro", "bye-room"))
        await dropper.connect()
        await dropper.wait_for(lambda: dropper.sub.connectionState == "connected")
        await watcher.wait_for(
            lambda: any(
                p.identity == "dro" and p.state == models.ParticipantInfo.ACTIVE
                for u in watcher.of("update")
                for p in u.participants
            )
        )
        present = sorted(server.lk.participants["bye-room"])

        await leaver.send(rtc.SignalRequest(leave=rtc.LeaveRequest()))
        await leaver.closed.wait()
        after_leave = sorted(server.lk.participants["bye-room"])

        assert dropper.ws is not None
        await dropper.ws.close()  # no leave: the connection just drops
        await asyncio.sleep(0.1)
        during_grace = sorted(server.lk.participants["bye-room"])
        await asyncio.sleep(1.0)
        after_grace = sorted(server.lk.participants["bye-room"])
        for client in (watcher, leaver, dropper):
            await client.close()
        return present, after_leave, [*during_grace, "|", *after_grace]

    present, after_leave, grace = server.call(run())
    assert present == ["dro", "lea", "wat"]
    assert after_leave == ["dro", "wat"]
    assert grace == ["dro", "wat", "|", "wat"]


def test_media_is_forwarded_without_transcoding(server: RtcServer) -> None:
    async def run() -> dict[str, Any]:
        pub = PyClient(server.ws_url, token("pub", "media-room"))
        await pub.connect()
        sub = PyClient(server.ws_url, token("sub", "media-room"))
        await sub.connect()
        info = await pub.publish(ColourTrack(160, 120), models.TrackSource.CAMERA)
        await sub.wait_for(lambda: len(sub.tracks) == 1, seconds=15)
        frames: list[Any] = []
        async with asyncio.timeout(15):
            while len(frames) < 10:
                frames.append(await sub.tracks[0].recv())
        forwarder = server.service.forwarder(info.sid)
        assert forwarder is not None
        assert pub.join is not None
        result = {
            "frame": frames[-1],
            "forwarded": forwarder.frames,
            "stream_ids": [
                t.sender._stream_id for t in sub_conn(server, "sub").sub_pc.getTransceivers()
            ],
            "expected_stream_id": f"{pub.join.participant.sid}|{info.sid}",
            "track_ids": [t.id for t in sub.tracks],
            "track_sid": info.sid,
        }
        for client in (pub, sub):
            await client.close()
        return result

    got = server.call(run(), timeout=40)
    # the subscriber decodes what the publisher encoded, at its size
    assert (got["frame"].width, got["frame"].height) == (160, 120)
    assert got["forwarded"] >= 10
    # livekit-client maps a remote track by its msid: "<participant sid>|<track sid>" and the sid
    assert got["stream_ids"] == [got["expected_stream_id"]]
    assert got["track_ids"] == [got["track_sid"]]


def sub_conn(server: RtcServer, identity: str) -> Any:
    return next(c for c in server.service.connections("media-room") if c.identity == identity)


def test_data_goes_to_destinations_only(server: RtcServer) -> None:
    async def run() -> dict[str, list[models.DataPacket]]:
        # c may not subscribe to tracks: data is not a track, it still gets it
        clients = {
            name: PyClient(server.ws_url, token(name, "dc-room", can_subscribe=name != "c"))
            for name in "abc"
        }
        for client in clients.values():
            await client.connect()
        sender = clients["a"]
        # the client's channels open once its publisher PC is negotiated
        await sender.negotiate()
        await sender.wait_for(lambda: sender.reliable.readyState == "open")
        for client in clients.values():
            await client.wait_for(lambda c=client: c.sub.connectionState == "connected", seconds=15)
            await asyncio.sleep(0.2)
        packet = models.DataPacket(
            user=models.UserPacket(payload=b"to b", topic="t", destination_identities=["b"]),
            participant_identity="forged",
        )
        sender.reliable.send(packet.SerializeToString())
        sender.lossy.send(
            models.DataPacket(user=models.UserPacket(payload=b"all")).SerializeToString()
        )
        await clients["b"].wait_for(lambda: len(clients["b"].data) == 2)
        await clients["c"].wait_for(lambda: len(clients["c"].data) == 1)
        await asyncio.sleep(0.3)
        result = {name: list(c.data) for name, c in clients.items()}
        for client in clients.values():
            await client.close()
        return result

    got = server.call(run(), timeout=60)
    b_payloads = sorted(p.user.payload for p in got["b"])
    assert b_payloads == [b"all", b"to b"]
    assert [p.user.payload for p in got["c"]] == [b"all"]
    assert got["a"] == []
    # the sender is who the connection belongs to, whatever the packet claimed
    assert {p.participant_identity for p in got["b"]} == {"a"}
    to_b = next(p for p in got["b"] if p.user.payload == b"to b")
    assert to_b.user.topic == "t"
    assert to_b.kind == models.DataPacket.RELIABLE
    lossy = next(p for p in got["b"] if p.user.payload == b"all")
    assert lossy.kind == models.DataPacket.LOSSY
    assert API_KEY  # keeps the module's token helper honest about the key it signs with


def test_own_metadata_needs_the_grant(server: RtcServer) -> None:
    async def run() -> tuple[PyClient, PyClient, PyClient]:
        allowed = PyClient(server.ws_url, token("ok", "meta-room", can_update_own_metadata=True))
        await allowed.connect()
        denied = PyClient(server.ws_url, token("no", "meta-room"))
        await denied.connect()
        watcher = PyClient(server.ws_url, token("see", "meta-room"))
        await watcher.connect()
        for client, request_id in ((allowed, 7), (denied, 8)):
            await client.send(
                rtc.SignalRequest(
                    update_metadata=rtc.UpdateParticipantMetadata(
                        metadata="hand-raised", name="New Name", request_id=request_id
                    )
                )
            )
            await client.wait_for(lambda c=client: c.first("request_response") is not None)
        await watcher.wait_for(
            lambda: any(
                p.metadata == "hand-raised" for u in watcher.of("update") for p in u.participants
            )
        )
        await asyncio.sleep(0.2)
        for client in (allowed, denied, watcher):
            await client.close()
        return allowed, denied, watcher

    allowed, denied, watcher = server.call(run())
    ok = allowed.first("request_response")
    assert (ok.request_id, ok.reason) == (7, rtc.RequestResponse.OK)
    refused = denied.first("request_response")
    assert (refused.request_id, refused.reason) == (8, rtc.RequestResponse.NOT_ALLOWED)
    assert refused.update_metadata.metadata == "hand-raised"
    # the others saw the permitted change only
    seen = {(p.identity, p.metadata) for u in watcher.of("update") for p in u.participants}
    assert ("ok", "hand-raised") in seen
    assert ("no", "hand-raised") not in seen


def test_a_loud_microphone_is_announced_as_speaker(server: RtcServer) -> None:
    async def run() -> tuple[str, list[list[tuple[str, bool]]]]:
        talker = PyClient(server.ws_url, token("talker", "speak-room"))
        await talker.connect()
        listener = PyClient(server.ws_url, token("listener", "speak-room"))
        await listener.connect()
        tone = ToneTrack()
        await talker.publish(tone, models.TrackSource.MICROPHONE)
        await listener.wait_for(lambda: listener.of("speakers_changed"), seconds=15)
        tone.amplitude = 0  # silence: the speaker is reported as stopped
        await listener.wait_for(
            lambda: any(not s.active for c in listener.of("speakers_changed") for s in c.speakers),
            seconds=15,
        )
        assert talker.join is not None
        sid = talker.join.participant.sid
        changes = [[(s.sid, s.active) for s in c.speakers] for c in listener.of("speakers_changed")]
        for client in (talker, listener):
            await client.close()
        return sid, changes

    sid, changes = server.call(run(), timeout=45)
    assert changes[0] == [(sid, True)]
    assert changes[-1] == [(sid, False)]


def test_a_full_room_answers_with_a_leave_request(server: RtcServer) -> None:
    from livekit import api

    server.room_service(
        lambda lk: lk.room.create_room(api.CreateRoomRequest(name="full-room", max_participants=1))
    )

    async def run() -> PyClient:
        first = PyClient(server.ws_url, token("one", "full-room"))
        await first.connect()
        second = PyClient(server.ws_url, token("two", "full-room"))
        with pytest.raises(AssertionError):
            await second.connect()  # no JoinResponse: a LeaveRequest comes first
        await second.closed.wait()
        for client in (first, second):
            await client.close()
        return second

    refused = server.call(run())
    assert [m.WhichOneof("message") for m in refused.messages] == ["leave"]
    assert refused.first("leave").reason == models.DisconnectReason.JOIN_FAILURE


# aiortc fails to parse this port (an assertion inside setRemoteDescription)
BAD_SDP = "v=0\r\nm=audio notaport UDP/TLS/RTP/SAVPF 111\r\n"


def test_a_bad_offer_does_not_end_the_session(server: RtcServer) -> None:
    async def run() -> PyClient:
        client = PyClient(server.ws_url, token("ada", "bad-sdp-room"))
        await client.connect()
        await client.send(
            rtc.SignalRequest(offer=rtc.SessionDescription(type="offer", sdp=BAD_SDP, id=1))
        )
        await client.send(rtc.SignalRequest(ping=42))
        await client.wait_for(lambda: client.of("pong"))
        await client.close()
        return client

    client = server.call(run())
    assert client.of("pong") == [42]
    assert client.first("leave") is None


def test_revoked_publishing_stops_the_track(server: RtcServer) -> None:
    from livekit import api

    async def publish() -> tuple[PyClient, PyClient, str]:
        pub = PyClient(server.ws_url, token("pub", "revoke-room"))
        await pub.connect()
        sub = PyClient(server.ws_url, token("sub", "revoke-room"))
        await sub.connect()
        info = await pub.publish(ColourTrack(), models.TrackSource.CAMERA)
        await sub.wait_for(lambda: len(sub.tracks) == 1, seconds=15)
        return pub, sub, info.sid

    pub, sub, track_sid = server.call(publish(), timeout=30)
    server.room_service(
        lambda lk: lk.room.update_participant(
            api.UpdateParticipantRequest(
                room="revoke-room",
                identity="pub",
                permission=models.ParticipantPermission(can_subscribe=True, can_publish=False),
            )
        )
    )

    async def after() -> bool:
        await pub.wait_for(lambda: pub.first("track_unpublished") is not None)
        forwarded = server.service.forwarder(track_sid) is not None
        for client in (pub, sub):
            await client.close()
        return forwarded

    still_forwarded = server.call(after())
    assert pub.first("track_unpublished").track_sid == track_sid
    assert not still_forwarded


def test_room_metadata_reaches_the_client(server: RtcServer) -> None:
    from livekit import api

    async def connected() -> PyClient:
        # Made on the server's loop, as the other tests' clients: aiortc binds the
        # loop it is made on.
        client = PyClient(server.ws_url, token("ada", "meta-update-room"))
        await client.connect()
        return client

    client = server.call(connected())
    server.room_service(
        lambda lk: lk.room.update_room_metadata(
            api.UpdateRoomMetadataRequest(room="meta-update-room", metadata="topic: launch")
        )
    )

    async def after() -> None:
        await client.wait_for(lambda: client.first("room_update") is not None)
        await client.close()

    server.call(after())
    assert client.first("room_update").room.metadata == "topic: launch"


def test_each_video_track_is_matched_by_its_msid_not_by_arrival(server: RtcServer) -> None:
    """Two video tracks announced in one order and offered in the other, with an offer whose
    msid-semantic line does not list their streams (as Chrome's may not): each m-line still
    becomes the track its msid names."""

    async def run() -> dict[str, Any]:
        pub = PyClient(server.ws_url, token("pub", "msid-room"))
        await pub.connect()
        sub = PyClient(server.ws_url, token("sub", "msid-room"))
        await sub.connect()
        camera, screen = ColourTrack(160, 120), ColourTrack(320, 240)
        # the screen share is announced first, the camera's m-line comes first
        for announced, source in (
            (screen, models.TrackSource.SCREEN_SHARE),
            (camera, models.TrackSource.CAMERA),
        ):
            await pub.send(
                rtc.SignalRequest(
                    add_track=rtc.AddTrackRequest(
                        cid=announced.id,
                        type=models.TrackType.VIDEO,
                        source=source,  # type: ignore[arg-type]
                    )
                )
            )
        await pub.wait_for(lambda: len(pub.of("track_published")) == 2)
        sids = {r.cid: r.track.sid for r in pub.of("track_published")}
        pub.pub.addTrack(camera)
        pub.pub.addTrack(screen)
        offer = await pub.pub.createOffer()
        await pub.pub.setLocalDescription(offer)
        sdp = pub.pub.localDescription.sdp.replace(
            "a=msid-semantic:WMS *", "a=msid-semantic:WMS another-stream"
        )
        await pub.send(rtc.SignalRequest(offer=rtc.SessionDescription(type="offer", sdp=sdp)))
        await sub.wait_for(lambda: len(sub.tracks) == 2, seconds=15)
        sizes: dict[str, tuple[int, int]] = {}
        async with asyncio.timeout(15):
            for track in sub.tracks:
                frame = await track.recv()
                assert isinstance(frame, av.VideoFrame)
                sizes[track.id] = (frame.width, frame.height)
        for client in (pub, sub):
            await client.close()
        return {"sizes": sizes, "camera": sids[camera.id], "screen": sids[screen.id]}

    got = server.call(run(), timeout=40)
    # the subscriber's track named after the camera's sid carries the camera's frames
    assert got["sizes"] == {got["camera"]: (160, 120), got["screen"]: (320, 240)}
