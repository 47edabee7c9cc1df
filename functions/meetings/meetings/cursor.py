"""Meeting list cursors: the (startTime, id) of the last meeting on a page."""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common import cursors
from meet_common.errors import InvalidCursor


def encode(start_time: datetime, meeting_id: uuid.UUID) -> str:
    return cursors.encode(start_time, str(meeting_id))


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    start, (meeting_id,) = cursors.decode(cursor, 2)
    try:
        return start, uuid.UUID(meeting_id)
    except ValueError as exc:
        raise InvalidCursor() from exc
