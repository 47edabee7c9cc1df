"""Applies LiveKit's webhook events to meetings and attendance, each event id once.

One transaction per event: lock the meeting (so events for one meeting apply one at
a time and participant_count is recounted consistently), record the event id (a
redelivery, even a concurrent one, finds it taken and changes nothing), then apply.
Events for rooms this service does not know, and event kinds it does not use, are
acknowledged and ignored.

Round trips, not the statements themselves, are most of an event's cost: the lock
and the record are one statement, and the statements that apply an event are sent
together in a pipeline (none of them needs an earlier one's answer), so an event
costs BEGIN, two round trips and COMMIT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from meet_common.db import Connection, Database
from meet_common.meeting_status import FINISHED
from meet_common.observability import logger
from meet_common.repo import attendance, webhook_events
from meet_common.repo import meetings as repo
from meet_common.repo.attendance import Presence
from meet_common.repo.webhook_events import RoomOfEvent
from webhook.event import Event, Participant
from webhook.models import Outcome


class Timed(Protocol):
    """An event with LiveKit's ``created_at``: ours, or a protobuf ``WebhookEvent``."""

    @property
    def created_at(self) -> int: ...


def seconds_to_time(seconds: float, fallback: datetime) -> datetime:
    """A LiveKit Unix time (int64 seconds) as a datetime; ``fallback`` when it is unset
    or beyond what a datetime can hold (a signed event is still applied: LiveKit does
    not retry a 4xx)."""
    if seconds <= 0:
        return fallback
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return fallback


def event_time(event: Timed, received_at: datetime) -> datetime:
    """When LiveKit says the event happened (``createdAt``, seconds), else now."""
    return seconds_to_time(event.created_at, received_at)


def _text(value: str) -> str:
    # PostgreSQL text cannot hold NUL. A signed event carrying one must still be
    # applied (refusing it would lose it: LiveKit does not retry a 4xx).
    return value.replace("\x00", "")


def _joined_at(participant: Participant, at: datetime) -> datetime:
    # joined_at_ms when LiveKit sends it: a reconnect often comes within the second.
    if participant.joined_at_ms > 0:
        return seconds_to_time(participant.joined_at_ms / 1000, at)
    return seconds_to_time(participant.joined_at, at)


def _presence(participant: Participant, at: datetime, *, left_at: datetime | None) -> Presence:
    joined_at = _joined_at(participant, at)
    return Presence(
        identity=_text(participant.identity),
        participant_sid=_text(participant.sid),
        name=_text(participant.name) or None,
        joined_at=min(joined_at, left_at) if left_at else joined_at,
        left_at=left_at,
    )


def _room_started(conn: Connection, meeting: RoomOfEvent, event: Event, at: datetime) -> None:
    repo.mark_room_started(conn, meeting.meeting_id, at)


def _room_finished(conn: Connection, meeting: RoomOfEvent, event: Event, at: datetime) -> None:
    # LiveKit closed the room on its own timeouts (or a delete): everyone is out of
    # it, but the meeting goes on; the next join re-creates the room.
    attendance.close_open(conn, [meeting.meeting_id], at)
    repo.mark_room_finished(conn, meeting.meeting_id, at)


def _participant_joined(conn: Connection, meeting: RoomOfEvent, event: Event, at: datetime) -> None:
    # Joining a finished meeting's room (a late event, or a stale token) is recorded
    # but closed at once: nobody is counted in a meeting that is over.
    seen = _presence(event.participant, at, left_at=None)
    if meeting.status in FINISHED:
        seen = replace(seen, left_at=max(seen.joined_at, meeting.ended_at or at))
    else:
        repo.mark_first_join(conn, meeting.meeting_id, seen.joined_at)
    attendance.joined(conn, meeting.meeting_id, seen)
    repo.refresh_participant_count(conn, meeting.meeting_id)


def _participant_left(conn: Connection, meeting: RoomOfEvent, event: Event, at: datetime) -> None:
    attendance.left(conn, meeting.meeting_id, _presence(event.participant, at, left_at=at))
    repo.refresh_participant_count(conn, meeting.meeting_id)


def _participant_connection_aborted(
    conn: Connection, meeting: RoomOfEvent, event: Event, at: datetime
) -> None:
    # livekit-server pkg/telemetry/events.go sends this instead of participant_left
    # for a connection that never became active, i.e. one that never had a
    # participant_joined: it is not attendance (see attendance.aborted).
    participant = event.participant
    attendance.aborted(
        conn,
        meeting.meeting_id,
        _text(participant.identity),
        _text(participant.sid),
        began=min(_joined_at(participant, at), at),
        at=at,
    )
    repo.refresh_participant_count(conn, meeting.meeting_id)


Applier = Callable[[Connection, RoomOfEvent, Event, datetime], None]
APPLIERS: dict[str, Applier] = {
    "room_started": _room_started,
    "room_finished": _room_finished,
    "participant_joined": _participant_joined,
    "participant_left": _participant_left,
    "participant_connection_aborted": _participant_connection_aborted,
}


def apply_event(db: Database, event: Event, *, event_id: str, received_at: datetime) -> Outcome:
    apply = APPLIERS.get(event.event)
    room_name = event.room.name
    if apply is None or not room_name or "\x00" in room_name:
        return "ignored"  # no room of ours has a NUL in its name
    if event.event.startswith("participant_") and not event.participant.identity:
        return "ignored"
    at = event_time(event, received_at)
    with db.transaction() as conn:
        meeting = webhook_events.lock_room_and_record(
            conn, event_id, event=event.event, room_name=room_name, occurred_at=at
        )
        if meeting is None:
            outcome: Outcome = "ignored"
        elif not meeting.recorded:
            outcome = "duplicate"
        else:
            # The appliers read back at most their last statement's answer
            # (refresh_participant_count), so the pipeline is one round trip.
            with conn.pipeline():
                apply(conn, meeting, event, at)
            outcome = "applied"
    logger.info(
        "webhook event",
        extra={"event": event.event, "event_id": event_id, "room": room_name, "outcome": outcome},
    )
    return outcome
