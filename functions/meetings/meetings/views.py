"""Turns meeting records into the admin view the API returns."""

from __future__ import annotations

from meet_common.meeting_status import MeetingStatus
from meet_common.repo.meetings import MeetingRecord
from meetings.links import host_join_url, join_url
from meetings.models import Meeting


def meeting_view(record: MeetingRecord, base_url: str) -> Meeting:
    return Meeting(
        id=record.id,
        title=record.title,
        description=record.description,
        room_name=record.room_name,
        status=MeetingStatus(record.status),
        is_public=record.is_public,
        is_instant=record.is_instant,
        start_time=record.start_time,
        end_time=record.end_time,
        started_at=record.started_at,
        ended_at=record.ended_at,
        password=record.password,
        host_key=record.host_key,
        join_url=join_url(base_url, record.room_name, record.password),
        host_join_url=host_join_url(base_url, record.room_name, record.password, record.host_key),
        participant_count=record.participant_count,
        max_participants=record.max_participants,
        waiting_room=record.waiting_room,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )
