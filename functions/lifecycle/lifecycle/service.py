"""The lifecycle pass: keeps meetings on time and LiveKit's rooms in step with them.

One pass is a sequence of steps, each a fixed number of set-based statements however
many meetings are due, each safe to run twice or in two passes at once (rows are
claimed with FOR UPDATE SKIP LOCKED, room calls with a lease):

1. end expired meetings (ACTIVE past their end; SCHEDULED ones never started in time)
2. activate due meetings (SCHEDULED whose start has come)
3. room work: create the rooms of running meetings with their limits, delete the
   rooms of finished ones, check the attendance of running meetings against
   LiveKit's ListParticipants (lost leaves and joins), and end the instant meetings
   that people joined and then all left INSTANT_IDLE_END_MINUTES ago once LiveKit
   confirms nobody is in their room
4. forget webhook event ids older than the redelivery window
5. delete the chat of meetings finished more than CHAT_RETENTION_DAYS ago, and
   (6) their attendance and issued identities, which hold who came and their emails
7. forget rate-limit windows that have ended
8. expire the waiting-room requests nobody polls any more, and forget old ones

A meeting never ends because LiveKit closed its room: LiveKit closes a room nobody
joined ``empty_timeout`` after creating it, and one everyone left
``departure_timeout`` after the last leave, and the next join re-creates it from the
join token's room configuration.

It returns and logs the counts and emits them as metrics. The EventBridge schedule,
``/api/scheduler`` and ``make dev``'s timer all call ``run_pass``.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from aws_lambda_powertools.metrics import MetricUnit

from lifecycle import rooms as room_work
from lifecycle.models import PassReport, RoomWorkReport
from meet_common import rate_limits, waiting_room
from meet_common.db import Database
from meet_common.livekit_rooms import RoomService
from meet_common.observability import logger, metrics
from meet_common.repo import admissions, attendance, messages, webhook_events
from meet_common.repo import meetings as repo
from meet_common.settings import get_settings

WEBHOOK_EVENT_RETENTION = timedelta(days=7)
# An admission request only matters while its guest waits; a day covers any meeting.
ADMISSION_RETENTION = timedelta(days=1)


def end_expired_meetings(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        ended = repo.end_expired(conn, now)
        attendance.close_open(conn, ended, now)
    return len(ended)


def activate_due_meetings(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        return len(repo.activate_due(conn, now))


def sync_rooms(db: Database, rooms: RoomService, now: datetime) -> RoomWorkReport:
    plan = room_work.claim(db, now)
    calls = room_work.call_livekit(rooms, plan)
    return room_work.settle(db, plan, calls, now)


def forget_old_webhook_events(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        return webhook_events.purge_received_before(conn, now - WEBHOOK_EVENT_RETENTION)


def purge_expired_chat(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        return messages.purge_expired(conn, now, get_settings().chat_retention_days)


def purge_expired_attendance(db: Database, now: datetime) -> int:
    """Who attended a finished meeting is kept as long as its chat, then forgotten."""
    cutoff = now - timedelta(days=get_settings().chat_retention_days)
    with db.transaction() as conn:
        return attendance.purge_expired(conn, cutoff)


def forget_old_rate_counts(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        return rate_limits.purge(conn, now)


def expire_admission_requests(db: Database, now: datetime) -> int:
    with db.transaction() as conn:
        return admissions.expire_stale(
            conn, cutoff=waiting_room.live_since(now), forget_before=now - ADMISSION_RETENTION
        )


def run_pass(db: Database, rooms: RoomService, *, now: datetime) -> PassReport:
    started = time.perf_counter()
    ended = end_expired_meetings(db, now)
    activated = activate_due_meetings(db, now)
    room_report = sync_rooms(db, rooms, now)
    result = PassReport(
        **room_report.model_dump(),
        activated=activated,
        ended=ended + room_report.ended_idle,
        webhook_events_purged=forget_old_webhook_events(db, now),
        messages_purged=purge_expired_chat(db, now),
        attendance_purged=purge_expired_attendance(db, now),
        rate_counters_purged=forget_old_rate_counts(db, now),
        admission_requests_expired=expire_admission_requests(db, now),
    )
    report(result, duration_ms=(time.perf_counter() - started) * 1000)
    return result


def report(result: PassReport, *, duration_ms: float) -> None:
    counts = result.counts()
    logger.info("lifecycle pass", extra={**counts, "duration_ms": round(duration_ms, 1)})
    for name, value in counts.items():
        metrics.add_metric(name=name[:1].upper() + name[1:], unit=MetricUnit.Count, value=value)
    metrics.add_metric(
        name="LifecyclePassDuration", unit=MetricUnit.Milliseconds, value=duration_ms
    )
