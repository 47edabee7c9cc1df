"""One-shot EventBridge Scheduler schedules at each meeting's start and end, created,
moved and deleted against moto's Scheduler (LocalStack under `make test-compose`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from meet_common import schedules as schedules_module
from meet_common.meeting_status import EndedBy, MeetingStatus
from meet_common.repo.meetings import MeetingRecord
from meet_common.schedules import (
    EventBridgeSchedules,
    NoSchedules,
    SchedulerTarget,
    at_expression,
    get_schedules,
)
from meet_common.settings import get_settings
from tests.infra.conftest import REGION

NOW = datetime(2030, 5, 6, 9, 0, 0, tzinfo=UTC)
LIFECYCLE_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:meet-lifecycle:live"
ROLE_ARN = "arn:aws:iam::123456789012:role/meet-scheduler"
DLQ_ARN = f"arn:aws:sqs:{REGION}:123456789012:meet-dlq"


def meeting(**changes: Any) -> MeetingRecord:
    record = MeetingRecord(
        id=uuid.uuid4(),
        title="Team sync",
        description=None,
        room_name="team-sync-a1b2",
        status=MeetingStatus.SCHEDULED,
        is_public=True,
        is_instant=False,
        start_time=NOW + timedelta(hours=1),
        end_time=NOW + timedelta(hours=2),
        started_at=None,
        ended_at=None,
        room_deleted_at=None,
        password="pw-secret-1",
        host_key="hk-secret",
        participant_count=0,
        max_participants=None,
        created_at=NOW,
        updated_at=NOW,
    )
    return replace(record, **changes)


@pytest.fixture
def scheduler(aws: str) -> Any:
    return boto3.client("scheduler", region_name=REGION)


@pytest.fixture
def target(scheduler: Any) -> SchedulerTarget:
    group = f"meet-test-{uuid.uuid4().hex[:8]}"
    scheduler.create_schedule_group(Name=group)
    return SchedulerTarget(LIFECYCLE_ARN, ROLE_ARN, group, DLQ_ARN)


@pytest.fixture
def schedules(target: SchedulerTarget, scheduler: Any) -> EventBridgeSchedules:
    return EventBridgeSchedules(target, scheduler, clock=lambda: NOW)


def names(scheduler: Any, group: str) -> set[str]:
    listed = scheduler.list_schedules(GroupName=group)["Schedules"]
    return {s["Name"] for s in listed if s.get("GroupName", group) == group}


def get(scheduler: Any, target: SchedulerTarget, record: MeetingRecord, edge: str) -> Any:
    name = f"meeting-{record.id}-{edge}"
    return scheduler.get_schedule(Name=name, GroupName=target.group_name)


def test_scheduling_a_meeting_creates_one_shot_schedules_at_its_start_and_end(
    schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    record = meeting()

    schedules.sync(record)

    start = get(scheduler, target, record, "start")
    end = get(scheduler, target, record, "end")
    assert start["ScheduleExpression"] == "at(2030-05-06T10:00:00)"
    assert end["ScheduleExpression"] == "at(2030-05-06T11:00:00)"
    for schedule, edge in ((start, "start"), (end, "end")):
        assert schedule["ScheduleExpressionTimezone"] == "UTC"
        assert schedule["FlexibleTimeWindow"] == {"Mode": "OFF"}
        assert schedule["ActionAfterCompletion"] == "DELETE"
        assert schedule["Target"]["Arn"] == LIFECYCLE_ARN
        assert schedule["Target"]["RoleArn"] == ROLE_ARN
        assert schedule["Target"]["DeadLetterConfig"] == {"Arn": DLQ_ARN}
        assert schedule["Target"]["RetryPolicy"]["MaximumRetryAttempts"] >= 1
        payload = json.loads(schedule["Target"]["Input"])
        assert payload == {"source": "meet.schedule", "meetingId": str(record.id), "edge": edge}
        assert "httpMethod" not in payload  # the lifecycle handler reads it as a pass
        assert "pw-secret-1" not in json.dumps(schedule, default=str)


def test_changing_a_meetings_times_moves_its_schedules(
    schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    record = meeting()
    schedules.sync(record)

    moved = replace(
        record, start_time=NOW + timedelta(days=1), end_time=NOW + timedelta(days=1, hours=1)
    )
    schedules.sync(moved)

    assert get(scheduler, target, moved, "start")["ScheduleExpression"] == "at(2030-05-07T09:00:00)"
    assert get(scheduler, target, moved, "end")["ScheduleExpression"] == "at(2030-05-07T10:00:00)"
    assert get(scheduler, target, moved, "end")["ActionAfterCompletion"] == "DELETE"
    assert len(names(scheduler, target.group_name)) == 2


def test_ending_or_cancelling_deletes_the_schedules_and_a_missing_one_is_fine(
    schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    record = meeting()
    schedules.sync(record)

    schedules.remove(replace(record, status=MeetingStatus.CANCELLED))
    schedules.remove(
        replace(record, status=MeetingStatus.CANCELLED)
    )  # nothing left: still no error
    assert names(scheduler, target.group_name) == set()

    schedules.sync(record)
    schedules.sync(
        replace(record, status=MeetingStatus.ENDED)
    )  # an update after the end removes them too
    assert names(scheduler, target.group_name) == set()


def test_an_active_meeting_keeps_only_its_end_schedule(
    schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    record = meeting()
    schedules.sync(record)

    schedules.sync(
        replace(record, status=MeetingStatus.ACTIVE, start_time=NOW - timedelta(minutes=1))
    )

    assert names(scheduler, target.group_name) == {f"meeting-{record.id}-end"}


def test_no_schedule_is_made_for_moments_already_past(
    schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    record = meeting(start_time=NOW - timedelta(hours=2), end_time=NOW - timedelta(hours=1))
    schedules.sync(record)
    assert names(scheduler, target.group_name) == set()


def test_times_round_up_to_the_minute_so_the_pass_never_runs_early() -> None:
    assert at_expression(datetime(2030, 5, 6, 10, 0, 0, tzinfo=UTC)) == "at(2030-05-06T10:00:00)"
    assert at_expression(datetime(2030, 5, 6, 10, 0, 1, tzinfo=UTC)) == "at(2030-05-06T10:01:00)"
    berlin = datetime.fromisoformat("2030-05-06T12:30:00+02:00")
    assert at_expression(berlin) == "at(2030-05-06T10:30:00)"


def test_scheduler_failures_are_logged_not_raised(target: SchedulerTarget) -> None:
    client = boto3.client("scheduler", region_name=REGION)
    with Stubber(client) as stub:
        stub.add_client_error("create_schedule", "AccessDeniedException", http_status_code=403)
        stub.add_client_error("create_schedule", "ThrottlingException", http_status_code=429)
        # The meeting is stored already; the periodic pass opens and closes it anyway.
        EventBridgeSchedules(target, client, clock=lambda: NOW).sync(meeting())
        stub.assert_no_pending_responses()


@pytest.fixture
def scheduler_env(monkeypatch: pytest.MonkeyPatch, fresh_settings: None) -> Iterator[None]:
    schedules_module._eventbridge_schedules.cache_clear()
    yield
    schedules_module._eventbridge_schedules.cache_clear()


def test_schedules_are_used_only_when_the_scheduler_target_is_configured(
    scheduler_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(get_schedules(), NoSchedules)

    monkeypatch.setenv("LIFECYCLE_FUNCTION_ARN", LIFECYCLE_ARN)
    monkeypatch.setenv("SCHEDULER_ROLE_ARN", ROLE_ARN)
    monkeypatch.setenv("SCHEDULE_GROUP_NAME", "meet-meetings")
    get_settings.cache_clear()

    chosen = get_schedules()
    assert isinstance(chosen, EventBridgeSchedules)
    assert get_schedules() is chosen  # one client per process, not one per request


def test_the_meetings_service_keeps_schedules_in_step(
    db: Any, schedules: EventBridgeSchedules, scheduler: Any, target: SchedulerTarget
) -> None:
    from meetings import service
    from meetings.models import MeetingCreate, MeetingUpdate

    now = datetime.now(UTC)
    created = service.schedule_meeting(
        db,
        MeetingCreate.model_validate(
            {"title": "Planning", "startTime": (now + timedelta(hours=1)).isoformat()}
        ),
        now=now,
        schedules=EventBridgeSchedules(target, scheduler),
    )
    assert names(scheduler, target.group_name) == {
        f"meeting-{created.id}-start",
        f"meeting-{created.id}-end",
    }

    later = now + timedelta(days=2)
    service.update_meeting(
        db,
        created.id,
        MeetingUpdate.model_validate(
            {"startTime": later.isoformat(), "endTime": (later + timedelta(hours=1)).isoformat()}
        ),
        now=now,
        join_early=timedelta(minutes=10),
        schedules=EventBridgeSchedules(target, scheduler),
    )
    start = get(scheduler, target, created, "start")["ScheduleExpression"]
    assert start == at_expression(later)

    class GoneRooms:
        async def delete_room(self, name: str) -> bool:
            return False  # LiveKit has no such room: not an error

    rooms: Any = GoneRooms()
    service.finish_meeting(
        db,
        created.id,
        MeetingStatus.CANCELLED,
        by=EndedBy.ORGANISER,
        now=now,
        rooms=rooms,
        schedules=EventBridgeSchedules(target, scheduler),
    )
    assert names(scheduler, target.group_name) == set()
