"""Clients joining, leaving and timing out, with real SDK tokens on a manual clock."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest
from livekit import api
from livekit.protocol import models
from livekit.protocol import room as room_pb

from livekit_local import JoinRefused, LiveKitServer, ManualClock, RtcError
from livekit_local.driver import RecordingListener, recording
from tests.support.livekit_model import KEY, SECRET

Reason = models.DisconnectReason


def token(
    identity: str,
    room: str = "r1",
    *,
    config: room_pb.RoomConfiguration | None = None,
    ttl: timedelta | None = None,
    grants: api.VideoGrants | None = None,
) -> str:
    built = (
        api.AccessToken(KEY, SECRET)
        .with_identity(identity)
        .with_name(identity.title())
        .with_grants(grants or api.VideoGrants(room_join=True, room=room))
    )
    if config is not None:
        built.with_room_config(config)
    if ttl is not None:
        built.with_ttl(ttl)
    return built.to_jwt()


def kinds(lk: LiveKitServer, room: str = "r1") -> list[str]:
    return [e.event for e in lk.model.events(room=room)]


def test_a_join_creates_the_room_from_the_tokens_room_configuration(lk: LiveKitServer) -> None:
    config = room_pb.RoomConfiguration(max_participants=2, empty_timeout=40, departure_timeout=7)
    lk.connect(token("ada", config=config))

    created = lk.rooms["r1"]

    assert (created.max_participants, created.empty_timeout, created.departure_timeout) == (
        2,
        40,
        7,
    )
    assert kinds(lk) == ["room_started", "participant_joined"]


def test_a_join_without_configuration_gets_the_server_defaults(lk: LiveKitServer) -> None:
    lk.connect(token("ada"))

    created = lk.rooms["r1"]

    assert (created.max_participants, created.empty_timeout, created.departure_timeout) == (
        0,
        300,
        20,
    )


def test_without_auto_create_a_join_needs_a_created_room(lk: LiveKitServer) -> None:
    lk.config.auto_create = False

    with pytest.raises(RtcError) as refused:
        lk.model.authorize(token("ada"))
    lk.model.create_room(room_pb.CreateRoomRequest(name="r1"))
    lk.connect(token("ada"))

    assert (refused.value.status, refused.value.message) == (404, "requested room does not exist")
    assert "ada" in lk.participants["r1"]


def test_a_full_room_refuses_the_next_identity_without_an_event(lk: LiveKitServer) -> None:
    config = room_pb.RoomConfiguration(max_participants=2)
    lk.connect(token("ada", config=config))
    lk.connect(token("bob", config=config))
    before = kinds(lk)

    with pytest.raises(JoinRefused) as refused:
        lk.connect(token("cyd", config=config))

    assert refused.value.reason == Reason.JOIN_FAILURE
    assert sorted(lk.participants["r1"]) == ["ada", "bob"]
    assert kinds(lk) == before
    # The same identity again is not a new participant: it replaces the old session.
    lk.connect(token("bob", config=config))


def test_agents_neither_count_against_the_limit_nor_keep_the_room_open(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    config = room_pb.RoomConfiguration(max_participants=1, empty_timeout=60)
    agent = (
        api.AccessToken(KEY, SECRET)
        .with_identity("agent-1")
        .with_kind("agent")
        .with_grants(api.VideoGrants(room_join=True, room="r1", agent=True))
        .with_room_config(config)
        .to_jwt()
    )
    lk.connect(agent)
    lk.connect(token("ada", config=config))  # the agent does not fill the one place
    lk.model.remove_participant("r1", "ada")

    clock.advance(19)
    assert "r1" in lk.rooms
    clock.advance(1)  # the departure timeout after ada left: the agent does not hold it

    assert "r1" not in lk.rooms
    left = [e.participant.identity for e in lk.model.events("participant_left")]
    assert left == ["ada", "agent-1"]


def test_a_room_nobody_joined_closes_after_its_empty_timeout(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    lk.model.create_room(room_pb.CreateRoomRequest(name="r1", empty_timeout=60))

    clock.advance(59)
    assert "r1" in lk.rooms
    clock.advance(1)

    assert "r1" not in lk.rooms
    assert kinds(lk) == ["room_started", "room_finished"]


def test_a_room_everyone_left_closes_after_its_departure_timeout(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    ada = lk.connect(token("ada"))
    clock.advance(400)  # past the empty timeout: someone is in the room
    ada.leave()

    clock.advance(19)
    assert "r1" in lk.rooms
    bob = lk.connect(token("bob"))  # a join within the departure timeout keeps the room
    clock.advance(30)
    assert "r1" in lk.rooms
    bob.leave()
    clock.advance(20)

    assert "r1" not in lk.rooms
    assert kinds(lk)[-2:] == ["participant_left", "room_finished"]
    (finished,) = lk.model.events("room_finished", room="r1")
    assert finished.created_at == int(clock.now())


def test_a_reconnect_keeps_the_identity_with_a_new_sid_and_kicks_the_old_session(
    lk: LiveKitServer,
) -> None:
    first = lk.connect(token("ada"))
    second = first.reconnect()

    assert second.sid != first.sid
    assert [leave.reason for leave in recording(first).leaves] == [Reason.DUPLICATE_IDENTITY]
    assert first.closed
    assert not second.closed
    assert lk.participants["r1"]["ada"].sid == second.sid
    assert kinds(lk) == [
        "room_started",
        "participant_joined",
        "participant_left",
        "participant_joined",
    ]
    left = lk.model.events("participant_left")[0]
    assert (left.participant.sid, left.participant.disconnect_reason) == (
        first.sid,
        Reason.DUPLICATE_IDENTITY,
    )


def test_a_connection_that_never_became_active_is_aborted_not_left(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"), activate=False)

    ada.abort()

    assert kinds(lk) == ["room_started", "participant_connection_aborted"]
    (aborted,) = lk.model.events("participant_connection_aborted")
    assert aborted.participant.identity == "ada"


def test_a_connected_client_that_drops_leaves_when_its_peer_connection_fails(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    ada = lk.connect(token("ada"))

    ada.abort()
    clock.advance(14)
    assert "ada" in lk.participants["r1"]
    clock.advance(1)

    assert "ada" not in lk.participants["r1"]
    (left,) = lk.model.events("participant_left")
    assert left.participant.disconnect_reason == Reason.CONNECTION_TIMEOUT
    assert recording(ada).leaves == []  # its signalling connection is gone


def test_a_dropped_client_that_rejoins_in_time_replaces_its_old_session(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    ada = lk.connect(token("ada"))
    ada.abort()
    clock.advance(5)

    again = ada.reconnect()
    clock.advance(30)

    assert lk.participants["r1"]["ada"].sid == again.sid
    (left,) = lk.model.events("participant_left")
    assert left.participant.disconnect_reason == Reason.DUPLICATE_IDENTITY


def test_a_participant_not_active_a_minute_after_joining_is_removed(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    ada = lk.connect(token("ada"), activate=False)

    clock.advance(59)
    assert "ada" in lk.participants["r1"]
    clock.advance(1)

    assert [leave.reason for leave in recording(ada).leaves] == [Reason.JOIN_FAILURE]
    assert kinds(lk) == ["room_started", "participant_connection_aborted"]


def test_connected_clients_get_a_fresh_token_every_five_minutes(
    lk: LiveKitServer, clock: ManualClock
) -> None:
    ada = lk.connect(token("ada", ttl=timedelta(minutes=1)))

    assert len(recording(ada).tokens) == 1  # at once, for a token close to expiring
    clock.advance(299)
    assert len(recording(ada).tokens) == 1
    clock.advance(1)
    clock.advance(300)

    tokens = recording(ada).tokens
    assert len(tokens) == 3
    # Issued at the model's time, ten minutes ahead of the wall clock by now.
    verifier = api.TokenVerifier(KEY, SECRET, leeway=timedelta(minutes=11))
    for issued in tokens:
        claims = verifier.verify(issued)
        assert claims.video is not None
        assert (claims.identity, claims.name, claims.video.room) == ("ada", "Ada", "r1")
    last = jwt.decode(tokens[-1], options={"verify_signature": False})
    assert last["exp"] - int(clock.now()) >= 600
    ada.leave()
    clock.advance(600)
    assert len(recording(ada).tokens) == 3


def test_tokens_expire_by_the_models_clock(lk: LiveKitServer, clock: ManualClock) -> None:
    ada = lk.connect(token("ada", ttl=timedelta(minutes=30)))
    clock.advance(20 * 60)

    rejoined = ada.reconnect()  # with the token refreshed at +20 min, not yet valid by wall time
    clock.advance(45 * 60)

    with pytest.raises(RtcError) as expired:
        lk.model.authorize(token("bob", ttl=timedelta(minutes=30)))  # valid by wall time
    assert expired.value.status == 401
    assert rejoined.sid == lk.participants["r1"]["ada"].sid


def test_a_long_lived_token_is_refreshed_with_its_own_expiry(lk: LiveKitServer) -> None:
    original = token("ada", ttl=timedelta(hours=2))
    ada = lk.connect(original)

    (refreshed,) = recording(ada).tokens

    expiry = jwt.decode(original, options={"verify_signature": False})["exp"]
    assert abs(jwt.decode(refreshed, options={"verify_signature": False})["exp"] - expiry) <= 1


def _hand_made(claims: dict[str, object]) -> str:
    """A token the SDK would refuse to build (no room, no identity). Made when the module
    is collected, perhaps many minutes before its test runs: valid for a day, so that
    what it is refused for is its claims, never its age."""
    now = int(time.time())
    return jwt.encode({"iss": KEY, "nbf": now, "exp": now + 24 * 3600, **claims}, SECRET, "HS256")


@pytest.mark.parametrize(
    ("bad", "status"),
    [
        ("not-a-jwt", 401),
        (
            api.AccessToken(KEY, "some-other-secret-that-is-long-enough")
            .with_identity("ada")
            .with_grants(api.VideoGrants(room_join=True, room="r1"))
            .to_jwt(),
            401,
        ),
        (
            api.AccessToken("other-key", SECRET)
            .with_identity("ada")
            .with_grants(api.VideoGrants(room_join=True, room="r1"))
            .to_jwt(),
            401,
        ),
        (token("ada", grants=api.VideoGrants(room_admin=True, room="r1")), 401),
        (token("ada", ttl=timedelta(minutes=-5)), 401),
        (_hand_made({"sub": "ada", "video": {"roomJoin": True}}), 400),
        (_hand_made({"video": {"roomJoin": True, "room": "r1"}}), 400),
    ],
)
def test_tokens_that_may_not_join_are_refused_with_the_real_status(
    lk: LiveKitServer, bad: str, status: int
) -> None:
    with pytest.raises(RtcError) as refused:
        lk.model.authorize(bad)
    assert refused.value.status == status
    assert lk.rooms == {}


def test_oversized_token_metadata_is_refused_before_the_room_exists(lk: LiveKitServer) -> None:
    lk.config.max_metadata_size = 10
    claims = lk.model.authorize(
        api.AccessToken(KEY, SECRET)
        .with_identity("ada")
        .with_metadata("x" * 11)
        .with_grants(api.VideoGrants(room_join=True, room="r1"))
        .to_jwt()
    )

    with pytest.raises(RtcError) as refused:
        lk.model.join(claims, RecordingListener())

    assert refused.value.status == 400
    assert lk.rooms == {}


def test_others_see_joins_tracks_mutes_and_leaves(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"))
    bob = lk.connect(token("bob"))
    mic = bob.publish_track(models.TrackInfo(type=models.TrackType.AUDIO))
    bob.set_track_muted(mic.sid, True)
    bob.leave()

    seen = [(u.identity, u.state, [t.muted for t in u.tracks]) for u in recording(ada).updates]

    joined, active = models.ParticipantInfo.JOINED, models.ParticipantInfo.ACTIVE
    assert seen == [
        ("bob", joined, []),  # its JoinResponse is out
        ("bob", active, []),  # its media connection is up
        ("bob", active, [False]),
        ("bob", active, [True]),
        ("bob", models.ParticipantInfo.DISCONNECTED, [True]),
    ]
    # a track or mute change reaches the participant itself too; its state changes do not
    assert [(u.identity, len(u.tracks)) for u in recording(bob).updates] == [
        ("bob", 1),
        ("bob", 1),
    ]
    assert kinds(lk)[-3:] == ["track_published", "track_unpublished", "participant_left"]


def test_updates_before_a_join_response_wait_for_it(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"))
    heard = RecordingListener()
    bob = lk.model.join(lk.model.authorize(token("bob")), heard)
    ada.publish_track(models.TrackInfo(type=models.TrackType.AUDIO))
    assert heard.updates == []  # held: bob has no JoinResponse yet

    bob.start()

    assert [(u.identity, len(u.tracks)) for u in heard.updates] == [("ada", 1)]


def test_an_announced_track_is_published_only_when_its_media_arrives(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"))

    announced = ada.add_track(models.TrackInfo(type=models.TrackType.VIDEO, name="cam"))
    assert announced.sid.startswith("TR_V")
    assert list(lk.participants["r1"]["ada"].tracks) == []
    assert "track_published" not in kinds(lk)
    published = ada.publish_track(announced)

    assert published.sid == announced.sid
    assert [t.name for t in lk.participants["r1"]["ada"].tracks] == ["cam"]
    (event,) = lk.model.events("track_published")
    assert (event.track.sid, event.participant.identity) == (announced.sid, "ada")


def test_data_goes_to_the_others_or_only_to_its_destinations(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"))
    bob = lk.connect(token("bob"))
    cyd = lk.connect(token("cyd"))

    ada.send_data(models.DataPacket(user=models.UserPacket(payload=b"all", topic="t")))
    ada.send_data(
        models.DataPacket(
            destination_identities=["cyd"], user=models.UserPacket(payload=b"cyd only")
        )
    )

    assert recording(ada).data == []
    assert [p.user.payload for p in recording(bob).data] == [b"all"]
    assert [p.user.payload for p in recording(cyd).data] == [b"all", b"cyd only"]
    assert {(p.participant_identity, p.user.topic) for p in recording(bob).data} == {("ada", "t")}


def test_data_to_a_sid_reaches_it_once_per_nonce(lk: LiveKitServer) -> None:
    ada = lk.connect(token("ada"))
    bob = lk.connect(token("bob"))
    cyd = lk.connect(token("cyd"))
    packet = models.DataPacket(
        user=models.UserPacket(payload=b"x", destination_sids=[bob.sid], nonce=b"n" * 16)
    )

    ada.send_data(packet)
    ada.send_data(packet)  # a retransmission with the same nonce

    assert [p.user.payload for p in recording(bob).data] == [b"x"]
    assert recording(cyd).data == []


def test_a_join_response_lists_the_others(lk: LiveKitServer) -> None:
    lk.connect(token("ada"))
    lk.connect(token("cyd"))
    bob = lk.model.join(lk.model.authorize(token("bob")), RecordingListener())

    response = bob.join_response()

    assert response.participant.identity == "bob"
    assert sorted(p.identity for p in response.other_participants) == ["ada", "cyd"]
    assert response.room.name == "r1"
