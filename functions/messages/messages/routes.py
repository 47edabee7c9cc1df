"""HTTP routes of the messages function. Each checks the caller's LiveKit token for
the room it names, then calls one service function."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from meet_common.deps import Config, Db, Now, Rooms
from meet_common.errors import (
    ChatRateLimited,
    InvalidCursor,
    InvalidMessageText,
    InvalidPaging,
    MeetingOver,
    MessageIdConflict,
    ParticipantTokenInvalid,
    RoomNotFound,
)
from meet_common.participant_auth import (
    PARTICIPANT_ERRORS,
    participant_credentials,
    verify_participant_token,
)
from meet_common.schema import error_responses
from messages import delivery, service
from messages.models import Message, MessageCreate, MessagePage

router = APIRouter(
    prefix="/api/messages",
    tags=["messages"],
)


async def required_token(
    token: Annotated[str | None, Depends(participant_credentials)],
) -> str:
    """The bearer, required before the body is looked at: no token is a 401 even for a
    bad body. Whether it is valid, and for which room, is checked once the room is known."""
    if token is None:
        raise ParticipantTokenInvalid()
    return token


BearerToken = Annotated[str, Depends(required_token)]


@router.post(
    "",
    response_model=Message,
    status_code=status.HTTP_201_CREATED,
    summary="Send a chat message",
    description=(
        "Authorised by the caller's LiveKit token for `roomName` "
        "(`Authorization: Bearer <token>`). The sender's identity and name come from "
        "the token. Once stored, the service delivers the message to the room itself "
        "(LiveKit RoomService `SendData`, reliable, topic `chat`, this response's JSON "
        "as the payload), so pages accept chat packets only from the server, never from "
        "a participant; a failed delivery does not fail the post (the others get the "
        "message from the history). A retry of a stored id is not delivered again. "
        "410 once the meeting has ended or was cancelled; 403 "
        "`removed_from_meeting` once a host removed the sender (or their invitation was "
        "withdrawn), whichever of their tokens they present; 429 (with Retry-After) beyond "
        "the participant's or the meeting's messages per minute."
    ),
    responses={
        200: {"model": Message, "description": "A retry: this id was already stored"},
        **error_responses(
            *PARTICIPANT_ERRORS,
            RoomNotFound,
            InvalidMessageText,
            MessageIdConflict,
            MeetingOver,
            ChatRateLimited,
        ),
    },
)
def send_message(
    body: MessageCreate,
    token: BearerToken,
    db: Db,
    now: Now,
    config: Config,
    rooms: Rooms,
    response: Response,
) -> Message:
    participant = verify_participant_token(token, body.room_name)
    record, created = service.post_message(db, participant, body, now=now, settings=config)
    if created:
        # Once stored; a failed delivery is logged, and the post still succeeds.
        delivery.deliver(rooms, record)
    else:
        response.status_code = status.HTTP_200_OK
    return Message.model_validate(record)


@router.get(
    "",
    response_model=MessagePage,
    summary="Read a room's chat history, oldest first",
    description=(
        "Authorised by the caller's LiveKit token for `roomName`. Pages oldest first: "
        "pass the `id` of the last message you have as `after` to get the ones sent "
        "after it; an empty list means you are up to date. Paging is stable while "
        "others write: no message is skipped or repeated. A late joiner asks for "
        "`latest=true` first and scrolls back with `before` (the oldest id it has); "
        "each page is still oldest first, and a page shorter than `limit` is the start. "
        "403 `removed_from_meeting` for a participant a host removed."
    ),
    responses=error_responses(*PARTICIPANT_ERRORS, RoomNotFound, InvalidCursor, InvalidPaging),
)
def read_messages(
    token: BearerToken,
    db: Db,
    room_name: Annotated[str, Query(alias="roomName", min_length=1, max_length=200)],
    after: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The id of the last message already read; omit to start at the first",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size, 1 to 200")] = 100,
    before: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The id of the oldest message already read: the page before it",
        ),
    ] = None,
    latest: Annotated[
        bool, Query(description="The newest `limit` messages (a late joiner's first page)")
    ] = False,
) -> MessagePage:
    participant = verify_participant_token(token, room_name)
    records = service.list_messages(
        db, participant, after=after, limit=limit, before=before, latest=latest
    )
    return MessagePage.model_validate({"messages": records})
