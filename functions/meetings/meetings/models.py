"""Request and response bodies of the meetings API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field, StrictBool, StrictInt, model_validator

from meet_common.invitees import InviteeIn
from meet_common.meeting_status import ENDED_BY_DESCRIPTION, EndedBy, MeetingStatus
from meet_common.schema import ApiModel
from meet_common.text import MultiLineText, SingleLineText

Title = Annotated[str, Field(min_length=1, max_length=200), SingleLineText]
Description = Annotated[str, Field(max_length=5_000), MultiLineText]
Password = Annotated[str, Field(min_length=4, max_length=128, pattern=r"^[\x21-\x7e]+$")]
Duration = Annotated[StrictInt, Field(ge=1, le=24 * 60)]
MaxParticipants = Annotated[StrictInt, Field(ge=1, le=10_000)]


class MeetingCreate(ApiModel):
    title: Title
    description: Description | None = None
    start_time: AwareDatetime
    end_time: AwareDatetime | None = None
    duration_minutes: Duration | None = None
    is_public: StrictBool = True
    password: Password | None = None
    participants: Annotated[list[InviteeIn], Field(max_length=1_000)] = []
    max_participants: MaxParticipants | None = None
    waiting_room: StrictBool = Field(
        default=False, description="Guests wait until a host admits them."
    )

    @model_validator(mode="after")
    def _one_end(self) -> MeetingCreate:
        if self.end_time is not None and self.duration_minutes is not None:
            raise ValueError("give endTime or durationMinutes, not both")
        if self.end_time is not None and self.end_time <= self.start_time:
            raise ValueError("endTime must be after startTime")
        return self


class InstantMeetingCreate(ApiModel):
    title: Title | None = None
    is_public: StrictBool = True
    password: Password | None = None
    duration_minutes: Duration = 60
    max_participants: MaxParticipants | None = None
    waiting_room: StrictBool = Field(
        default=False, description="Guests wait until a host admits them."
    )


class MeetingUpdate(ApiModel):
    title: Title | None = None
    description: Description | None = None
    start_time: AwareDatetime | None = None
    end_time: AwareDatetime | None = None
    is_public: StrictBool | None = None
    password: Password | None = None
    max_participants: MaxParticipants | None = None
    waiting_room: StrictBool | None = None


class Meeting(ApiModel):
    id: uuid.UUID
    title: str
    description: str | None
    room_name: str
    status: MeetingStatus
    is_public: bool
    is_instant: bool
    start_time: datetime
    end_time: datetime
    started_at: datetime | None
    ended_at: datetime | None
    ended_by: EndedBy | None = Field(description=ENDED_BY_DESCRIPTION)
    password: str
    host_key: str
    join_url: str
    host_join_url: str
    participant_count: int
    max_participants: int | None
    waiting_room: bool
    created_at: datetime
    updated_at: datetime


class MeetingPage(ApiModel):
    meetings: list[Meeting]
    next_cursor: str | None
