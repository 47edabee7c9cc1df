"""FastAPI dependencies shared by the HTTP functions.

Routes declare what they need (``db: Db``, ``rooms: Rooms``, ``now: Now``); tests
and the local server may override these providers (``app.dependency_overrides``,
keyed by the provider functions below).

The cheap providers are ``async def``: FastAPI runs a sync dependency on a worker
thread, a hop that cost more than the work (none of these does I/O: the database
connects on its first transaction, the room-service client on its first call).
``Schedules`` stays sync: its first call may build a boto3 client.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends

from meet_common.db import Database, get_database
from meet_common.livekit_rooms import RoomService
from meet_common.schedules import MeetingSchedules, get_schedules
from meet_common.settings import Settings, get_settings


async def database() -> Database:
    return get_database()


async def settings() -> Settings:
    return get_settings()


async def utc_now() -> datetime:
    return datetime.now(UTC)


async def room_service() -> RoomService:
    return RoomService()


Db = Annotated[Database, Depends(database)]
Rooms = Annotated[RoomService, Depends(room_service)]
Now = Annotated[datetime, Depends(utc_now)]
Config = Annotated[Settings, Depends(settings)]
Schedules = Annotated[MeetingSchedules, Depends(get_schedules)]
