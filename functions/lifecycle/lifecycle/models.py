"""What one lifecycle pass did: the body of ``/api/scheduler``, the scheduled
invocation's result, and the pass's log line and metrics."""

from __future__ import annotations

from meet_common.schema import ApiModel


class RoomWorkReport(ApiModel):
    """The counts of the room step (``lifecycle.rooms.settle``)."""

    rooms_created: int = 0
    rooms_deleted: int = 0
    room_calls_failed: int = 0
    room_calls_deferred: int = 0
    ended_idle: int = 0
    reconciled: int = 0
    attendance_checked: int = 0
    attendance_check_failed: int = 0
    leaves_repaired: int = 0
    joins_repaired: int = 0
    barred_removed: int = 0


class PassReport(RoomWorkReport):
    activated: int
    ended: int = 0
    webhook_events_purged: int = 0
    messages_purged: int = 0
    attendance_purged: int = 0
    rate_counters_purged: int = 0
    admission_requests_expired: int = 0

    def counts(self) -> dict[str, int]:
        """camelCase name → count, as the API answers them."""
        return self.model_dump(by_alias=True)
