"""The lifecycle pass's LiveKit work: create the rooms of running meetings, delete the
rooms of finished ones, and find running meetings whose room LiveKit no longer has.

Three phases, so no transaction stays open while LiveKit is called:

1. ``claim``: one short transaction marks the meetings this pass will call LiveKit
   for (``room_work_until``), skipping those another pass holds, and notes which
   running meetings believe someone is in them.
2. ``call_livekit``: one client, calls run concurrently (at most
   ``ROOM_CALL_CONCURRENCY`` at a time), none started after the time budget.
3. ``settle``: one short transaction records what LiveKit confirmed and releases the
   rest, so a failed or unstarted call is made again by the next pass.

Reconcile rule: only a meeting with participant_count > 0 is checked, so a meeting
whose room LiveKit has not created yet (count 0) is never touched; and one that
someone joined after LiveKit was asked is left for the next pass.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from meet_common.db import Database
from meet_common.livekit_rooms import BatchResult, RoomService, RoomServiceError, RoomSpec, run_sync
from meet_common.observability import logger
from meet_common.repo import attendance
from meet_common.repo import meetings as repo
from meet_common.repo.meetings import RoomWork

ROOM_CALL_CONCURRENCY = 16
# Calls of each kind one pass claims; the rest wait for the next pass.
ROOM_CALLS_PER_PASS = 10_000
# No call starts after this long, so a slow LiveKit cannot stretch a pass past the
# Lambda timeout; unstarted calls are released for the next pass.
ROOM_CALL_BUDGET_SECONDS = 40.0
# How long a claim holds: longer than the budget plus one call's timeout, so a live
# pass never loses its claim, and a pass that died only delays the work this long.
CLAIM_DURATION = timedelta(minutes=2)


@dataclass
class RoomPlan:
    create: list[RoomWork] = field(default_factory=list)
    delete: list[RoomWork] = field(default_factory=list)
    occupied: list[RoomWork] = field(default_factory=list)
    asked_at: datetime | None = None

    def empty(self) -> bool:
        return not (self.create or self.delete or self.occupied)


@dataclass
class RoomCalls:
    created: BatchResult = field(default_factory=BatchResult)
    deleted: BatchResult = field(default_factory=BatchResult)
    # Names of the occupied meetings' rooms LiveKit has; None when it could not say.
    existing: set[str] | None = None


def claim(db: Database, now: datetime) -> RoomPlan:
    until = now + CLAIM_DURATION
    with db.transaction() as conn:
        create = repo.claim_rooms_to_create(conn, now, until=until, limit=ROOM_CALLS_PER_PASS)
        delete = repo.claim_rooms_to_delete(conn, now, until=until, limit=ROOM_CALLS_PER_PASS)
        occupied, asked_at = repo.occupied_rooms(conn)
    return RoomPlan(create, delete, occupied, asked_at)


async def _call(rooms: RoomService, plan: RoomPlan) -> RoomCalls:
    deadline = time.monotonic() + ROOM_CALL_BUDGET_SECONDS
    async with rooms.session(concurrency=ROOM_CALL_CONCURRENCY, batch=True) as session:

        async def existing() -> set[str] | None:
            if not plan.occupied:
                return set()
            try:
                return await session.existing_rooms([m.room_name for m in plan.occupied])
            except RoomServiceError as exc:
                logger.warning("list rooms failed; reconcile waits", extra={"error": str(exc)})
                return None

        created, deleted, listed = await asyncio.gather(
            session.create_rooms(
                [RoomSpec(m.room_name, m.max_participants) for m in plan.create],
                deadline=deadline,
            ),
            session.delete_rooms([m.room_name for m in plan.delete], deadline=deadline),
            existing(),
        )
    return RoomCalls(created, deleted, listed)


def call_livekit(rooms: RoomService, plan: RoomPlan) -> RoomCalls:
    if plan.empty():
        return RoomCalls(existing=set())
    return run_sync(_call(rooms, plan))


def settle(db: Database, plan: RoomPlan, calls: RoomCalls, now: datetime) -> dict[str, int]:
    by_name = {m.room_name: m.id for m in (*plan.create, *plan.delete)}
    created = [by_name[n] for n in calls.created.done]
    deleted = [by_name[n] for n in calls.deleted.done]
    released = [
        by_name[n]
        for batch in (calls.created, calls.deleted)
        for n in (*batch.failed, *batch.skipped)
    ]
    vacated: list[uuid.UUID] = []
    with db.transaction() as conn:
        repo.record_room_work(conn, now, created=created, deleted=deleted, released=released)
        if calls.existing is not None and plan.asked_at is not None:
            gone = [m.id for m in plan.occupied if m.room_name not in calls.existing]
            vacated = repo.empty_vacated(conn, gone, asked_at=plan.asked_at)
            attendance.close_open(conn, vacated, now)
    failed = len(calls.created.failed) + len(calls.deleted.failed)
    deferred = len(calls.created.skipped) + len(calls.deleted.skipped)
    if failed or deferred:
        first_error = calls.created.first_error or calls.deleted.first_error
        logger.warning(
            "room calls left for the next pass",
            extra={"failed": failed, "deferred": deferred, "first_error": first_error},
        )
    return {
        "roomsCreated": len(created),
        "roomsDeleted": len(deleted),
        "roomCallsFailed": failed,
        "roomCallsDeferred": deferred,
        "reconciled": len(vacated),
    }
