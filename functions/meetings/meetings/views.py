"""Turns meeting records into the admin view the API returns."""

from __future__ import annotations

from meet_common.repo.meetings import MeetingRecord
from meetings.links import host_join_url, join_url
from meetings.models import Meeting


def meeting_view(record: MeetingRecord, base_url: str) -> Meeting:
    """The record's fields, plus the links built from them."""
    return Meeting.model_validate(
        {
            **vars(record),
            "join_url": join_url(base_url, record.room_name, record.password),
            "host_join_url": host_join_url(
                base_url, record.room_name, record.password, record.host_key
            ),
        }
    )
