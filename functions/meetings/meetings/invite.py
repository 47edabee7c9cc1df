"""A meeting as a calendar invitation: GET /api/meetings/{id}/invite.ics.

The event carries what a guest needs (title, times, the guest link and its
password) and never the host key. Its UID is the meeting's id, so every download
of the same meeting is the same event; SEQUENCE is the meeting's revision, raised
on every change, so a calendar that imports a newer file replaces the event
(RFC 5545 3.8.7.4), and a cancelled meeting is sent as METHOD:CANCEL (RFC 5546 3.2.5).
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from fastapi import APIRouter, Response

from meet_common.auth import ADMIN_ERRORS, AdminRequired
from meet_common.deps import Config, Db
from meet_common.errors import MeetingNotFound
from meet_common.ids import parse_meeting_id
from meet_common.meeting_status import MeetingStatus
from meet_common.repo.meetings import MeetingRecord
from meet_common.schema import error_responses
from meetings import service
from meetings.links import join_url

PRODID = "-//LiveKit Meet serverless//Meetings//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"

router = APIRouter(
    prefix="/api/meetings",
    tags=["meetings"],
    dependencies=[AdminRequired],
)


def event_uid(record: MeetingRecord, base_url: str) -> str:
    """Globally unique and stable: the meeting id at this deployment's host."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"{record.id}@{host}"


def invitation(record: MeetingRecord, base_url: str) -> bytes:
    """The meeting as a one-event iCalendar file."""
    # Imported here: a download is rare, and icalendar cost every cold start ~55 ms.
    from icalendar import Calendar, Event

    link = join_url(base_url, record.room_name, record.password)
    cancelled = record.status == MeetingStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")

    event = Event()
    event.add("uid", event_uid(record, base_url))
    event.add("sequence", record.sequence)
    # DTSTAMP is when this revision was made, so two downloads of one revision match.
    event.add("dtstamp", _utc(record.updated_at))
    event.add("created", _utc(record.created_at))
    event.add("last-modified", _utc(record.updated_at))
    event.add("dtstart", _utc(record.start_time))
    event.add("dtend", _utc(record.end_time))
    event.add("summary", record.title)
    event.add("description", _description(record, link))
    event.add("location", link)
    event.add("url", link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def _description(record: MeetingRecord, link: str) -> str:
    lines = [record.description, ""] if record.description else []
    lines += [f"Join: {link}", f"Password: {record.password}"]
    return "\n".join(lines)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


@router.get(
    "/{meeting_id}/invite.ics",
    summary="Download the meeting as a calendar invitation (iCalendar)",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {"schema": {"type": "string"}}},
            "description": "One VEVENT with a stable UID and the meeting's SEQUENCE; "
            "METHOD:CANCEL once the meeting is cancelled. Holds the guest link and "
            "password, never the host key.",
        },
        **error_responses(*ADMIN_ERRORS, MeetingNotFound),
    },
)
def download_invitation(meeting_id: str, db: Db, config: Config) -> Response:
    record = service.get_meeting(db, parse_meeting_id(meeting_id))
    return Response(
        content=invitation(record, config.base_url),
        media_type=CONTENT_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{record.room_name}.ics"',
            # It holds the meeting password.
            "Cache-Control": "no-store",
        },
    )
