"""Meeting ids in paths: anything that is not a UUID cannot name a meeting."""

from __future__ import annotations

import uuid

from meet_common.errors import MeetingNotFound


def parse_meeting_id(raw: str) -> uuid.UUID:
    """The UUID a path names; a non-UUID is a 404 (never a 422 or a 500)."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise MeetingNotFound() from None
