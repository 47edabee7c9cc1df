"""The waiting room's host routes, authorised by the host's own LiveKit token.

The bearer must be a host's LiveKit token for the named room, as for moderation
(``moderation_routes.Host``): none, forged or expired → 401; another room's → 403
``wrong_room``; a guest's (no room_admin) → 403 ``host_only``; a removed
identity's → 403 ``removed_from_meeting``.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from meet_common.deps import Db, Now, Rooms
from meet_common.errors import (
    AdmissionAlreadyDecided,
    AdmissionExpired,
    AdmissionNotFound,
    HostOnly,
    MeetingOver,
    RoomNotFound,
)
from meet_common.participant_auth import PARTICIPANT_ERRORS, Participant
from meet_common.schema import error_responses
from meet_common.waiting_room import parse_admission_id
from participants import admissions
from participants.host_auth import Host
from participants.models import AdmissionDecision, WaitingGuest, WaitingList

router = APIRouter(
    prefix="/api/rooms/{room_name}/admissions",
    tags=["waiting room"],
    responses=error_responses(*PARTICIPANT_ERRORS, HostOnly, RoomNotFound),
)


@router.get(
    "",
    response_model=WaitingList,
    summary="Host: the guests waiting to be let in",
    description=(
        "Oldest first; requests whose guest stopped polling (30 s) are left out. "
        "404 `room_not_found`."
    ),
)
def list_waiting(room_name: str, host: Host, db: Db, now: Now) -> WaitingList:
    records = admissions.waiting_list(db, room_name, now=now)
    return WaitingList(
        admissions=[
            WaitingGuest(id=r.id, name=r.name, email=r.email, requested_at=r.created_at)
            for r in records
        ]
    )


def _decide(
    room_name: str,
    admission_id: str,
    decision: Literal["admitted", "denied"],
    host: Participant,
    db: Db,
    rooms: Rooms,
    now: Now,
) -> AdmissionDecision:
    record = admissions.decide(
        db,
        rooms,
        room_name,
        parse_admission_id(admission_id),
        decision,
        by=host.identity,
        now=now,
    )
    return AdmissionDecision(id=record.id, status=decision, identity=record.identity)


_DECISION_ERRORS = (
    "404 `admission_not_found` or `room_not_found`; 409 `admission_already_decided` "
    "(another host decided the other way first); 410 `admission_expired` (the guest "
    "left); 410 `meeting_over`. The same decision twice answers as the first did."
)


@router.post(
    "/{admission_id}/admit",
    response_model=AdmissionDecision,
    responses=error_responses(
        AdmissionNotFound, AdmissionAlreadyDecided, AdmissionExpired, MeetingOver
    ),
    summary="Host: let a waiting guest in",
    description="The guest's next poll carries their join token. " + _DECISION_ERRORS,
)
def admit(
    room_name: str, admission_id: str, host: Host, db: Db, rooms: Rooms, now: Now
) -> AdmissionDecision:
    return _decide(room_name, admission_id, "admitted", host, db, rooms, now)


@router.post(
    "/{admission_id}/deny",
    response_model=AdmissionDecision,
    responses=error_responses(
        AdmissionNotFound, AdmissionAlreadyDecided, AdmissionExpired, MeetingOver
    ),
    summary="Host: turn a waiting guest away",
    description="The guest's next poll is 403 `admission_denied`. " + _DECISION_ERRORS,
)
def deny(
    room_name: str, admission_id: str, host: Host, db: Db, rooms: Rooms, now: Now
) -> AdmissionDecision:
    return _decide(room_name, admission_id, "denied", host, db, rooms, now)
