"""The states a meeting moves through: SCHEDULED → ACTIVE → ENDED, or CANCELLED."""

from __future__ import annotations

import enum


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "SCHEDULED"
    ACTIVE = "ACTIVE"
    ENDED = "ENDED"
    CANCELLED = "CANCELLED"


# A meeting in one of these states is over: it takes no joins, chat or changes.
FINISHED = frozenset({MeetingStatus.ENDED, MeetingStatus.CANCELLED})
