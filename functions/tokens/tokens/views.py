"""The token route's answer, shared by a direct join and an admitted guest's poll."""

from __future__ import annotations

from meet_common.meeting_status import MeetingStatus
from meet_common.settings import Settings
from tokens.models import TokenMeeting, TokenResponse
from tokens.service import IssuedToken


def token_view(issued: IssuedToken, config: Settings) -> TokenResponse:
    meeting = issued.meeting
    return TokenResponse(
        token=issued.jwt,
        livekit_url=config.livekit_url,
        room_name=meeting.room_name,
        identity=issued.identity,
        expires_at=issued.expires_at,
        is_host=issued.is_host,
        meeting=TokenMeeting(
            id=meeting.id,
            title=meeting.title,
            status=MeetingStatus(meeting.status),
            is_public=meeting.is_public,
            end_time=meeting.end_time,
            locked=meeting.locked_at is not None,
        ),
        cohosts=list(issued.cohosts),
    )
