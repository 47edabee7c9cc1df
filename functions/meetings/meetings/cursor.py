"""Opaque list cursors: the (startTime, id) of the last meeting on a page."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime

from meet_common.errors import InvalidInput


def encode(start_time: datetime, meeting_id: uuid.UUID) -> str:
    raw = json.dumps([start_time.isoformat(), str(meeting_id)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        start, meeting_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(start, str) or not isinstance(meeting_id, str):
            raise TypeError("cursor parts are not strings")
        parsed = datetime.fromisoformat(start)
        if parsed.tzinfo is None:
            raise ValueError("naive")
        return parsed, uuid.UUID(meeting_id)
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InvalidInput("cursor is not valid; pass nextCursor from a previous page") from exc
