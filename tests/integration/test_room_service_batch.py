"""A batch session (the lifecycle pass's) signs one token for all its calls; plain
calls sign their own, with only the grant each needs."""

from __future__ import annotations

from livekit import api

from livekit_local.server import LiveKitServer
from meet_common.livekit_rooms import RoomService, RoomSpec, run_sync
from tests.conftest import LIVEKIT_KEY, LIVEKIT_SECRET


async def _batch(rooms: RoomService) -> None:
    async with rooms.session(batch=True) as session:
        await session.create_rooms([RoomSpec("batch-a"), RoomSpec("batch-b")])
        await session.list_rooms(["batch-a", "batch-b"])
        await session.delete_rooms(["batch-a"])


def test_a_batch_session_signs_one_token_for_create_list_and_delete(
    service_env: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    run_sync(_batch(RoomService()))

    calls = fake_livekit.calls
    assert sorted(c.method for c in calls) == [
        "CreateRoom",
        "CreateRoom",
        "DeleteRoom",
        "ListRooms",
    ]
    assert len({c.token for c in calls}) == 1
    grants = api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(calls[0].token).video
    assert grants is not None
    assert (grants.room_create, grants.room_list, bool(grants.room_admin)) == (True, True, False)
    assert set(fake_livekit.rooms) == {"batch-b"}


def test_plain_calls_carry_only_the_grant_each_needs(
    service_env: dict[str, str], fake_livekit: LiveKitServer
) -> None:
    run_sync(RoomService().create_room("plain-a"))
    [call] = fake_livekit.calls_to("CreateRoom")
    grants = api.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(call.token).video
    assert grants is not None
    assert (grants.room_create, bool(grants.room_list)) == (True, False)
