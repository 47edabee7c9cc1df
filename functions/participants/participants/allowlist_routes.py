"""Admin routes for a meeting's allowlist. Each parses input and calls one service function."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from meet_common.auth import ADMIN_ERRORS, AdminRequired
from meet_common.deps import Db, Now, Rooms
from meet_common.errors import MeetingFinished, MeetingNotFound, NotOnAllowlist
from meet_common.ids import parse_meeting_id
from meet_common.repo.allowlist import Invitee
from meet_common.schema import error_responses
from participants import allowlist
from participants.models import Allowlist, AllowlistAdd

router = APIRouter(
    prefix="/api/meetings/{meeting_id}/participants",
    tags=["participants"],
    dependencies=[AdminRequired],
)


def _view(invitees: list[Invitee]) -> Allowlist:
    return Allowlist.model_validate({"participants": invitees})


@router.get(
    "",
    response_model=Allowlist,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound),
    summary="The allowlist of a meeting",
)
def list_participants(meeting_id: str, db: Db) -> Allowlist:
    return _view(allowlist.list_invitees(db, parse_meeting_id(meeting_id)))


@router.post(
    "",
    response_model=Allowlist,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, MeetingFinished),
    summary="Add one or many emails to the allowlist; returns the whole list",
)
def add_participants(meeting_id: str, body: AllowlistAdd, db: Db) -> Allowlist:
    return _view(allowlist.add_invitees(db, parse_meeting_id(meeting_id), body.invitees()))


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*ADMIN_ERRORS, MeetingNotFound, MeetingFinished, NotOnAllowlist),
    summary="Take an email off the allowlist (404 when it is not on it)",
    description=(
        "The email gets no more tokens; anyone in the room with a token issued to it is "
        "removed from the room, and those tokens are refused by the service's API."
    ),
)
def remove_participant(
    meeting_id: str,
    db: Db,
    rooms: Rooms,
    now: Now,
    email: Annotated[str, Query(min_length=1, max_length=254)],
) -> Response:
    allowlist.remove_invitee(db, rooms, parse_meeting_id(meeting_id), email, now=now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
