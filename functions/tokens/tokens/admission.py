"""A waiting guest's side of the waiting room: polling the request, and leaving.

The request secret is the guest's only credential: a wrong one is answered like an
unknown id (404 ``admission_not_found``). Each poll refreshes ``last_seen``; a
request not polled for ``waiting_room.EXPIRY`` is expired (410). Once a host admits
the request, every poll answers with a join token carrying the same claims (the
identity and name fixed when the request was made, no room_admin), so a lost
response costs nothing; a denied request answers 403 ``admission_denied``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from meet_common import waiting_room
from meet_common.db import Database
from meet_common.errors import (
    AdmissionDenied,
    AdmissionExpired,
    AdmissionNotFound,
    MeetingOver,
    ParticipantRemoved,
)
from meet_common.livekit_rooms import RoomService
from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.repo import admissions, identities
from meet_common.repo import meetings as meetings_repo
from meet_common.repo.admissions import AdmissionRecord
from meet_common.repo.meetings import MeetingRecord
from meet_common.settings import Settings
from tokens.service import IssuedToken, grant_token


@dataclass(frozen=True)
class AdmissionState:
    record: AdmissionRecord
    host_present: bool
    grant: IssuedToken | None


def poll(
    db: Database,
    request_id: uuid.UUID,
    secret: str,
    *,
    now: datetime,
    rooms: RoomService,
    settings: Settings,
) -> AdmissionState:
    with db.transaction() as conn:
        record = admissions.seen(
            conn,
            request_id,
            waiting_room.secret_hash(secret),
            at=now,
            cutoff=waiting_room.live_since(now),
        )
        if record is None:
            raise AdmissionNotFound("No admission request has that id and secret.")
        meeting = meetings_repo.get(conn, record.meeting_id)
        barred = record.status == "admitted" and identities.is_barred(
            conn, meeting.room_name if meeting else "", record.identity
        )
        cohosts = (
            identities.cohosts_of(conn, record.meeting_id) if record.status == "admitted" else []
        )
    if meeting is None or meeting.status in FINISHED or now >= meeting.end_time:
        raise MeetingOver("The meeting is over.")
    if record.status == "denied":
        raise AdmissionDenied("The host did not let you in.")
    if record.status == "expired" or record.last_seen != now:
        raise AdmissionExpired("This request expired; ask to join again.")
    if barred:
        raise ParticipantRemoved("You were removed from this meeting.")
    if record.status == "admitted":
        grant = grant_token(
            settings,
            meeting,
            identity=record.identity,
            name=record.name,
            is_host=False,
            cohosts=cohosts,
        )
        return AdmissionState(record, True, grant)
    present = waiting_room.hosts_present(db, rooms, meeting.id, meeting.room_name)
    return AdmissionState(record, present, None)


def withdraw(db: Database, request_id: uuid.UUID, secret: str, *, rooms: RoomService) -> None:
    """The guest left the waiting screen: the request expires now and hosts are told."""
    meeting: MeetingRecord | None = None
    with db.transaction() as conn:
        record = admissions.withdraw(conn, request_id, waiting_room.secret_hash(secret))
        if record is not None:
            meeting = meetings_repo.get(conn, record.meeting_id)
    if record is None:
        # Not waiting (decided, expired) or not this secret's: nothing to withdraw.
        return
    logger.info("admission request withdrawn", extra={"admission_id": str(request_id)})
    if meeting is not None:
        waiting_room.tell_hosts(db, rooms, meeting.id, meeting.room_name)
