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


class EndedBy(enum.StrEnum):
    """Who or what ended or cancelled a meeting, recorded when it did."""

    HOST = "host"  # a host's "End for everyone" inside the meeting
    ORGANISER = "organiser"  # the admin API's end or cancel
    SCHEDULE = "schedule"  # the lifecycle pass: the end time passed
    EMPTY = "empty"  # the lifecycle pass: an instant meeting everyone left


# The API's description of ``endedBy`` (the room summary and the admin view).
ENDED_BY_DESCRIPTION = (
    "Who or what ended or cancelled the meeting: `host` (End for everyone inside it), "
    "`organiser` (the admin API's end or cancel), `schedule` (its end time passed) or "
    "`empty` (an instant meeting everyone left); null while it is not over, and for "
    "meetings that ended before this was recorded."
)
