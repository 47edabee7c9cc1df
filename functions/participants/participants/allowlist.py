"""The rules of a meeting's allowlist: who may join a private meeting."""

from __future__ import annotations

import uuid

from meet_common.db import Connection, Database
from meet_common.errors import Conflict, NotFound
from meet_common.repo import allowlist as repo
from meet_common.repo import meetings
from meet_common.repo.allowlist import Invitee

FINISHED = {"ENDED", "CANCELLED"}


def _require_meeting(conn: Connection, meeting_id: uuid.UUID, *, changing: bool) -> None:
    meeting = meetings.get(conn, meeting_id)
    if meeting is None:
        raise NotFound("No meeting has that id.")
    if changing and meeting.status in FINISHED:
        raise Conflict(f"The meeting is {meeting.status} and its allowlist can no longer change.")


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


def remove_invitee(db: Database, meeting_id: uuid.UUID, email: str) -> None:
    """Take an email off the list: it gets no more tokens (tokens already issued run out)."""
    with db.transaction() as conn:
        _require_meeting(conn, meeting_id, changing=True)
        if not repo.remove(conn, meeting_id, email.strip().lower()):
            raise NotFound("That email is not on this meeting's allowlist.")
