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
- Rate: a participant may post ``CHAT_PARTICIPANT_LIMIT`` messages a minute and a
  meeting takes ``CHAT_MEETING_LIMIT`` a minute (429 with Retry-After beyond).
- Order and paging: see ``meet_common.repo.messages``; ``after`` is the id of the
  last message the client has, and must be a message of the same room.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from meet_common import rate_limits
from meet_common.db import Connection, Database
from meet_common.errors import (
    InvalidCursor,
    InvalidMessageText,
    InvalidPaging,
    MeetingOver,
    MessageIdConflict,
    RoomNotFound,
)
from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.participant_auth import Participant, ensure_not_barred
from meet_common.repo import meetings as meetings_repo
from meet_common.repo import messages as repo
from meet_common.repo.meetings import MeetingRecord
from meet_common.repo.messages import MessageRecord
from meet_common.settings import Settings
from messages.models import MessageCreate
from messages.text import clean_text


def _meeting_of(conn: Connection, room_name: str) -> MeetingRecord:
    meeting = meetings_repo.get_by_room(conn, room_name)
    if meeting is None:
        raise RoomNotFound()
    return meeting


def _replay(stored: MessageRecord, participant: Participant, text: str) -> MessageRecord:
    same = (
        stored.room_name == participant.room
        and stored.identity == participant.identity
        and stored.text == text
    )
    if not same:
        raise MessageIdConflict()
    return stored


def post_message(
    db: Database,
    participant: Participant,
    data: MessageCreate,
    *,
    now: datetime,
    settings: Settings,
) -> tuple[MessageRecord, bool]:
    """Store a message from ``participant``; returns it and whether it is new."""
    text = _clean(data.text)
    with db.transaction() as conn:
        ensure_not_barred(conn, participant)
        if data.id is not None:
            stored = repo.get(conn, data.id)
            if stored is not None:
                return _replay(stored, participant, text), False
        meeting = _meeting_of(conn, participant.room)
        if meeting.status in FINISHED:
            raise MeetingOver(f"The meeting is {meeting.status}; its chat takes no new messages.")
        # A retry of a stored message (above) is not counted; a refused post is not
        # either (its transaction rolls back).
        rate_limits.chat_per_participant(settings).take(
            conn, f"{meeting.id}:{participant.identity}", now
        )
        rate_limits.chat_per_meeting(settings).take(conn, str(meeting.id), now)
        message = MessageRecord(
            id=data.id or uuid.uuid4(),
            meeting_id=meeting.id,
            room_name=meeting.room_name,
            seq=repo.next_seq(conn, meeting.id),
            identity=participant.identity,
            name=participant.name,
            text=text,
            created_at=now,
        )
        created = repo.insert(conn, message)
        if created is None:
            # The same id committed meanwhile (a retry racing its original).
            stored = repo.get(conn, message.id)
            assert stored is not None
            return _replay(stored, participant, text), False
    logger.debug("message stored", extra={"message_id": str(created.id), "seq": created.seq})
    return created, True


def _clean(raw: str) -> str:
    try:
        return clean_text(raw)
    except ValueError as exc:
        raise InvalidMessageText(
            str(exc), details=[{"loc": ["body", "text"], "msg": str(exc), "type": "value_error"}]
        ) from None


def _seq_of(conn: Connection, meeting: MeetingRecord, message_id: str, param: str) -> int:
    refusal = f"{param} must be the id of a message of this room."
    try:
        parsed = uuid.UUID(message_id)
    except ValueError:
        raise InvalidCursor(refusal) from None
    stored = repo.get(conn, parsed)
    if stored is None or stored.meeting_id != meeting.id:
        raise InvalidCursor(refusal)
    return stored.seq


def list_messages(
    db: Database,
    participant: Participant,
    *,
    after: str | None,
    limit: int,
    before: str | None = None,
    latest: bool = False,
) -> list[MessageRecord]:
    """A page of the room's messages, oldest first: those after the one with id ``after``
    (or from the first); or, with ``before`` or ``latest``, the ``limit`` messages just
    before that id, or the newest ``limit`` (a late joiner reads the end of the chat
    first, and earlier pages only if they scroll back)."""
    if after is not None and (before is not None or latest):
        raise InvalidPaging()
    with db.transaction() as conn:
        ensure_not_barred(conn, participant)
        meeting = _meeting_of(conn, participant.room)
        if before is not None or latest:
            before_seq = _seq_of(conn, meeting, before, "before") if before else None
            return repo.list_before(conn, meeting.id, before_seq=before_seq, limit=limit)
        after_seq = _seq_of(conn, meeting, after, "after") if after else 0
        return repo.list_after(conn, meeting.id, after_seq=after_seq, limit=limit)
