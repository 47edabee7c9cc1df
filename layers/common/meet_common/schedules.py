"""One-shot lifecycle schedules at each meeting's start and end.

In AWS, EventBridge Scheduler invokes the lifecycle function at the minute a
meeting starts and ends, so nobody waits for the next rate(1 minute) tick. Locally
(and whenever no scheduler is configured) ``NoSchedules`` does nothing and the
periodic lifecycle pass alone keeps time.
"""

from __future__ import annotations

from typing import Protocol

from meet_common.repo.meetings import MeetingRecord


class MeetingSchedules(Protocol):
    def sync(self, meeting: MeetingRecord) -> None:
        """Create or move the meeting's start and end schedules."""

    def remove(self, meeting: MeetingRecord) -> None:
        """Delete the meeting's schedules (a missing schedule is not an error)."""


class NoSchedules:
    def sync(self, meeting: MeetingRecord) -> None:
        return None

    def remove(self, meeting: MeetingRecord) -> None:
        return None


def get_schedules() -> MeetingSchedules:
    return NoSchedules()
