"""The one place that talks to LiveKit's room service.

Each call opens ``api.LiveKitAPI`` inside the running event loop and closes it
before returning: an aiohttp session must not outlive the loop of the invocation
that made it. ``not_found`` on delete means the room is already gone: done.
Synchronous callers (routes run on worker threads) use ``run_sync``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Coroutine, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
from livekit import api

from meet_common.observability import logger
from meet_common.settings import Settings, get_settings

T = TypeVar("T")

# An empty room closes after this long; the lifecycle pass deletes it at the
# meeting's end anyway.
EMPTY_TIMEOUT_SECONDS = 300
DEPARTURE_TIMEOUT_SECONDS = 20


class RoomServiceError(Exception):
    """The room service failed or could not be reached."""


@dataclass(frozen=True)
class LiveRoom:
    name: str
    num_participants: int


@asynccontextmanager
async def _client(settings: Settings) -> AsyncIterator[api.LiveKitAPI]:
    timeout = aiohttp.ClientTimeout(total=settings.livekit_timeout_seconds)
    lk = api.LiveKitAPI(
        settings.livekit_http_url,
        settings.livekit_api_key,
        settings.livekit_api_secret.get_secret_value(),
        timeout=timeout,
    )
    try:
        yield lk
    finally:
        await lk.aclose()


async def _guard(call: Awaitable[T], what: str) -> T:
    try:
        return await call
    except api.TwirpError as exc:
        raise RoomServiceError(f"{what}: {exc.code}") from exc
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        raise RoomServiceError(f"{what}: {type(exc).__name__}") from exc


class RoomService:
    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings or get_settings()

    async def create_room(self, name: str, *, max_participants: int | None = None) -> None:
        request = api.CreateRoomRequest(
            name=name,
            empty_timeout=EMPTY_TIMEOUT_SECONDS,
            departure_timeout=DEPARTURE_TIMEOUT_SECONDS,
            max_participants=max_participants or 0,
        )
        async with _client(self._settings) as lk:
            await _guard(lk.room.create_room(request), "create_room")

    async def delete_room(self, name: str) -> bool:
        """Delete a room; False when LiveKit had no such room (which is not an error)."""
        async with _client(self._settings) as lk:
            try:
                await lk.room.delete_room(api.DeleteRoomRequest(room=name))
            except api.TwirpError as exc:
                if exc.code == api.TwirpErrorCode.NOT_FOUND:
                    return False
                raise RoomServiceError(f"delete_room: {exc.code}") from exc
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                raise RoomServiceError(f"delete_room: {type(exc).__name__}") from exc
        return True

    async def list_rooms(self, names: Iterable[str] = ()) -> list[LiveRoom]:
        async with _client(self._settings) as lk:
            response = await _guard(
                lk.room.list_rooms(api.ListRoomsRequest(names=list(names))), "list_rooms"
            )
        return [LiveRoom(room.name, room.num_participants) for room in response.rooms]

    async def remove_participant(self, room: str, identity: str) -> None:
        async with _client(self._settings) as lk:
            await _guard(
                lk.room.remove_participant(
                    api.RoomParticipantIdentity(room=room, identity=identity)
                ),
                "remove_participant",
            )

    async def list_participants(self, room: str) -> list[Any]:
        async with _client(self._settings) as lk:
            response = await _guard(
                lk.room.list_participants(api.ListParticipantsRequest(room=room)),
                "list_participants",
            )
        return list(response.participants)

    async def mute_published_track(
        self, room: str, identity: str, track_sid: str, *, muted: bool = True
    ) -> None:
        async with _client(self._settings) as lk:
            await _guard(
                lk.room.mute_published_track(
                    api.MuteRoomTrackRequest(
                        room=room, identity=identity, track_sid=track_sid, muted=muted
                    )
                ),
                "mute_published_track",
            )


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a room-service coroutine from synchronous code (no loop running here)."""
    return asyncio.run(coro)


def delete_room_quietly(rooms: RoomService, name: str) -> None:
    """Delete a room, logging (not raising) a failure: the lifecycle pass retries."""
    try:
        run_sync(rooms.delete_room(name))
    except RoomServiceError as exc:
        logger.warning(
            "room delete failed; the lifecycle pass will retry",
            extra={"room": name, "error": str(exc)},
        )
