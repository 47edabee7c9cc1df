"""The rules of a meeting's allowlist: who may join a private meeting."""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common.db import Connection, Database
from meet_common.errors import MeetingFinished, MeetingNotFound, NotOnAllowlist
from meet_common.invitees import normalise_email
from meet_common.livekit_rooms import RoomService
from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.repo import allowlist as repo
from meet_common.repo import identities, meetings
from meet_common.repo.allowlist import Invitee
from participants import moderation


def _require_meeting(
    conn: Connection, meeting_id: uuid.UUID, *, changing: bool
) -> meetings.MeetingRecord:
    meeting = meetings.get(conn, meeting_id)
    if meeting is None:
        raise MeetingNotFound()
    if changing and meeting.status in FINISHED:
        raise MeetingFinished(
            f"The meeting is {meeting.status} and its allowlist can no longer change."
        )
    return meeting


def list_invitees(db: Database, meeting_id: uuid.UUID) -> list[Invitee]:
    with db.transaction() as conn:
        _require_meeting(conn, meeting_id, changing=False)
        return repo.list_for(conn, meeting_id)


def add_invitees(
    db: Database, meeting_id: uuid.UUID, invitees: list[tuple[str, str | None]]
) -> list[Invitee]:
    """Add (lower-cased) emails; one already on the list keeps its entry. The whole list."""
    with db.transaction() as conn:
        _require_meeting(conn, meeting_id, changing=True)
        repo.add(conn, meeting_id, invitees)
        return repo.list_for(conn, meeting_id)


def remove_invitee(
    db: Database, rooms: RoomService, meeting_id: uuid.UUID, email: str, *, now: datetime
) -> None:
    """Take an email off the list: it gets no more tokens, the identities issued to it
    are barred from the service's API, and their live connections are removed from
    the room (LiveKit revokes no token, so without this a withdrawn guest stays in)."""
    email = normalise_email(email)
    with db.transaction() as conn:
        meeting = _require_meeting(conn, meeting_id, changing=True)
        if not repo.remove(conn, meeting_id, email):
            raise NotOnAllowlist()
        people = identities.issued_to(conn, meeting_id, email)
        identities.bar(conn, meeting_id, people, now)
    removed = moderation.remove_connections(rooms, meeting.room_name, people)
    logger.info(
        "invitation withdrawn",
        extra={"meeting_id": str(meeting_id), "identities": len(people), "removed": removed},
    )
