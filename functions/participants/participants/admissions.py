"""The hosts' side of the waiting room: the list of waiting guests, admit and deny.

A decision is one conditional UPDATE (see ``repo.admissions.decide``): of two hosts
deciding at once, the first wins and the second finds the request decided. The same
decision twice is answered like the first (idempotent); the other decision is 409
``admission_already_decided``. Admitting records the identity the guest's token will
carry as issued, so attendance, chat and moderation know the guest like anyone else.
Every change is announced to the hosts in the room, so each host's list follows.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common import waiting_room
from meet_common.db import Connection, Database
from meet_common.errors import (
    AdmissionAlreadyDecided,
    AdmissionExpired,
    AdmissionNotFound,
    MeetingOver,
    RoomNotFound,
)
from meet_common.livekit_rooms import RoomService
from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.repo import admissions, identities
from meet_common.repo import meetings as meetings_repo
from meet_common.repo.admissions import AdmissionRecord, Decision
from meet_common.repo.meetings import MeetingRecord


def _meeting(conn: Connection, room: str) -> MeetingRecord:
    meeting = meetings_repo.get_by_room(conn, room)
    if meeting is None:
        raise RoomNotFound("No meeting uses that room.")
    return meeting


def waiting_list(db: Database, room: str, *, now: datetime) -> list[AdmissionRecord]:
    with db.transaction() as conn:
        meeting = _meeting(conn, room)
        return admissions.waiting(conn, meeting.id, cutoff=waiting_room.live_since(now))


def decide(
    db: Database,
    rooms: RoomService,
    room: str,
    request_id: uuid.UUID,
    decision: Decision,
    *,
    by: str,
    now: datetime,
) -> AdmissionRecord:
    with db.transaction() as conn:
        meeting = _meeting(conn, room)
        if meeting.status in FINISHED or now >= meeting.end_time:
            raise MeetingOver("The meeting is over.")
        decided = admissions.decide(
            conn,
            meeting.id,
            request_id,
            decision,
            by=by,
            at=now,
            cutoff=waiting_room.live_since(now),
        )
        if decided is None:
            return _already(admissions.get(conn, meeting.id, request_id), decision)
        if decision == "admitted":
            identities.record_issued(
                conn,
                meeting.id,
                identity=decided.identity,
                name=decided.name,
                email=decided.email,
                is_host=False,
                at=now,
            )
    logger.info(
        "admission decided",
        extra={"room": room, "admission_id": str(request_id), "decision": decision, "by": by},
    )
    waiting_room.tell_hosts(db, rooms, meeting.id, room)
    return decided


def _already(current: AdmissionRecord | None, decision: Decision) -> AdmissionRecord:
    """The answer for a request that was not waiting when the decision came."""
    if current is None:
        raise AdmissionNotFound("No admission request has that id in this room.")
    if current.status == decision:
        return current
    if current.status in ("admitted", "denied"):
        raise AdmissionAlreadyDecided(f"The request was already {current.status}.")
    raise AdmissionExpired("The guest stopped waiting.")
