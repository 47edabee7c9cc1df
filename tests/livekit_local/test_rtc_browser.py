"""Real livekit-client in real Chromium through the local media server.

Each page loads the client's UMD bundle from loopback, connects with an AccessToken, publishes
the fake camera and microphone and reports what the SDK saw on ``window.t``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from livekit import api

from livekit_local import ManualClock
from tests.support.livekit_model import WebhookSink, eventually
from tests.support.rtc_server import API_KEY, API_SECRET, CHROMIUM_ARGS, RtcServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def sink() -> Iterator[WebhookSink]:
    receiver = WebhookSink(ManualClock()).start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def server(sink: WebhookSink) -> Iterator[RtcServer]:
    srv = RtcServer(webhook_urls=(sink.url,)).start()
    yield srv
    srv.stop()


def webhooks(sink: WebhookSink, room: str) -> list[tuple[str, str]]:
    receiver = api.WebhookReceiver(api.TokenVerifier(API_KEY, API_SECRET))
    events = [receiver.receive(r.body, r.headers["Authorization"]) for r in sink.received]
    return [(e.event, e.participant.identity) for e in events if e.room.name == room]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser: Any, server: RtcServer) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_(identity: str, room: str, publish: bool = True, meet: bool = False) -> Any:
        ctx = browser.new_context()
        ctx.set_default_timeout(20_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(server.page_url(identity, room, publish=publish, meet=meet))
        page.wait_for_function("window.t && window.t.state === 'connected'")
        if publish:
            page.wait_for_function("window.t.published === true")
        return page

    yield open_
    for ctx in contexts:
        ctx.close()


def state(page: Any) -> dict[str, Any]:
    return dict(json.loads(page.evaluate("JSON.stringify(window.t)")))


def wait_decoding(page: Any, identity: str, what: str = "video") -> dict[str, int]:
    """Waits until the page has decoded remote video from ``identity``, and is still decoding.

    ``what`` is "video" for the camera, "screen" for the screen share."""
    page.wait_for_function(
        "([id, w]) => { const s = videoStats(id, w); return s && s.width > 0 && s.decoded > 5; }",
        arg=[identity, what],
    )
    first: dict[str, int] = page.evaluate("([id, w]) => videoStats(id, w)", [identity, what])
    page.wait_for_function(
        "([id, w, n]) => videoStats(id, w).decoded > n + 10",
        arg=[identity, what, first["decoded"]],
    )
    return first


# meet: the Room options of the product's meeting page (adaptive stream, dynacast, 720p)
@pytest.mark.parametrize("meet", [False, True], ids=["plain", "meeting-page-options"])
def test_two_browsers_see_each_others_video(
    open_page: Any, server: RtcServer, sink: WebhookSink, meet: bool
) -> None:
    room = f"video-room-{meet}"
    alice = open_page("alice", room, meet=meet)
    bob = open_page("bob", room, meet=meet)

    alice.wait_for_function("remoteIdentities().includes('bob')")
    bob.wait_for_function("remoteIdentities().includes('alice')")
    seen_by_bob = wait_decoding(bob, "alice")
    seen_by_alice = wait_decoding(alice, "bob")
    assert seen_by_bob["width"] > 0
    assert seen_by_bob["height"] > 0
    assert seen_by_alice["width"] > 0
    # the microphone is forwarded too, and its samples arrive
    for page, other in ((alice, "bob"), (bob, "alice")):
        page.wait_for_function("async (id) => (await audioSamples(id)) > 48000", arg=other)
    # forwarding, not transcoding: nothing on the server decoded a frame
    forwarders = server.run(
        lambda: [f for c in server.service.connections(room) for f in c.forwarders.values()]
    )
    assert sorted(f.kind for f in forwarders) == ["audio", "audio", "video", "video"]
    assert all(f.frames > 0 for f in forwarders)
    # the room's events reached the service as signed webhooks, from the model
    eventually(lambda: webhooks(sink, room).count(("track_published", "bob")) == 2)
    events = webhooks(sink, room)
    assert ("room_started", "") in events
    assert ("participant_joined", "alice") in events
    assert ("participant_joined", "bob") in events
    assert events.count(("track_published", "alice")) == 2


def test_data_reaches_only_its_destinations(open_page: Any) -> None:
    alice = open_page("alice", "data-room", publish=False)
    bob = open_page("bob", "data-room", publish=False)
    carol = open_page("carol", "data-room", publish=False)
    for page, others in ((alice, ["bob", "carol"]), (bob, ["alice"]), (carol, ["alice"])):
        for other in others:
            page.wait_for_function(f"remoteIdentities().includes('{other}')")
    # the data channels open once the peer connections are up
    alice.wait_for_function("window.room.engine.dataChannelForKind(0)?.readyState === 'open'")

    alice.evaluate("sendData('for bob only', 'chat', ['bob'])")
    bob.wait_for_function("window.t.data.length > 0")
    alice.evaluate("sendData('for everyone', 'chat', [])")
    carol.wait_for_function("window.t.data.length > 0")
    bob.wait_for_function("window.t.data.length > 1")

    assert state(bob)["data"] == [
        {"from": "alice", "topic": "chat", "text": "for bob only"},
        {"from": "alice", "topic": "chat", "text": "for everyone"},
    ]
    # carol was not a destination of the first packet: she only has the broadcast
    assert state(carol)["data"] == [{"from": "alice", "topic": "chat", "text": "for everyone"}]


def test_removed_participant_is_disconnected_with_the_reason(
    open_page: Any, server: RtcServer, sink: WebhookSink
) -> None:
    alice = open_page("alice", "remove-room", publish=False)
    bob = open_page("bob", "remove-room", publish=False)
    alice.wait_for_function("remoteIdentities().includes('bob')")

    server.room_service(
        lambda lk: lk.room.remove_participant(
            api.RoomParticipantIdentity(room="remove-room", identity="bob")
        )
    )

    bob.wait_for_function("window.t.state === 'disconnected'")
    # livekit-client's DisconnectReason.PARTICIPANT_REMOVED
    assert state(bob)["disconnectReason"] == 4
    alice.wait_for_function("!remoteIdentities().includes('bob')")
    eventually(lambda: ("participant_left", "bob") in webhooks(sink, "remove-room"))


def test_admin_mute_shows_on_the_other_page(open_page: Any, server: RtcServer) -> None:
    alice = open_page("alice", "mute-room")
    bob = open_page("bob", "mute-room")
    bob.wait_for_function("window.t.events.includes('subscribed:alice:audio')")
    track_sid = alice.evaluate(
        "Array.from(room.localParticipant.audioTrackPublications.values())[0].trackSid"
    )

    server.room_service(
        lambda lk: lk.room.mute_published_track(
            api.MuteRoomTrackRequest(
                room="mute-room", identity="alice", track_sid=track_sid, muted=True
            )
        )
    )

    bob.wait_for_function("window.t.mutes['alice:audio'] === true")
    alice.wait_for_function(
        "Array.from(room.localParticipant.audioTrackPublications.values())[0].isMuted"
    )


def test_unpublished_camera_leaves_the_other_page(open_page: Any) -> None:
    alice = open_page("alice", "unpublish-room")
    bob = open_page("bob", "unpublish-room")
    wait_decoding(bob, "alice")

    alice.evaluate(
        "room.localParticipant.unpublishTrack("
        "Array.from(room.localParticipant.videoTrackPublications.values())[0].track)"
    )

    bob.wait_for_function("window.t.events.includes('unsubscribed:alice:video')")
    # the microphone keeps flowing
    assert "unsubscribed:alice:audio" not in state(bob)["events"]
    assert bob.evaluate("room.remoteParticipants.get('alice').videoTrackPublications.size") == 0


def test_a_screen_share_reaches_the_others_beside_the_camera(
    open_page: Any, server: RtcServer
) -> None:
    alice = open_page("alice", "screen-room")
    bob = open_page("bob", "screen-room", publish=False)
    wait_decoding(bob, "alice")

    # getDisplayMedia with Chromium's fake capture UI: a second video track, source ScreenShare
    alice.evaluate("shareScreen()")
    alice.wait_for_function("window.t.sharing === true")

    bob.wait_for_function(
        "window.t.events.filter((e) => e === 'subscribed:alice:video').length === 2"
    )
    # the SDK matched the new track to alice's screen share publication (by its msid)
    assert bob.evaluate(
        "Array.from(room.remoteParticipants.get('alice').videoTrackPublications.values())"
        ".map((p) => p.source).sort()"
    ) == ["camera", "screen_share"]
    screen = wait_decoding(bob, "alice", "screen")
    camera = wait_decoding(bob, "alice")
    assert screen["width"] > 0
    assert camera["width"] > 0
    # both of alice's video tracks are forwarded, each from its own receiver
    forwarders = server.run(
        lambda: [
            (f.kind, f.frames)
            for c in server.service.connections("screen-room")
            for f in c.forwarders.values()
        ]
    )
    videos = [frames for kind, frames in forwarders if kind == "video"]
    assert len(videos) == 2
    assert all(frames > 0 for frames in videos)


def test_camera_and_screen_published_together_keep_their_publications(
    open_page: Any, server: RtcServer
) -> None:
    alice = open_page("alice", "together-room", publish=False)
    bob = open_page("bob", "together-room", publish=False)
    bob.wait_for_function("remoteIdentities().includes('alice')")

    alice.evaluate("shareScreenWithCamera()")
    alice.wait_for_function("window.t.sharing === true")

    wait_decoding(bob, "alice", "screen")
    wait_decoding(bob, "alice")
    # each publication's media comes from the m-line that sends its track (matched by the
    # msid's track id, the AddTrackRequest's cid), not from whichever video arrived first
    local = alice.evaluate(
        "['camera', 'screen_share'].map((s) => [room.localParticipant.getTrackPublication(s)"
        ".trackSid, localMid(s)])"
    )
    alice_conn = server.run(
        lambda: next(
            c for c in server.service.connections("together-room") if c.identity == "alice"
        )
    )
    served = server.run(
        lambda: {sid: t.mid for sid, t in alice_conn._forwarder_transceivers.items()}
    )
    for sid, mid in local:
        assert served[sid] == mid


def test_dropped_signalling_recovers(open_page: Any, server: RtcServer) -> None:
    alice = open_page("alice", "drop-room")
    bob = open_page("bob", "drop-room")
    wait_decoding(bob, "alice")

    async def drop_alice() -> None:
        for conn in server.service.connections("drop-room"):
            if conn.identity == "alice" and conn.ws is not None:
                await conn.ws.close()

    server.call(drop_alice())

    alice.wait_for_function("window.t.events.includes('reconnected')")
    assert state(alice)["state"] == "connected"
    # a full rejoin: bob sees alice again and decodes her video from the new session
    bob.wait_for_function("(() => { const s = videoStats('alice'); return s && s.decoded > 5; })()")
    wait_decoding(bob, "alice")
    wait_decoding(alice, "bob")


def test_four_browsers_each_decode_the_three_others(open_page: Any) -> None:
    names = ["p0", "p1", "p2", "p3"]
    pages = {name: open_page(name, "four-room") for name in names}
    for name, page in pages.items():
        for other in names:
            if other != name:
                wait_decoding(page, other)
                page.wait_for_function("async (id) => (await audioSamples(id)) > 0", arg=other)


def test_camera_off_and_on_again_resumes_video(open_page: Any) -> None:
    alice = open_page("alice", "camera-room", meet=True)
    bob = open_page("bob", "camera-room", meet=True)
    wait_decoding(bob, "alice")

    alice.evaluate("room.localParticipant.setCameraEnabled(false)")
    bob.wait_for_function("window.t.mutes['alice:video'] === true")
    alice.evaluate("room.localParticipant.setCameraEnabled(true)")
    bob.wait_for_function("window.t.mutes['alice:video'] === false")
    # frames flow again after the unmute (a keyframe reached bob's decoder)
    wait_decoding(bob, "alice")
