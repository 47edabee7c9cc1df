"""One-shot lifecycle schedules at each meeting's start and end.

In AWS, EventBridge Scheduler invokes the lifecycle function at the minute a
meeting starts and ends, so nobody waits for the next rate(1 minute) tick. Locally
(and whenever no scheduler is configured) ``NoSchedules`` does nothing and the
periodic lifecycle pass alone keeps time.

A schedule that cannot be written is logged, not raised: the meeting is already
stored, and the periodic pass opens and closes it within a minute anyway.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.repo.meetings import MeetingRecord
from meet_common.settings import Settings, get_settings

if TYPE_CHECKING:
    from mypy_boto3_scheduler import EventBridgeSchedulerClient

Edge = Literal["start", "end"]
# Scheduler retries a failed invocation this long, then hands it to the dead-letter queue.
RETRY_POLICY = {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 300}


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


@dataclass(frozen=True)
class SchedulerTarget:
    """Where the schedules live and what they invoke."""

    function_arn: str
    role_arn: str
    group_name: str
    dead_letter_arn: str | None = None


def schedule_name(meeting: MeetingRecord, edge: Edge) -> str:
    return f"meeting-{meeting.id}-{edge}"  # 51 characters; the limit is 64


def at_expression(moment: datetime) -> str:
    """``at(...)`` in UTC, rounded up to the whole minute: Scheduler fires on the
    minute, and firing before the moment would find nothing to do."""
    utc = moment.astimezone(UTC)
    whole = utc.replace(second=0, microsecond=0)
    if whole < utc:
        whole += timedelta(minutes=1)
    return f"at({whole:%Y-%m-%dT%H:%M:%S})"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class EventBridgeSchedules:
    """Keeps ``meeting-<id>-start`` and ``meeting-<id>-end`` in step with a meeting."""

    def __init__(
        self,
        target: SchedulerTarget,
        client: EventBridgeSchedulerClient | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._target = target
        self._client = client
        self._clock = clock

    def sync(self, meeting: MeetingRecord) -> None:
        if meeting.status in FINISHED:
            self.remove(meeting)
            return
        now = self._clock()
        wanted: dict[Edge, datetime | None] = {
            # An ACTIVE meeting has started: only its end is still to come.
            "start": meeting.start_time if meeting.status == "SCHEDULED" else None,
            "end": meeting.end_time,
        }
        for edge, moment in wanted.items():
            if moment is not None and moment > now:
                self._guard(self._put, meeting, edge, moment)
            else:
                self._guard(self._delete, meeting, edge)

    def remove(self, meeting: MeetingRecord) -> None:
        for edge in ("start", "end"):
            self._guard(self._delete, meeting, edge)

    def _scheduler(self) -> EventBridgeSchedulerClient:
        if self._client is None:
            self._client = _scheduler_client()
        return self._client

    def _request(self, meeting: MeetingRecord, edge: Edge, moment: datetime) -> dict[str, Any]:
        target: dict[str, Any] = {
            "Arn": self._target.function_arn,
            "RoleArn": self._target.role_arn,
            # Any non-API Gateway event runs one lifecycle pass; the fields are for the logs.
            "Input": json.dumps(
                {"source": "meet.schedule", "meetingId": str(meeting.id), "edge": edge}
            ),
            "RetryPolicy": RETRY_POLICY,
        }
        if self._target.dead_letter_arn:
            target["DeadLetterConfig"] = {"Arn": self._target.dead_letter_arn}
        return {
            "Name": schedule_name(meeting, edge),
            "GroupName": self._target.group_name,
            "ScheduleExpression": at_expression(moment),
            "ScheduleExpressionTimezone": "UTC",
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "Target": target,
            "ActionAfterCompletion": "DELETE",  # a fired one-shot schedule cleans itself up
            "Description": f"{edge} of meeting {meeting.room_name}",
        }

    def _put(self, meeting: MeetingRecord, edge: Edge, moment: datetime) -> None:
        from botocore.exceptions import ClientError

        request = self._request(meeting, edge, moment)
        try:
            self._scheduler().create_schedule(**request)
        except ClientError as exc:
            if _code(exc) != "ConflictException":
                raise
            # It exists: move it. UpdateSchedule replaces every field, so send them all.
            self._scheduler().update_schedule(**request)

    def _delete(self, meeting: MeetingRecord, edge: Edge) -> None:
        from botocore.exceptions import ClientError

        try:
            self._scheduler().delete_schedule(
                Name=schedule_name(meeting, edge), GroupName=self._target.group_name
            )
        except ClientError as exc:
            if _code(exc) != "ResourceNotFoundException":
                raise

    def _guard(self, action: Callable[..., None], meeting: MeetingRecord, *args: Any) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            action(meeting, *args)
        except (BotoCoreError, ClientError) as exc:
            logger.warning(
                "meeting schedule not updated; the periodic pass covers it",
                extra={"meeting_id": str(meeting.id), "error": _code(exc) or type(exc).__name__},
            )


def _code(exc: Exception) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def _scheduler_client() -> EventBridgeSchedulerClient:
    import boto3  # imported on first use: functions that never schedule skip its cold start

    return boto3.client("scheduler")


def scheduler_target(settings: Settings) -> SchedulerTarget | None:
    """The configured target, or None unless function, role and group are all set."""
    if not (
        settings.lifecycle_function_arn
        and settings.scheduler_role_arn
        and settings.schedule_group_name
    ):
        return None
    return SchedulerTarget(
        function_arn=settings.lifecycle_function_arn,
        role_arn=settings.scheduler_role_arn,
        group_name=settings.schedule_group_name,
        dead_letter_arn=settings.lifecycle_dlq_arn or None,
    )


@lru_cache(maxsize=4)
def _eventbridge_schedules(target: SchedulerTarget) -> EventBridgeSchedules:
    return EventBridgeSchedules(target)  # one client per process, made on first use


def get_schedules() -> MeetingSchedules:
    target = scheduler_target(get_settings())
    if target is None:
        return NoSchedules()
    return _eventbridge_schedules(target)
