"""The rules of chat history.

- Who: the caller's LiveKit token for the room (checked by the route); the sender's
  identity and name are the token's, whatever the body says.
- A participant a host removed is refused (403 ``removed_from_meeting``) for the
  rest of the meeting, reading as well as posting.
- Where: the room must belong to a meeting (404 otherwise). A meeting that is ENDED
  or CANCELLED takes no new messages (410: a token may outlive its meeting), but its
  history stays readable for as long as the token is valid.
- Retries: a client-chosen id that is already stored returns the stored message
  (``created`` is False, the route answers 200) when it is the same room, sender
  and text, and is a 409 otherwise. A replay is answered even after the meeting
  ended, so a client retrying a message that did arrive never sees a 410.
- Order and paging: see ``meet_common.repo.messages``; ``after`` is the id of the
  last message the client has, and must be a message of the same room.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common.db import Connection, Database
from meet_common.errors import Conflict, Gone, InvalidInput, NotFound
from meet_common.observability import logger
from meet_common.participant_auth import Participant, ensure_not_barred
from meet_common.repo import meetings as meetings_repo
from meet_common.repo import messages as repo
from meet_common.repo.meetings import MeetingRecord
from meet_common.repo.messages import MessageRecord
from messages.models import MessageCreate

FINISHED = {"ENDED", "CANCELLED"}


def _meeting_of(conn: Connection, room_name: str) -> MeetingRecord:
    meeting = meetings_repo.get_by_room(conn, room_name)
    if meeting is None:
        raise NotFound("No meeting uses this room.")
    return meeting


def _replay(stored: MessageRecord, participant: Participant, text: str) -> MessageRecord:
    same = (
        stored.room_name == participant.room
        and stored.identity == participant.identity
        and stored.text == text
    )
    if not same:
        raise Conflict("A different message was already sent with this id.")
    return stored


def post_message(
    db: Database, participant: Participant, data: MessageCreate, *, now: datetime
) -> tuple[MessageRecord, bool]:
    """Store a message from ``participant``; returns it and whether it is new."""
    with db.transaction() as conn:
        ensure_not_barred(conn, participant)
        if data.id is not None:
            stored = repo.get(conn, data.id)
            if stored is not None:
                return _replay(stored, participant, data.text), False
        meeting = _meeting_of(conn, participant.room)
        if meeting.status in FINISHED:
            raise Gone(f"The meeting is {meeting.status}; its chat takes no new messages.")
        message = MessageRecord(
            id=data.id or uuid.uuid4(),
            meeting_id=meeting.id,
            room_name=meeting.room_name,
            seq=repo.next_seq(conn, meeting.id),
            identity=participant.identity,
            name=participant.name,
            text=data.text,
            created_at=now,
        )
        created = repo.insert(conn, message)
        if created is None:
            # The same id committed meanwhile (a retry racing its original).
            stored = repo.get(conn, message.id)
            assert stored is not None
            return _replay(stored, participant, data.text), False
    logger.debug("message stored", extra={"message_id": str(created.id), "seq": created.seq})
    return created, True


def _after_seq(conn: Connection, meeting: MeetingRecord, after: str | None) -> int:
    if after is None:
        return 0
    try:
        after_id = uuid.UUID(after)
    except ValueError:
        raise InvalidInput("after must be the id of a message of this room.") from None
    stored = repo.get(conn, after_id)
    if stored is None or stored.meeting_id != meeting.id:
        raise InvalidInput("after must be the id of a message of this room.")
    return stored.seq


def list_messages(
    db: Database, participant: Participant, *, after: str | None, limit: int
) -> list[MessageRecord]:
    """The room's messages after the one with id ``after`` (or from the first), oldest first."""
    with db.transaction() as conn:
        ensure_not_barred(conn, participant)
        meeting = _meeting_of(conn, participant.room)
        after_seq = _after_seq(conn, meeting, after)
        return repo.list_after(conn, meeting.id, after_seq=after_seq, limit=limit)
