"""The lifecycle pass. (Placeholder until issue 4: activates and ends nothing.)"""

from __future__ import annotations

from datetime import datetime

from meet_common.db import Database
from meet_common.livekit_rooms import RoomService


def run_pass(db: Database, rooms: RoomService, *, now: datetime) -> dict[str, int]:
    return {"activated": 0, "ended": 0, "roomsDeleted": 0}
