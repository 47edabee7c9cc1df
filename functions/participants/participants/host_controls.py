"""What a host (or co-host) does to the whole meeting from inside it: end it for
everyone, mute everyone else, lock it against new joins, make someone a co-host,
and move its end.

The caller's authority is checked by the route (see host_auth). Pages learn of a
change from the service itself: a reliable data packet on the ``meeting`` topic
sent through the room service (SendData), which reaches every page with no sender
identity, so a participant cannot fake one (pages drop packets on that topic that
carry a sender). A page that joins later reads the same state from its token
response. That includes who the co-hosts are: pages learn them only from the
service (the ``cohosts`` announcement and the token response), never from a
participant attribute, because join tokens carry ``canUpdateOwnMetadata`` (pages
raise hands with it) and anyone could set such an attribute on themselves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from meet_common.db import Database
from meet_common.errors import (
    InvalidExtension,
    MeetingFinished,
    MeetingOver,
    ParticipantNotInRoom,
    RoomNotFound,
)
from meet_common.livekit_rooms import RoomService, RoomServiceError, run_sync, send_to_live_room
from meet_common.meeting_end import finish_meeting
from meet_common.meeting_status import FINISHED, EndedBy, MeetingStatus
from meet_common.observability import logger
from meet_common.repo import identities
from meet_common.repo import meetings as repo
from meet_common.repo.meetings import MeetingRecord
from meet_common.schedules import MeetingSchedules
from participants.moderation import call_room_service

# The data-packet topic the pages listen on for the service's announcements.
TOPIC = "meeting"
# How far a host may move the end at a time.
EXTENSION_MINUTES = (15, 30)


@dataclass(frozen=True)
class MeetingState:
    locked: bool
    end_time: datetime


def _state(meeting: MeetingRecord) -> MeetingState:
    return MeetingState(locked=meeting.locked_at is not None, end_time=meeting.end_time)


def _meeting(db: Database, room: str) -> MeetingRecord:
    with db.transaction() as conn:
        meeting = repo.get_by_room(conn, room)
    if meeting is None:
        raise RoomNotFound()
    return meeting


def _check_not_finished(meeting: MeetingRecord) -> None:
    if meeting.status in FINISHED:
        raise MeetingFinished(f"The meeting is {meeting.status.lower()}.")


def _announce(rooms: RoomService, room: str, message: dict[str, Any]) -> None:
    """Tell every page in the room; a failure is logged, not raised: the change is
    made, and pages that join later read it from their token response."""
    data = json.dumps(message, separators=(",", ":")).encode()
    try:
        run_sync(send_to_live_room(rooms, room, data, topic=TOPIC))
    except RoomServiceError as exc:
        logger.warning("meeting announcement not sent", extra={"room": room, "error": str(exc)})


def end_for_everyone(
    db: Database,
    rooms: RoomService,
    schedules: MeetingSchedules,
    room: str,
    *,
    by: str,
    now: datetime,
) -> MeetingRecord:
    """End the meeting (the organiser's end, shared) after telling the pages that a
    host ended it, so they can say so when the room's deletion disconnects them. The
    packet and LiveKit's leave reach a page on different connections, in either
    order: a page the leave reaches first reads ``ended_by`` (``host``) from the room
    summary instead."""
    meeting = _meeting(db, room)
    if meeting.status not in FINISHED:
        _announce(rooms, room, {"type": "ended", "by": "host"})
    record = finish_meeting(
        db,
        meeting.id,
        MeetingStatus.ENDED,
        by=EndedBy.HOST,
        now=now,
        rooms=rooms,
        schedules=schedules,
    )
    logger.info("meeting ended by a host", extra={"room": room, "by": by})
    return record


async def _mute_all(rooms: RoomService, room: str, spared: set[str]) -> list[str]:
    # Imported here, as in livekit_rooms: at import, livekit.api (aiohttp, protobuf)
    # added about 250 ms to every cold start, before any request needed it.
    from livekit.protocol.models import TrackType

    muted: list[str] = []
    async with rooms.session() as session:
        try:
            people = await session.list_participants(room)
        except RoomServiceError as exc:
            if exc.not_found:  # no live room: nobody to mute
                return []
            raise
        for person in people:
            if person.identity in spared:
                continue
            sids = [t.sid for t in person.tracks if t.type == TrackType.AUDIO and not t.muted]
            for sid in sids:
                try:
                    await session.mute_published_track(room, person.identity, sid)
                except RoomServiceError as exc:
                    # Someone who left meanwhile is not an error; the others still get muted.
                    logger.info(
                        "could not mute a participant",
                        extra={"room": room, "identity": person.identity, "error": str(exc)},
                    )
                    break
            else:
                if sids:
                    muted.append(person.identity)
    return muted


def mute_everyone(db: Database, rooms: RoomService, room: str, *, by: str) -> list[str]:
    """Mute the microphone tracks of everyone but the hosts and co-hosts (who run the
    meeting and may need to speak over it; a host mutes another host one by one);
    the identities muted."""
    meeting = _meeting(db, room)
    _check_not_finished(meeting)
    with db.transaction() as conn:
        spared = identities.hosts_of(conn, meeting.id) | {by}
    muted = call_room_service(_mute_all(rooms, room, spared), room)
    logger.info("everyone muted", extra={"room": room, "by": by, "muted": muted})
    return muted


def set_locked(
    db: Database, rooms: RoomService, room: str, *, locked: bool, by: str, now: datetime
) -> MeetingState:
    """Lock the meeting against new joins (the host key still joins), or unlock it."""
    with db.transaction() as conn:
        meeting = repo.get_by_room(conn, room, for_update=True)
        if meeting is None:
            raise RoomNotFound()
        _check_not_finished(meeting)
        if (meeting.locked_at is not None) != locked:
            meeting = repo.set_locked(conn, meeting.id, now if locked else None)
    _announce(rooms, room, {"type": "locked", "locked": locked})
    logger.info("meeting lock changed", extra={"room": room, "by": by, "locked": locked})
    return _state(meeting)


def make_cohost(
    db: Database, rooms: RoomService, room: str, identity: str, *, by: str, now: datetime
) -> None:
    """Make a participant in the room a co-host: recorded, then every page is sent the
    full list of co-hosts (a page that missed an earlier announcement catches up)."""
    meeting = _meeting(db, room)
    _check_not_finished(meeting)
    # Someone not in the room is a 404 and is not recorded.
    call_room_service(rooms.get_participant(room, identity), room, missing=ParticipantNotInRoom())
    with db.transaction() as conn:
        identities.make_cohost(conn, meeting.id, identity, now)
        cohosts = identities.cohosts_of(conn, meeting.id)
    _announce(rooms, room, {"type": "cohosts", "identities": cohosts})
    logger.info("co-host made", extra={"room": room, "identity": identity, "by": by})


def extend(
    db: Database,
    rooms: RoomService,
    schedules: MeetingSchedules,
    room: str,
    *,
    minutes: int,
    by: str,
    now: datetime,
) -> MeetingState:
    """Move the meeting's end (and its end schedule) later by 15 or 30 minutes."""
    if minutes not in EXTENSION_MINUTES:
        raise InvalidExtension(
            details=[{"loc": ["body", "minutes"], "msg": "must be 15 or 30"}],
        )
    with db.transaction() as conn:
        meeting = repo.get_by_room(conn, room, for_update=True)
        if meeting is None:
            raise RoomNotFound()
        _check_not_finished(meeting)
        if now >= meeting.end_time:
            raise MeetingOver()
        meeting = repo.update(
            conn, meeting.id, {"end_time": meeting.end_time + timedelta(minutes=minutes)}
        )
    schedules.sync(meeting)
    _announce(rooms, room, {"type": "endTime", "endTime": meeting.end_time.isoformat()})
    logger.info("meeting extended", extra={"room": room, "by": by, "minutes": minutes})
    return _state(meeting)
