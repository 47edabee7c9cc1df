"""Request and response bodies of the messages API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictStr

from meet_common.schema import ApiModel
from messages.text import MAX_LENGTH

RoomName = Annotated[StrictStr, Field(min_length=1, max_length=200)]


class MessageCreate(ApiModel):
    room_name: RoomName
    text: StrictStr = Field(
        description=(
            f"1 to {MAX_LENGTH} characters once trimmed; line breaks become \\n; "
            "control characters other than newline and tab are refused (422 "
            "`invalid_message_text`)."
        )
    )
    id: uuid.UUID | None = Field(
        default=None,
        description=(
            "Optional client-chosen UUID that makes a retry safe: the same id again "
            "returns the stored message (200) instead of storing it twice; the same id "
            "with another text, room or sender is a 409."
        ),
    )


class Message(ApiModel):
    id: uuid.UUID
    room_name: str
    identity: str
    name: str
    text: str
    created_at: datetime


class MessagePage(ApiModel):
    messages: list[Message]
