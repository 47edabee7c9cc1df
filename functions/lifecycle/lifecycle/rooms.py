"""The lifecycle pass's LiveKit work: create the rooms of running meetings, delete the
rooms of finished ones, and check the attendance of running ones against LiveKit.

Three phases, so no transaction stays open while LiveKit is called:

1. ``claim``: one short transaction leases the meetings this pass will call LiveKit
   for, skipping those another pass holds: room creates and deletes
   (``room_work_until``) and attendance checks (``reconcile_until``: running
   meetings with open attendance rows, and idle instant meetings about to end).
2. ``call_livekit``: one client, calls run concurrently (at most
   ``ROOM_CALL_CONCURRENCY`` at a time), none started after the time budget: one
   CreateRoom or DeleteRoom per room, one ListParticipants per checked meeting.
3. ``settle``: one short transaction records what LiveKit confirmed and releases the
   rest, so a failed or unstarted call is made again by the next pass.

Reconcile rule: LiveKit drops a webhook that waited 30 s in its per-room queue, or
failed its retries, so a ``participant_leave`` can be lost and leave a row open. An
open row whose participant sid LiveKit no longer lists is closed; a row written
after LiveKit was asked (a join its answer may predate) is left for the next pass.
A room LiveKit does not have lists nobody. An active participant LiveKit lists that
has no row at all (a lost ``participant_joined``) gets one. An instant meeting
about to end for being idle is checked the same way first, and ends only when
LiveKit lists nobody in its room. LiveKit revokes no token, so a
participant a host removed may rejoin with theirs: a barred identity found in the
room is removed again (``barredRemoved``).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from lifecycle.models import RoomWorkReport
from meet_common.db import Connection, Database
from meet_common.livekit_rooms import (
    BatchResult,
    RoomService,
    RoomServiceError,
    RoomSpec,
    run_sync,
)
from meet_common.meeting_status import MeetingStatus
from meet_common.observability import logger
from meet_common.repo import attendance, identities
from meet_common.repo import meetings as repo
from meet_common.repo.attendance import Presence
from meet_common.repo.meetings import ReconcileWork, RoomWork
from meet_common.settings import get_settings

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
    check: list[ReconcileWork] = field(default_factory=list)
    asked_at: datetime | None = None
    # Room name → identities a host removed (or whose invitation was withdrawn).
    barred: dict[str, set[str]] = field(default_factory=dict)

    def empty(self) -> bool:
        return not (self.create or self.delete or self.check)


@dataclass
class RoomCalls:
    created: BatchResult = field(default_factory=BatchResult)
    deleted: BatchResult = field(default_factory=BatchResult)
    # Room name → the participants (ParticipantInfo) LiveKit lists in it, for each
    # checked meeting LiveKit answered for; one missing here is checked next pass.
    present: dict[str, list[Any]] = field(default_factory=dict)
    check_failed: int = 0
    # Barred identities found back in their room and removed again.
    barred_removed: int = 0


def idle_cutoff(now: datetime) -> datetime:
    """An instant meeting whose last leave is this old or older has been idle long
    enough to end."""
    return now - timedelta(minutes=get_settings().instant_idle_end_minutes)


def claim(db: Database, now: datetime) -> RoomPlan:
    until = now + CLAIM_DURATION
    with db.transaction() as conn:
        create = repo.claim_rooms_to_create(conn, now, until=until, limit=ROOM_CALLS_PER_PASS)
        delete = repo.claim_rooms_to_delete(conn, now, until=until, limit=ROOM_CALLS_PER_PASS)
        check, asked_at = repo.claim_reconcile(
            conn, now, idle_cutoff=idle_cutoff(now), until=until, limit=ROOM_CALLS_PER_PASS
        )
        barred = identities.barred_in(conn, [m.id for m in check])
    by_id = {m.id: m.room_name for m in check}
    return RoomPlan(
        create, delete, check, asked_at, {by_id[i]: people for i, people in barred.items()}
    )


async def _call(rooms: RoomService, plan: RoomPlan) -> RoomCalls:
    deadline = time.monotonic() + ROOM_CALL_BUDGET_SECONDS
    # ListParticipants needs room_admin for that one room (livekit-server
    # pkg/service/auth.go EnsureAdminPermission): a session signing a token per call.
    async with (
        rooms.session(concurrency=ROOM_CALL_CONCURRENCY, batch=True) as session,
        rooms.session(concurrency=ROOM_CALL_CONCURRENCY) as per_room,
    ):

        async def check() -> tuple[dict[str, list[Any]], int, int]:
            listed, failed = await per_room.participants_of(
                [m.room_name for m in plan.check], deadline=deadline
            )
            present: dict[str, list[Any]] = {}
            removed = 0
            for room, people in listed.items():
                present[room] = []
                for person in people:
                    # LiveKit revokes no token: a removed participant may rejoin the
                    # room with theirs, and is removed again here.
                    if person.identity in plan.barred.get(room, ()):
                        try:
                            await per_room.remove_participant(room, person.identity)
                        except RoomServiceError:
                            pass  # still listed: checked again next pass
                        else:
                            removed += 1
                            continue
                    present[room].append(person)
            return present, failed, removed

        created, deleted, (present, check_failed, barred_removed) = await asyncio.gather(
            session.create_rooms(
                [RoomSpec(m.room_name, m.max_participants) for m in plan.create],
                deadline=deadline,
            ),
            session.delete_rooms([m.room_name for m in plan.delete], deadline=deadline),
            check(),
        )
    return RoomCalls(created, deleted, present, check_failed, barred_removed)


def call_livekit(rooms: RoomService, plan: RoomPlan) -> RoomCalls:
    if plan.empty():
        return RoomCalls()
    return run_sync(_call(rooms, plan))


def _repair_joins(conn: Connection, meeting_id: uuid.UUID, people: list[Any], now: datetime) -> int:
    """Open rows for the active participants LiveKit lists that the meeting has no row
    for at all (their participant_joined was lost); how many."""
    from livekit.protocol.models import ParticipantInfo

    if not people:
        return 0
    known = attendance.known_sids(conn, meeting_id)
    opened = 0
    for person in people:
        if person.sid in known or person.state != ParticipantInfo.State.ACTIVE:
            continue
        joined_at = (
            datetime.fromtimestamp(person.joined_at_ms / 1000, UTC)
            if person.joined_at_ms > 0
            else now
        )
        attendance.joined(
            conn,
            meeting_id,
            Presence(person.identity, person.sid, person.name or None, min(joined_at, now), None),
        )
        repo.mark_first_join(conn, meeting_id, min(joined_at, now))
        opened += 1
    return opened


def settle(db: Database, plan: RoomPlan, calls: RoomCalls, now: datetime) -> RoomWorkReport:
    by_name = {m.room_name: m.id for m in (*plan.create, *plan.delete)}
    created = [by_name[n] for n in calls.created.done]
    deleted = [by_name[n] for n in calls.deleted.done]
    released = [
        by_name[n]
        for batch in (calls.created, calls.deleted)
        for n in (*batch.failed, *batch.skipped)
    ]
    repaired: list[uuid.UUID] = []
    joins_repaired = 0
    ended_idle = 0
    with db.transaction() as conn:
        repo.record_room_work(conn, now, created=created, deleted=deleted, released=released)
        checked = [m for m in plan.check if m.room_name in calls.present]
        if checked and plan.asked_at is not None:
            # One meeting at a time, locked as a webhook would lock it, so the count
            # is recounted consistently with the rows.
            for m in sorted(checked, key=lambda m: m.id):
                meeting = repo.get(conn, m.id, for_update=True)
                if meeting is None or meeting.status != MeetingStatus.ACTIVE:
                    continue
                people = calls.present[m.room_name]
                closed = attendance.close_missing(
                    conn, m.id, [p.sid for p in people], asked_at=plan.asked_at, at=now
                )
                repaired.extend(closed)
                opened = _repair_joins(conn, m.id, people, now)
                joins_repaired += opened
                if (
                    m.idle
                    and not people
                    and repo.end_if_idle(conn, m.id, now, idle_cutoff=idle_cutoff(now))
                ):
                    ended_idle += 1
                elif closed or opened:
                    repo.refresh_participant_count(conn, m.id)
        repo.release_reconcile(conn, [m.id for m in plan.check])
    failed = len(calls.created.failed) + len(calls.deleted.failed)
    deferred = len(calls.created.skipped) + len(calls.deleted.skipped)
    if failed or deferred:
        first_error = calls.created.first_error or calls.deleted.first_error
        logger.warning(
            "room calls left for the next pass",
            extra={"failed": failed, "deferred": deferred, "first_error": first_error},
        )
    return RoomWorkReport(
        rooms_created=len(created),
        rooms_deleted=len(deleted),
        room_calls_failed=failed,
        room_calls_deferred=deferred,
        reconciled=len(set(repaired)),
        attendance_checked=len(checked),
        attendance_check_failed=calls.check_failed,
        leaves_repaired=len(repaired),
        joins_repaired=joins_repaired,
        ended_idle=ended_idle,
        barred_removed=calls.barred_removed,
    )
