"""Request and response bodies of the tokens API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import EmailStr, Field, StringConstraints, field_validator

from meet_common.meeting_status import ENDED_BY_DESCRIPTION, EndedBy, MeetingStatus
from meet_common.schema import ApiModel
from meet_common.text import SingleLineText

# Trimmed, 1-100 characters, nothing invisible (it is shown to everyone in the room).
DisplayName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    SingleLineText,
]
Secret = Annotated[str, Field(max_length=256)]


class RoomSummary(ApiModel):
    """What the join page needs to know about a room, and nothing secret."""

    id: uuid.UUID
    title: str
    status: MeetingStatus
    is_public: bool
    start_time: datetime
    end_time: datetime
    join_opens_at: datetime = Field(
        description="When tokens are first issued: JOIN_EARLY_MINUTES before startTime."
    )
    ended_by: EndedBy | None = Field(
        description=ENDED_BY_DESCRIPTION
        + " A page the room's deletion disconnected reads it to say who ended the meeting."
    )


class TokenRequest(ApiModel):
    password: Secret
    name: DisplayName
    email: Annotated[EmailStr, Field(max_length=254)] | None = Field(
        default=None, description="Required for private meetings: must be on the allowlist."
    )
    host_key: Secret | None = Field(
        default=None, description="The meeting's host key; grants room_admin (moderation)."
    )

    @field_validator("email", mode="before")
    @classmethod
    def _blank_email_is_none(cls, value: object) -> object:
        # A join form's empty email field means "no email", not an invalid one.
        return None if isinstance(value, str) and not value.strip() else value


class TokenMeeting(ApiModel):
    id: uuid.UUID
    title: str
    status: MeetingStatus
    is_public: bool
    end_time: datetime = Field(description="When the meeting ends (a host may extend it).")
    locked: bool = Field(description="A host locked it: no new joins but the host's.")


class TokenResponse(ApiModel):
    token: str = Field(description="LiveKit access token (JWT) for exactly this room.")
    livekit_url: str
    room_name: str
    identity: str = Field(description="Unique per join: a slug of the name plus a suffix.")
    expires_at: datetime
    is_host: bool = Field(description="Whether the token grants room_admin (a valid host key).")
    meeting: TokenMeeting
    cohosts: list[str] = Field(
        description="Identities made co-hosts of this meeting so far, oldest first; "
        "later changes arrive on the `meeting` data topic."
    )


class AdmissionPending(ApiModel):
    """202 from the token route of a waiting-room meeting: the guest waits for a host."""

    id: uuid.UUID = Field(description="The admission request.")
    request_secret: str = Field(
        description="Authorises the status polls (Authorization: Bearer). Returned only "
        "here: keep it in the page, never in a URL."
    )
    status: Literal["waiting"] = "waiting"
    host_present: bool = Field(description="Whether a host is in the meeting now.")
    poll_after_seconds: int
    expires_after_seconds: int = Field(
        description="A request not polled for this long expires (the guest left)."
    )


class AdmissionStatus(ApiModel):
    id: uuid.UUID
    status: Literal["waiting", "admitted"]
    host_present: bool
    poll_after_seconds: int
    grant: TokenResponse | None = Field(
        default=None, description="Once admitted: the token to join with."
    )
