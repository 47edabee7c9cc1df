"""Response body of ``/api/scheduler``."""

from __future__ import annotations

from pydantic import ConfigDict

from meet_common.schema import ApiModel


class PassReport(ApiModel):
    """What one lifecycle pass did (counts; later steps may add their own)."""

    model_config = ConfigDict(extra="allow")

    activated: int
    ended: int
    rooms_deleted: int
    rooms_created: int = 0
    room_calls_failed: int = 0
    room_calls_deferred: int = 0
    ended_idle: int = 0
    reconciled: int = 0
    attendance_checked: int = 0
    attendance_check_failed: int = 0
    leaves_repaired: int = 0
    joins_repaired: int = 0
    barred_removed: int = 0
    webhook_events_purged: int = 0
    messages_purged: int = 0
