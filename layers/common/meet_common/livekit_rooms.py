"""The one place that talks to LiveKit's room service.

Every call runs on an ``api.LiveKitAPI`` client opened inside the running event loop
and closed before that loop ends: an aiohttp session must not outlive the loop of
the invocation that made it. ``RoomService`` methods open a client per call;
``RoomService.session()`` opens one client for many calls (the lifecycle pass) and
runs at most ``concurrency`` of them at once. ``not_found`` on delete means the room
is already gone: done. Synchronous callers (routes run on worker threads) use
``run_sync``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from meet_common.observability import logger
from meet_common.secrets import livekit_credentials
from meet_common.settings import Settings, get_settings

if TYPE_CHECKING:
    # Imported where a call is made: livekit.api pulls in aiohttp and every service
    # client (~200 ms of cold start) that functions and paths without room-service
    # calls should not pay for.
    from livekit import api
    from livekit.protocol.room import RoomConfiguration

T = TypeVar("T")

# Every room this service creates, and every join token (which LiveKit uses when a
# join auto-creates the room), carries these; LiveKit closes rooms on them, and a
# closed room never ends a meeting (the next join re-creates it from the token).
#
# A room nobody has joined closes this long after it was created. Only the rooms
# the service creates ahead (at activation) ever wait empty; once closed, the next
# join re-creates the room from its token's configuration, so keeping an idle room
# longer buys nothing. LiveKit's own default.
EMPTY_TIMEOUT_SECONDS = 300
# A room everyone has left closes this long after the last leave. Longer than
# livekit-client's whole reconnect schedule (DefaultReconnectPolicy: about 44 s of
# retries, up to about 66 s with its jitter, plus each attempt's own time), so when
# a whole room drops at once (the only participant's network blinks) its
# participants resume into the same room and session instead of finding it closed
# and starting over; LiveKit's default of 20 s is shorter than that schedule.
DEPARTURE_TIMEOUT_SECONDS = 90
# Room-service calls one session runs at once.
DEFAULT_CONCURRENCY = 16


def room_configuration(max_participants: int | None) -> RoomConfiguration:
    """The configuration of a meeting's room: its participant limit and the timeouts."""
    from livekit.protocol.room import RoomConfiguration

    return RoomConfiguration(
        empty_timeout=EMPTY_TIMEOUT_SECONDS,
        departure_timeout=DEPARTURE_TIMEOUT_SECONDS,
        max_participants=max_participants or 0,
    )


class RoomServiceError(Exception):
    """The room service failed or could not be reached."""

    @property
    def not_found(self) -> bool:
        """LiveKit answered not_found (no such room, participant or track)."""
        from livekit import api

        cause = self.__cause__
        return isinstance(cause, api.TwirpError) and cause.code == api.TwirpErrorCode.NOT_FOUND


@dataclass(frozen=True)
class LiveRoom:
    name: str
    num_participants: int


@dataclass(frozen=True)
class RoomSpec:
    """A room to create, with the meeting's limits."""

    name: str
    max_participants: int | None = None


@dataclass
class BatchResult:
    """What became of each room name in a batch of calls."""

    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # Not attempted because the batch's deadline passed first.
    skipped: list[str] = field(default_factory=list)
    # One failure's message, for the caller's summary log line (never one line per room).
    first_error: str | None = None


# A batch session's one token outlives any pass (Lambda stops a function at 15 min).
BATCH_TOKEN_TTL_SECONDS = 20 * 60


@asynccontextmanager
async def _client(settings: Settings, *, batch: bool = False) -> AsyncIterator[api.LiveKitAPI]:
    """A room-service client. Each call signs its own token with the grants it needs,
    unless ``batch``: then one token, signed here with the grants to create, delete
    and list rooms, serves every call (signing one per call was most of a 10,000-room
    pass's CPU time)."""
    import aiohttp
    from livekit import api

    timeout = aiohttp.ClientTimeout(total=settings.livekit_timeout_seconds)
    credentials = livekit_credentials()
    if batch:
        token = (
            api.AccessToken(credentials.api_key, credentials.api_secret)
            .with_grants(api.VideoGrants(room_create=True, room_list=True))
            .with_ttl(timedelta(seconds=BATCH_TOKEN_TTL_SECONDS))
            .to_jwt()
        )
        lk = api.LiveKitAPI(settings.livekit_http_url, token=token, timeout=timeout)
    else:
        lk = api.LiveKitAPI(
            settings.livekit_http_url,
            credentials.api_key,
            credentials.api_secret,
            timeout=timeout,
        )
    try:
        yield lk
    finally:
        await lk.aclose()


async def _guard(call: Awaitable[T], what: str) -> T:
    import aiohttp
    from livekit import api

    try:
        return await call
    except api.TwirpError as exc:
        raise RoomServiceError(f"{what}: {exc.code}") from exc
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        raise RoomServiceError(f"{what}: {type(exc).__name__}") from exc


class RoomSession:
    """Room-service calls on one open client, at most ``concurrency`` at a time."""

    def __init__(self, lk: api.LiveKitAPI, concurrency: int = DEFAULT_CONCURRENCY) -> None:
        self._lk = lk
        self._slots = asyncio.Semaphore(concurrency)

    async def create_room(self, name: str, *, max_participants: int | None = None) -> None:
        async with self._slots:
            await self._create(name, max_participants)

    async def delete_room(self, name: str) -> bool:
        """Delete a room; False when LiveKit had no such room (which is not an error)."""
        async with self._slots:
            return await self._delete(name)

    async def list_rooms(self, names: Iterable[str] = ()) -> list[LiveRoom]:
        from livekit import api

        async with self._slots:
            response = await _guard(
                self._lk.room.list_rooms(api.ListRoomsRequest(names=list(names))), "list_rooms"
            )
        return [LiveRoom(room.name, room.num_participants) for room in response.rooms]

    async def remove_participant(self, room: str, identity: str) -> None:
        from livekit import api

        async with self._slots:
            await _guard(
                self._lk.room.remove_participant(
                    api.RoomParticipantIdentity(room=room, identity=identity)
                ),
                "remove_participant",
            )

    async def get_participant(self, room: str, identity: str) -> Any:
        """The participant's ParticipantInfo (with its tracks); RoomServiceError with
        a not_found cause when LiveKit has no such participant in the room."""
        from livekit import api

        async with self._slots:
            return await _guard(
                self._lk.room.get_participant(
                    api.RoomParticipantIdentity(room=room, identity=identity)
                ),
                "get_participant",
            )

    async def list_participants(self, room: str) -> list[Any]:
        async with self._slots:
            return await self._list_participants(room)

    async def _list_participants(self, room: str) -> list[Any]:
        from livekit import api

        response = await _guard(
            self._lk.room.list_participants(api.ListParticipantsRequest(room=room)),
            "list_participants",
        )
        return list(response.participants)

    async def participants_of(
        self, rooms: Sequence[str], *, deadline: float | None = None
    ) -> tuple[dict[str, list[Any]], int]:
        """One ListParticipants per room, concurrently: room → the ParticipantInfo
        LiveKit lists, for each room it answered for (a room it does not have lists
        nobody), and how many calls failed. Rooms not started before ``deadline``
        are left out."""
        present: dict[str, list[Any]] = {}
        failed = 0

        async def one(name: str) -> None:
            nonlocal failed
            async with self._slots:
                if deadline is not None and time.monotonic() >= deadline:
                    return
                try:
                    present[name] = await self._list_participants(name)
                except RoomServiceError as exc:
                    if exc.not_found:
                        present[name] = []
                    else:
                        failed += 1

        await asyncio.gather(*(one(name) for name in rooms))
        return present, failed

    async def mute_published_track(
        self, room: str, identity: str, track_sid: str, *, muted: bool = True
    ) -> None:
        from livekit import api

        async with self._slots:
            await _guard(
                self._lk.room.mute_published_track(
                    api.MuteRoomTrackRequest(
                        room=room, identity=identity, track_sid=track_sid, muted=muted
                    )
                ),
                "mute_published_track",
            )

    async def update_attributes(self, room: str, identity: str, attributes: dict[str, str]) -> None:
        """UpdateParticipant with only attributes: an empty value deletes that key
        (livekit-server pkg/rtc/participant.go SetAttributes)."""
        from livekit import api

        async with self._slots:
            await _guard(
                self._lk.room.update_participant(
                    api.UpdateParticipantRequest(
                        room=room, identity=identity, attributes=attributes
                    )
                ),
                "update_participant",
            )

    async def send_data(
        self, room: str, data: bytes, *, topic: str, destination_identities: Sequence[str] = ()
    ) -> None:
        """SendData: ``data`` to everyone in ``room`` (or only to
        ``destination_identities``), reliably, on ``topic``, from the
        server itself. Pages receive it with no sender: livekit-server's RoomService
        hands it to the room (pkg/service/roomservice.go SendData), which sets no
        participant identity on it, while every packet a participant publishes is
        stamped with that participant's identity (pkg/rtc/participant.go
        handleReceivedDataMessage)."""
        from livekit import api

        request = api.SendDataRequest(
            room=room,
            data=data,
            kind=api.DataPacket.Kind.RELIABLE,
            topic=topic,
            destination_identities=list(destination_identities),
        )
        async with self._slots:
            await _guard(self._lk.room.send_data(request), "send_data")

    async def _create(self, name: str, max_participants: int | None) -> None:
        from livekit import api

        request = api.CreateRoomRequest(
            name=name,
            empty_timeout=EMPTY_TIMEOUT_SECONDS,
            departure_timeout=DEPARTURE_TIMEOUT_SECONDS,
            max_participants=max_participants or 0,
        )
        await _guard(self._lk.room.create_room(request), "create_room")

    async def _delete(self, name: str) -> bool:
        import aiohttp
        from livekit import api

        try:
            await self._lk.room.delete_room(api.DeleteRoomRequest(room=name))
        except api.TwirpError as exc:
            if exc.code == api.TwirpErrorCode.NOT_FOUND:
                return False
            raise RoomServiceError(f"delete_room: {exc.code}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise RoomServiceError(f"delete_room: {type(exc).__name__}") from exc
        return True

    # --- batches: each call's failure is reported, never raised ---------------------

    async def create_rooms(
        self, rooms: Sequence[RoomSpec], *, deadline: float | None = None
    ) -> BatchResult:
        """Create each room; ``deadline`` (time.monotonic()) stops starting new calls."""

        async def create(spec: RoomSpec) -> None:
            await self._create(spec.name, spec.max_participants)

        return await self._each([(r.name, r) for r in rooms], create, deadline)

    async def delete_rooms(
        self, names: Sequence[str], *, deadline: float | None = None
    ) -> BatchResult:
        """Delete each room; one LiveKit no longer has counts as done."""

        async def delete(name: str) -> None:
            await self._delete(name)

        return await self._each([(n, n) for n in names], delete, deadline)

    async def _each(
        self,
        items: list[tuple[str, T]],
        call: Callable[[T], Awaitable[None]],
        deadline: float | None,
    ) -> BatchResult:
        result = BatchResult()

        async def one(name: str, item: T) -> None:
            async with self._slots:
                if deadline is not None and time.monotonic() >= deadline:
                    result.skipped.append(name)
                    return
                try:
                    await call(item)
                except RoomServiceError as exc:
                    result.failed.append(name)
                    result.first_error = result.first_error or str(exc)
                else:
                    result.done.append(name)

        await asyncio.gather(*(one(name, item) for name, item in items))
        return result


class RoomService:
    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings or get_settings()

    @asynccontextmanager
    async def session(
        self, *, concurrency: int = DEFAULT_CONCURRENCY, batch: bool = False
    ) -> AsyncIterator[RoomSession]:
        """One client for many calls; open it inside the loop that makes them.

        ``batch=True`` (the lifecycle pass) signs one token for the whole session,
        good for creating, deleting and listing rooms only: participant calls need
        a per-room admin grant, which a per-call token carries."""
        async with _client(self._settings, batch=batch) as lk:
            yield RoomSession(lk, concurrency)

    async def create_room(self, name: str, *, max_participants: int | None = None) -> None:
        async with self.session() as rooms:
            await rooms.create_room(name, max_participants=max_participants)

    async def delete_room(self, name: str) -> bool:
        """Delete a room; False when LiveKit had no such room (which is not an error)."""
        async with self.session() as rooms:
            return await rooms.delete_room(name)

    async def list_rooms(self, names: Iterable[str] = ()) -> list[LiveRoom]:
        async with self.session() as rooms:
            return await rooms.list_rooms(names)

    async def remove_participant(self, room: str, identity: str) -> None:
        async with self.session() as rooms:
            await rooms.remove_participant(room, identity)

    async def list_participants(self, room: str) -> list[Any]:
        async with self.session() as rooms:
            return await rooms.list_participants(room)

    async def get_participant(self, room: str, identity: str) -> Any:
        async with self.session() as rooms:
            return await rooms.get_participant(room, identity)

    async def mute_published_track(
        self, room: str, identity: str, track_sid: str, *, muted: bool = True
    ) -> None:
        async with self.session() as rooms:
            await rooms.mute_published_track(room, identity, track_sid, muted=muted)

    async def update_attributes(self, room: str, identity: str, attributes: dict[str, str]) -> None:
        async with self.session() as rooms:
            await rooms.update_attributes(room, identity, attributes)


async def send_to_live_room(rooms: RoomService, room: str, data: bytes, *, topic: str) -> bool:
    """SendData to ``room`` if LiveKit has it now; False (nothing sent) when it has not.

    LiveKit forwards SendData to the node that hosts the room: for a room no node hosts
    (nobody connected, or it closed) the call only fails when its RPC times out
    (the room service answers ``unavailable`` after ~15 s). ListRooms answers from the
    room store at once, so a room that is not live costs one quick call instead of a
    request held for the whole timeout."""
    async with rooms.session() as session:
        if not await session.list_rooms([room]):
            return False
        await session.send_data(room, data, topic=topic)
    return True


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a room-service coroutine from synchronous code (no loop running here).

    On a loop of its own that is never made the thread's current loop: ``asyncio.run``
    would leave the thread with none, and Mangum, which serves the next API Gateway
    event on the same (main) thread of a warm Lambda, asks for the current one.
    """
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        try:
            leftover = asyncio.all_tasks(loop)
            for task in leftover:
                task.cancel()
            if leftover:
                loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


def delete_room_quietly(rooms: RoomService, name: str) -> None:
    """Delete a room, logging (not raising) a failure: the lifecycle pass retries."""
    try:
        run_sync(rooms.delete_room(name))
    except RoomServiceError as exc:
        logger.warning(
            "room delete failed; the lifecycle pass will retry",
            extra={"room": name, "error": str(exc)},
        )
