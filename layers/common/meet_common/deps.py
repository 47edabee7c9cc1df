"""FastAPI dependencies shared by the HTTP functions.

Routes declare what they need (``db: Db``, ``rooms: Rooms``, ``now: Now``); tests
and the local server may override these providers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends

from meet_common.db import Database, get_database
from meet_common.livekit_rooms import RoomService
from meet_common.schedules import MeetingSchedules, get_schedules
from meet_common.settings import Settings, get_settings


def utc_now() -> datetime:
    return datetime.now(UTC)


def room_service() -> RoomService:
    return RoomService()


Db = Annotated[Database, Depends(get_database)]
Rooms = Annotated[RoomService, Depends(room_service)]
Now = Annotated[datetime, Depends(utc_now)]
Config = Annotated[Settings, Depends(get_settings)]
Schedules = Annotated[MeetingSchedules, Depends(get_schedules)]
